//! Finding the Python files to analyse.
//!
//! Directories are walked in parallel with the `ignore` crate, honouring
//! `.gitignore`, `.ignore` and git's exclude files (also outside a git
//! repository) and the exclude patterns. Files named on the command line are
//! always analysed, whatever their name.
//!
//! Exclude patterns follow Ruff: a pattern without a `/` matches the name of
//! a file or directory anywhere in the tree (`.venv`, `*_pb2.py`); a pattern
//! with a `/` matches the path relative to the scanned directory, or the
//! path as it is displayed (`legacy/*.py`, `src/gen/**`). `*` does not cross
//! a `/`; `**` does. Excluded directories are not descended into.

use antivenom_diagnostics::{FileError, FileErrorKind, SkippedFile};
use antivenom_python::is_python_shebang;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::{DirEntry, WalkBuilder, WalkState};
use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Ruff's default exclusions plus `build` and `__pycache__`.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pyenv",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    ".vscode",
    "__pypackages__",
    "_build",
    "buck-out",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
    "build",
    "__pycache__",
];

/// Bytes read from an extension-less file to look for a Python shebang
/// (Linux reads at most 256 bytes of a `#!` line).
const SHEBANG_PROBE_BYTES: u64 = 256;

/// What to look for and what to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryOptions {
    /// Exclude patterns. Defaults to [`DEFAULT_EXCLUDES`]; setting it (from
    /// `--exclude` or the configuration's `exclude`) replaces the defaults.
    pub exclude: Vec<String>,
    /// Patterns excluded in addition to `exclude` (`--extend-exclude`).
    pub extend_exclude: Vec<String>,
    /// Honour `.gitignore`, `.ignore`, `.git/info/exclude` and the global
    /// gitignore file.
    pub respect_gitignore: bool,
}

impl Default for DiscoveryOptions {
    fn default() -> Self {
        Self {
            exclude: DEFAULT_EXCLUDES
                .iter()
                .map(|pattern| (*pattern).to_owned())
                .collect(),
            extend_exclude: Vec::new(),
            respect_gitignore: true,
        }
    }
}

/// The outcome of discovery.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// Files to analyse, sorted, each once.
    pub files: Vec<PathBuf>,
    /// Paths that could not be read (kind [`FileErrorKind::Io`]), sorted.
    pub errors: Vec<FileError>,
    /// Paths named on the command line that are not regular files
    /// (FIFOs, sockets, devices), sorted.
    pub skipped: Vec<SkippedFile>,
}

