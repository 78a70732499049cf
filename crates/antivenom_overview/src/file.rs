//! The overview of one file: read, decode, parse, bind, measure.

use crate::calls::inventory_calls;
use crate::complexity::measure_functions;
use crate::imports::imported_names;
use crate::lines::CodeLines;
use crate::model::{FileOverview, FileProblem, ProblemKind};
use antivenom_python::{DecodeError, Decoded, LineIndex, decode_source, parse_module};
use antivenom_semantic::{FileSemantic, ModuleInfo};
use antivenom_workspace::ModulePath;
use std::path::Path;

/// What one file yields: its overview (unless it could not be read or
/// decoded), the dotted names it imports, and its problems.
#[derive(Debug, Clone, Default)]
pub struct FileResult {
    /// The overview; `external_imports` is left empty (the run fills it in,
    /// knowing the project's own packages).
    pub overview: Option<FileOverview>,
    /// Absolute imports, as written (see [`crate::imports::imported_names`]).
    pub imports: Vec<String>,
    /// Why the file could not be (fully) analysed.
    pub problems: Vec<FileProblem>,
}

/// Reads and analyses the file at `path`.
#[must_use]
pub fn overview_file(path: &Path, module: Option<&ModulePath>) -> FileResult {
    let problem = |kind, line, message: String| FileProblem {
        path: path.to_path_buf(),
        kind,
        line,
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            return FileResult {
                problems: vec![problem(
                    ProblemKind::Io,
                    None,
                    format!("cannot read file: {error}"),
                )],
                ..FileResult::default()
            };
        }
    };
    let text = match decode_source(bytes) {
        Ok(Decoded::Text(source)) => source.text,
        Ok(Decoded::Binary { nul_offset }) => {
            return FileResult {
                problems: vec![problem(
                    ProblemKind::Binary,
                    None,
                    format!("binary file (NUL byte at offset {nul_offset})"),
                )],
                ..FileResult::default()
            };
        }
        Err(error) => {
            return FileResult {
                problems: vec![problem(
                    ProblemKind::Decode,
                    Some(DecodeError::line(&error)),
                    error.to_string(),
                )],
                ..FileResult::default()
            };
        }
    };
    overview_source(path, &text, module)
}

/// Analyses `text`, the decoded contents of the file at `path` (which is
/// not read). `module` is the file's place in its package, if any.
#[must_use]
pub fn overview_source(path: &Path, text: &str, module: Option<&ModulePath>) -> FileResult {
    let is_stub = path.extension().is_some_and(|extension| extension == "pyi");
    let parsed = parse_module(text, is_stub);
    let mut problems = Vec::new();
    if let Some(first) = parsed.syntax_errors().first() {
        let more = parsed.syntax_errors().len() - 1;
        let mut message = format!("syntax error: {}", first.message);
        if more > 0 {
            message.push_str(&format!(" (and {more} more)"));
        }
        problems.push(FileProblem {
            path: path.to_path_buf(),
            kind: ProblemKind::Syntax,
            line: Some(first.line),
            message,
        });
    }
    let index = LineIndex::new(text);
    let lines = CodeLines::new(text, &parsed, &index);
    let suite = parsed.suite();
    let semantic = FileSemantic::build(
        suite,
        ModuleInfo {
            path,
            module_path: module.map(|module| module.segments.as_slice()),
            is_package: module.is_some_and(|module| module.is_package),
            is_stub,
        },
    );
    let calls = inventory_calls(suite, &semantic, &index);
    FileResult {
        overview: Some(FileOverview {
            path: path.to_path_buf(),
            lines: lines.total(),
            code_lines: lines.code(),
            syntax_errors: parsed.syntax_errors().len(),
            functions: measure_functions(suite, &lines, &index),
            external_imports: Vec::new(),
            network_calls: calls.network,
            process_calls: calls.process,
            file_writes: calls.writes,
            findings: None,
        }),
        imports: imported_names(suite),
        problems,
    }
}
