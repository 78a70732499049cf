//! Errors that stop a manifest from being read at all.
//!
//! Problems inside a manifest (a requirement that does not parse, a missing
//! include, an unknown version syntax) are not errors: they become
//! [`crate::ManifestWarning`]s and the rest of the file is still read.

use std::path::PathBuf;

/// An error that prevents a whole manifest from being read.
#[derive(Debug, thiserror::Error)]
pub enum DepsError {
    /// The file (or directory) could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory that could not be read.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A TOML manifest or lock file is not valid TOML.
    #[error("{path} is not valid TOML: {message}")]
    Toml {
        /// The manifest.
        path: PathBuf,
        /// The parser's message (includes the position).
        message: String,
    },
    /// A JSON lock file (`Pipfile.lock`) is not valid JSON.
    #[error("{path} is not valid JSON: {source}")]
    Json {
        /// The manifest.
        path: PathBuf,
        /// The underlying JSON error.
        #[source]
        source: serde_json::Error,
    },
    /// The file name is not one of the supported manifest kinds.
    #[error(
        "{path} is not a supported dependency manifest (expected requirements*.txt, *.in, pyproject.toml, poetry.lock, Pipfile.lock, uv.lock, pdm.lock or pylock.toml)"
    )]
    UnsupportedManifest {
        /// The file that was named.
        path: PathBuf,
    },
    /// A manifest has the right syntax but the wrong shape (e.g. `[[package]]` is not an array).
    #[error("{path}: {message}")]
    Malformed {
        /// The manifest.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A `--python-version` value is not a version like `3.12` or `3.11.4`.
    #[error("invalid target Python version `{value}`: expected something like 3.12 or 3.11.4")]
    InvalidPythonVersion {
        /// The value given.
        value: String,
    },
    /// A `--platform` value is not one of the known platforms.
    #[error("unknown target platform `{value}`: expected linux, macos (darwin) or windows (win32)")]
    InvalidPlatform {
        /// The value given.
        value: String,
    },
}
