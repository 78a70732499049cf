//! Dotted names (`a.b.c`) read from expressions.

use crate::module_path::is_identifier;
use ruff_python_ast::{Expr, Operator};

/// Longest dotted name kept (longer attribute chains are not names).
const MAX_DOTTED_PARTS: usize = 32;

/// `a.b.c` for a chain of attributes on a name, else `None`.
pub(crate) fn dotted_name(expr: &Expr) -> Option<String> {
    let mut parts = Vec::new();
    let mut current = expr;
    loop {
        if parts.len() >= MAX_DOTTED_PARTS {
            return None;
        }
        match current {
            Expr::Attribute(attribute) => {
                parts.push(attribute.attr.id.as_str());
                current = &attribute.value;
            }
            Expr::Name(name) => {
                parts.push(name.id.as_str());
                break;
            }
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts.join("."))
}

/// The dotted name a decorator or base refers to: the callee of a call
/// (`@app.route("/")` gives `app.route`), the value of a subscript
/// (`Generic[T]` gives `Generic`), else the expression itself.
pub(crate) fn callee_or_value_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Call(call) => dotted_name(&call.func),
        Expr::Subscript(subscript) => dotted_name(&subscript.value),
        _ => dotted_name(expr),
    }
}

/// The class an annotation names, when it names one: `C`, `m.C`, `"C"`,
/// with `Optional[C]`, `C | None`, `None | C` reduced to `C` and other
/// generics (`list[C]`) giving their own name (`list`).
pub(crate) fn annotation_name(expr: &Expr) -> Option<String> {
    annotation_name_bounded(expr, 0)
}

fn annotation_name_bounded(expr: &Expr, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match expr {
        Expr::StringLiteral(literal) => {
            let text = literal.value.to_str().trim();
            text.split('.').all(is_identifier).then(|| text.to_owned())
        }
        Expr::BinOp(binary) if binary.op == Operator::BitOr => {
            match (
                binary.left.is_none_literal_expr(),
                binary.right.is_none_literal_expr(),
            ) {
                (true, false) => annotation_name_bounded(&binary.right, depth + 1),
                (false, true) => annotation_name_bounded(&binary.left, depth + 1),
                _ => None,
            }
        }
        Expr::Subscript(subscript) => {
            let name = dotted_name(&subscript.value)?;
            if name == "Optional" || name.ends_with(".Optional") {
                annotation_name_bounded(&subscript.slice, depth + 1)
            } else {
                Some(name)
            }
        }
        _ => dotted_name(expr),
    }
}