/// Why discovery could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiscoveryError {
    /// An exclude pattern is not a valid glob.
    #[error("invalid exclude pattern `{pattern}`: {message}")]
    InvalidPattern {
        /// The pattern as given.
        pattern: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Finds the Python files under `paths`.
///
/// Directories are walked (see the module documentation); files named in
/// `paths` are always included. Paths that do not exist or cannot be read
/// become [`FileError`]s rather than being dropped. The same file reached
/// twice (overlapping arguments, symbolic links) is listed once, under the
/// smallest of its paths; symbolic link loops are not followed twice.
///
/// # Errors
///
/// [`DiscoveryError::InvalidPattern`] when an exclude pattern is not a glob.
pub fn discover(
    paths: &[PathBuf],
    options: &DiscoveryOptions,
) -> Result<Discovered, DiscoveryError> {
    let excludes = Arc::new(Excludes::new(
        options.exclude.iter().chain(&options.extend_exclude),
    )?);
    let mut found = Found {
        // Overlapping arguments can name the same file twice.
        may_alias: paths.len() > 1,
        ..Found::default()
    };
    for path in paths {
        match std::fs::metadata(path) {
            Err(error) => found.errors.push(io_error(path, &error.to_string())),
            Ok(metadata) if metadata.is_dir() => {
                walk_directory(path, &excludes, options.respect_gitignore, &mut found);
            }
            Ok(metadata) if metadata.is_file() => found.files.push(path.clone()),
            Ok(_) => found.skipped.push(SkippedFile {
                path: path.clone(),
                reason: "not a regular file".to_owned(),
            }),
        }
    }
    Ok(found.finish())
}

/// Everything found so far, in discovery order.
#[derive(Debug, Default)]
struct Found {
    files: Vec<PathBuf>,
    errors: Vec<FileError>,
    skipped: Vec<SkippedFile>,
    /// The same file may be listed under two paths (several arguments, or
    /// a symbolic link was followed), so paths must be compared canonically.
    may_alias: bool,
}

impl Found {
    /// Normalises, sorts and deduplicates.
    fn finish(self) -> Discovered {
        let mut files: Vec<PathBuf> = self.files.into_iter().map(strip_current_dir).collect();
        files.sort();
        files.dedup();
        // The same file under different paths: keep the first (smallest) path.
        if self.may_alias {
            let mut seen = HashSet::new();
            files.retain(|path| {
                seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            });
        }

        let mut errors = self.errors;
        for error in &mut errors {
            error.path = strip_current_dir(std::mem::take(&mut error.path));
        }
        errors.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        errors.dedup();

        let mut skipped = self.skipped;
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        skipped.dedup();
        Discovered {
            files,
            errors,
            skipped,
        }
    }
}

/// One result of the parallel walk.
enum WalkItem {
    File(PathBuf),
    Error(FileError),
}

fn walk_directory(
    root: &Path,
    excludes: &Arc<Excludes>,
    respect_gitignore: bool,
    found: &mut Found,
) {
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .parents(true)
        .ignore(respect_gitignore)
        .git_ignore(respect_gitignore)
        .git_global(respect_gitignore)
        .git_exclude(respect_gitignore)
        .require_git(false)
        .follow_links(true);
    let filter_root = root.to_path_buf();
    let filter_excludes = Arc::clone(excludes);
    builder.filter_entry(move |entry| {
        // The directory the user named is scanned even if it matches.
        entry.depth() == 0 || !filter_excludes.is_excluded(&filter_root, entry.path())
    });

    let items = Mutex::new(Vec::new());
    let saw_symlink = AtomicBool::new(false);
    builder.build_parallel().run(|| {
        Box::new(|result| {
            let item = match result {
                Ok(entry) => {
                    if entry.path_is_symlink() {
                        saw_symlink.store(true, Ordering::Relaxed);
                    }
                    selected_file(&entry).map(WalkItem::File)
                }
                Err(error) => walk_error(&error).map(WalkItem::Error),
            };
            if let Some(item) = item {
                items
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(item);
            }
            WalkState::Continue
        })
    });
    if saw_symlink.into_inner() {
        found.may_alias = true;
    }
    for item in items.into_inner().unwrap_or_else(PoisonError::into_inner) {
        match item {
            WalkItem::File(path) => found.files.push(path),
            WalkItem::Error(error) => found.errors.push(error),
        }
    }
}

/// The entry's path if it is a Python file: `.py`, `.pyi`, or no extension
/// and a Python shebang.
fn selected_file(entry: &DirEntry) -> Option<PathBuf> {
    // With `follow_links`, the type is that of the link's target.
    if !entry.file_type().is_some_and(|kind| kind.is_file()) {
        return None;
    }
    let path = entry.path();
    let selected = match path.extension() {
        Some(extension) => extension == "py" || extension == "pyi",
        None => has_python_shebang(path),
    };
    selected.then(|| path.to_path_buf())
}

fn has_python_shebang(path: &Path) -> bool {
    let mut head = Vec::new();
    File::open(path)
        .and_then(|file| file.take(SHEBANG_PROBE_BYTES).read_to_end(&mut head))
        .is_ok_and(|_| is_python_shebang(&head))
}

/// Turns a walk error into a file error, or `None` for errors that are not
/// about a file we would analyse: symbolic link loops (the walker does not
/// follow them again), malformed ignore files, and dangling symbolic links
/// whose name does not look like Python.
fn walk_error(error: &ignore::Error) -> Option<FileError> {
    let mut path = None;
    let mut current = error;
    loop {
        match current {
            ignore::Error::WithPath { path: at, err } => {
                path.get_or_insert_with(|| at.clone());
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err;
            }
            ignore::Error::Loop { .. }
            | ignore::Error::Glob { .. }
            | ignore::Error::Partial(_)
            | ignore::Error::UnrecognizedFileType(_)
            | ignore::Error::InvalidDefinition => return None,
            ignore::Error::Io(io) => {
                let path = path?;
                let dangling_link = io.kind() == std::io::ErrorKind::NotFound
                    && path
                        .symlink_metadata()
                        .is_ok_and(|meta| meta.file_type().is_symlink());
                let looks_like_python = path
                    .extension()
                    .is_some_and(|extension| extension == "py" || extension == "pyi");
                if dangling_link && !looks_like_python {
                    return None;
                }
                return Some(io_error(&path, &io.to_string()));
            }
        }
    }
}

fn io_error(path: &Path, message: &str) -> FileError {
    FileError {
        path: path.to_path_buf(),
        kind: FileErrorKind::Io,
        line: None,
        column: None,
        message: message.to_owned(),
    }
}

/// `./a/b.py` → `a/b.py`; `.` stays `.`.
fn strip_current_dir(path: PathBuf) -> PathBuf {
    let mut components = path.components().peekable();
    let mut stripped = false;
    while components.peek() == Some(&Component::CurDir) {
        components.next();
        stripped = true;
    }
    if !stripped {
        return path;
    }
    let rest: PathBuf = components.collect();
    if rest.as_os_str().is_empty() {
        path
    } else {
        rest
    }
}

/// Compiled exclude patterns.
#[derive(Debug)]
struct Excludes {
    /// Patterns without `/`, matched against names.
    names: GlobSet,
    /// Patterns with `/`, matched against paths.
    paths: GlobSet,
}

impl Excludes {
    fn new<'a>(patterns: impl IntoIterator<Item = &'a String>) -> Result<Self, DiscoveryError> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for pattern in patterns {
            let trimmed = pattern.trim();
            let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
            let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
            if trimmed.is_empty() {
                continue;
            }
            let glob = compile(pattern, trimmed)?;
            if trimmed.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build = |builder: GlobSetBuilder| {
            builder
                .build()
                .map_err(|error| DiscoveryError::InvalidPattern {
                    pattern: String::new(),
                    message: error.to_string(),
                })
        };
        Ok(Self {
            names: build(names)?,
            paths: build(paths)?,
        })
    }

    /// `true` when `path`, found under `root`, matches a pattern.
    fn is_excluded(&self, root: &Path, path: &Path) -> bool {
        if path
            .file_name()
            .is_some_and(|name| self.names.is_match(name))
        {
            return true;
        }
        if self.paths.is_empty() {
            return false;
        }
        let relative = path.strip_prefix(root).unwrap_or(path);
        let displayed = strip_current_dir(path.to_path_buf());
        self.paths.is_match(relative)
            || self.paths.is_match(&displayed)
            || std::path::absolute(path).is_ok_and(|absolute| self.paths.is_match(absolute))
    }
}

fn compile(original: &str, pattern: &str) -> Result<Glob, DiscoveryError> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|error| DiscoveryError::InvalidPattern {
            pattern: original.to_owned(),
            message: error.kind().to_string(),
        })
}
