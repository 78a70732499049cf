//! What the analysis reports: a tainted value reaching a sink.

use crate::taint::{Feature, Features, SourceSet};
use crate::trace::TraceId;
use antivenom_taint_models::VulnerabilityClass;
use ruff_text_size::TextRange;
use rustc_hash::FxHashMap;

/// A value from a source reaching a sink of `class`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaintFinding {
    /// What the sink is dangerous for.
    pub class: VulnerabilityClass,
    /// The dangerous call.
    pub sink: TextRange,
    /// The tainted argument (or receiver) of the call.
    pub argument: TextRange,
    /// The callee as written or resolved (`subprocess.run`, `.execute`).
    pub callee: String,
    /// The source kinds that reach it (indices of `SourceKind`).
    pub sources: SourceSet,
    /// How the taint got there.
    pub features: Features,
    /// The last step before the sink; the path is read back from the
    /// file's traces.
    pub trace: TraceId,
}

impl TaintFinding {
    /// `true` when the flow went through a call the analysis has no model
    /// for, or into a method through its whole receiver object: such
    /// findings get a lower confidence.
    #[must_use]
    pub fn is_through_unknown_call(&self) -> bool {
        self.features.contains(Feature::ViaUnknownCall)
            || self.features.contains(Feature::ViaReceiver)
    }
}

/// Findings of one file, one per sink call and class: revisiting code in
/// the fixpoint merges into the existing finding instead of adding one.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    by_sink: FxHashMap<(TextRange, VulnerabilityClass), TaintFinding>,
    verdicts: FxHashMap<(TextRange, VulnerabilityClass), Verdict>,
}

/// What the analysis of a body concluded about the data at one sink call,
/// over every path: the worst case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// No value from a source reaches it.
    Clean,
    /// Values from sources reach it, all sanitised or checked for the
    /// class on the way.
    Cleared,
    /// A value from a source reaches it as it is.
    Tainted,
}

/// The verdict of the analysis on one sink call of a body it analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SinkVerdict {
    /// The dangerous call.
    pub call: TextRange,
    /// What it is dangerous for.
    pub class: VulnerabilityClass,
    /// What reaches it.
    pub verdict: Verdict,
}

impl Findings {
    pub(crate) fn add(&mut self, finding: TaintFinding) {
        self.by_sink
            .entry((finding.sink, finding.class))
            .and_modify(|existing| {
                existing.sources = existing.sources.union(finding.sources);
                // A direct flow on any path makes the finding direct.
                if !finding.is_through_unknown_call() {
                    existing.features = finding.features;
                    if existing.trace.is_none() {
                        existing.trace = finding.trace;
                    }
                }
            })
            .or_insert(finding);
    }

    /// Records what reaches a sink call on one path.
    pub(crate) fn judge(&mut self, call: TextRange, class: VulnerabilityClass, verdict: Verdict) {
        let known = self.verdicts.entry((call, class)).or_insert(verdict);
        *known = (*known).max(verdict);
    }

    /// The findings and the verdicts, in source order.
    pub(crate) fn into_sorted(self) -> (Vec<TaintFinding>, Vec<SinkVerdict>) {
        let mut findings: Vec<TaintFinding> = self.by_sink.into_values().collect();
        findings.sort_by_key(|finding| (finding.sink.start(), finding.sink.end(), finding.class));
        let mut verdicts: Vec<SinkVerdict> = self
            .verdicts
            .into_iter()
            .map(|((call, class), verdict)| SinkVerdict {
                call,
                class,
                verdict,
            })
            .collect();
        verdicts.sort_by_key(|verdict| (verdict.call.start(), verdict.call.end(), verdict.class));
        (findings, verdicts)
    }
}
