//! The shared implementation of the taint rules: one rule per
//! vulnerability class (`rules/taint/*.rs`), each reporting the file's
//! taint findings of its class with their source-to-sink path.

use crate::{FlowMark, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::Confidence;
use antivenom_taint::{StepKind, TaintFinding, TraceStep};
use antivenom_taint_models::{SourceKind, VulnerabilityClass};
use ruff_text_size::TextRange;
use std::sync::LazyLock;

/// The prose of a taint rule's documentation; the rest of its metadata
/// (code, name, CWE, severity, ...) comes from the class table of the
/// models, the single place it is written.
pub(crate) struct TaintDocs {
    /// Why the flow is dangerous.
    pub(crate) why: &'static str,
    /// A flow the rule reports.
    pub(crate) insecure_example: &'static str,
    /// The safe version, which it does not report.
    pub(crate) secure_example: &'static str,
    /// Further reading.
    pub(crate) references: &'static [&'static str],
}

/// The metadata of the taint rule for `class`.
pub(crate) fn taint_meta(class: VulnerabilityClass, docs: &TaintDocs) -> StaticRuleMeta {
    let meta = class.meta();
    StaticRuleMeta {
        code: meta.code,
        name: meta.rule_name,
        cwe: meta.cwe,
        severity: meta.severity,
        confidence: meta.confidence,
        category: meta.category,
        aliases: &[],
        status: meta.status,
        summary: meta.summary,
        why: docs.why,
        insecure_example: docs.insecure_example,
        secure_example: docs.secure_example,
        fix: meta.fix,
        references: docs.references,
    }
}

/// The taint rule of one vulnerability class.
pub(crate) struct TaintRule {
    /// The class it reports.
    pub(crate) class: VulnerabilityClass,
    /// Its metadata, built on first use from the class table.
    pub(crate) meta: &'static LazyLock<StaticRuleMeta>,
}

/// Words for where a value came from, by source kind.
fn source_words(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::RemoteUserInput => "request data",
        SourceKind::CliArgument => "a command-line argument",
        SourceKind::InteractiveInput => "user input",
        SourceKind::Environment => "an environment variable",
        SourceKind::NetworkResponse => "a network response",
        SourceKind::FileContent => "file content",
        SourceKind::Database => "database content",
    }
}

/// One finding, ready to report once the analysis is no longer borrowed.
struct Report {
    range: TextRange,
    message: String,
    through_unknown_call: bool,
    flow: Vec<FlowMark>,
}

fn describe(finding: &TaintFinding, cx: &RuleContext<'_, '_>) -> Report {
    let analysis = cx.taint_analysis();
    let path = analysis.traces.path(finding.trace, 32);
    let sources: Vec<&str> = SourceKind::ALL
        .iter()
        .filter(|kind| finding.sources.contains(**kind as u8))
        .map(|kind| source_words(*kind))
        .collect();
    let own_file = cx.file_index();
    // The code of a step: from this file, or kept with a step elsewhere.
    let code = |step: &TraceStep| -> String {
        if step.file == own_file {
            cx.text(step.range).trim().to_owned()
        } else {
            analysis
                .traces
                .foreign_text(step.file, step.range)
                .unwrap_or_default()
                .to_owned()
        }
    };
    let origin = path
        .first()
        .filter(|step| step.kind == StepKind::Source)
        .map(|step| format!(" `{}`", code(step)))
        .unwrap_or_default();
    let flow = path
        .iter()
        .map(|step| {
            let shown: String = code(step).chars().take(60).collect();
            let message = match step.kind {
                StepKind::Source => format!("source: `{shown}`"),
                StepKind::Assignment => format!("flows into `{shown}`"),
                StepKind::ContainerWrite => format!("stored by `{shown}`"),
                StepKind::ContainerRead => format!("read back by `{shown}`"),
                StepKind::CallArgument => format!("passed into `{shown}`"),
                StepKind::CallReturn => format!("returned by `{shown}`"),
                StepKind::UnknownCall => {
                    format!("through `{shown}` (no model: assumed to pass it on)")
                }
                StepKind::Sink => format!("reaches `{shown}`"),
            };
            FlowMark {
                file: (step.file != own_file).then_some(step.file),
                range: step.range,
                message,
            }
        })
        .collect();
    Report {
        range: finding.sink,
        message: format!(
            "{}{origin} reaches `{}`: {}",
            capitalised(&sources.join(" or ")),
            finding.callee,
            lowercase_first(finding.class.meta().summary.trim_end_matches('.'))
        ),
        through_unknown_call: finding.is_through_unknown_call(),
        flow,
    }
}

fn lowercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_lowercase().chain(characters).collect(),
        None => String::new(),
    }
}

fn capitalised(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

impl Rule for TaintRule {
    fn meta(&self) -> &'static StaticRuleMeta {
        self.meta
    }

    fn interests(&self) -> Interests {
        Interests {
            module: true,
            ..Interests::default()
        }
    }

    fn check_module(&self, cx: &mut RuleContext<'_, '_>) {
        let local = cx.taint_local_sources();
        let reports: Vec<Report> = cx
            .taint_analysis()
            .findings
            .iter()
            .filter(|finding| finding.class == self.class)
            .filter(|finding| {
                local
                    || SourceKind::ALL
                        .iter()
                        .any(|kind| kind.is_remote() && finding.sources.contains(*kind as u8))
            })
            .map(|finding| describe(finding, cx))
            .collect();
        for report in reports {
            let confidence = if report.through_unknown_call {
                Confidence::Low
            } else {
                self.meta.confidence
            };
            cx.report(report.range, report.message)
                .label("tainted data reaches this call")
                .confidence(confidence)
                .flow(report.flow);
        }
    }
}
