//! Taint tracking: attacker-controlled data followed from where it enters a
//! program (sources) to where it does harm (sinks).
//!
//! This crate holds the abstract domain of the analysis:
//!
//! * [`Taint`]: which sources (or, while summarising a function, which of
//!   its parameters) a value may come from, which vulnerability classes it
//!   has been made safe for, and how it got there ([`Features`]);
//! * [`TaintTree`]: taint per bounded access path (`x.a`, `x["k"]`,
//!   `x[*]`), so that `d["a"] = tainted; use(d["b"])` stays clean;
//! * [`Env`]: the taint of every variable at one program point;
//! * [`Traces`]: the steps a taint took, for the path shown with a finding.
//!
//! Every join only grows a value and every tree is bounded in depth and
//! width, so the fixpoints built on this domain terminate.

mod analysis;
mod conditions;
mod env;
mod evaluate;
mod finding;
mod project;
mod source_sites;
mod summaries;
mod taint;
mod trace;
mod tree;

pub use analysis::{Engine, FileAnalysis, ModuleContext};
pub use conditions::{condition_holds, conditions_hold};
pub use env::{Env, VariableKey};
pub use finding::{SinkVerdict, TaintFinding, Verdict};
pub use project::{ForeignStep, ParameterSink, ProjectCalls, ProjectSummary};
pub use taint::{ClassSet, Feature, Features, ParameterSet, SourceSet, Taint};
pub use trace::{StepKind, TraceId, TraceStep, Traces};
pub use tree::{MAX_PATH_DEPTH, MAX_TREE_WIDTH, PathElement, TaintTree};
