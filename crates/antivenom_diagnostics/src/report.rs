//! The result of a whole run: findings plus an account of every file.

use crate::finding::Finding;
use crate::meta::RuleMeta;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// Why a file could not be (fully) analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileErrorKind {
    /// The path does not exist or could not be read.
    Io,
    /// The bytes could not be decoded as text.
    Encoding,
    /// The parser reported a syntax error (recovered statements were still analysed).
    Syntax,
    /// The analysis itself failed (a bug in antivenom); other files were unaffected.
    Internal,
}

/// A file that could not be fully analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The file.
    pub path: PathBuf,
    /// What kind of failure.
    pub kind: FileErrorKind,
    /// 1-based line of the error, when known.
    pub line: Option<usize>,
    /// 1-based column of the error, when known.
    pub column: Option<usize>,
    /// Human-readable description.
    pub message: String,
}

/// A file that was deliberately not analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// The file.
    pub path: PathBuf,
    /// Why it was skipped (e.g. "binary file (NUL byte at offset 12)").
    pub reason: String,
}

/// Everything a run produced, ready for a printer.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All findings, suppressed ones included, in output order.
    pub findings: Vec<Finding>,
    /// Files that failed, wholly or partly.
    pub errors: Vec<FileError>,
    /// Files skipped on purpose.
    pub skipped: Vec<SkippedFile>,
    /// Number of files that were parsed and analysed (including files with
    /// syntax errors whose recovered statements were analysed).
    pub files_scanned: usize,
    /// The rules that were enabled for the run (for SARIF's rule table).
    pub rules: Vec<Arc<RuleMeta>>,
}

impl Report {
    /// Findings not silenced by a suppression comment.
    pub fn active_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|finding| !finding.is_suppressed())
    }

    /// Number of suppressed findings.
    #[must_use]
    pub fn suppressed_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.is_suppressed())
            .count()
    }

    /// Puts findings and errors in the deterministic output order.
    pub fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.errors
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        self.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    }
}
