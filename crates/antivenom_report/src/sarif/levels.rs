//! How antivenom's severity and confidence map onto SARIF and GitHub code
//! scanning terms (documented in `docs/output-formats.md`).

use antivenom_diagnostics::{Confidence, Severity, SuppressionKind};

/// SARIF `level`: high → `error`, medium → `warning`, low → `note`.
pub(crate) const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub's `security-severity` score (a CVSS-like 0.0–10.0 string that
/// GitHub buckets as critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0):
/// high → 8.0, medium → 5.5, low → 3.0.
pub(crate) const fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// GitHub's `precision` from the rule's confidence.
pub(crate) const fn precision(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// The suppression comment syntax, as in antivenom's JSON output.
pub(crate) const fn suppression_syntax(kind: SuppressionKind) -> &'static str {
    match kind {
        SuppressionKind::Nosec => "nosec",
        SuppressionKind::Noqa => "noqa",
        SuppressionKind::Antivenom => "antivenom",
    }
}
