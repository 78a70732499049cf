//! Builds a project index from in-memory files.
#![allow(clippy::unwrap_used, dead_code)]

use antivenom_project::{ModuleSymbols, ProjectIndex, Resolution};

/// The module name and package flag of a relative path such as
/// `pkg/sub/__init__.py` (`pkg.sub`, package) or `src/app.py` with the
/// `src/` prefix dropped.
pub fn module_of(path: &str) -> (String, bool) {
    let path = path.strip_prefix("src/").unwrap_or(path);
    let stem = path
        .strip_suffix(".pyi")
        .or_else(|| path.strip_suffix(".py"))
        .unwrap();
    let mut parts: Vec<&str> = stem.split('/').collect();
    let is_package = parts.last() == Some(&"__init__");
    if is_package {
        parts.pop();
    }
    (parts.join("."), is_package)
}

/// Parses each `(path, source)` and indexes them in order.
pub fn project(files: &[(&str, &str)]) -> ProjectIndex {
    let modules = files
        .iter()
        .map(|(path, source)| {
            let (name, is_package) = module_of(path);
            let parsed = ruff_python_parser::parse_module(source).unwrap();
            ModuleSymbols::from_suite(name, is_package, parsed.suite()).with_path(*path)
        })
        .collect();
    ProjectIndex::new(modules)
}

/// Renders a resolution with qualified names, for readable assertions.
pub fn show(index: &ProjectIndex, resolution: &Resolution) -> String {
    match resolution {
        Resolution::Function(id) => format!("function {}", index.function_qualified_name(*id)),
        Resolution::Class(id) => format!("class {}", index.class_qualified_name(*id)),
        Resolution::Module(name) => format!("module {name}"),
        Resolution::External(name) => format!("external {name}"),
        Resolution::Unknown => "unknown".to_owned(),
    }
}

/// `show(resolve(module, name))`.
pub fn resolve(index: &ProjectIndex, module: &str, name: &str) -> String {
    show(index, &index.resolve(module, name))
}

/// `show(resolve_dotted(module, dotted))`.
pub fn dotted(index: &ProjectIndex, module: &str, dotted: &str) -> String {
    show(index, &index.resolve_dotted(module, dotted))
}
