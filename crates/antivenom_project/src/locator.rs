//! Module names for every file of a scan: package files from their
//! `__init__.py` chain, other files from the scan roots (with `src/`
//! layouts).
//!
//! Rules, in order:
//! 1. A file inside a regular package (its directory holds an
//!    `__init__.py`) is named by the chain of package directories above it,
//!    wherever the scan started: `<root>/src/pkg/mod.py` is `pkg.mod`, and so
//!    is `<root>/services/api/pkg/mod.py` when `services` and `api` have no
//!    `__init__.py` (they are taken as directories on `sys.path`, the usual
//!    monorepo layout).
//! 2. Any other file is named by its path below the innermost root that
//!    holds it: a scan root, or a scan root's `src/` directory (so
//!    `<root>/app.py` is `app`, `<root>/src/tool.py` is `tool`, and
//!    `<root>/scripts/tool.py` is `scripts.tool`: directories without
//!    `__init__.py` below a root are namespace packages, PEP 420).
//! 3. When that path has a part that is not an identifier
//!    (`my-scripts/tool.py`), or no root holds the file, the file is named by
//!    its stem alone (its directory is its import root, as for a script).
//!
//! Files whose own stem is not an identifier (`0001_initial.py` is fine,
//! `my-tool.py` is not) have no module name.
//!
//! Paths are compared lexically after making them absolute against the
//! current directory; symbolic links are not followed.

use crate::module_path::{ModulePath, PackageDirectories, is_identifier, package_chain};
use std::path::{Component, Path, PathBuf};

/// Names files as modules, given the roots of a scan.
#[derive(Debug, Default)]
pub struct ModuleLocator {
    /// Absolute, normalised import roots, innermost (longest) first.
    roots: Vec<PathBuf>,
    /// Directory used to make relative paths absolute.
    current_directory: Option<PathBuf>,
    packages: PackageDirectories,
}

impl ModuleLocator {
    /// A locator for a scan of `scan_roots` (the paths given on the command
    /// line, or extra `sys.path` roots from the configuration). A root that
    /// is a file stands for its directory; each root's `src/` directory, when
    /// there is one, is a root too.
    #[must_use]
    pub fn new<P: AsRef<Path>>(scan_roots: impl IntoIterator<Item = P>) -> Self {
        let current_directory = std::env::current_dir().ok();
        let mut roots = Vec::new();
        for root in scan_roots {
            let root = root.as_ref();
            let directory = if root.is_file() {
                root.parent().unwrap_or(Path::new(""))
            } else {
                root
            };
            let directory = absolute(directory, current_directory.as_deref());
            let src = directory.join("src");
            if src.is_dir() {
                roots.push(src);
            }
            roots.push(directory);
        }
        roots.sort_by(|a, b| {
            b.components()
                .count()
                .cmp(&a.components().count())
                .then_with(|| a.cmp(b))
        });
        roots.dedup();
        Self {
            roots,
            current_directory,
            packages: PackageDirectories::default(),
        }
    }

    /// The import roots, innermost first.
    #[must_use]
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The cache of package directories, shared with
    /// [`crate::module_path_in`] callers.
    #[must_use]
    pub fn packages(&self) -> &PackageDirectories {
        &self.packages
    }

    /// The module name of `file` (see the module documentation for the
    /// rules), or `None` when the file's stem is not an identifier.
    #[must_use]
    pub fn module_path(&self, file: &Path) -> Option<ModulePath> {
        let file = absolute(file, self.current_directory.as_deref());
        let (segments, is_package, levels) = package_chain(&file, &self.packages)?;
        if levels > 0 {
            return Some(ModulePath {
                segments,
                is_package,
            });
        }
        let stem = segments;
        let from_root = file.parent().and_then(|directory| {
            let root = self.roots.iter().find(|root| directory.starts_with(root))?;
            let below = directory.strip_prefix(root).ok()?;
            let mut names = Vec::new();
            for component in below.components() {
                let name = component.as_os_str().to_str()?;
                if !is_identifier(name) {
                    return None;
                }
                names.push(name.to_owned());
            }
            Some(names)
        });
        let mut names = from_root.unwrap_or_default();
        names.extend(stem);
        Some(ModulePath {
            segments: names,
            is_package: false,
        })
    }
}

/// `path` made absolute against `current` and normalised lexically (`.`
/// dropped, `..` applied).
fn absolute(path: &Path, current: Option<&Path>) -> PathBuf {
    let joined;
    let path = match current {
        Some(current) if path.is_relative() => {
            joined = current.join(path);
            joined.as_path()
        }
        _ => path,
    };
    let mut normalised = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normalised.pop() {
                    normalised.push(component);
                }
            }
            other => normalised.push(other),
        }
    }
    normalised
}
