//! The vocabulary every antivenom crate shares: rule metadata, findings, file
//! errors, the run summary, and readable errors for user-written TOML files.
//! Printers (`antivenom_report`) and producers (`antivenom_rules`,
//! `antivenom_workspace`) both depend on this crate and on nothing else of
//! each other, which keeps the dependency arrows one-way.

mod finding;
mod meta;
mod report;
mod toml_errors;

pub use finding::{
    Finding, FlowStep, Location, Snippet, Suppression, SuppressionKind, assign_fingerprints,
};
pub use meta::{Category, Confidence, RuleMeta, Severity, Status};
pub use report::{FileError, FileErrorKind, Report, SkippedFile};
pub use toml_errors::{describe_toml_error, line_at};
