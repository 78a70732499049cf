//! How the rules behave on real code: per-rule notes from running the
//! default selection on large mature code bases (`data/calibration.toml`),
//! rendered in each rule's documentation page.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The shipped calibration notes (TOML, one table per rule name).
const CALIBRATION_TOML: &str = include_str!("../../../data/calibration.toml");

/// What one rule reported on a real-code corpus, and what was concluded.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Calibration {
    /// Date of the measurement (`YYYY-MM-DD`).
    pub(crate) measured: String,
    /// The code the rule was run on.
    pub(crate) corpus: String,
    /// Active findings of the rule on `corpus`, as the rule stands.
    pub(crate) findings: u32,
    /// Findings before the tightening described in `verdict`, if any.
    pub(crate) findings_before: Option<u32>,
    /// What a sample of the findings showed.
    pub(crate) sample: String,
    /// Why the severity and confidence stand, or what was tightened.
    pub(crate) verdict: String,
}

/// The parsed notes by rule name, or the parse error (a test keeps the
/// embedded file valid; a broken file only drops the section from docs).
static CALIBRATIONS: LazyLock<Result<BTreeMap<String, Calibration>, String>> =
    LazyLock::new(|| toml::from_str(CALIBRATION_TOML).map_err(|error| error.to_string()));

/// The calibration notes of the rule named `rule`, if it was measured.
pub(crate) fn calibration(rule: &str) -> Option<&'static Calibration> {
    CALIBRATIONS.as_ref().ok()?.get(rule)
}

#[cfg(test)]
mod tests {
    use super::CALIBRATIONS;
    use crate::Registry;

    #[test]
    fn the_embedded_notes_parse_and_name_existing_rules() {
        let notes = CALIBRATIONS.as_ref().unwrap();
        assert!(!notes.is_empty());
        let registry = Registry::builtin().unwrap();
        let names: Vec<String> = registry
            .metas()
            .iter()
            .map(|meta| meta.name.clone())
            .collect();
        for (rule, note) in notes {
            assert!(
                names.contains(rule),
                "calibration entry `{rule}` names no rule"
            );
            assert!(
                note.measured.len() == 10 && note.measured.as_bytes()[4] == b'-',
                "{rule}: `measured` must be YYYY-MM-DD"
            );
            for (key, text) in [
                ("corpus", &note.corpus),
                ("sample", &note.sample),
                ("verdict", &note.verdict),
            ] {
                assert!(!text.trim().is_empty(), "{rule}: `{key}` is empty");
            }
            if let Some(before) = note.findings_before {
                assert!(
                    before >= note.findings,
                    "{rule}: a tightening cannot add findings"
                );
            }
        }
    }
}
