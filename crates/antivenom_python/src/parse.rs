//! Parsing with Ruff's error-recovering parser.

use crate::line_index::LineIndex;
use crate::nesting::{check_nesting, tokens_are_quiet};
use antivenom_arena::ParsedTree;
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{ModModule, PySourceType, PythonVersion, Stmt};
use ruff_python_parser::{ParseOptions, Parsed};
use ruff_python_trivia::CommentRanges;
use ruff_text_size::{Ranged, TextRange};
use std::sync::OnceLock;

/// The newest syntax we accept; code for older versions parses too.
const TARGET_VERSION: PythonVersion = PythonVersion::PY314;

/// A syntax error, or code the analysis refuses (see [`crate::check_nesting`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxProblem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in code points.
    pub column: usize,
    /// What is wrong, e.g. "Expected ')', found newline".
    pub message: String,
    /// Where in the text (may be empty).
    pub range: TextRange,
}

/// A parsed module: the statements the parser could recover, its syntax
/// errors, the comments, and a [`LineIndex`] for the text.
#[derive(Debug)]
pub struct ParsedModule {
    /// `None` when the text was refused before parsing. The tree is in its
    /// own arena (when the program's allocator provides them), freed whole.
    parsed: Option<ParsedTree>,
    problems: Vec<SyntaxProblem>,
    /// Built on first use: most files have no finding and no error.
    line_index: OnceLock<LineIndex>,
}

impl ParsedModule {
    /// The top-level statements. With syntax errors these are the
    /// statements the parser recovered; empty when the text was refused
    /// before parsing (too deeply nested or too large).
    #[must_use]
    pub fn suite(&self) -> &[Stmt] {
        self.parsed
            .as_ref()
            .map_or(&[], |parsed| parsed.suite().as_slice())
    }

    /// Syntax errors (including syntax newer than Python 3.14), in source order.
    #[must_use]
    pub fn syntax_errors(&self) -> &[SyntaxProblem] {
        &self.problems
    }

    /// `true` when the text was refused before parsing, so [`Self::suite`]
    /// is empty even though the file may contain code.
    #[must_use]
    pub fn was_refused(&self) -> bool {
        self.parsed.is_none()
    }

    /// All tokens, comments and non-logical newlines included; empty when
    /// the text was refused.
    #[must_use]
    pub fn tokens(&self) -> &[Token] {
        self.parsed
            .as_ref()
            .map_or(&[], |parsed| &**parsed.tokens())
    }

    /// Ranges of the comments (each starting at its `#`), in source order.
    pub fn comments(&self) -> impl Iterator<Item = TextRange> + '_ {
        self.tokens()
            .iter()
            .filter(|token| token.kind() == TokenKind::Comment)
            .map(Ranged::range)
    }

    /// The comments as Ruff's [`CommentRanges`], for Ruff helpers that need them.
    #[must_use]
    pub fn comment_ranges(&self) -> CommentRanges {
        CommentRanges::new(self.comments().collect())
    }

    /// Ruff's own parse result, for Ruff helpers that need it; `None` when
    /// the text was refused before parsing.
    #[must_use]
    pub fn ruff_parsed(&self) -> Option<&Parsed<ModModule>> {
        self.parsed.as_deref()
    }

    /// The parse result with its arena, for building the semantic model in
    /// the same arena; `None` when the text was refused before parsing.
    #[must_use]
    pub fn tree(&self) -> Option<&ParsedTree> {
        self.parsed.as_ref()
    }

    /// Line and column lookup for the parsed text; `text` must be the text
    /// that was parsed.
    #[must_use]
    pub fn line_index(&self, text: &str) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(text))
    }
}

/// Parses `text` as a module (`is_stub` for `.pyi` files).
///
/// Never fails: syntax errors are collected in
/// [`ParsedModule::syntax_errors`] while the parser recovers the other
/// statements. Text larger than 4 GiB is not parsed, and the tree of text
/// nested beyond CPython's limits (see [`crate::check_nesting`]) is not
/// kept.
#[must_use]
pub fn parse_module(text: &str, is_stub: bool) -> ParsedModule {
    let line_index = OnceLock::new();
    if u32::try_from(text.len()).is_err() {
        return ParsedModule {
            parsed: None,
            problems: vec![SyntaxProblem {
                line: 1,
                column: 1,
                message: "file too large to parse (4 GiB or more)".to_owned(),
                range: TextRange::default(),
            }],
            line_index,
        };
    }
    let source_type = if is_stub {
        PySourceType::Stub
    } else {
        PySourceType::Python
    };
    let options = ParseOptions::from(source_type).with_target_version(TARGET_VERSION);
    let parsed = antivenom_arena::parse_module(text, options);
    let Some(parsed) = parsed else {
        // Unreachable: module options always produce a module.
        return ParsedModule {
            parsed: None,
            problems: vec![SyntaxProblem {
                line: 1,
                column: 1,
                message: "the parser did not produce a module".to_owned(),
                range: TextRange::default(),
            }],
            line_index,
        };
    };
    // The parser grows its own stack, but what walks the tree afterwards
    // (the binder, the rules, dropping it) recurses on a fixed one. The
    // tokens clear nearly every module; the rest get the exact byte scan.
    let has_errors = !parsed.errors().is_empty() || !parsed.unsupported_syntax_errors().is_empty();
    if (has_errors || !tokens_are_quiet(parsed.tokens()))
        && let Some(problem) = check_nesting(text)
    {
        // Too deep to drop safely outside an arena: dropping walks it
        // recursively. An arena frees it without walking; otherwise it is
        // leaked, which costs memory proportional to the (refused) file only.
        if !parsed.is_in_arena() {
            std::mem::forget(parsed);
        }
        return ParsedModule {
            parsed: None,
            problems: vec![problem],
            line_index,
        };
    }

    let problem = |range: TextRange, message: String| {
        let index = line_index.get_or_init(|| LineIndex::new(text));
        let (line, column) = index.line_column(range.start());
        SyntaxProblem {
            line,
            column,
            message,
            range,
        }
    };
    let mut problems: Vec<SyntaxProblem> = parsed
        .errors()
        .iter()
        .map(|error| problem(error.location, error.error.to_string()))
        .chain(
            parsed
                .unsupported_syntax_errors()
                .iter()
                .map(|error| problem(error.range, error.to_string())),
        )
        .collect();
    problems.sort_by_key(|problem| (problem.range.start(), problem.range.end()));

    ParsedModule {
        parsed: Some(parsed),
        problems,
        line_index,
    }
}

impl Default for ParsedModule {
    /// An empty module without errors.
    fn default() -> Self {
        parse_module("", false)
    }
}
