//! What a receiver was built from (`tar = tarfile.open(p)`, `with
//! requests.Session() as s`), and which modules a file imports. Rules use
//! these to tell `tar.extractall()` from an unrelated `.extractall()`.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;
use ruff_python_semantic::Imported;

/// The expression `expr` stands for (see [`FileSemantic::bound_value`]).
pub(crate) fn bound_value<'x, 'a: 'x>(
    semantic: &FileSemantic<'a>,
    expr: &'x Expr,
) -> Option<&'x Expr> {
    semantic.bound_value(expr)
}

/// The callable whose result `expr` is (see [`FileSemantic::constructor`]).
pub(crate) fn constructor(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<String> {
    semantic.constructor(expr)
}

/// `true` when the file imports `module` or one of its submodules anywhere
/// (`import flask`, `from flask import Flask`, `import flask.app as a`).
pub(crate) fn file_imports(semantic: &FileSemantic<'_>, module: &str) -> bool {
    // The binder's set of imported roots answers "no" without a scan.
    if !semantic.may_import(module) {
        return false;
    }
    semantic.model().bindings.iter().any(|binding| {
        binding.as_any_import().is_some_and(|import| {
            import
                .qualified_name()
                .segments()
                .first()
                .is_some_and(|first| *first == module)
        })
    })
}
