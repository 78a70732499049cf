//! The JSON format: a stable document described field by field in
//! `docs/output-formats.md`. Fields are only ever added, never renamed or
//! removed, without bumping `schema_version`.

use crate::ReportError;
use crate::options::PrintOptions;
use crate::paths::display_path;
use antivenom_diagnostics::{
    FileError, FileErrorKind, Finding, FlowStep, Location, Report, Severity, SkippedFile,
    SuppressionKind,
};
use serde::Serialize;
use std::io::Write;

/// Version of the JSON document's layout.
const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'a str,
    schema_version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    skipped: Vec<JsonSkipped<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    name: &'a str,
    aliases: &'a [String],
    cwe: &'a [u32],
    category: &'static str,
    severity: &'static str,
    confidence: &'static str,
    path: String,
    #[serde(flatten)]
    range: JsonRange,
    message: &'a str,
    label: &'a str,
    fix: &'a str,
    fingerprint: &'a str,
    suppressed: bool,
    suppression: Option<JsonSuppression<'a>>,
    flow: Vec<JsonFlowStep<'a>>,
}

#[derive(Serialize)]
struct JsonRange {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl From<&Location> for JsonRange {
    fn from(location: &Location) -> Self {
        Self {
            start_line: location.start_line,
            start_column: location.start_column,
            end_line: location.end_line,
            end_column: location.end_column,
        }
    }
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    kind: SuppressionKind,
    comment: &'a str,
}

#[derive(Serialize)]
struct JsonFlowStep<'a> {
    path: String,
    #[serde(flatten)]
    range: JsonRange,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: String,
    kind: FileErrorKind,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    path: String,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files_scanned: usize,
    files_skipped: usize,
    files_with_errors: usize,
    findings: usize,
    suppressed: usize,
    by_severity: BySeverity,
}

#[derive(Serialize, Default)]
struct BySeverity {
    low: usize,
    medium: usize,
    high: usize,
}

fn finding(finding: &Finding) -> JsonFinding<'_> {
    let rule = &finding.rule;
    JsonFinding {
        code: &rule.code,
        name: &rule.name,
        aliases: &rule.aliases,
        cwe: &rule.cwe,
        category: rule.category.as_str(),
        severity: finding.severity.as_str(),
        confidence: finding.confidence.as_str(),
        path: display_path(&finding.path),
        range: JsonRange::from(&finding.location),
        message: &finding.message,
        label: &finding.label,
        fix: &finding.fix,
        fingerprint: &finding.fingerprint,
        suppressed: finding.is_suppressed(),
        suppression: finding
            .suppression
            .as_ref()
            .map(|suppression| JsonSuppression {
                kind: suppression.kind,
                comment: &suppression.comment,
            }),
        flow: finding.flow.iter().map(flow_step).collect(),
    }
}

fn flow_step(step: &FlowStep) -> JsonFlowStep<'_> {
    JsonFlowStep {
        path: display_path(&step.path),
        range: JsonRange::from(&step.location),
        message: &step.message,
    }
}

fn error(error: &FileError) -> JsonError<'_> {
    JsonError {
        path: display_path(&error.path),
        kind: error.kind,
        line: error.line,
        column: error.column,
        message: &error.message,
    }
}

fn skipped(skipped: &SkippedFile) -> JsonSkipped<'_> {
    JsonSkipped {
        path: display_path(&skipped.path),
        reason: &skipped.reason,
    }
}

fn summary(report: &Report) -> JsonSummary {
    let mut by_severity = BySeverity::default();
    for finding in report.active_findings() {
        match finding.severity {
            Severity::Low => by_severity.low += 1,
            Severity::Medium => by_severity.medium += 1,
            Severity::High => by_severity.high += 1,
        }
    }
    let mut error_paths: Vec<&std::path::Path> = report
        .errors
        .iter()
        .map(|error| error.path.as_path())
        .collect();
    error_paths.sort_unstable();
    error_paths.dedup();
    let mut skipped_paths: Vec<&std::path::Path> = report
        .skipped
        .iter()
        .map(|skipped| skipped.path.as_path())
        .collect();
    skipped_paths.sort_unstable();
    skipped_paths.dedup();
    JsonSummary {
        files_scanned: report.files_scanned,
        files_skipped: skipped_paths.len(),
        files_with_errors: error_paths.len(),
        findings: by_severity.low + by_severity.medium + by_severity.high,
        suppressed: report.suppressed_count(),
        by_severity,
    }
}

/// Writes the JSON format (pretty-printed, with a final newline).
pub(crate) fn write_json(
    report: &Report,
    options: &PrintOptions,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    let document = JsonReport {
        version: &options.tool_version,
        schema_version: SCHEMA_VERSION,
        findings: report.findings.iter().map(finding).collect(),
        errors: report.errors.iter().map(error).collect(),
        skipped: report.skipped.iter().map(skipped).collect(),
        summary: summary(report),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)?;
    Ok(())
}
