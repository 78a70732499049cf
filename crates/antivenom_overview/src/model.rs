//! The overview's data: what one file contains and what the whole run found.
//!
//! Every type serialises to the JSON described in `docs/output-formats.md`;
//! the field names are the JSON keys and are part of the stable format.

use serde::Serialize;
use std::path::PathBuf;

/// Version of the JSON structure; bumped when a key changes meaning or goes away.
pub const OVERVIEW_SCHEMA_VERSION: u32 = 1;

/// The overview of a whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Overview {
    /// Version of this structure ([`OVERVIEW_SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Sums over all files.
    pub totals: Totals,
    /// Every file that could be read and decoded, sorted by path.
    pub files: Vec<FileOverview>,
    /// Third-party modules imported anywhere, sorted by module name.
    pub external_modules: Vec<ExternalModule>,
    /// Files that could not be (fully) analysed, and paths skipped, sorted by path.
    pub errors: Vec<FileProblem>,
}

/// Sums over all files of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Files analysed (with or without syntax errors).
    pub files: usize,
    /// Entries in [`Overview::errors`].
    pub errors: usize,
    /// Physical lines.
    pub lines: usize,
    /// Lines holding code: neither blank nor only a comment.
    pub code_lines: usize,
    /// Functions and methods.
    pub functions: usize,
    /// Distinct external modules.
    pub external_modules: usize,
    /// Outbound network call sites.
    pub network_calls: usize,
    /// Process-start call sites.
    pub process_calls: usize,
    /// File-write call sites.
    pub file_writes: usize,
    /// Active findings by severity, when the rules were run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<FindingCounts>,
}

/// What one file contains.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileOverview {
    /// The file, as discovered.
    pub path: PathBuf,
    /// Physical lines.
    pub lines: usize,
    /// Lines holding code: neither blank nor only a comment.
    pub code_lines: usize,
    /// Number of syntax errors; the statements around them were still analysed.
    pub syntax_errors: usize,
    /// Functions and methods, in source order.
    pub functions: Vec<FunctionMetrics>,
    /// Top-level names of the external modules the file imports, sorted.
    pub external_imports: Vec<String>,
    /// Outbound network call sites, in source order.
    pub network_calls: Vec<NetworkCall>,
    /// Process-start call sites, in source order.
    pub process_calls: Vec<ProcessCall>,
    /// File-write call sites, in source order.
    pub file_writes: Vec<FileWrite>,
    /// Active findings by severity, when the rules were run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<FindingCounts>,
}

/// Size and complexity of one function or method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunctionMetrics {
    /// Qualified within the file: `function`, `Class.method`, `outer.inner`.
    pub name: String,
    /// 1-based line of the `def` (not of its decorators).
    pub line: usize,
    /// 1-based last line of the body.
    pub end_line: usize,
    /// Code lines from the first decorator to the end of the body.
    pub code_lines: usize,
    /// McCabe cyclomatic complexity (see the crate documentation).
    pub complexity: usize,
}

/// A call that opens an outbound network connection or sends a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkCall {
    /// 1-based line of the call.
    pub line: usize,
    /// 1-based column of the call, in code points.
    pub column: usize,
    /// What is called: `requests.get`, `requests.Session.post`, `smtplib.SMTP`.
    pub api: String,
    /// The URL or host, when the argument folds to a constant string.
    pub target: Option<String>,
}

/// A call that starts a process or runs a shell command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcessCall {
    /// 1-based line of the call.
    pub line: usize,
    /// 1-based column of the call, in code points.
    pub column: usize,
    /// What is called: `subprocess.run`, `os.system`.
    pub api: String,
    /// The command, when it is a constant string or a list of constant strings
    /// (joined with spaces).
    pub command: Option<String>,
}

/// A call that writes, moves or deletes a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileWrite {
    /// 1-based line of the call.
    pub line: usize,
    /// 1-based column of the call, in code points.
    pub column: usize,
    /// What is called: `open`, `shutil.copy`, `os.remove`, `.write_text`.
    pub api: String,
    /// The file (the destination for copies and moves), when constant.
    pub path: Option<String>,
    /// The `open` mode when constant; `None` for other calls and for
    /// `open` calls whose mode is not constant (they may write).
    pub mode: Option<String>,
}

/// A third-party module and where it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalModule {
    /// The import name: a top-level module (`yaml`), or a dotted name for
    /// namespace packages that map to their own distribution (`google.protobuf`).
    pub module: String,
    /// The PyPI distribution that most likely provides it (`PyYAML`); the
    /// module name itself when no mapping is known.
    pub distribution: String,
    /// Number of files importing it.
    pub files: usize,
}

/// A file that could not be (fully) analysed, or a path that was skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    /// The path.
    pub path: PathBuf,
    /// `io`, `decode`, `binary`, `syntax`, `skipped` or `internal`.
    pub kind: ProblemKind,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

/// Why a file is listed in [`Overview::errors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemKind {
    /// The file could not be read.
    Io,
    /// The bytes could not be decoded as Python source.
    Decode,
    /// The file contains a NUL byte.
    Binary,
    /// The file has syntax errors; it is still in [`Overview::files`].
    Syntax,
    /// The path is not a regular file.
    Skipped,
    /// The overview itself failed on this file (a bug).
    Internal,
}

impl ProblemKind {
    /// The lower-case name used in output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Io => "io",
            Self::Decode => "decode",
            Self::Binary => "binary",
            Self::Syntax => "syntax",
            Self::Skipped => "skipped",
            Self::Internal => "internal",
        }
    }
}

/// Numbers of active (not suppressed) findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    /// High-severity findings.
    pub high: usize,
    /// Medium-severity findings.
    pub medium: usize,
    /// Low-severity findings.
    pub low: usize,
}

impl FindingCounts {
    /// All findings.
    #[must_use]
    pub fn total(&self) -> usize {
        self.high + self.medium + self.low
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Self) {
        self.high += other.high;
        self.medium += other.medium;
        self.low += other.low;
    }
}
