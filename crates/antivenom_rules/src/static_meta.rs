//! Rule metadata as Rust rules write it: `'static` text, turned into the
//! owned [`RuleMeta`] that printers use.

use antivenom_diagnostics::{Category, Confidence, RuleMeta, Severity, Status};

/// The metadata a Rust rule declares as a `const`.
#[derive(Debug, Clone, Copy)]
pub struct StaticRuleMeta {
    /// `AV` + digits.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// CWE identifiers, most specific first.
    pub cwe: &'static [u32],
    /// Default severity.
    pub severity: Severity,
    /// Default confidence.
    pub confidence: Confidence,
    /// Weakness family.
    pub category: Category,
    /// Bandit / Ruff codes of the same check.
    pub aliases: &'static [&'static str],
    /// Stable or preview.
    pub status: Status,
    /// One sentence: what the rule flags.
    pub summary: &'static str,
    /// Why it is dangerous.
    pub why: &'static str,
    /// Code the rule flags.
    pub insecure_example: &'static str,
    /// The safe alternative.
    pub secure_example: &'static str,
    /// Fix advice shown under each finding.
    pub fix: &'static str,
    /// Further reading.
    pub references: &'static [&'static str],
}

impl StaticRuleMeta {
    /// The owned form used everywhere else.
    #[must_use]
    pub fn to_meta(&self) -> RuleMeta {
        RuleMeta {
            code: self.code.to_owned(),
            name: self.name.to_owned(),
            cwe: self.cwe.to_vec(),
            severity: self.severity,
            confidence: self.confidence,
            category: self.category,
            aliases: self
                .aliases
                .iter()
                .map(|alias| (*alias).to_owned())
                .collect(),
            status: self.status,
            summary: self.summary.to_owned(),
            why: self.why.to_owned(),
            insecure_example: self.insecure_example.trim_matches('\n').to_owned(),
            secure_example: self.secure_example.trim_matches('\n').to_owned(),
            fix: self.fix.to_owned(),
            references: self
                .references
                .iter()
                .map(|link| (*link).to_owned())
                .collect(),
        }
    }
}
