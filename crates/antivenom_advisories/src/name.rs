//! PEP 503 package-name normalisation.

/// Normalises a package name per PEP 503: lower case, every run of `-`, `_` and `.` becomes one `-`.
///
/// Surrounding whitespace is trimmed. `PyYAML`, `pyyaml` and `Py_YAML` all become `pyyaml`;
/// `jw.util` becomes `jw-util`.
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

#[cfg(test)]
mod tests {
    use super::normalize_name;

    #[test]
    fn normalises_case_and_separator_runs() {
        assert_eq!(normalize_name("PyYAML"), "pyyaml");
        assert_eq!(normalize_name("jw.util"), "jw-util");
        assert_eq!(normalize_name("Foo__Bar.-baz"), "foo-bar-baz");
        assert_eq!(normalize_name("  Django "), "django");
    }
}
