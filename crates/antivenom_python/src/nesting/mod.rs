//! A linear pre-scan that refuses code nested too deeply to analyse safely.
//!
//! The parser grows its own stack, but everything after it (dropping the
//! syntax tree, the binder, the rules) walks the tree recursively, and a
//! chain such as `x = 1+1+...+1` with 100,000 operands overflows an 8 MiB
//! stack just being dropped. CPython refuses such code too: more than 200
//! nested brackets ("too many nested parentheses"), 100 levels of
//! indentation ("too many levels of indentation"), or expressions nested
//! about 3,000 levels deep (`RecursionError` during compilation).
//! [`check_nesting`] finds such code in one pass over the bytes, without
//! recursion.
//!
//! The scan understands just enough of Python's lexical structure to be
//! accurate: comments, string literals with every prefix (triple-quoted,
//! and f-/t-strings whose replacement fields nest brackets and further
//! strings), numbers, line continuations and the indentation of logical
//! lines. How expression depth is estimated is described in `depth.rs`;
//! most logical lines are too short to come near the limits, and a quicker
//! pass (`quiet_lines.rs`) lets the scan skip them.

mod byte_classes;
mod depth;
mod indentation;
mod quiet_lines;
mod quiet_tokens;
mod scanner;

use crate::line_index::LineIndex;
use crate::parse::SyntaxProblem;
use ruff_text_size::{TextRange, TextSize};

pub(crate) use quiet_tokens::tokens_are_quiet;

/// Most brackets that may be open at once; CPython's `MAXLEVEL`.
pub const MAX_NESTED_BRACKETS: usize = 200;

/// Indentation depth CPython refuses (`MAXINDENT`): 99 nested blocks are
/// accepted, the 100th level is an error. (Counted as the parser sees
/// blocks, which for broken indentation can be deeper than the lexer's.)
pub const MAX_INDENTATION_LEVELS: usize = 100;

/// Largest accepted estimate of expression nesting depth. CPython 3.11
/// fails to compile a chain of about 2,990 binary operators.
pub const MAX_EXPRESSION_DEPTH: usize = 3_000;

/// Returns the first nesting limit the text exceeds, if any.
///
/// Runs in time linear in the length of `text` and never recurses.
#[must_use]
pub fn check_nesting(text: &str) -> Option<SyntaxProblem> {
    let (offset, message) = scanner::scan(text.as_bytes())?;
    let start = TextSize::new(u32::try_from(offset).unwrap_or(u32::MAX));
    let (line, column) = LineIndex::new(text).line_column(start);
    Some(SyntaxProblem {
        line,
        column,
        message,
        range: TextRange::empty(start),
    })
}
