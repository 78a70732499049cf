//! PEP 503 name canonicalisation and PEP 508 name validation.

use antivenom_deps::{is_valid_name, normalize_name};
use thiserror::Error;

/// A string that cannot be a PyPI project name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NameError {
    /// The name is empty (or only whitespace).
    #[error("empty package name")]
    Empty,
    /// The name does not follow the PEP 508 name grammar: ASCII letters, digits,
    /// `-`, `_` and `.`, starting and ending with a letter or digit.
    #[error("`{name}` is not a valid PyPI project name")]
    Invalid {
        /// The offending name, as given.
        name: String,
    },
}

/// Canonicalises a project name as PEP 503 does: lower case, and every run of `-`, `_`
/// and `.` becomes one `-`. Names that differ only in case or separators are the same
/// project on PyPI.
///
/// Surrounding whitespace is ignored. Returns an error for strings that are not valid
/// PEP 508 names (so the result only ever holds `a-z`, `0-9` and single inner `-`).
pub fn canonical_name(name: &str) -> Result<String, NameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if !is_valid_name(name) {
        return Err(NameError::Invalid {
            name: name.to_owned(),
        });
    }
    Ok(normalize_name(name))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_separator_runs() {
        assert_eq!(
            canonical_name("Typing_Extensions").unwrap(),
            "typing-extensions"
        );
        assert_eq!(canonical_name("jw.util").unwrap(), "jw-util");
        assert_eq!(canonical_name("a-_.b").unwrap(), "a-b");
        assert_eq!(canonical_name("  PyYAML\n").unwrap(), "pyyaml");
    }

    #[test]
    fn rejects_non_names() {
        assert_eq!(canonical_name(""), Err(NameError::Empty));
        assert_eq!(canonical_name("   "), Err(NameError::Empty));
        assert!(canonical_name("-leading").is_err());
        assert!(canonical_name("trailing.").is_err());
        assert!(canonical_name("spa ce").is_err());
        assert!(canonical_name("reqüests").is_err());
        assert!(canonical_name("requests>=2").is_err());
    }
}
