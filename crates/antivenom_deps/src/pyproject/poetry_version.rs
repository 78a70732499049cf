//! Poetry version constraints (`^1.2`, `~1.2`, `*`, `1.2.3`, `>=1,<2`) as PEP 440
//! specifiers. In Poetry a bare version is an exact pin.

use std::str::FromStr;

use pep440_rs::{Version, VersionSpecifiers};

/// PEP 440 comparison operators, longest first so that prefixes match correctly.
const PEP440_OPERATORS: &[&str] = &["===", "~=", "==", "!=", ">=", "<=", ">", "<"];

/// Converts a Poetry constraint into PEP 440 specifiers.
///
/// # Errors
/// A message when the constraint uses unions (`||`) or does not parse.
pub(crate) fn to_specifiers(constraint: &str) -> Result<VersionSpecifiers, String> {
    let constraint = constraint.trim();
    if constraint.is_empty() || constraint == "*" {
        return Ok(VersionSpecifiers::empty());
    }
    if constraint.contains("||") || constraint.contains('|') {
        return Err(format!(
            "`{constraint}`: alternatives (`||`) cannot be expressed as one PEP 440 range"
        ));
    }
    let mut parts = Vec::new();
    for single in split_constraints(constraint) {
        parts.extend(convert_single(&single)?);
    }
    let joined = parts.join(", ");
    VersionSpecifiers::from_str(&joined).map_err(|err| format!("`{constraint}`: {err}"))
}

/// Splits `>= 1.2, < 2` or `>=1.2 <2` into `[">=1.2", "<2"]`, joining an operator
/// written apart from its version.
fn split_constraints(constraint: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_operator: Option<String> = None;
    for token in constraint.split([',', ' ', '\t']).filter(|t| !t.is_empty()) {
        let is_bare_operator = token
            .chars()
            .all(|c| matches!(c, '<' | '>' | '=' | '!' | '~' | '^'));
        if is_bare_operator {
            pending_operator = Some(token.to_string());
        } else if let Some(operator) = pending_operator.take() {
            out.push(format!("{operator}{token}"));
        } else {
            out.push(token.to_string());
        }
    }
    if let Some(operator) = pending_operator {
        out.push(operator);
    }
    out
}

/// Converts one constraint into one or two PEP 440 specifiers.
fn convert_single(single: &str) -> Result<Vec<String>, String> {
    if let Some(version) = single.strip_prefix('^') {
        let version = parse_version(version)?;
        let release = version.release();
        // Bump the first non-zero component (the last one given if all are zero).
        let index = release
            .iter()
            .position(|&part| part != 0)
            .unwrap_or_else(|| release.len().saturating_sub(1));
        return Ok(vec![
            format!(">={version}"),
            format!("<{}", bump(release, index)),
        ]);
    }
    if PEP440_OPERATORS.iter().any(|op| single.starts_with(op)) {
        return Ok(vec![single.to_string()]);
    }
    if let Some(version) = single.strip_prefix('~') {
        let version = parse_version(version)?;
        let release = version.release();
        let index = if release.len() == 1 { 0 } else { 1 };
        return Ok(vec![
            format!(">={version}"),
            format!("<{}", bump(release, index)),
        ]);
    }
    let bare = single.strip_prefix('=').unwrap_or(single);
    if bare.ends_with(".*") {
        return Ok(vec![format!("=={bare}")]);
    }
    let version = parse_version(bare)?;
    Ok(vec![format!("=={version}")])
}

/// Parses a version, with a message naming it on failure.
fn parse_version(text: &str) -> Result<Version, String> {
    Version::from_str(text.trim()).map_err(|err| format!("`{text}`: {err}"))
}

/// The release components up to `index`, with the one at `index` incremented.
fn bump(release: &[u64], index: usize) -> String {
    release
        .iter()
        .take(index + 1)
        .enumerate()
        .map(|(i, part)| {
            if i == index {
                part.saturating_add(1)
            } else {
                *part
            }
        })
        .map(|part| part.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn text(constraint: &str) -> String {
        to_specifiers(constraint).unwrap().to_string()
    }

    #[test]
    fn converts_carets() {
        assert_eq!(text("^1.2.3"), ">=1.2.3, <2");
        assert_eq!(text("^0.2.3"), ">=0.2.3, <0.3");
        assert_eq!(text("^0.0.3"), ">=0.0.3, <0.0.4");
        assert_eq!(text("^0.0"), ">=0.0, <0.1");
        assert_eq!(text("^2"), ">=2, <3");
    }

    #[test]
    fn converts_tildes_and_others() {
        assert_eq!(text("~1.2.3"), ">=1.2.3, <1.3");
        assert_eq!(text("~1"), ">=1, <2");
        assert_eq!(text("~=1.2"), "~=1.2");
        assert_eq!(text("*"), "");
        assert_eq!(text("1.2.3"), "==1.2.3");
        assert_eq!(text("1.2.*"), "==1.2.*");
        assert_eq!(text(">= 1.2, < 1.5"), ">=1.2, <1.5");
        assert_eq!(text(">=1.2 <1.5"), ">=1.2, <1.5");
        assert!(to_specifiers("1.2 || 1.4").is_err());
        assert!(to_specifiers("^banana").is_err());
    }
}
