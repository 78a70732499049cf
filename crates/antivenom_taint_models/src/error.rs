//! Errors of model files. Messages name the file, the line and the key, like
//! the declarative rule files' errors.

use thiserror::Error;

/// A model file that cannot be read, is malformed, or contradicts a model
/// loaded before it.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    /// The file could not be read.
    #[error("{file}: cannot read taint model file: {message}")]
    Io {
        /// The file.
        file: String,
        /// The OS error.
        message: String,
    },
    /// The TOML is invalid, has an unknown key, a value of the wrong type,
    /// or a value the format does not allow (an unknown class, a bad port).
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A model gives an already-defined name a different meaning.
    #[error(
        "{file}:{line}: {kind} `{name}` is already defined differently at {first}; remove one of them"
    )]
    Conflict {
        /// The file of the second definition.
        file: String,
        /// Its 1-based line.
        line: usize,
        /// The model kind.
        kind: &'static str,
        /// The name (`subprocess.run`, or `.execute` for a method).
        name: String,
        /// `file:line` of the first definition.
        first: String,
    },
}
