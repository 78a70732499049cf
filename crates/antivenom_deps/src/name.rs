//! PEP 503 package name normalisation.

/// Normalises a distribution name as PEP 503 describes: lower case, with every run
/// of `-`, `_` and `.` replaced by a single `-`.
///
/// `PyYAML` → `pyyaml`, `jw.util` → `jw-util`, `Foo__Bar` → `foo-bar`.
#[must_use]
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_separator_run = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_separator_run {
                out.push('-');
            }
            in_separator_run = true;
        } else {
            out.extend(c.to_lowercase());
            in_separator_run = false;
        }
    }
    out
}

/// Whether `name` is a syntactically valid distribution name (PEP 508 `identifier`).
#[must_use]
pub fn is_valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_separators() {
        assert_eq!(normalize_name("PyYAML"), "pyyaml");
        assert_eq!(normalize_name("jw.util"), "jw-util");
        assert_eq!(normalize_name("Foo__Bar-._baz"), "foo-bar-baz");
        assert_eq!(normalize_name(" requests "), "requests");
    }

    #[test]
    fn validates_names() {
        assert!(is_valid_name("zope.interface"));
        assert!(!is_valid_name("-foo"));
        assert!(!is_valid_name(""));
        assert!(!is_valid_name("foo bar"));
    }
}
