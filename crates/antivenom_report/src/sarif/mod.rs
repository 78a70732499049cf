//! SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` holds every enabled rule; every finding is a
//! result (suppressed ones carry a `suppressions` entry); file errors and
//! skipped files are tool execution notifications. The mapping is
//! documented in `docs/output-formats.md`.

mod invocation;
mod levels;
mod locations;
mod model;
mod results;
mod rules;

use crate::ReportError;
use crate::options::PrintOptions;
use antivenom_diagnostics::Report;
use model::{ArtifactLocation, MultiformatMessage, Run, SarifLog, Tool, ToolComponent};
use rules::RuleTable;
use std::collections::BTreeMap;
use std::io::Write;

/// `$schema` of the document.
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// `version` of the document.
const SARIF_VERSION: &str = "2.1.0";

/// `tool.driver.name`.
const TOOL_NAME: &str = "antivenom";

/// `tool.driver.informationUri`.
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// Builds the SARIF log of `report`.
fn sarif_log(report: &Report, options: &PrintOptions) -> SarifLog {
    let rules = RuleTable::new(&report.rules, &report.findings);
    let results = report
        .findings
        .iter()
        .filter_map(|finding| results::result(finding, &rules))
        .collect();
    let version = options.tool_version.trim();
    let driver = ToolComponent {
        name: TOOL_NAME,
        information_uri: INFORMATION_URI,
        version: (!version.is_empty()).then(|| version.to_owned()),
        semantic_version: semantic_version(version),
        rules: rules.descriptors(),
        notifications: invocation::notification_descriptors(),
    };
    let mut base_ids = BTreeMap::new();
    base_ids.insert(
        locations::SRCROOT,
        ArtifactLocation {
            uri: None,
            uri_base_id: None,
            description: Some(MultiformatMessage::text(
                "The directory antivenom was run from; relative paths are resolved against it.",
            )),
        },
    );
    SarifLog {
        schema: SCHEMA_URI,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool { driver },
            invocations: vec![invocation::invocation(report)],
            original_uri_base_ids: base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// `version` without a leading `v` when it looks like a semantic version
/// (`MAJOR.MINOR.PATCH` with optional `-pre`/`+build`), otherwise `None`.
fn semantic_version(version: &str) -> Option<String> {
    let version = version.strip_prefix('v').unwrap_or(version);
    let core = version.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    let numeric = parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()));
    let clean = version
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'+'));
    (numeric && clean).then(|| version.to_owned())
}

/// Writes the SARIF format (pretty-printed, with a final newline).
pub(crate) fn write_sarif(
    report: &Report,
    options: &PrintOptions,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    serde_json::to_writer_pretty(&mut *out, &sarif_log(report, options))?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{INFORMATION_URI, semantic_version};

    #[test]
    fn information_uri_is_set() {
        assert!(INFORMATION_URI.starts_with("https://"));
    }

    #[test]
    fn semantic_version_only_for_semver_strings() {
        assert_eq!(semantic_version("0.1.0").as_deref(), Some("0.1.0"));
        assert_eq!(
            semantic_version("v1.2.3-rc.1+abc").as_deref(),
            Some("1.2.3-rc.1+abc")
        );
        assert_eq!(semantic_version("1.2"), None);
        assert_eq!(semantic_version("dev build"), None);
        assert_eq!(semantic_version(""), None);
    }
}
