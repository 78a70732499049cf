//! An offline overview of a Python project, for `antivenom overview`.
//!
//! For every file: physical lines and lines of code ([`lines`]), every
//! function's size and McCabe complexity ([`complexity`] documents how
//! decisions are counted), the third-party modules it imports with the PyPI
//! distribution that provides them ([`antivenom_semantic::is_stdlib_module`], [`distributions`]), and an
//! inventory of the calls that reach outside the process: outbound network
//! calls, process starts and file writes ([`calls`], [`apis`]). For the run:
//! totals, the external modules with the number of files using each, and
//! the files that could not be analysed.
//!
//! [`overview_files`] builds the [`Overview`] in parallel; [`write_text`]
//! prints a readable summary and [`write_json`] the JSON structure
//! documented in `docs/output-formats.md`. Nothing here panics on the code
//! it reads: a file that cannot be read, decoded or parsed is listed in
//! [`Overview::errors`] and the run goes on.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod apis;
pub mod calls;
pub mod complexity;
pub mod distributions;
mod file;
pub mod imports;
pub mod lines;
mod model;
mod run;
mod text;

pub use file::{FileResult, overview_file, overview_source};
pub use model::{
    ExternalModule, FileOverview, FileProblem, FileWrite, FindingCounts, FunctionMetrics,
    NetworkCall, OVERVIEW_SCHEMA_VERSION, Overview, ProblemKind, ProcessCall, Totals,
};
pub use run::{OverviewOptions, overview_files};
pub use text::{TOP_FUNCTIONS, write_text};

/// Writes `overview` as pretty-printed JSON followed by a newline.
///
/// # Errors
/// When writing fails.
pub fn write_json(overview: &Overview, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, overview).map_err(std::io::Error::from)?;
    writeln!(out)
}
