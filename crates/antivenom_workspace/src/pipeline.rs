//! The per-file analysis pipeline, run in parallel over all files:
//! read → decode → parse (with recovery) → bind → rules → findings.

use crate::module_path::{PackageDirectories, module_path_in};
use crate::project_pass::{JobFiles, Project, files_to_revisit};
use crate::project_scope::{ModuleFacts, module_facts, needed_files};
use antivenom_diagnostics::{
    Category, FileError, FileErrorKind, Finding, FlowStep, Location, Report, SkippedFile, Snippet,
};
use antivenom_project::ModuleSymbols;
use antivenom_python::{
    DecodeError, Decoded, LineIndex, ParsedModule, decode_source, parse_module,
};
use antivenom_rules::{
    AnalysisInput, ProjectLinks, RuleMatch, RuleSet, analyze_module_with_links,
    merge_revisited_taint, taint_engine,
};
use antivenom_semantic::ModuleInfo;
use antivenom_taint::{Engine, ProjectCalls};
use rayon::prelude::*;
use ruff_text_size::TextRange;
use rustc_hash::FxHashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use typed_arena::Arena;

/// Stack size of analysis threads. Nesting is bounded by the parser
/// adapter's guard; this leaves generous headroom for the recursive walks.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Most lines a finding's snippet keeps.
const MAX_SNIPPET_LINES: usize = 12;

/// How to run the analysis.
#[derive(Debug, Clone, Default)]
pub struct AnalysisOptions {
    /// Ignore `# nosec` and the other suppression comments.
    pub ignore_suppressions: bool,
    /// Number of threads; `None` uses one per core.
    pub threads: Option<usize>,
}

/// What happened to one file.
#[derive(Debug, Default)]
struct FileOutcome {
    findings: Vec<Finding>,
    errors: Vec<FileError>,
    skipped: Option<SkippedFile>,
    scanned: bool,
    /// Its module's name and imports (first pass, taint rules enabled).
    facts: Option<ModuleFacts>,
    /// Calls and sources of the file that other modules matter for.
    links: ProjectLinks,
    /// The file's tree, kept after the first pass for the second.
    source: Option<Arc<SourceFile>>,
}

/// How one file is analysed.
#[derive(Clone, Copy)]
struct FileJob<'j> {
    /// Its index in the run's file list.
    index: u32,
    /// The rest of the project, in the second pass.
    project: Option<&'j dyn ProjectCalls>,
    /// Record the module's facts (first pass, taint rules enabled).
    collect_facts: bool,
    /// Where a range of another file is (for taint paths through it).
    locate: &'j dyn Fn(u32, TextRange) -> Option<(PathBuf, Location)>,
}

/// Errors setting up the analysis.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The thread pool could not be created.
    #[error("cannot start analysis threads: {0}")]
    ThreadPool(String),
}

/// Analyses `files` in parallel and returns the findings, errors and
/// skipped files in deterministic order. `on_file_done` is called once per
/// file (for progress display).
///
/// # Errors
/// Only when the thread pool cannot be created.
pub fn analyze_files(
    files: &[PathBuf],
    rules: &RuleSet,
    options: &AnalysisOptions,
    on_file_done: &(dyn Fn() + Sync),
) -> Result<Report, PipelineError> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_BYTES);
    if let Some(threads) = options.threads {
        builder = builder.num_threads(threads.max(1));
    }
    let pool = builder
        .build()
        .map_err(|error| PipelineError::ThreadPool(error.to_string()))?;
    let packages = PackageDirectories::default();
    let engine = taint_engine().filter(|_| rules.has_taint_rules());
    let nowhere = |_: u32, _: TextRange| None;
    let mut outcomes: Vec<FileOutcome> = pool.install(|| {
        files
            .par_iter()
            .enumerate()
            .map(|(index, path)| {
                let job = FileJob {
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                    project: None,
                    collect_facts: engine.is_some(),
                    locate: &nowhere,
                };
                let outcome = guarded(path, || {
                    analyze_file(path, None, rules, options, &packages, job)
                });
                on_file_done();
                outcome
            })
            .collect()
    });
    if let Some(engine) = engine {
        let run = Run {
            files,
            rules,
            options,
            packages: &packages,
            pool: &pool,
        };
        follow_across_modules(&run, engine, &mut outcomes);
    }
    let mut report = Report {
        rules: rules.metas().to_vec(),
        ..Report::default()
    };
    for outcome in outcomes {
        report.files_scanned += usize::from(outcome.scanned);
        report.findings.extend(outcome.findings);
        report.errors.extend(outcome.errors);
        report.skipped.extend(outcome.skipped);
    }
    report.sort();
    Ok(report)
}

