//! Questions about `except` clauses.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::{ExceptHandlerExceptHandler, Expr};

/// `true` when the handler catches everything: a bare `except:`, or
/// `Exception` / `BaseException`, alone or in a tuple.
pub(crate) fn catches_everything(
    semantic: &FileSemantic<'_>,
    handler: &ExceptHandlerExceptHandler,
) -> bool {
    let Some(caught) = handler.type_.as_deref() else {
        return true;
    };
    let broad = |expr: &Expr| {
        semantic
            .qualified_name(expr)
            .is_some_and(|name| name == "Exception" || name == "BaseException")
    };
    match caught {
        Expr::Tuple(tuple) => tuple.elts.iter().any(broad),
        other => broad(other),
    }
}
