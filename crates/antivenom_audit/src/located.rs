//! Findings placed on one line of a manifest, with its text as snippet.

use antivenom_diagnostics::{Confidence, Finding, Location, RuleMeta, Severity, Snippet};
use antivenom_python::LineIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The text of every manifest findings point into, read once.
#[derive(Default)]
pub(crate) struct ManifestTexts {
    texts: HashMap<PathBuf, Option<(String, LineIndex)>>,
}

/// What one finding says, before it is placed.
pub(crate) struct Report {
    pub(crate) rule: Arc<RuleMeta>,
    pub(crate) message: String,
    pub(crate) label: String,
    pub(crate) fix: String,
    pub(crate) severity: Severity,
    pub(crate) confidence: Confidence,
}

impl ManifestTexts {
    /// `report` at `line` (1-based) of `path`: the whole line is flagged.
    /// A file that cannot be read again still gets its finding, on that
    /// line, without a snippet.
    pub(crate) fn place(&mut self, path: &Path, line: usize, report: Report) -> Finding {
        let loaded = self.texts.entry(path.to_path_buf()).or_insert_with(|| {
            let text = std::fs::read_to_string(path).ok()?;
            let index = LineIndex::new(&text);
            Some((text, index))
        });
        let line = line.max(1);
        let (location, snippet_text) = match loaded
            .as_ref()
            .and_then(|(text, index)| Some((text, index.line_range(line)?)))
        {
            Some((text, range)) => {
                let line_text = text
                    .get(range.start().to_usize()..range.end().to_usize())
                    .unwrap_or_default()
                    .trim_end_matches(['\n', '\r']);
                let location = Location {
                    start_line: line,
                    start_column: 1,
                    end_line: line,
                    end_column: line_text.chars().count() + 1,
                    start_offset: range.start().to_usize(),
                    end_offset: range.start().to_usize() + line_text.len(),
                };
                (location, line_text.to_owned())
            }
            None => (
                Location {
                    start_line: line,
                    start_column: 1,
                    end_line: line,
                    end_column: 1,
                    start_offset: 0,
                    end_offset: 0,
                },
                String::new(),
            ),
        };
        Finding {
            rule: report.rule,
            path: path.to_path_buf(),
            location,
            message: report.message,
            label: report.label,
            fix: report.fix,
            severity: report.severity,
            confidence: report.confidence,
            snippet: Snippet {
                first_line: line,
                text: snippet_text,
            },
            suppression: None,
            fingerprint: String::new(),
            flow: Vec::new(),
        }
    }
}
