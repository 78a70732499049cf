//! A file's dotted module path, found from the `__init__.py` files around it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Where a file sits in its package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePath {
    /// `["pkg", "sub", "mod"]` for `pkg/sub/mod.py`; `["pkg", "sub"]` for
    /// `pkg/sub/__init__.py`.
    pub segments: Vec<String>,
    /// `true` for an `__init__.py(i)`.
    pub is_package: bool,
}

/// Which directories hold an `__init__.py(i)`, remembered across the files
/// of a run (many files share their directories).
#[derive(Debug, Default)]
pub(crate) struct PackageDirectories {
    known: Mutex<HashMap<PathBuf, bool>>,
}

impl PackageDirectories {
    fn is_package(&self, directory: &Path) -> bool {
        let lock = || self.known.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&known) = lock().get(directory) {
            return known;
        }
        // Looked up without holding the lock; two threads may both look.
        let is_package =
            directory.join("__init__.py").is_file() || directory.join("__init__.pyi").is_file();
        lock().insert(directory.to_path_buf(), is_package);
        is_package
    }
}

/// The module path of `file`, or `None` when it is not inside a package
/// (no `__init__.py` beside it) or a name is not a Python identifier.
#[must_use]
pub fn module_path_of(file: &Path) -> Option<ModulePath> {
    module_path_in(file, &PackageDirectories::default())
}

/// [`module_path_of`], looking directories up in `packages`.
#[must_use]
pub(crate) fn module_path_in(file: &Path, packages: &PackageDirectories) -> Option<ModulePath> {
    let stem = file.file_stem()?.to_str()?;
    let is_package = stem == "__init__";
    let mut segments = Vec::new();
    if !is_package {
        segments.push(stem.to_owned());
    }
    let mut directory = file.parent()?;
    let mut levels = 0;
    while packages.is_package(directory) {
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
