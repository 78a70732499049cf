//! Suppression comments: `# nosec`, `# noqa: S###`, `# antivenom: ignore[...]`.

use antivenom_diagnostics::{RuleMeta, SuppressionKind};

/// A parsed suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuppressionDirective {
    /// `# nosec` (all rules when `codes` is empty) or `# nosec B602, AV301`.
    Nosec {
        /// Rule codes, names or aliases; empty means every rule.
        codes: Vec<String>,
    },
    /// `# noqa: S301` — only listed codes. A bare `# noqa` never silences a
    /// security finding, so it is not a directive at all.
    Noqa {
        /// The listed codes.
        codes: Vec<String>,
    },
    /// `# antivenom: ignore` or `# antivenom: ignore[pickle-loads, AV302]`.
    Antivenom {
        /// Rule codes, names or aliases; empty means every rule.
        codes: Vec<String>,
    },
}

impl SuppressionDirective {
    /// `true` when the directive silences findings of `rule`.
    #[must_use]
    pub fn silences(&self, rule: &RuleMeta) -> bool {
        match self {
            Self::Nosec { codes } | Self::Antivenom { codes } => {
                codes.is_empty() || codes.iter().any(|code| rule.is_named(code))
            }
            Self::Noqa { codes } => codes.iter().any(|code| rule.is_named(code)),
        }
    }

    /// Which syntax it is.
    #[must_use]
    pub fn kind(&self) -> SuppressionKind {
        match self {
            Self::Nosec { .. } => SuppressionKind::Nosec,
            Self::Noqa { .. } => SuppressionKind::Noqa,
            Self::Antivenom { .. } => SuppressionKind::Antivenom,
        }
    }
}

/// `true` for tokens that look like a rule code or name: `B602`, `S301`,
/// `AV101`, `pickle-loads`, or a Bandit test name such as
/// `subprocess_popen_with_shell_equals_true`.
fn is_rule_token(token: &str) -> bool {
    let has_letter = token.chars().any(|c| c.is_ascii_alphabetic());
    let code_like = token.chars().all(|c| c.is_ascii_alphanumeric())
        && token.chars().any(|c| c.is_ascii_digit());
    let name_like = (token.contains('-') || token.contains('_'))
        && token
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    has_letter && (code_like || name_like)
}

/// Reads the leading run of rule tokens from `rest` (separated by commas
/// and/or spaces); anything after it is a free-text justification.
fn leading_codes(rest: &str) -> Vec<String> {
    rest.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|token| !token.is_empty())
        .take_while(|token| is_rule_token(token))
        .map(str::to_owned)
        .collect()
}

/// `text` without `prefix`, compared case-insensitively.
fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// Parses one comment (with its `#`). A comment may hold several markers
/// (`# noqa: E501  # nosec`); each one found is returned.
#[must_use]
pub fn parse_suppression_comment(comment: &str) -> Vec<SuppressionDirective> {
    comment.split('#').filter_map(parse_segment).collect()
}

/// Parses the text after one `#`.
fn parse_segment(segment: &str) -> Option<SuppressionDirective> {
    let segment = segment.trim_start();
    {
        if let Some(rest) = strip_prefix_ignore_case(segment, "nosec") {
            // `# nosecurity` is not a marker.
            if rest
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                return None;
            }
            let rest = rest.trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            return Some(SuppressionDirective::Nosec {
                codes: leading_codes(rest),
            });
        }
        if let Some(rest) = strip_prefix_ignore_case(segment, "noqa") {
            let codes = leading_codes(rest.trim_start().strip_prefix(':')?);
            return (!codes.is_empty()).then_some(SuppressionDirective::Noqa { codes });
        }
        if let Some(rest) = strip_prefix_ignore_case(segment, "antivenom:") {
            let after = strip_prefix_ignore_case(rest.trim_start(), "ignore")?;
            let codes = match after.trim_start().strip_prefix('[') {
                Some(list) => list
                    .split(']')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(str::trim)
                    .filter(|code| !code.is_empty())
                    .map(str::to_owned)
                    .collect(),
                None => Vec::new(),
            };
            return Some(SuppressionDirective::Antivenom { codes });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last directive of a comment, as (kind, codes).
    fn codes(directives: Vec<SuppressionDirective>) -> Option<(SuppressionKind, Vec<String>)> {
        directives.into_iter().last().map(|d| {
            let kind = d.kind();
            match d {
                SuppressionDirective::Nosec { codes }
                | SuppressionDirective::Noqa { codes }
                | SuppressionDirective::Antivenom { codes } => (kind, codes),
            }
        })
    }

    #[test]
    fn parses_nosec_forms() {
        assert_eq!(
            codes(parse_suppression_comment("# nosec")),
            Some((SuppressionKind::Nosec, vec![]))
        );
        assert_eq!(
            codes(parse_suppression_comment("# nosec B602, B607")),
            Some((SuppressionKind::Nosec, vec!["B602".into(), "B607".into()]))
        );
        assert_eq!(
            codes(parse_suppression_comment(
                "#nosec: AV301 reviewed by security"
            )),
            Some((SuppressionKind::Nosec, vec!["AV301".into()]))
        );
        assert_eq!(
            codes(parse_suppression_comment(
                "# noqa: E501 # nosec pickle-loads"
            )),
            Some((SuppressionKind::Nosec, vec!["pickle-loads".into()]))
        );
        assert!(parse_suppression_comment("# nosecurity here").is_empty());
    }

    #[test]
    fn bare_noqa_is_not_a_suppression() {
        assert!(parse_suppression_comment("# noqa").is_empty());
        assert_eq!(
            codes(parse_suppression_comment("# noqa: S301,S602")),
            Some((SuppressionKind::Noqa, vec!["S301".into(), "S602".into()]))
        );
    }

    #[test]
    fn parses_antivenom_ignore() {
        assert_eq!(
            codes(parse_suppression_comment(
                "# antivenom: ignore[pickle-loads, AV302]"
            )),
            Some((
                SuppressionKind::Antivenom,
                vec!["pickle-loads".into(), "AV302".into()]
            ))
        );
        assert_eq!(
            codes(parse_suppression_comment("# antivenom: ignore")),
            Some((SuppressionKind::Antivenom, vec![]))
        );
        assert!(parse_suppression_comment("# just a comment").is_empty());
    }
}
