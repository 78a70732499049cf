//! Stage 2 across modules: what the functions of other files of the project
//! do with their parameters, in a form that outlives the file they were
//! computed in.
//!
//! The engine analyses one file at a time. When a call goes to a function
//! of another module (`from .helpers import run_cmd`, `utils.quote(x)`,
//! `Store().save(x)`, an inherited `self.method()`), it asks the caller's
//! [`ProjectCalls`] for that function's [`ProjectSummary`]; the caller
//! (the workspace) finds the function through the project index, analyses
//! it (on demand, memoised, recursion cut and iterated) and hands back the
//! summary. The summary keeps the steps of the paths inside the other file
//! (with their text), so a finding's path runs through it.

use crate::summaries::Summary;
use crate::taint::Taint;
use crate::trace::{StepKind, TraceStep, Traces};
use antivenom_taint_models::VulnerabilityClass;
use ruff_text_size::TextRange;
use std::sync::Arc;

/// Most steps of one path inside a summarised function that are kept.
const MAX_SUMMARY_STEPS: usize = 16;

/// Longest text kept for a step of another file.
const MAX_STEP_TEXT: usize = 60;

/// One step of a path inside another file, with the code it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignStep {
    /// The file, as the caller's file index.
    pub file: u32,
    /// Where in that file.
    pub range: TextRange,
    /// What happened there.
    pub kind: StepKind,
    /// The code at `range`, trimmed and shortened.
    pub text: Box<str>,
}

/// A parameter of a summarised function that reaches a sink inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterSink {
    /// The parameter, by position (the receiver of a method is 0).
    pub parameter: u8,
    /// The vulnerability it reaches.
    pub class: VulnerabilityClass,
    /// The dangerous call inside, as it is named in messages.
    pub callee: String,
    /// The path from the parameter to the sink, sink last.
    pub steps: Vec<ForeignStep>,
}

/// What a function of the project does with its parameters: owned, so
/// that any file's analysis can apply it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectSummary {
    /// The function's name, for messages.
    pub name: String,
    /// Parameter names in declaration order (for keyword arguments).
    pub parameter_names: Vec<String>,
    /// A method called through an instance: parameter 0 is the receiver.
    pub takes_receiver: bool,
    /// Taint of what it returns: its own sources, and the parameters it
    /// passes through with what they were cleared for (no trace: the path
    /// of its own sources is `return_steps`).
    pub returns: Taint,
    /// The path of the sources it returns, source first.
    pub return_steps: Vec<ForeignStep>,
    /// Parameters that reach a sink inside.
    pub parameter_sinks: Vec<ParameterSink>,
    /// For a method: what its receiver holds when it returns (the object a
    /// constructor builds), without trace.
    pub receiver_writes: Taint,
}

impl ProjectSummary {
    /// `true` when the function returns attacker-controlled data of its
    /// own (it wraps a source).
    #[must_use]
    pub fn returns_source(&self) -> bool {
        !self.returns.sources.is_empty()
    }

    /// Converts the summary of a function computed in `traces` (whose
    /// file `file` has text `source`).
    pub(crate) fn from_summary(
        summary: &Summary,
        name: String,
        parameter_names: Vec<String>,
        takes_receiver: bool,
        traces: &Traces,
        source: &str,
    ) -> Self {
        let returned = summary.returns.collapsed();
        let foreign = |last| -> Vec<ForeignStep> {
            traces
                .path(last, MAX_SUMMARY_STEPS)
                .iter()
                .map(|step| ForeignStep::new(step, source, traces))
                .collect()
        };
        Self {
            name,
            parameter_names,
            takes_receiver,
            return_steps: foreign(returned.trace),
            returns: Taint {
                trace: crate::trace::TraceId::NONE,
                ..returned
            },
            receiver_writes: Taint {
                trace: crate::trace::TraceId::NONE,
                ..summary.receiver_writes
            },
            parameter_sinks: summary
                .parameter_sinks
                .iter()
                .map(|sink| ParameterSink {
                    parameter: sink.parameter,
                    class: sink.class,
                    callee: sink.callee.clone(),
                    steps: foreign(sink.trace),
                })
                .collect(),
        }
    }
}

impl ForeignStep {
    /// The step with its code: read from `source` for a step of the file
    /// being summarised, from the arena for a step it got from further
    /// away.
    fn new(step: &TraceStep, source: &str, traces: &Traces) -> Self {
        let text = traces
            .foreign_text(step.file, step.range)
            .map(str::to_owned)
            .unwrap_or_else(|| {
                shown(
                    source
                        .get(step.range.start().to_usize()..step.range.end().to_usize())
                        .unwrap_or_default(),
                )
            });
        Self {
            file: step.file,
            range: step.range,
            kind: step.kind,
            text: text.into_boxed_str(),
        }
    }
}

/// Code as a step shows it: trimmed, at most [`MAX_STEP_TEXT`] characters.
pub(crate) fn shown(code: &str) -> String {
    code.trim().chars().take(MAX_STEP_TEXT).collect()
}

/// The functions of other modules of the project, as one file's analysis
/// sees them.
pub trait ProjectCalls {
    /// The summary of the project function or method that the fully
    /// qualified `name` refers to (`pkg.helpers.run_cmd`,
    /// `pkg.store.Store.save`), computed if needed; `None` for a name that
    /// is not a project function, or one whose summary is being computed
    /// further up this chain and has no approximation yet (recursion).
    fn summary(&self, name: &str) -> Option<Arc<ProjectSummary>>;

    /// Names (the last part, as called: `get_param(`) of functions of other
    /// modules that return request data and that this file may call: the
    /// bodies calling them are analysed like bodies holding a source.
    fn source_wrappers(&self) -> &[String];

    /// The dotted name of the module being analysed, when known.
    fn module_name(&self) -> Option<&str>;

    /// `true` when the function `name` refers to holds a source: its
    /// summary matters even at a call whose arguments are all clean.
    fn may_return_source(&self, name: &str) -> bool;
}
