//! Python source loading and the parser adapter.
//!
//! This crate turns the bytes of a file into something the analysis can walk:
//!
//! * [`decode_source`] applies the rules CPython uses to read source files
//!   (UTF-8 BOM, PEP 263 coding cookies, UTF-8 by default) and detects binary
//!   files;
//! * [`is_python_shebang`] recognises extension-less Python scripts;
//! * [`parse_module`] parses the text with Ruff's error-recovering parser,
//!   after [`check_nesting`] has made sure the code is not nested so deeply
//!   that walking its syntax tree could exhaust the stack;
//! * [`LineIndex`] maps byte offsets to 1-based lines and columns.
//!
//! Consumers reach the syntax tree types through [`ast`] and the range types
//! through the re-exports below, so they do not need to know which parser
//! crate is behind this one.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod coding_cookie;
mod decode;
mod line_index;
mod nesting;
mod parse;
mod shebang;

pub use decode::{DecodeError, Decoded, SourceText, decode_source};
pub use line_index::LineIndex;
pub use nesting::{
    MAX_EXPRESSION_DEPTH, MAX_INDENTATION_LEVELS, MAX_NESTED_BRACKETS, check_nesting,
};
pub use parse::{ParsedModule, SyntaxProblem, parse_module};
pub use shebang::is_python_shebang;

/// The syntax tree types (Ruff's `ruff_python_ast`).
pub use ruff_python_ast as ast;
/// Ruff's parser, for its result type ([`ParsedModule::ruff_parsed`]).
pub use ruff_python_parser as parser;
pub use ruff_text_size::{Ranged, TextLen, TextRange, TextSize};