/// What every file of one run is analysed with.
struct Run<'r> {
    files: &'r [PathBuf],
    rules: &'r RuleSet,
    options: &'r AnalysisOptions,
    packages: &'r PackageDirectories,
    pool: &'r rayon::ThreadPool,
}

/// The second pass of the taint analysis (see [`crate::project_pass`]):
/// builds the project index from the modules that can matter, and analyses
/// again, with the taint rules only, the files whose flows go through
/// other modules, replacing their first-pass taint findings.
fn follow_across_modules(run: &Run<'_>, engine: &'static Engine, outcomes: &mut [FileOutcome]) {
    let mut facts = Vec::with_capacity(outcomes.len());
    let mut links = Vec::new();
    let mut kept = FxHashMap::default();
    for (index, outcome) in outcomes.iter_mut().enumerate() {
        facts.push(outcome.facts.take());
        if let Some(source) = outcome.source.take() {
            kept.insert(u32::try_from(index).unwrap_or(u32::MAX), source);
        }
        let found = std::mem::take(&mut outcome.links);
        if !found.outgoing.is_empty() || !found.source_functions.is_empty() {
            links.push((u32::try_from(index).unwrap_or(u32::MAX), found));
        }
    }
    if links.is_empty() {
        return;
    }
    let needed = needed_files(&facts, &links);
    let wanted: Vec<(u32, ModuleFacts)> = needed
        .files
        .iter()
        .filter_map(|&file| Some((file, facts.get_mut(usize::try_from(file).ok()?)?.take()?)))
        .collect();
    drop(facts);
    // A module named by a call into another module, parsed for its
    // symbols, keeps its tree for the rest of the pass: the summaries of
    // its functions need it. The index's other modules are read for their
    // names only.
    let read: Vec<(u32, ModuleSymbols, Option<SourceFile>)> = run.pool.install(|| {
        wanted
            .into_par_iter()
            .filter_map(|(file, facts)| match facts.symbols {
                Some(symbols) => Some((file, symbols, None)),
                None => {
                    let path = run.files.get(usize::try_from(file).ok()?)?;
                    let (symbols, source) =
                        Project::read_module(path, &facts.name, facts.is_package)?;
                    Some((
                        file,
                        symbols,
                        needed.called.contains(&file).then_some(source),
                    ))
                }
            })
            .collect()
    });
    let mut modules = Vec::with_capacity(read.len());
    for (file, symbols, source) in read {
        if let Some(source) = source {
            kept.insert(file, Arc::new(source));
        }
        modules.push((file, symbols));
    }
    let project = Project::new(
        modules,
        &links,
        kept,
        run.files,
        run.packages,
        engine,
        run.rules.taint_local_sources(),
    );
    let revisit: Vec<(u32, Vec<String>)> = files_to_revisit(&project, &links).into_iter().collect();
    // Only the taint rules run again; the other findings stand.
    let taint_rules = run.rules.taint_subset();
    let locate = |file: u32, range: TextRange| project.locate(file, range);
    let revisited: Vec<(u32, FileOutcome)> = run.pool.install(|| {
        revisit
            .par_iter()
            .filter_map(|(index, wrappers)| {
                let path = run.files.get(usize::try_from(*index).ok()?)?;
                let (modules, semantics) = (Arena::new(), Arena::new());
                let files = JobFiles::new(&modules, &semantics);
                let view = project.view(*index, wrappers, &files);
                let job = FileJob {
                    index: *index,
                    project: Some(&view),
                    collect_facts: false,
                    locate: &locate,
                };
                let kept = project.kept_source(*index);
                let outcome = guarded(path, || {
                    analyze_file(path, kept, &taint_rules, run.options, run.packages, job)
                });
                Some((*index, outcome))
            })
            .collect()
    });
    for (index, outcome) in revisited {
        if let Some(slot) = usize::try_from(index)
            .ok()
            .and_then(|index| outcomes.get_mut(index))
        {
            // A second analysis that failed keeps the first pass's findings
            // and says so; other file errors were reported by the first pass.
            let failed: Vec<FileError> = outcome
                .errors
                .into_iter()
                .filter(|error| error.kind == FileErrorKind::Internal)
                .collect();
            if failed.is_empty() {
                merge_revisited_taint(&mut slot.findings, outcome.findings);
            } else {
                slot.errors.extend(failed);
            }
        }
    }
}

