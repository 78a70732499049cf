//! What a receiver was built from (`tar = tarfile.open(p)`, `with
//! requests.Session() as s`), and which modules a file imports. Rules use
//! these to tell `tar.extractall()` from an unrelated `.extractall()`.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, Stmt};
use ruff_python_semantic::{BindingKind, Imported};

/// The expression `expr` stands for: a name bound by a plain assignment or
/// by a `with … as name` item gives the assigned (context) expression, as
/// bound at this use; any other expression is returned unchanged. `None`
/// for names bound in other ways (parameters, loops, imports, unknown).
pub(crate) fn bound_value<'x, 'a: 'x>(
    semantic: &FileSemantic<'a>,
    expr: &'x Expr,
) -> Option<&'x Expr> {
    let Expr::Name(name) = expr else {
        return Some(expr);
    };
    let model = semantic.model();
    let binding = model.binding(model.resolve_name(name)?);
    if !matches!(
        binding.kind,
        BindingKind::Assignment | BindingKind::WithItemVar
    ) {
        return None;
    }
    let is_this_binding =
        |target: &Expr| matches!(target, Expr::Name(target) if target.range == binding.range);
    match binding.statement(model)? {
        Stmt::Assign(assign) => assign
            .targets
            .iter()
            .any(is_this_binding)
            .then_some(&*assign.value),
        Stmt::AnnAssign(assign) if is_this_binding(&assign.target) => assign.value.as_deref(),
        Stmt::With(with) => with
            .items
            .iter()
            .find(|item| item.optional_vars.as_deref().is_some_and(is_this_binding))
            .map(|item| &item.context_expr),
        _ => None,
    }
}

/// The qualified name of the callable whose result `expr` is: `tarfile.open`
/// for `tarfile.open(p)`, `await tarfile.open(p)`, or a name bound from
/// either.
pub(crate) fn constructor(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<String> {
    let value = match bound_value(semantic, expr)? {
        Expr::Await(awaited) => &*awaited.value,
        other => other,
    };
    let Expr::Call(call) = value else {
        return None;
    };
    semantic.qualified_name(&call.func)
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
