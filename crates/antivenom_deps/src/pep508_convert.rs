//! Turns PEP 508 requirement strings and lock versions into [`Dependency`] values.

use std::str::FromStr;

use pep440_rs::{Operator, Version, VersionSpecifiers};
use pep508_rs::{VerbatimUrl, VersionOrUrl};

use crate::model::{Dependency, Origin, Requirement};

/// Parses a PEP 508 requirement (`requests[socks]>=2.8; python_version>"3.8"`).
///
/// # Errors
/// The parser's message, for a warning.
pub(crate) fn parse_pep508(text: &str, origin: Origin) -> Result<Dependency, String> {
    let parsed = pep508_rs::Requirement::<VerbatimUrl>::from_str(text.trim())
        .map_err(|err| err.message.to_string())?;
    let requirement = match &parsed.version_or_url {
        None => Requirement::Range(VersionSpecifiers::empty()),
        Some(VersionOrUrl::VersionSpecifier(specifiers)) => from_specifiers(specifiers.clone()),
        Some(VersionOrUrl::Url(url)) => Requirement::Url(url_text(url)),
    };
    let display_name = written_name(text).unwrap_or_else(|| parsed.name.to_string());
    let mut dep = Dependency::new(&display_name, requirement, origin);
    dep.extras = parsed.extras.iter().map(ToString::to_string).collect();
    dep.markers = parsed.marker.contents().map(|marker| marker.to_string());
    Ok(dep)
}

/// A `Pinned` requirement for exactly one `==X` (no wildcard) or `===X`
/// specifier, a `Range` otherwise.
pub(crate) fn from_specifiers(specifiers: VersionSpecifiers) -> Requirement {
    if let [only] = &*specifiers
        && matches!(only.operator(), Operator::Equal | Operator::ExactEqual)
    {
        return Requirement::Pinned(only.version().clone());
    }
    Requirement::Range(specifiers)
}

/// A lock file or installed version: `Pinned` when it is PEP 440, `PinnedRaw` otherwise.
pub(crate) fn pinned_version(text: &str) -> Requirement {
    let text = text.trim();
    let text = text
        .strip_prefix("===")
        .or_else(|| text.strip_prefix("=="))
        .unwrap_or(text)
        .trim();
    match Version::from_str(text) {
        Ok(version) => Requirement::Pinned(version),
        Err(_) => Requirement::PinnedRaw(text.to_string()),
    }
}

/// The URL as the user wrote it when known, else its normalised form.
fn url_text(url: &VerbatimUrl) -> String {
    url.given().map_or_else(|| url.to_string(), str::to_string)
}

/// The distribution name as written at the start of a requirement string.
pub(crate) fn written_name(text: &str) -> Option<String> {
    let text = text.trim_start();
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(text.len());
    let name = text.get(..end)?.trim_end_matches(['-', '_', '.']);
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn origin() -> Origin {
        Origin::new("requirements.txt", 1)
    }

    #[test]
    fn pins_ranges_and_urls() {
        let dep = parse_pep508("Django==3.2.0", origin()).unwrap();
        assert_eq!(dep.name, "django");
        assert_eq!(dep.display_name, "Django");
        assert_eq!(
            dep.requirement,
            Requirement::Pinned(Version::from_str("3.2.0").unwrap())
        );

        let dep = parse_pep508("django>=3,<4", origin()).unwrap();
        assert!(matches!(dep.requirement, Requirement::Range(ref s) if s.len() == 2));

        let dep = parse_pep508("django==3.*", origin()).unwrap();
        assert!(matches!(dep.requirement, Requirement::Range(_)));

        let dep = parse_pep508(
            "requests[socks,security] ; python_version < '3.8'",
            origin(),
        )
        .unwrap();
        assert_eq!(dep.extras, vec!["socks", "security"]);
        assert!(dep.markers.unwrap().contains("3.8"));

        let dep = parse_pep508("pip @ https://example.com/pip-1.0.zip", origin()).unwrap();
        assert_eq!(
            dep.requirement,
            Requirement::Url("https://example.com/pip-1.0.zip".into())
        );

        assert!(parse_pep508("not a requirement!!", origin()).is_err());
    }

    #[test]
    fn lock_versions() {
        assert!(matches!(pinned_version("==1.2.3"), Requirement::Pinned(_)));
        assert_eq!(
            pinned_version("0.7.10p1"),
            Requirement::PinnedRaw("0.7.10p1".into())
        );
    }
}
