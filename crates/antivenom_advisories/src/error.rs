//! Errors and warnings of database loading.

use std::fmt;
use std::path::PathBuf;

/// Why an advisory database could not be loaded. Every variant means "no result can be trusted":
/// the caller must fail (exit 2) rather than report a clean dependency set.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// Nothing exists at the given path.
    #[error("advisory database not found at {}", path.display())]
    NotFound {
        /// The path that was given.
        path: PathBuf,
    },
    /// The path exists but could not be read (permissions, I/O error).
    #[error("cannot read advisory database {}: {source}", path.display())]
    Unreadable {
        /// The path that could not be read.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The path is a file that is not a zip archive (or is a corrupt one).
    #[error("{} is not a readable OSV zip archive: {message}", path.display())]
    InvalidZip {
        /// The archive's path.
        path: PathBuf,
        /// What the zip reader reported.
        message: String,
    },
    /// The path is a file of a kind that cannot hold advisories.
    #[error(
        "{} is not an advisory database (expected a directory of OSV .json/.yaml files or an OSV .zip)",
        path.display()
    )]
    Unsupported {
        /// The path that was given.
        path: PathBuf,
    },
    /// The path was read, but no advisory could be loaded from it.
    #[error(
        "advisory database {} is empty: no advisory loaded ({skipped} record(s) skipped as malformed, {withdrawn} withdrawn)",
        path.display()
    )]
    Empty {
        /// The path that was read.
        path: PathBuf,
        /// How many records were skipped because they could not be parsed.
        skipped: usize,
        /// How many records were withdrawn.
        withdrawn: usize,
    },
}

/// A non-fatal problem met while loading: a malformed record, an unreadable file, a range that
/// cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    /// Where: a file path, or `archive.zip!entry.json` for zip entries; for record-level problems,
    /// followed by the advisory id in parentheses.
    pub source: String,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}
