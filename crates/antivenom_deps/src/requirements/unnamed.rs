//! Requirements given as a bare URL or path (`git+https://…#egg=name`, `./pkg`,
//! `dist/foo-1.0-py3-none-any.whl`), which PEP 508 cannot parse: their name comes
//! from the `#egg=` fragment or, failing that, from the last path segment.

/// File name endings of distribution archives.
const ARCHIVE_SUFFIXES: &[&str] = &[
    ".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar", ".zip",
];

/// Whether a requirement is a bare URL or a path rather than a PEP 508 requirement.
pub(crate) fn is_url_or_path(text: &str) -> bool {
    let text = text.trim();
    if text.starts_with(['.', '/', '~', '\\']) || has_url_scheme(text) || has_drive_letter(text) {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    !text.contains([' ', ';', '=', '<', '>', '@'])
        && ARCHIVE_SUFFIXES
            .iter()
            .any(|suffix| lower.ends_with(suffix))
}

/// `scheme://…`, `scheme+scheme://…` or `file:…`.
fn has_url_scheme(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_ok && (rest.starts_with("//") || scheme.eq_ignore_ascii_case("file"))
}

/// `C:\…` or `C:/…`.
fn has_drive_letter(text: &str) -> bool {
    let bytes = text.as_bytes();
    matches!(bytes, [drive, b':', b'\\' | b'/', ..] if drive.is_ascii_alphabetic())
}

/// A bare URL/path requirement split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnnamedRequirement {
    /// The URL or path, without marker or extras.
    pub(crate) target: String,
    /// The name from `#egg=`, or inferred from the last path segment.
    pub(crate) name: Option<String>,
    /// Whether the name was inferred rather than given with `#egg=`.
    pub(crate) name_inferred: bool,
    /// Extras given as `path[extra]`.
    pub(crate) extras: Vec<String>,
    /// The marker after `; `.
    pub(crate) marker: Option<String>,
}

/// Splits `URL ; marker` (pip wants whitespace around the `;` of a URL, since
/// `;` may occur inside URLs).
fn split_marker(text: &str) -> (&str, Option<&str>) {
    let bytes = text.as_bytes();
    for (index, c) in text.char_indices() {
        if c != ';' {
            continue;
        }
        let before_space = index
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_whitespace);
        let after_space = bytes.get(index + 1).is_some_and(u8::is_ascii_whitespace);
        if before_space || after_space {
            let marker = text
                .get(index + 1..)
                .map(str::trim)
                .filter(|m| !m.is_empty());
            return (text.get(..index).unwrap_or(text).trim(), marker);
        }
    }
    (text.trim(), None)
}

/// Splits `path[extra1,extra2]` into the path and the extras.
fn split_extras(target: &str) -> (&str, Vec<String>) {
    if let Some(stripped) = target.strip_suffix(']')
        && let Some((path, extras)) = stripped.rsplit_once('[')
    {
        let extras = extras
            .split(',')
            .map(str::trim)
            .filter(|extra| !extra.is_empty())
            .map(str::to_string)
            .collect();
        return (path, extras);
    }
    (target, Vec::new())
}

/// The `egg=` value in a URL fragment.
fn egg_name(target: &str) -> Option<String> {
    let (_, fragment) = target.split_once('#')?;
    fragment
        .split('&')
        .find_map(|pair| pair.strip_prefix("egg="))
        .map(|egg| split_extras(egg).0.trim().to_string())
        .filter(|egg| !egg.is_empty())
}

/// A name from the last path segment: a wheel's or sdist's name part, a
/// repository or directory name.
fn name_from_path(target: &str) -> Option<String> {
    let without_fragment = target.split(['#', '?']).next().unwrap_or(target);
    let trimmed = without_fragment.trim_end_matches(['/', '\\']);
    let mut segment = trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed);
    // `repo.git@v1.0` in VCS URLs.
    if target.contains("+") {
        segment = segment.split('@').next().unwrap_or(segment);
    }
    let segment = segment.strip_suffix(".git").unwrap_or(segment);
    let lower = segment.to_ascii_lowercase();
    let name = if lower.ends_with(".whl") {
        segment.split('-').next().unwrap_or(segment)
    } else if let Some(suffix) = ARCHIVE_SUFFIXES
        .iter()
        .find(|suffix| lower.ends_with(**suffix))
    {
        let stem = segment
            .get(..segment.len() - suffix.len())
            .unwrap_or(segment);
        // `name-1.0` → `name`: cut at the last `-` followed by a digit.
        match stem.rfind('-') {
            Some(dash)
                if stem
                    .get(dash + 1..)
                    .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit())) =>
            {
                stem.get(..dash).unwrap_or(stem)
            }
            _ => stem,
        }
    } else {
        segment
    };
    crate::name::is_valid_name(name).then(|| name.to_string())
}

/// Parses a bare URL or path requirement.
pub(crate) fn parse_unnamed(text: &str) -> UnnamedRequirement {
    let (target, marker) = split_marker(text);
    let (target, extras) = split_extras(target);
    let (name, name_inferred) = match egg_name(target) {
        Some(name) => (Some(name), false),
        None => (name_from_path(target), true),
    };
    UnnamedRequirement {
        target: target.to_string(),
        name,
        name_inferred,
        extras,
        marker: marker.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_urls_and_paths() {
        assert!(is_url_or_path("git+https://github.com/a/b.git#egg=b"));
        assert!(is_url_or_path("./vendor/pkg"));
        assert!(is_url_or_path("https://example.com/x-1.0.tar.gz"));
        assert!(is_url_or_path("file:../pkg"));
        assert!(is_url_or_path("dist/foo-1.0-py3-none-any.whl"));
        assert!(is_url_or_path("C:\\src\\pkg"));
        assert!(!is_url_or_path("foo @ https://example.com/foo.zip"));
        assert!(!is_url_or_path("requests>=2"));
        assert!(!is_url_or_path("zope.interface"));
    }

    #[test]
    fn infers_names() {
        let req =
            parse_unnamed("git+https://github.com/a/b.git@v1#egg=Bee ; python_version >= '3'");
        assert_eq!(req.name.as_deref(), Some("Bee"));
        assert!(!req.name_inferred);
        assert_eq!(req.marker.as_deref(), Some("python_version >= '3'"));
        assert_eq!(req.target, "git+https://github.com/a/b.git@v1#egg=Bee");

        let req = parse_unnamed("git+https://github.com/a/some-repo.git@v1");
        assert_eq!(req.name.as_deref(), Some("some-repo"));
        assert!(req.name_inferred);

        assert_eq!(
            parse_unnamed("dist/foo_bar-1.0-py3-none-any.whl")
                .name
                .as_deref(),
            Some("foo_bar")
        );
        assert_eq!(
            parse_unnamed("https://x.org/foo-bar-2.1.tar.gz")
                .name
                .as_deref(),
            Some("foo-bar")
        );
        let req = parse_unnamed("./pkgs/local_pkg[dev,test]");
        assert_eq!(req.name.as_deref(), Some("local_pkg"));
        assert_eq!(req.extras, vec!["dev", "test"]);
        assert_eq!(parse_unnamed(".").name, None);
    }
}
