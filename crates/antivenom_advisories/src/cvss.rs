//! Severity levels and the CVSS v3.x base-score formula.
//!
//! The formula follows the CVSS v3.1 specification (section 7.1 and appendix A for `Roundup`);
//! CVSS v3.0 vectors use the same base equations, so both `CVSS:3.0/` and `CVSS:3.1/` are accepted.
//! Temporal and environmental metrics in a vector are ignored: only the base score is computed.

use std::fmt;

/// Qualitative severity of an advisory, ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// CVSS base score below 4.0.
    Low,
    /// CVSS base score from 4.0 to below 7.0.
    Medium,
    /// CVSS base score from 7.0 to below 9.0.
    High,
    /// CVSS base score of 9.0 or more.
    Critical,
}

impl Severity {
    /// Maps a CVSS base score (0.0–10.0) to a severity. A score of 0.0 (CVSS "None") maps to
    /// [`Severity::Low`].
    pub fn from_score(score: f64) -> Self {
        if score >= 9.0 {
            Self::Critical
        } else if score >= 7.0 {
            Self::High
        } else if score >= 4.0 {
            Self::Medium
        } else {
            Self::Low
        }
    }

    /// Parses a textual severity label such as GitHub's `database_specific.severity`
    /// (`LOW`, `MODERATE`/`MEDIUM`, `HIGH`, `CRITICAL`; case-insensitive).
    pub fn from_label(label: &str) -> Option<Self> {
        match label.trim().to_ascii_lowercase().as_str() {
            "low" => Some(Self::Low),
            "moderate" | "medium" => Some(Self::Medium),
            "high" => Some(Self::High),
            "critical" => Some(Self::Critical),
            _ => None,
        }
    }

    /// Lower-case name: `low`, `medium`, `high` or `critical`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Computes the CVSS v3.x base score of a vector such as
/// `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H` (9.8).
///
/// Returns `None` when the vector is not CVSS v3 (for example a CVSS v4 vector), when a base metric
/// is missing or repeated, or when a value is unknown.
pub fn cvss3_base_score(vector: &str) -> Option<f64> {
    let mut parts = vector.trim().split('/');
    let prefix = parts.next()?;
    if prefix != "CVSS:3.0" && prefix != "CVSS:3.1" {
        return None;
    }
    let mut metrics = BaseMetrics::default();
    for part in parts {
        let (key, value) = part.split_once(':')?;
        let slot = match key {
            "AV" => &mut metrics.attack_vector,
            "AC" => &mut metrics.attack_complexity,
            "PR" => &mut metrics.privileges_required,
            "UI" => &mut metrics.user_interaction,
            "S" => &mut metrics.scope,
            "C" => &mut metrics.confidentiality,
            "I" => &mut metrics.integrity,
            "A" => &mut metrics.availability,
            // Temporal / environmental metrics do not change the base score.
            _ => continue,
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(value);
    }
    metrics.score()
}

/// The eight base metrics of a CVSS v3 vector, as their one-letter values.
#[derive(Default)]
struct BaseMetrics<'a> {
    attack_vector: Option<&'a str>,
    attack_complexity: Option<&'a str>,
    privileges_required: Option<&'a str>,
    user_interaction: Option<&'a str>,
    scope: Option<&'a str>,
    confidentiality: Option<&'a str>,
    integrity: Option<&'a str>,
    availability: Option<&'a str>,
}

impl BaseMetrics<'_> {
    fn score(&self) -> Option<f64> {
        let scope_changed = match self.scope? {
            "U" => false,
            "C" => true,
            _ => return None,
        };
        let attack_vector = match self.attack_vector? {
            "N" => 0.85,
            "A" => 0.62,
            "L" => 0.55,
            "P" => 0.2,
            _ => return None,
        };
        let attack_complexity = match self.attack_complexity? {
            "L" => 0.77,
            "H" => 0.44,
            _ => return None,
        };
        let privileges_required = match (self.privileges_required?, scope_changed) {
            ("N", _) => 0.85,
            ("L", false) => 0.62,
            ("L", true) => 0.68,
            ("H", false) => 0.27,
            ("H", true) => 0.5,
            _ => return None,
        };
        let user_interaction = match self.user_interaction? {
            "N" => 0.85,
            "R" => 0.62,
            _ => return None,
        };
        let confidentiality = impact_weight(self.confidentiality?)?;
        let integrity = impact_weight(self.integrity?)?;
        let availability = impact_weight(self.availability?)?;

        let impact_sub_score =
            1.0 - ((1.0 - confidentiality) * (1.0 - integrity) * (1.0 - availability));
        let impact = if scope_changed {
            7.52 * (impact_sub_score - 0.029) - 3.25 * (impact_sub_score - 0.02).powi(15)
        } else {
            6.42 * impact_sub_score
        };
        let exploitability =
            8.22 * attack_vector * attack_complexity * privileges_required * user_interaction;
        if impact <= 0.0 {
            return Some(0.0);
        }
        let raw = if scope_changed {
            (1.08 * (impact + exploitability)).min(10.0)
        } else {
            (impact + exploitability).min(10.0)
        };
        Some(roundup(raw))
    }
}

