//! Import statements of a given module.

use ruff_python_ast::Stmt;

/// `true` when `stmt` imports `module` (`import m`, `import m.sub`,
/// `from m import x`), unless a `from` import takes only names listed in
/// `harmless`.
pub(crate) fn imports_module(stmt: &Stmt, module: &str, harmless: &[&str]) -> bool {
    match stmt {
        Stmt::Import(import) => import.names.iter().any(|alias| {
            let name = alias.name.as_str();
            name == module
                || name
                    .strip_prefix(module)
                    .is_some_and(|rest| rest.starts_with('.'))
        }),
        Stmt::ImportFrom(import) => {
            import.level == 0
                && import
                    .module
                    .as_ref()
                    .is_some_and(|imported| imported.as_str() == module)
                && !import
                    .names
                    .iter()
                    .all(|alias| harmless.contains(&alias.name.as_str()))
        }
        _ => false,
    }
}
