//! The taint analysis behind the taint rules: the built-in models, loaded
//! once per run, and the per-file analysis.

use antivenom_semantic::FileSemantic;
use antivenom_taint::{Engine, FileAnalysis, ModuleContext};
use antivenom_taint_models::{ModelError, Models};
use ruff_python_ast::Stmt;
use std::sync::LazyLock;

/// The shipped models. They are tested to load; should they not, the
/// registry refuses to start (see [`check_models`]) rather than run taint
/// rules without them.
static ENGINE: LazyLock<Result<Engine, ModelError>> =
    LazyLock::new(|| Models::builtin().map(Engine::new));

/// `Err` when the shipped taint models do not load.
pub(crate) fn check_models() -> Result<(), String> {
    ENGINE.as_ref().map(|_| ()).map_err(ToString::to_string)
}

/// Runs the taint analysis on one file (nothing when the models failed to
/// load, which [`check_models`] reports at start-up).
pub(crate) fn analyze(
    suite: &[Stmt],
    semantic: &FileSemantic<'_>,
    source: &str,
    context: ModuleContext<'_>,
) -> FileAnalysis {
    match ENGINE.as_ref() {
        Ok(engine) => engine.analyze_module(suite, semantic, source, context),
        Err(_) => FileAnalysis::default(),
    }
}

/// The shipped engine, for analyses outside the rule walk (summaries of
/// functions called from other modules); `None` when the models failed to
/// load.
#[must_use]
pub fn engine() -> Option<&'static Engine> {
    ENGINE.as_ref().ok()
}
