//! The name a string literal is bound to where it is written: the target
//! of an assignment, a keyword argument, a dict key or a parameter whose
//! default it is. Secrets rules use it to read a value in context.

use crate::RuleContext;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

/// The name `target` binds: a variable, an attribute, or a constant
/// subscript key (`config["password"]`).
fn target_name(cx: &RuleContext<'_, '_>, target: &Expr) -> Option<String> {
    match target {
        Expr::Name(name) => Some(name.id.to_string()),
        Expr::Attribute(attribute) => Some(attribute.attr.to_string()),
        Expr::Subscript(subscript) => cx.semantic().constant_str(&subscript.slice),
        _ => None,
    }
}

/// The name `expr` (the expression being checked) is bound to, if it is
/// the whole value of an assignment, an annotated assignment, a keyword
/// argument, a dict entry with a constant key, or a parameter default.
pub(crate) fn bound_name(cx: &RuleContext<'_, '_>, expr: &Expr) -> Option<String> {
    let range = expr.range();
    match cx.parent_expression() {
        Some(Expr::Call(call)) => {
            return call
                .arguments
                .keywords
                .iter()
                .find(|keyword| keyword.value.range() == range)
                .and_then(|keyword| keyword.arg.as_ref())
                .map(ToString::to_string);
        }
        Some(Expr::Dict(dict)) => {
            let item = dict.items.iter().find(|item| item.value.range() == range)?;
            return cx.semantic().constant_str(item.key.as_ref()?);
        }
        Some(_) => return None,
        None => {}
    }
    match cx.statement()? {
        Stmt::Assign(assign) if assign.value.range() == range => assign
            .targets
            .iter()
            .find_map(|target| target_name(cx, target)),
        Stmt::AnnAssign(assign)
            if assign
                .value
                .as_ref()
                .is_some_and(|value| value.range() == range) =>
        {
            target_name(cx, &assign.target)
        }
        Stmt::FunctionDef(function) => function
            .parameters
            .iter_non_variadic_params()
            .find(|parameter| {
                parameter
                    .default()
                    .is_some_and(|default| default.range() == range)
            })
            .map(|parameter| parameter.name().to_string()),
        _ => None,
    }
}
