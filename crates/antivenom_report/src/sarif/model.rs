//! The subset of the SARIF 2.1.0 object model that antivenom writes, as
//! serde structs. Field names follow the specification (camelCase); optional
//! fields are left out rather than written as `null`.

use serde::Serialize;
use std::collections::BTreeMap;

/// The top-level `sarifLog` object.
#[derive(Debug, Serialize)]
pub(crate) struct SarifLog {
    #[serde(rename = "$schema")]
    pub(crate) schema: &'static str,
    pub(crate) version: &'static str,
    pub(crate) runs: Vec<Run>,
}

/// One run of the tool.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Run {
    pub(crate) tool: Tool,
    pub(crate) invocations: Vec<Invocation>,
    pub(crate) original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    pub(crate) column_kind: &'static str,
    pub(crate) results: Vec<SarifResult>,
}

/// `tool`.
#[derive(Debug, Serialize)]
pub(crate) struct Tool {
    pub(crate) driver: ToolComponent,
}

/// `tool.driver`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ToolComponent {
    pub(crate) name: &'static str,
    pub(crate) information_uri: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) semantic_version: Option<String>,
    pub(crate) rules: Vec<RuleDescriptor>,
    pub(crate) notifications: Vec<NotificationDescriptor>,
}

/// A `reportingDescriptor` for a rule.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RuleDescriptor {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) short_description: MultiformatMessage,
    pub(crate) full_description: MultiformatMessage,
    pub(crate) help: MultiformatMessage,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) help_uri: Option<String>,
    pub(crate) default_configuration: Configuration,
    pub(crate) properties: RuleProperties,
}

/// The property bag of a rule descriptor (GitHub code scanning reads `tags`,
/// `security-severity` and `precision`).
#[derive(Debug, Serialize)]
pub(crate) struct RuleProperties {
    pub(crate) tags: Vec<String>,
    #[serde(rename = "security-severity")]
    pub(crate) security_severity: &'static str,
    pub(crate) precision: &'static str,
    pub(crate) aliases: Vec<String>,
}

/// A `reportingDescriptor` for a kind of tool notification.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NotificationDescriptor {
    pub(crate) id: &'static str,
    pub(crate) short_description: MultiformatMessage,
    pub(crate) default_configuration: Configuration,
}

/// A `reportingConfiguration`.
#[derive(Debug, Serialize)]
pub(crate) struct Configuration {
    pub(crate) level: &'static str,
}

/// A `multiformatMessageString` (also used where a plain `message` is
/// expected, with `markdown` left out).
#[derive(Debug, Serialize)]
pub(crate) struct MultiformatMessage {
    pub(crate) text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) markdown: Option<String>,
}

impl MultiformatMessage {
    /// A text-only message.
    pub(crate) fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            markdown: None,
        }
    }
}

/// A `result`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SarifResult {
    pub(crate) rule_id: String,
    pub(crate) rule_index: usize,
    pub(crate) level: &'static str,
    pub(crate) message: MultiformatMessage,
    pub(crate) locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) code_flows: Vec<CodeFlow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) suppressions: Vec<SarifSuppression>,
    pub(crate) properties: ResultProperties,
}

/// The property bag of a result.
#[derive(Debug, Serialize)]
pub(crate) struct ResultProperties {
    pub(crate) severity: &'static str,
    pub(crate) confidence: &'static str,
    pub(crate) tags: Vec<String>,
}

/// A `location`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SarifLocation {
    pub(crate) physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<MultiformatMessage>,
}

/// A `physicalLocation`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PhysicalLocation {
    pub(crate) artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) region: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) context_region: Option<Region>,
}

/// An `artifactLocation`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<MultiformatMessage>,
}

/// A `region` (1-based lines and columns; the end column is exclusive).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Region {
    pub(crate) start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) snippet: Option<ArtifactContent>,
}

/// An `artifactContent` (only its `text`).
#[derive(Debug, Serialize)]
pub(crate) struct ArtifactContent {
    pub(crate) text: String,
}

/// A `codeFlow`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CodeFlow {
    pub(crate) thread_flows: Vec<ThreadFlow>,
}

/// A `threadFlow`.
#[derive(Debug, Serialize)]
pub(crate) struct ThreadFlow {
    pub(crate) locations: Vec<ThreadFlowLocation>,
}

/// A `threadFlowLocation`.
#[derive(Debug, Serialize)]
pub(crate) struct ThreadFlowLocation {
    pub(crate) location: SarifLocation,
}

/// A `suppression`.
#[derive(Debug, Serialize)]
pub(crate) struct SarifSuppression {
    pub(crate) kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) justification: Option<String>,
    pub(crate) properties: SuppressionProperties,
}

/// The property bag of a suppression: which comment syntax was used.
#[derive(Debug, Serialize)]
pub(crate) struct SuppressionProperties {
    pub(crate) syntax: &'static str,
}

/// An `invocation`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Invocation {
    pub(crate) execution_successful: bool,
    pub(crate) tool_execution_notifications: Vec<Notification>,
}

/// A `notification`.
#[derive(Debug, Serialize)]
pub(crate) struct Notification {
    pub(crate) level: &'static str,
    pub(crate) message: MultiformatMessage,
    pub(crate) locations: Vec<SarifLocation>,
    pub(crate) descriptor: DescriptorReference,
}

/// A `reportingDescriptorReference` into `tool.driver.notifications`.
#[derive(Debug, Serialize)]
pub(crate) struct DescriptorReference {
    pub(crate) id: &'static str,
    pub(crate) index: usize,
}