/// Runs `analysis`; a panic becomes an internal-error entry for `path`, so
/// one bad file never ends the run.
fn guarded(path: &Path, analysis: impl FnOnce() -> FileOutcome) -> FileOutcome {
    match catch_unwind(AssertUnwindSafe(analysis)) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            FileOutcome {
                errors: vec![FileError {
                    path: path.to_path_buf(),
                    kind: FileErrorKind::Internal,
                    line: None,
                    column: None,
                    message: format!(
                        "internal error while analysing this file (please report it): {detail}"
                    ),
                }],
                ..FileOutcome::default()
            }
        }
    }
}

fn file_error(path: &Path, kind: FileErrorKind, line: Option<usize>, message: String) -> FileError {
    FileError {
        path: path.to_path_buf(),
        kind,
        line,
        column: None,
        message,
    }
}

/// A file's decoded text and its syntax tree.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The decoded text.
    pub(crate) text: String,
    /// Its syntax tree.
    pub(crate) parsed: ParsedModule,
}

/// Reads, decodes and parses `path`; what stops that (an unreadable or
/// undecodable file, a binary one) is recorded in `outcome`.
fn load_file(path: &Path, outcome: &mut FileOutcome) -> Option<SourceFile> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            outcome.errors.push(file_error(
                path,
                FileErrorKind::Io,
                None,
                format!("cannot read file: {error}"),
            ));
            return None;
        }
    };
    let text = match decode_source(bytes) {
        Ok(Decoded::Text(source)) => source.text,
        Ok(Decoded::Binary { nul_offset }) => {
            outcome.skipped = Some(SkippedFile {
                path: path.to_path_buf(),
                reason: format!("binary file (NUL byte at offset {nul_offset})"),
            });
            return None;
        }
        Err(error) => {
            outcome.errors.push(decode_error(path, &error));
            return None;
        }
    };
    let parsed = parse_module(&text, is_stub_path(path));
    Some(SourceFile { text, parsed })
}

/// `true` for a type stub (`.pyi`).
pub(crate) fn is_stub_path(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "pyi")
}

/// Analyses one file: the tree kept from its first analysis when `kept`
/// holds it, otherwise read and parsed now.
fn analyze_file(
    path: &Path,
    kept: Option<Arc<SourceFile>>,
    rules: &RuleSet,
    options: &AnalysisOptions,
    packages: &PackageDirectories,
    job: FileJob<'_>,
) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let kept_from_first_pass = kept.is_some();
    let source = match kept {
        Some(source) => source,
        None => match load_file(path, &mut outcome) {
            Some(source) => Arc::new(source),
            None => return outcome,
        },
    };
    let SourceFile { text, parsed } = &*source;
    outcome.scanned = true;
    if let Some(first) = parsed.syntax_errors().first() {
        let more = parsed.syntax_errors().len() - 1;
        let mut message = format!("syntax error: {}", first.message);
        if more > 0 {
            message.push_str(&format!(" (and {more} more)"));
        }
        if !parsed.was_refused() {
            message.push_str("; the statements around it were still analysed");
        }
        outcome.errors.push(FileError {
            path: path.to_path_buf(),
            kind: FileErrorKind::Syntax,
            line: Some(first.line),
            column: Some(first.column),
            message,
        });
    }
    let module_path = module_path_in(path, packages);
    let comments: Vec<TextRange> = parsed.comments().collect();
    let line_of = |offset| parsed.line_index(text).line_of(offset);
    let input = AnalysisInput {
        suite: parsed.suite(),
        source: text,
        comments: &comments,
        line_of: &line_of,
        module: ModuleInfo {
            path,
            module_path: module_path
                .as_ref()
                .map(|module| module.segments.as_slice()),
            is_package: module_path.as_ref().is_some_and(|module| module.is_package),
            is_stub: is_stub_path(path),
        },
        file_index: job.index,
        project: job.project,
        // A tree analysed again was kept from the first pass, and its arena
        // already holds that pass's model: the second is built outside it.
        tree: if kept_from_first_pass {
            None
        } else {
            parsed.tree()
        },
    };
    let (matches, links) = analyze_module_with_links(input, rules, options.ignore_suppressions);
    if !matches.is_empty() {
        outcome.findings = to_findings(path, text, parsed.line_index(text), matches, job.locate);
    }
    if job.collect_facts {
        let has_links = !links.outgoing.is_empty() || !links.source_functions.is_empty();
        outcome.facts = module_facts(path, module_path.as_ref(), parsed.suite(), has_links);
        // A file calling into other modules is analysed again: its tree
        // is kept for that rather than parsed twice.
        if !links.outgoing.is_empty() {
            outcome.source = Some(Arc::clone(&source));
        }
    }
    outcome.links = links;
    outcome
}

