//! Finding the dependency manifests of a project directory.

use std::path::{Path, PathBuf};

use crate::read::manifest_kind;

/// Directories never searched: virtual environments, VCS data, caches, vendored JS.
const SKIPPED_DIRS: &[&str] = &[
    ".venv",
    "venv",
    "env",
    ".env",
    "node_modules",
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    "__pycache__",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
];

/// How deep [`discover`] looks below the given directory (requirements files often
/// live in `requirements/` or `requirements/dev/`).
const MAX_DEPTH: usize = 3;

/// Whether a file name is one that [`crate::read_manifest`] reads:
/// `requirements*.txt`, `*.in`, `pyproject.toml`, `poetry.lock`, `Pipfile.lock`,
/// `uv.lock`, `pdm.lock`, `pylock.toml`, `pylock.*.toml`, and `*.txt` inside a
/// `requirements` directory.
#[must_use]
pub fn is_manifest_file_name(path: &Path) -> bool {
    manifest_kind(path).is_some()
}

/// The dependency manifests in `dir` and its subdirectories (up to three levels,
/// skipping virtual environments, `.git`, `node_modules` and caches), sorted.
/// Unreadable directories are skipped silently. If `dir` is a file, it is
/// returned when it is a manifest.
#[must_use]
pub fn discover(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if dir.is_file() {
        if is_manifest_file_name(dir) {
            found.push(dir.to_path_buf());
        }
        return found;
    }
    walk(dir, 0, &mut found);
    found.sort();
    found
}

/// Collects manifests under `dir`.
fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let skipped = SKIPPED_DIRS.contains(&name.as_ref())
                || name.ends_with(".egg-info")
                || name.ends_with(".dist-info");
            if depth < MAX_DEPTH && !skipped {
                walk(&path, depth + 1, found);
            }
        } else if is_manifest_file_name(&path) {
            found.push(path);
        }
    }
}