fn impact_weight(value: &str) -> Option<f64> {
    match value {
        "H" => Some(0.56),
        "L" => Some(0.22),
        "N" => Some(0.0),
        _ => None,
    }
}

/// The CVSS v3.1 `Roundup`: the smallest number with one decimal that is ≥ the input, computed on
/// integers to avoid floating-point artefacts (specification appendix A).
fn roundup(input: f64) -> f64 {
    // Scores are within 0..=10.8, so the conversion cannot overflow.
    #[allow(clippy::cast_possible_truncation)]
    let int_input = (input * 100_000.0).round() as i64;
    if int_input % 10_000 == 0 {
        int_input as f64 / 100_000.0
    } else {
        ((int_input / 10_000) + 1) as f64 / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::{Severity, cvss3_base_score, roundup};

    fn score(vector: &str) -> f64 {
        cvss3_base_score(vector).unwrap()
    }

    #[test]
    fn known_vectors() {
        assert_eq!(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8);
        assert_eq!(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"), 6.1);
        assert_eq!(score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"), 7.5);
        assert_eq!(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), 10.0);
        assert_eq!(score("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N"), 5.5);
        assert_eq!(score("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N"), 3.7);
        assert_eq!(score("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N"), 0.0);
        assert_eq!(score("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H"), 9.1);
        // Temporal metrics are ignored.
        assert_eq!(
            score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C"),
            9.8
        );
    }

    #[test]
    fn rejects_other_vectors() {
        assert!(
            cvss3_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
                .is_none()
        );
        assert!(cvss3_base_score("AV:N/AC:L/Au:N/C:P/I:P/A:P").is_none());
        assert!(cvss3_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H").is_none());
        assert!(cvss3_base_score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").is_none());
        assert!(cvss3_base_score("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").is_none());
        assert!(cvss3_base_score("").is_none());
    }

    #[test]
    fn roundup_matches_spec_examples() {
        assert_eq!(roundup(4.02), 4.1);
        assert_eq!(roundup(4.0), 4.0);
        assert_eq!(roundup(4.000_000_1), 4.0);
    }

    #[test]
    fn severity_bands() {
        assert_eq!(Severity::from_score(3.9), Severity::Low);
        assert_eq!(Severity::from_score(4.0), Severity::Medium);
        assert_eq!(Severity::from_score(6.9), Severity::Medium);
        assert_eq!(Severity::from_score(7.0), Severity::High);
        assert_eq!(Severity::from_score(9.0), Severity::Critical);
        assert!(Severity::Low < Severity::Critical);
        assert_eq!(Severity::from_label("MODERATE"), Some(Severity::Medium));
    }
}