fn decode_error(path: &Path, error: &DecodeError) -> FileError {
    FileError {
        path: path.to_path_buf(),
        kind: FileErrorKind::Encoding,
        line: Some(error.line()),
        column: None,
        message: error.to_string(),
    }
}

/// The line and column location of `range`.
pub(crate) fn location(index: &LineIndex, range: TextRange) -> Location {
    let (start_line, start_column) = index.line_column(range.start());
    let (end_line, end_column) = index.line_column(range.end());
    Location {
        start_line,
        start_column,
        end_line,
        end_column,
        start_offset: range.start().to_usize(),
        end_offset: range.end().to_usize(),
    }
}

/// Turns rule matches into located findings with snippets and fingerprints.
fn to_findings(
    path: &Path,
    text: &str,
    index: &LineIndex,
    matches: Vec<RuleMatch>,
    locate: &dyn Fn(u32, TextRange) -> Option<(PathBuf, Location)>,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = matches
        .into_iter()
        .map(|found| {
            let location = location(index, found.range);
            let last_line = location
                .end_line
                .min(location.start_line + MAX_SNIPPET_LINES - 1);
            let mut snippet = Snippet {
                first_line: location.start_line,
                text: index
                    .lines_text(text, location.start_line, last_line)
                    .trim_end_matches(['\n', '\r'])
                    .to_owned(),
            };
            if found.rule.category == Category::Secrets
                && let Some(line) = index.line_range(location.start_line)
            {
                mask_secret(&mut snippet, line.start().to_usize(), found.range);
            }
            Finding {
                label: found.label.unwrap_or_else(|| found.rule.summary.clone()),
                fix: found.fix.unwrap_or_else(|| found.rule.fix.clone()),
                rule: found.rule,
                path: path.to_path_buf(),
                location,
                message: found.message,
                severity: found.severity,
                confidence: found.confidence,
                snippet,
                suppression: found.suppression,
                fingerprint: String::new(),
                flow: found
                    .flow
                    .into_iter()
                    .filter_map(|mark| {
                        let (path, location) = match mark.file {
                            None => (path.to_path_buf(), self::location(index, mark.range)),
                            Some(file) => locate(file, mark.range)?,
                        };
                        Some(FlowStep {
                            path,
                            location,
                            message: mark.message,
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    antivenom_diagnostics::assign_fingerprints(&mut findings);
    findings
}

/// Reports never repeat a secret: in the snippet, the flagged text keeps its
/// quotes, its first few characters (enough to recognise it) and its length
/// (so the underline still fits); every other visible character becomes
/// `*`. The snippet starts at byte `snippet_start` of the file.
fn mask_secret(snippet: &mut Snippet, snippet_start: usize, range: TextRange) {
    let start = range.start().to_usize().saturating_sub(snippet_start);
    let end = range.end().to_usize().saturating_sub(snippet_start);
    let Some(flagged) = snippet.text.get(start..end.min(snippet.text.len())) else {
        return;
    };
    let content_length = flagged
        .chars()
        .filter(|c| !matches!(c, '"' | '\'') && !c.is_whitespace())
        .count();
    let visible = match content_length {
        0..8 => 0,
        8..16 => 2,
        _ => 4,
    };
    let mut shown = 0;
    let mut in_quotes = false;
    let masked: String = flagged
        .chars()
        .map(|c| {
            if matches!(c, '"' | '\'') {
                in_quotes = true;
                c
            } else if c.is_whitespace() || !in_quotes {
                // String prefixes (`b`, `f`) and layout stay as they are.
                c
            } else if shown < visible {
                shown += 1;
                c
            } else {
                '*'
            }
        })
        .collect();
    let masked = if in_quotes {
        masked
    } else {
        // Not a string literal (a name or a call): mask all of it.
        flagged
            .chars()
            .map(|c| if c.is_whitespace() { c } else { '*' })
            .collect()
    };
    snippet
        .text
        .replace_range(start..start + flagged.len(), &masked);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_entry_for_that_file() {
        let outcome = guarded(Path::new("boom.py"), || panic!("deliberate test panic"));
        assert!(!outcome.scanned);
        let [error] = outcome.errors.as_slice() else {
            panic!("one error expected")
        };
        assert_eq!(error.kind, FileErrorKind::Internal);
        assert!(
            error.message.contains("deliberate test panic"),
            "{}",
            error.message
        );
    }
}
