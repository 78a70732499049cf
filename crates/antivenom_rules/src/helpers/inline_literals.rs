//! Whether an argument is literal text written at the call site: what a
//! reviewer can read without following names, calls or formatting.
//! Audit rules that list "SQL or markup not written inline" use it; it says
//! nothing about whether a value is attacker-controlled (constant folding
//! does that for the stable rules).

use ruff_python_ast::{Expr, InterpolatedStringElement};

/// `true` for a string or bytes literal (implicit concatenation included),
/// an f-string without replacement fields, or a list, tuple, set or dict
/// display made only of such literals (dict keys and values).
pub(crate) fn is_inline_literal(expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) => true,
        Expr::FString(fstring) => fstring
            .value
            .elements()
            .all(|element| matches!(element, InterpolatedStringElement::Literal(_))),
        Expr::List(list) => list.elts.iter().all(is_inline_literal),
        Expr::Tuple(tuple) => tuple.elts.iter().all(is_inline_literal),
        Expr::Set(set) => set.elts.iter().all(is_inline_literal),
        Expr::Dict(dict) => dict.items.iter().all(|item| {
            item.key.as_ref().is_some_and(is_inline_literal) && is_inline_literal(&item.value)
        }),
        _ => false,
    }
}
