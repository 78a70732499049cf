//! A file's dotted module path, found from the `__init__.py` files around it.
//!
//! This is the one place that turns a file path into a module name from the
//! package structure alone; [`crate::ModuleLocator`] builds on it to also name
//! files outside any package from the scan roots.

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Most package directories walked up from a file (deeper trees are cut).
const MAX_PACKAGE_DEPTH: usize = 64;

/// Where a file sits in its package.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ModulePath {
    /// `["pkg", "sub", "mod"]` for `pkg/sub/mod.py`; `["pkg", "sub"]` for
    /// `pkg/sub/__init__.py`.
    pub segments: Vec<String>,
    /// `true` for an `__init__.py(i)`.
    pub is_package: bool,
}

impl ModulePath {
    /// The dotted name, `pkg.sub.mod`.
    #[must_use]
    pub fn dotted(&self) -> String {
        self.segments.join(".")
    }
}

/// Which directories hold an `__init__.py(i)`, remembered across the files
/// of a run (many files share their directories). Shareable between
/// threads.
#[derive(Debug, Default)]
pub struct PackageDirectories {
    known: Mutex<FxHashMap<PathBuf, bool>>,
}

impl PackageDirectories {
    /// An empty cache.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// `true` when `directory` holds an `__init__.py` or `__init__.pyi`
    /// (a regular package).
    #[must_use]
    pub fn is_package(&self, directory: &Path) -> bool {
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
///
/// The chain of package directories (each with an `__init__.py`) above the
/// file names it: the parent of the topmost package is taken as the import
/// root, wherever the scan started.
#[must_use]
pub fn module_path_in(file: &Path, packages: &PackageDirectories) -> Option<ModulePath> {
    let (segments, is_package, levels) = package_chain(file, packages)?;
    if levels == 0 {
        return None;
    }
    Some(ModulePath {
        segments,
        is_package,
    })
}

/// The file's own name followed by the names of the package directories
/// above it, in import order, with whether the file is an `__init__`, and
/// how many package directories were found (0: not in a package). `None`
/// when a name is not an identifier or the file has no usable name.
pub(crate) fn package_chain(
    file: &Path,
    packages: &PackageDirectories,
) -> Option<(Vec<String>, bool, usize)> {
    let stem = file.file_stem()?.to_str()?;
    let is_package = stem == "__init__";
    let mut segments = Vec::new();
    if !is_package {
        segments.push(stem.to_owned());
    }
    let mut directory = file.parent()?;
    let mut levels = 0;
    while !directory.as_os_str().is_empty() && packages.is_package(directory) {
        let name = directory.file_name()?.to_str()?;
        segments.push(name.to_owned());
        levels += 1;
        match directory.parent() {
            Some(parent) if levels < MAX_PACKAGE_DEPTH => directory = parent,
            _ => break,
        }
    }
    if segments.is_empty() || segments.iter().any(|segment| !is_identifier(segment)) {
        return None;
    }
    segments.reverse();
    Some((segments, is_package, levels))
}

/// `true` for a Python identifier (ASCII rules extended to alphabetic
/// Unicode characters, which is close enough for module names).
#[must_use]
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}
