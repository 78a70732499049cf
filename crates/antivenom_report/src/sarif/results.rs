//! `runs[0].results`: one result per finding, suppressed ones included.

use super::levels::{level, suppression_syntax};
use super::locations::artifact_location;
use super::locations::{finding_location, region};
use super::model::{
    CodeFlow, MultiformatMessage, PhysicalLocation, ResultProperties, SarifLocation, SarifResult,
    SarifSuppression, SuppressionProperties, ThreadFlow, ThreadFlowLocation,
};
use super::rules::RuleTable;
use antivenom_diagnostics::{Finding, FlowStep};
use std::collections::BTreeMap;

/// The key of antivenom's fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "antivenom/v1";

/// The result for `finding`, or `None` if its rule is missing from `rules`
/// (which [`RuleTable::new`] rules out).
pub(crate) fn result(finding: &Finding, rules: &RuleTable) -> Option<SarifResult> {
    let rule = &finding.rule;
    let rule_index = rules.index_of(&rule.code)?;
    let mut partial_fingerprints = BTreeMap::new();
    if !finding.fingerprint.is_empty() {
        partial_fingerprints.insert(FINGERPRINT_KEY, finding.fingerprint.clone());
    }
    let code_flows = if finding.flow.is_empty() {
        Vec::new()
    } else {
        vec![CodeFlow {
            thread_flows: vec![ThreadFlow {
                locations: finding.flow.iter().map(flow_location).collect(),
            }],
        }]
    };
    let suppressions = finding
        .suppression
        .iter()
        .map(|suppression| SarifSuppression {
            kind: "inSource",
            justification: (!suppression.comment.is_empty()).then(|| suppression.comment.clone()),
            properties: SuppressionProperties {
                syntax: suppression_syntax(suppression.kind),
            },
        })
        .collect();
    Some(SarifResult {
        rule_id: rule.code.clone(),
        rule_index,
        level: level(finding.severity),
        message: MultiformatMessage::text(&finding.message),
        locations: vec![finding_location(
            &finding.path,
            &finding.location,
            &finding.snippet,
        )],
        partial_fingerprints,
        code_flows,
        suppressions,
        properties: ResultProperties {
            severity: finding.severity.as_str(),
            confidence: finding.confidence.as_str(),
            tags: rule.cwe_tags(),
        },
    })
}

fn flow_location(step: &FlowStep) -> ThreadFlowLocation {
    ThreadFlowLocation {
        location: SarifLocation {
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&step.path),
                region: region(&step.location, None),
                context_region: None,
            },
            message: Some(MultiformatMessage::text(&step.message)),
        },
    }
}
