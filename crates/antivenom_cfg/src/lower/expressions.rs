//! The ops hidden inside expressions: walruses and comprehensions.
//!
//! Before an op evaluates an expression, [`Builder::lower_nested`] walks it
//! in evaluation order (with an explicit stack: expressions can be nested
//! thousands deep) and emits a [`Op::NamedExpr`] after the value of each
//! walrus, and the whole inner loop of each comprehension. Lambda bodies are
//! not entered (they run later, if ever); their defaults are.

use super::Builder;
use crate::op::Op;
use ruff_python_ast::{
    ArgOrKeyword, Expr, ExprNamed, InterpolatedStringElement, InterpolatedStringElements,
};

/// One step of the walk.
enum Work<'a> {
    /// Walk an expression; `bool`: it may be skipped at run time.
    Visit(&'a Expr, bool),
    /// The walrus's value was walked: bind its target.
    Bind(&'a ExprNamed, bool),
    /// Walk the interpolations of an f-string/t-string format spec.
    Elements(&'a InterpolatedStringElements, bool),
}

impl<'a> Builder<'a> {
    /// Emits the ops nested in `root` in evaluation order. `conditional`:
    /// `root` itself may not be evaluated.
    pub(super) fn lower_nested(&mut self, root: &'a Expr, conditional: bool) {
        let mut stack = vec![Work::Visit(root, conditional)];
        while let Some(work) = stack.pop() {
            // Children are pushed in evaluation order, then reversed so the
            // first pops first.
            let first_child = stack.len();
            match work {
                Work::Bind(expr, conditional) => {
                    self.emit(Op::NamedExpr { expr, conditional });
                }
                Work::Elements(elements, conditional) => {
                    push_interpolations(&mut stack, elements, conditional);
                }
                Work::Visit(expr, conditional) => {
                    if let Expr::Named(named) = expr {
                        stack.push(Work::Bind(named, conditional));
                        stack.push(Work::Visit(&named.value, conditional));
                        // Already in pop order.
                        continue;
                    }
                    if self.lower_comprehension(expr) {
                        continue;
                    }
                    push_children(&mut stack, expr, conditional);
                }
            }
            if let Some(children) = stack.get_mut(first_child..) {
                children.reverse();
            }
        }
    }
}

/// Pushes the sub-expressions of `expr` that run when it runs, in
/// evaluation order, each marked conditional when it may be skipped.
fn push_children<'a>(stack: &mut Vec<Work<'a>>, expr: &'a Expr, conditional: bool) {
    let mut visit = |child: &'a Expr, skippable: bool| {
        stack.push(Work::Visit(child, conditional || skippable));
    };
    match expr {
        Expr::BoolOp(bool_op) => {
            for (position, value) in bool_op.values.iter().enumerate() {
                visit(value, position > 0);
            }
        }
        Expr::BinOp(bin_op) => {
            visit(&bin_op.left, false);
            visit(&bin_op.right, false);
        }
        Expr::UnaryOp(unary) => visit(&unary.operand, false),
        Expr::Lambda(lambda) => {
            if let Some(parameters) = lambda.parameters.as_deref() {
                for parameter in parameters
                    .posonlyargs
                    .iter()
                    .chain(&parameters.args)
                    .chain(&parameters.kwonlyargs)
                {
                    if let Some(default) = parameter.default() {
                        visit(default, false);
                    }
                }
            }
        }
        Expr::If(if_expr) => {
            visit(&if_expr.test, false);
            visit(&if_expr.body, true);
            visit(&if_expr.orelse, true);
        }
        Expr::Dict(dict) => {
            for item in &dict.items {
                if let Some(key) = &item.key {
                    visit(key, false);
                }
                visit(&item.value, false);
            }
        }
        Expr::Set(set) => set.elts.iter().for_each(|elt| visit(elt, false)),
        Expr::List(list) => list.elts.iter().for_each(|elt| visit(elt, false)),
        Expr::Tuple(tuple) => tuple.elts.iter().for_each(|elt| visit(elt, false)),
        Expr::Await(await_expr) => visit(&await_expr.value, false),
        Expr::Yield(yield_expr) => {
            if let Some(value) = yield_expr.value.as_deref() {
                visit(value, false);
            }
        }
        Expr::YieldFrom(yield_from) => visit(&yield_from.value, false),
        Expr::Compare(compare) => {
            visit(&compare.left, false);
            // `a < b < c` evaluates `c` only when `a < b`.
            for (position, comparator) in compare.comparators.iter().enumerate() {
                visit(comparator, position > 0);
            }
        }
        Expr::Call(call) => {
            visit(&call.func, false);
            for argument in call.arguments.iter_source_order() {
                match argument {
                    ArgOrKeyword::Arg(arg) => visit(arg, false),
                    ArgOrKeyword::Keyword(keyword) => visit(&keyword.value, false),
                }
            }
        }
        Expr::FString(fstring) => {
            for part in fstring.value.f_strings() {
                push_interpolations(stack, &part.elements, conditional);
            }
        }
        Expr::TString(tstring) => {
            for part in tstring.value.iter() {
                push_interpolations(stack, &part.elements, conditional);
            }
        }
        Expr::Attribute(attribute) => visit(&attribute.value, false),
        Expr::Subscript(subscript) => {
            visit(&subscript.value, false);
            visit(&subscript.slice, false);
        }
        Expr::Starred(starred) => visit(&starred.value, false),
        Expr::Slice(slice) => {
            for bound in [&slice.lower, &slice.upper, &slice.step] {
                if let Some(bound) = bound.as_deref() {
                    visit(bound, false);
                }
            }
        }
        // Handled by the caller.
        Expr::Named(_)
        | Expr::ListComp(_)
        | Expr::SetComp(_)
        | Expr::DictComp(_)
        | Expr::Generator(_)
        // No sub-expressions.
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_)
        | Expr::Name(_)
        | Expr::IpyEscapeCommand(_) => {}
    }
}

/// Pushes the interpolated expressions of an f-string or t-string part, each
/// followed by its format spec.
fn push_interpolations<'a>(
    stack: &mut Vec<Work<'a>>,
    elements: &'a InterpolatedStringElements,
    conditional: bool,
) {
    for element in elements {
        if let InterpolatedStringElement::Interpolation(interpolation) = element {
            stack.push(Work::Visit(&interpolation.expression, conditional));
            if let Some(spec) = interpolation.format_spec.as_deref() {
                stack.push(Work::Elements(&spec.elements, conditional));
            }
        }
    }
}
