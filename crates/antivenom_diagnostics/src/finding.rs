//! A finding: one rule matched at one place in one file.

use crate::meta::{Confidence, RuleMeta, Severity};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// A position range in a file. Lines and columns are 1-based; columns count
/// Unicode code points; the end is exclusive. Byte offsets are 0-based into
/// the decoded (UTF-8) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Location {
    /// First line.
    pub start_line: usize,
    /// Column on the first line.
    pub start_column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column just past the end on the last line.
    pub end_column: usize,
    /// Byte offset of the start in the decoded text.
    pub start_offset: usize,
    /// Byte offset of the end in the decoded text.
    pub end_offset: usize,
}

/// The source lines a finding covers, kept so that printers never re-read
/// (and re-decode) the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Snippet {
    /// Line number of the first line in `text`.
    pub first_line: usize,
    /// The lines, joined with `\n`, without the final newline.
    pub text: String,
}

/// How a finding was suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// `# nosec`, Bandit's marker.
    Nosec,
    /// `# noqa: S###`, Ruff's marker with a code.
    Noqa,
    /// `# antivenom: ignore[...]`.
    Antivenom,
}

/// A suppression comment that silenced a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// Which syntax was used.
    pub kind: SuppressionKind,
    /// The comment text as written.
    pub comment: String,
}

/// One step of a source-to-sink path (filled in by taint analysis).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowStep {
    /// File of the step.
    pub path: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// What happens at this step.
    pub message: String,
}

/// One rule match.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The rule that matched.
    pub rule: Arc<RuleMeta>,
    /// File, as given or discovered (relative when the input was relative).
    pub path: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// What is wrong at this place.
    pub message: String,
    /// Short label shown under the underlined range.
    pub label: String,
    /// How to fix it.
    pub fix: String,
    /// Severity of this finding (may differ from the rule's default).
    pub severity: Severity,
    /// Confidence of this finding (may differ from the rule's default).
    pub confidence: Confidence,
    /// The lines the finding covers.
    pub snippet: Snippet,
    /// Set when a comment suppressed the finding.
    pub suppression: Option<Suppression>,
    /// Stable identity of the finding across unrelated edits.
    pub fingerprint: String,
    /// Source-to-sink path; empty for pattern rules.
    pub flow: Vec<FlowStep>,
}

impl Finding {
    /// `true` if a suppression comment silenced it.
    #[must_use]
    pub fn is_suppressed(&self) -> bool {
        self.suppression.is_some()
    }

    /// The order of findings in every output: path, line, column, code.
    #[must_use]
    pub fn sort_key(&self) -> (&PathBuf, usize, usize, &str, usize, usize) {
        (
            &self.path,
            self.location.start_line,
            self.location.start_column,
            self.rule.code.as_str(),
            self.location.end_line,
            self.location.end_column,
        )
    }
}

/// Gives each finding of one file a fingerprint that survives edits
/// elsewhere in the file: a hash of the rule, the path and the flagged text
/// with whitespace normalised, plus the occurrence number among identical
/// (rule, path, text) triples. `findings` are one file's, in report order.
pub fn assign_fingerprints(findings: &mut [Finding]) {
    let mut seen: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for finding in findings.iter_mut() {
        let normalized: String = finding
            .snippet
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let path = finding.path.to_string_lossy().replace('\\', "/");
        let base = fnv1a(&[
            finding.rule.code.as_bytes(),
            path.as_bytes(),
            normalized.as_bytes(),
        ]);
        let occurrence = seen.entry(base).or_insert(0);
        *occurrence += 1;
        finding.fingerprint = format!("{base:016x}:{occurrence}");
    }
}

/// 64-bit FNV-1a over several byte strings (with separators): stable across
/// platforms and releases, which `std`'s hasher is not.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod fingerprint_tests {
    use super::fnv1a;

    #[test]
    fn fingerprints_are_stable_and_distinguish_repeats() {
        assert_eq!(fnv1a(&[b"a", b"b"]), fnv1a(&[b"a", b"b"]));
        assert_ne!(fnv1a(&[b"ab", b""]), fnv1a(&[b"a", b"b"]));
    }
}
