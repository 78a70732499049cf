//! A file's dotted module path, found from the `__init__.py` files around it.

use std::path::Path;

/// Where a file sits in its package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePath {
    /// `["pkg", "sub", "mod"]` for `pkg/sub/mod.py`; `["pkg", "sub"]` for
    /// `pkg/sub/__init__.py`.
    pub segments: Vec<String>,
    /// `true` for an `__init__.py(i)`.
    pub is_package: bool,
}

/// The module path of `file`, or `None` when it is not inside a package
/// (no `__init__.py` beside it) or a name is not a Python identifier.
#[must_use]
pub fn module_path_of(file: &Path) -> Option<ModulePath> {
    let stem = file.file_stem()?.to_str()?;
    let is_package = stem == "__init__";
    let mut segments = Vec::new();
    if !is_package {
        segments.push(stem.to_owned());
    }
    let mut directory = file.parent()?;
    let mut levels = 0;
    while directory.join("__init__.py").is_file() || directory.join("__init__.pyi").is_file() {
        let name = directory.file_name()?.to_str()?;
        segments.push(name.to_owned());
        levels += 1;
        match directory.parent() {
            Some(parent) if levels < 64 => directory = parent,
            _ => break,
        }
    }
    if levels == 0 || segments.iter().any(|segment| !is_identifier(segment)) {
        return None;
    }
    segments.reverse();
    Some(ModulePath {
        segments,
        is_package,
    })
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}
