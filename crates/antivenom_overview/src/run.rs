//! The overview of many files, analysed in parallel, and the run totals.

use crate::distributions::distribution_of;
use crate::file::{FileResult, overview_file};
use crate::model::{
    ExternalModule, FileOverview, FileProblem, FindingCounts, FunctionMetrics,
    OVERVIEW_SCHEMA_VERSION, Overview, ProblemKind, Totals,
};
use antivenom_diagnostics::Severity;
use antivenom_semantic::is_stdlib_module as is_stdlib;
use antivenom_workspace::{ModulePath, module_path_of};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// Stack size of the analysis threads: the syntax tree walks recurse, and
/// the parser adapter bounds nesting well below what this allows.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// How to build the overview.
#[derive(Debug, Clone, Default)]
pub struct OverviewOptions {
    /// Number of threads; `None` uses one per core.
    pub threads: Option<usize>,
}

/// Analyses `files` (as found by discovery) and sums up the run.
///
/// Never fails: a file that cannot be read, decoded or analysed is listed in
/// [`Overview::errors`] and the others are still analysed.
#[must_use]
pub fn overview_files(files: &[PathBuf], options: &OverviewOptions) -> Overview {
    let analyse = |path: &PathBuf| {
        let module = module_path_of(path);
        let result = guarded(path, || overview_file(path, module.as_ref()));
        (module, result)
    };
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_BYTES);
    if let Some(threads) = options.threads {
        builder = builder.num_threads(threads.max(1));
    }
    let results: Vec<(Option<ModulePath>, FileResult)> = match builder.build() {
        Ok(pool) => pool.install(|| files.par_iter().map(analyse).collect()),
        // No threads to be had: analyse here.
        Err(_) => files.iter().map(analyse).collect(),
    };

    let local = local_modules(files, results.iter().map(|(module, _)| module.as_ref()));
    let mut overview = Overview {
        schema_version: OVERVIEW_SCHEMA_VERSION,
        ..Overview::default()
    };
    // Module name → (distribution, files importing it).
    let mut externals: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (_, result) in results {
        overview.errors.extend(result.problems);
        let Some(mut file) = result.overview else {
            continue;
        };
        let mut modules = BTreeSet::new();
        for dotted in &result.imports {
            let top = dotted.split('.').next().unwrap_or(dotted);
            if is_stdlib(top) || local.contains(top) {
                continue;
            }
            let (module, distribution) = distribution_of(dotted);
            if modules.insert(module.clone()) {
                externals.entry(module).or_insert((distribution, 0)).1 += 1;
            }
        }
        file.external_imports = modules.into_iter().collect();
        overview.files.push(file);
    }
    overview.external_modules = externals
        .into_iter()
        .map(|(module, (distribution, files))| ExternalModule {
            module,
            distribution,
            files,
        })
        .collect();
    overview.files.sort_by(|a, b| a.path.cmp(&b.path));
    overview.sort_errors();
    overview.recount();
    overview
}

/// Runs `analysis`; a panic becomes an internal problem for `path`.
fn guarded(path: &Path, analysis: impl FnOnce() -> FileResult) -> FileResult {
    match catch_unwind(AssertUnwindSafe(analysis)) {
        Ok(result) => result,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            FileResult {
                problems: vec![FileProblem {
                    path: path.to_path_buf(),
                    kind: ProblemKind::Internal,
                    line: None,
                    message: format!("internal error (please report it): {detail}"),
                }],
                ..FileResult::default()
            }
        }
    }
}

/// Top-level names that are the project's own code: the root package of
/// every file inside a package; for a file outside any package, its own
/// name (scripts import their neighbours) and its directory's name (a
/// namespace package without `__init__.py`).
fn local_modules<'m>(
    files: &[PathBuf],
    modules: impl Iterator<Item = Option<&'m ModulePath>>,
) -> BTreeSet<String> {
    let mut local = BTreeSet::new();
    for (path, module) in files.iter().zip(modules) {
        if let Some(root) = module.and_then(|module| module.segments.first()) {
            local.insert(root.clone());
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) {
            local.insert(stem.to_owned());
        }
        if let Some(directory) = path
            .parent()
            .and_then(Path::file_name)
            .and_then(|name| name.to_str())
        {
            local.insert(directory.to_owned());
        }
    }
    local
}

impl Overview {
    /// Adds problems found outside the per-file analysis (paths that do not
    /// exist, files skipped by discovery) and updates the totals.
    pub fn add_problems(&mut self, problems: impl IntoIterator<Item = FileProblem>) {
        self.errors.extend(problems);
        self.sort_errors();
        self.recount();
    }

    /// Records the active findings of a rule run, one `(path, severity)`
    /// per finding: every file gets its counts (zero when it has none) and
    /// the totals get theirs. Findings for paths not in the overview count
    /// only in the totals.
    pub fn set_findings<'p>(&mut self, findings: impl IntoIterator<Item = (&'p Path, Severity)>) {
        let mut by_path: HashMap<&Path, FindingCounts> = HashMap::new();
        let mut total = FindingCounts::default();
        for (path, severity) in findings {
            let counts = by_path.entry(path).or_default();
            for target in [counts, &mut total] {
                match severity {
                    Severity::High => target.high += 1,
                    Severity::Medium => target.medium += 1,
                    Severity::Low => target.low += 1,
                }
            }
        }
        for file in &mut self.files {
            file.findings = Some(
                by_path
                    .get(file.path.as_path())
                    .copied()
                    .unwrap_or_default(),
            );
        }
        self.totals.findings = Some(total);
    }

    /// The `limit` functions with the highest complexity (ties: more code
    /// lines first, then by path and line), with their files.
    #[must_use]
    pub fn most_complex(&self, limit: usize) -> Vec<(&FileOverview, &FunctionMetrics)> {
        let mut functions: Vec<(&FileOverview, &FunctionMetrics)> = self
            .files
            .iter()
            .flat_map(|file| file.functions.iter().map(move |function| (file, function)))
            .collect();
        functions.sort_by(|(file_a, a), (file_b, b)| {
            b.complexity
                .cmp(&a.complexity)
                .then(b.code_lines.cmp(&a.code_lines))
                .then(file_a.path.cmp(&file_b.path))
                .then(a.line.cmp(&b.line))
        });
        functions.truncate(limit);
        functions
    }

    fn sort_errors(&mut self) {
        self.errors.sort_by(|a, b| {
            (&a.path, a.line, a.kind, &a.message).cmp(&(&b.path, b.line, b.kind, &b.message))
        });
        self.errors.dedup();
    }

    /// Recomputes [`Overview::totals`] from the files (keeping the finding
    /// totals).
    fn recount(&mut self) {
        let files = &self.files;
        self.totals = Totals {
            files: files.len(),
            errors: self.errors.len(),
            lines: files.iter().map(|file| file.lines).sum(),
            code_lines: files.iter().map(|file| file.code_lines).sum(),
            functions: files.iter().map(|file| file.functions.len()).sum(),
            external_modules: self.external_modules.len(),
            network_calls: files.iter().map(|file| file.network_calls.len()).sum(),
            process_calls: files.iter().map(|file| file.process_calls.len()).sum(),
            file_writes: files.iter().map(|file| file.file_writes.len()).sum(),
            findings: self.totals.findings,
        };
    }
}
