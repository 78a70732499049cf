//! A pass over the parser's tokens that proves a module stays within every
//! nesting limit, so that the byte scan (`scanner.rs`) runs only on the
//! rare module it cannot clear.
//!
//! The tokens give bracket nesting and indentation exactly. For expression
//! depth the bound of `quiet_lines.rs` carries over: the depth estimate
//! grows by at most [`MOST_DEPTH_PER_TOKEN`] per token of a logical line
//! (each construct it counts is one token: an opening bracket after an
//! operand, a prefix operator, `lambda`, `yield`, a star), so a logical
//! line of at most [`QUIET_LINE_TOKENS`] tokens cannot exceed
//! [`MAX_EXPRESSION_DEPTH`]. Modules with syntax errors are left to the
//! byte scan, which models how the parser nests recovered blocks.

use super::depth::LEVEL_BASE;
use super::{MAX_EXPRESSION_DEPTH, MAX_INDENTATION_LEVELS, MAX_NESTED_BRACKETS};
use ruff_python_ast::token::{Token, TokenKind};

/// Most the depth estimate grows per token: `(` after an operand.
const MOST_DEPTH_PER_TOKEN: usize = LEVEL_BASE + 1;

/// Most tokens a logical line may have to be cleared here.
const QUIET_LINE_TOKENS: usize =
    MAX_EXPRESSION_DEPTH.saturating_sub(LEVEL_BASE) / MOST_DEPTH_PER_TOKEN;

// The bound keeps cleared lines within the limit.
const _: () =
    assert!(LEVEL_BASE + MOST_DEPTH_PER_TOKEN * QUIET_LINE_TOKENS <= MAX_EXPRESSION_DEPTH);

/// `true` when the tokens of a module without syntax errors prove it
/// within every limit; `false` means "look closer", not "too deep".
pub(crate) fn tokens_are_quiet(tokens: &[Token]) -> bool {
    let mut brackets: usize = 0;
    let mut indentation: usize = 0;
    let mut line_tokens: usize = 0;
    for token in tokens {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                brackets += 1;
                if brackets >= MAX_NESTED_BRACKETS {
                    return false;
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                brackets = brackets.saturating_sub(1);
            }
            TokenKind::Indent => {
                indentation += 1;
                if indentation >= MAX_INDENTATION_LEVELS {
                    return false;
                }
            }
            TokenKind::Dedent => indentation = indentation.saturating_sub(1),
            TokenKind::Newline => {
                line_tokens = 0;
                continue;
            }
            TokenKind::Comment | TokenKind::NonLogicalNewline => continue,
            _ => {}
        }
        line_tokens += 1;
        if line_tokens > QUIET_LINE_TOKENS {
            return false;
        }
    }
    true
}
