//! Printers for an antivenom [`Report`]: human-readable text, one-line
//! concise output, a stable JSON document and SARIF 2.1.0.
//!
//! Every printer writes the findings in exactly the order of
//! [`Report::findings`] (the caller sorts) and produces byte-for-byte the same
//! output for the same report.

mod concise;
mod error;
mod format;
mod json;
mod options;
mod paths;
mod sanitize;
mod sarif;
mod snippet;
mod source_lines;
mod style;
mod summary;
mod text;

use antivenom_diagnostics::Report;

pub use error::ReportError;
pub use format::OutputFormat;
pub use options::PrintOptions;
pub use summary::summary_line;

/// Writes `report` to `out` in the chosen `format`.
///
/// # Errors
/// Fails when writing to `out` fails or when JSON serialization fails.
pub fn write_report(
    report: &Report,
    format: OutputFormat,
    options: &PrintOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    match format {
        OutputFormat::Text => text::write_text(report, options, out)?,
        OutputFormat::Concise => concise::write_concise(report, options, out)?,
        OutputFormat::Json => json::write_json(report, options, out)?,
        OutputFormat::Sarif => sarif::write_sarif(report, options, out)?,
    }
    out.flush()?;
    Ok(())
}
