//! Checks shared by several rules.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;

/// `true` when `expr` is a constant `True`-like value (folded).
pub(crate) fn is_truthy_constant(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    semantic
        .constant(expr)
        .is_some_and(|value| value.is_truthy())
}

/// The qualified-name pattern test used by rules: exact names, or
/// `prefix*` patterns.
pub(crate) fn name_in(name: &str, patterns: &[&str]) -> bool {
    patterns
        .iter()
        .any(|pattern| match pattern.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == *pattern,
        })
}
