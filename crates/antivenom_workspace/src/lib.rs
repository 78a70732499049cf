//! File discovery and the parallel analysis pipeline.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod discover;
mod module_path;
mod pipeline;
mod project_pass;
mod project_scope;

pub use module_path::{ModulePath, module_path_of};
pub use pipeline::{AnalysisOptions, PipelineError, analyze_files};
