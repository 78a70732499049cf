//! A quick pass over one logical line that proves it stays within every
//! limit, so that the detailed scan can skip it.
//!
//! Within a logical line the detailed scan's depth estimate (the enclosing
//! levels plus the current one) starts at [`LEVEL_BASE`] and grows by at
//! most [`MOST_DEPTH_PER_CODE_BYTE`] per byte of code: an opening bracket
//! after an operand adds a trailer level and a fresh bracket level, a
//! unary `*` a context, `lambda` and `yield` a context and a level over
//! several bytes, everything else less. Closing a bracket never raises the
//! estimate above what it was inside. String contents and comments add
//! nothing. So a line with at most [`QUIET_LINE_CODE_BYTES`] bytes of code
//! cannot exceed [`MAX_EXPRESSION_DEPTH`]; if its brackets also nest less
//! than [`MAX_NESTED_BRACKETS`] deep, the detailed scan would find nothing
//! in it. Indentation is checked where the line starts, before this pass.
//!
//! The pass only needs what decides where the logical line ends: brackets,
//! strings, comments and backslash continuations. Lines with f- or
//! t-strings (whose replacement fields are code) are left to the detailed
//! scan.

use super::byte_classes::{
    BACKSLASH, BRACE, BRACKET_OR_HASH, DIGIT, DOUBLE_QUOTE, LINE_BREAK, SINGLE_QUOTE, WORD,
    class_of, quote_class,
};
use super::depth::{CONTEXT_COST, LEVEL_BASE};
use super::scanner::closer_of;
use super::{MAX_EXPRESSION_DEPTH, MAX_NESTED_BRACKETS};

/// Most the depth estimate grows per byte of code: `(` after an operand.
const MOST_DEPTH_PER_CODE_BYTE: usize = LEVEL_BASE + 1;

/// Most bytes of code (outside string contents and comments) a quiet line
/// may have: as many as the depth limit allows, up to a length that
/// covers nearly every real line (longer ones cost a second look).
const QUIET_LINE_CODE_BYTES: usize = min(
    400,
    MAX_EXPRESSION_DEPTH.saturating_sub(LEVEL_BASE) / MOST_DEPTH_PER_CODE_BYTE,
);

/// Deepest bracket nesting the pass follows: below the limit.
const QUIET_LINE_BRACKETS: usize = min(64, MAX_NESTED_BRACKETS.saturating_sub(1));

const fn min(a: usize, b: usize) -> usize {
    if a < b { a } else { b }
}

// The bounds above keep quiet lines within the limits.
const _: () = {
    assert!(CONTEXT_COST <= MOST_DEPTH_PER_CODE_BYTE);
    assert!(LEVEL_BASE + MOST_DEPTH_PER_CODE_BYTE * QUIET_LINE_CODE_BYTES <= MAX_EXPRESSION_DEPTH);
    assert!(QUIET_LINE_BRACKETS < MAX_NESTED_BRACKETS);
};

/// Bytes that end a run of plain code.
const CODE_STOPS: u8 =
    BACKSLASH | LINE_BREAK | BRACE | SINGLE_QUOTE | DOUBLE_QUOTE | BRACKET_OR_HASH;

/// Where the logical line starting at `start` ends (its final line break,
/// or the end of the text) when it is quiet; `None` when the detailed
/// scan must look at it. `start` is the first byte of code of the line,
/// with no construct open.
pub(super) fn quiet_line_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut pos = start;
    let mut code_bytes: usize = 0;
    let mut closers = [0_u8; QUIET_LINE_BRACKETS];
    let mut depth: usize = 0;
    loop {
        // Names, numbers, operators and spaces: none of them matters here.
        let rest = bytes.get(pos..).unwrap_or_default();
        let run = rest
            .iter()
            .position(|&byte| class_of(byte) & CODE_STOPS != 0)
            .unwrap_or(rest.len());
        pos += run;
        code_bytes += run + 1;
        if code_bytes > QUIET_LINE_CODE_BYTES {
            return None;
        }
        let Some(&byte) = bytes.get(pos) else {
            return Some(pos);
        };
        match byte {
            b'\n' | b'\r' if depth == 0 => return Some(pos),
            b'\\' => {
                pos += 1;
                // A continuation joins the next line.
                match (bytes.get(pos), bytes.get(pos + 1)) {
                    (Some(b'\r'), Some(b'\n')) => pos += 2,
                    (Some(b'\n' | b'\r'), _) => pos += 1,
                    _ => {}
                }
            }
            b'#' => {
                let rest = bytes.get(pos..).unwrap_or_default();
                pos += memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
            }
            b'(' | b'[' | b'{' => {
                *closers.get_mut(depth)? = closer_of(byte);
                depth += 1;
                pos += 1;
            }
            b')' | b']' | b'}' => {
                // A stray or mismatched closer closes nothing.
                if depth > 0 && closers.get(depth - 1) == Some(&byte) {
                    depth -= 1;
                }
                pos += 1;
            }
            b'\'' | b'"' => {
                if may_be_interpolated(bytes, pos) {
                    return None;
                }
                pos = plain_string_end(bytes, pos, byte);
            }
            // Line breaks inside brackets.
            _ => pos += 1,
        }
    }
}

/// `false` when the string whose quote is at `quote` surely has no `f` or
/// `t` prefix: a prefix is a word of one or two letters right before it.
fn may_be_interpolated(bytes: &[u8], quote: usize) -> bool {
    let before = |distance: usize| {
        quote
            .checked_sub(distance)
            .and_then(|index| bytes.get(index))
            .copied()
    };
    let is_interpolating = |byte: Option<u8>| matches!(byte, Some(b'f' | b'F' | b't' | b'T'));
    is_interpolating(before(1))
        || (before(1).is_some_and(|byte| class_of(byte) & (WORD | DIGIT) != 0)
            && is_interpolating(before(2)))
}

/// Where a string without interpolation whose opening quote is at `start`
/// ends: after its closing quote, at the line break that ends an
/// unterminated single-quoted string (the break itself is code), or at the
/// end of the text. Steps exactly as the detailed scan does.
fn plain_string_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let triple = bytes.get(start + 1) == Some(&quote) && bytes.get(start + 2) == Some(&quote);
    let mut pos = start + if triple { 3 } else { 1 };
    loop {
        let rest = bytes.get(pos..).unwrap_or_default();
        let stop = if triple {
            memchr::memchr2(b'\\', quote, rest)
        } else {
            let stops = BACKSLASH | LINE_BREAK | quote_class(quote);
            rest.iter().position(|&byte| class_of(byte) & stops != 0)
        };
        let Some(offset) = stop else {
            return bytes.len();
        };
        pos += offset;
        match bytes.get(pos) {
            Some(b'\\') => {
                pos += 1;
                match bytes.get(pos) {
                    Some(b'\r') if bytes.get(pos + 1) == Some(&b'\n') => pos += 2,
                    Some(_) => pos += 1,
                    None => {}
                }
            }
            Some(b'\n' | b'\r') => return pos,
            Some(_) if !triple => return pos + 1,
            Some(_) => {
                if bytes.get(pos + 1) == Some(&quote) && bytes.get(pos + 2) == Some(&quote) {
                    return pos + 3;
                }
                pos += 1;
            }
            None => return bytes.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str) -> Option<usize> {
        quiet_line_end(text.as_bytes(), 0)
    }

    #[test]
    fn finds_the_end_of_the_logical_line() {
        assert_eq!(end("x = f(a, [b])\ny = 1\n"), Some(13));
        assert_eq!(end("x = (1,\n  2)  # )\ny\n"), Some(17));
        assert_eq!(end("x = 1 + \\\n 2\r\ny\n"), Some(12));
        assert_eq!(end("x = ')' + \"(\" + r'\\'(' + b'''\n)'''\ny"), Some(34));
        // An unterminated string ends at the line break, which ends the line.
        assert_eq!(end("x = 'abc\ny = ('\n"), Some(8));
        // Mismatched closers close nothing.
        assert_eq!(end("x = (]\n)\n"), Some(8));
        assert_eq!(end("x = 1"), Some(5));
    }

    #[test]
    fn leaves_other_lines_to_the_detailed_scan() {
        assert_eq!(end("x = f'{a}'\n"), None);
        assert_eq!(end("x = rt'{a}'\n"), None);
        assert_eq!(
            end(&format!("x = {}\n", "(".repeat(QUIET_LINE_BRACKETS + 1))),
            None
        );
        assert_eq!(
            end(&format!("x = {}\n", "a".repeat(QUIET_LINE_CODE_BYTES))),
            None
        );
        // Long strings and comments are not code.
        let long = format!("x = '''{}''' # {}\n", "(".repeat(5_000), "a".repeat(5_000));
        assert_eq!(end(&long), Some(long.len() - 1));
    }
}
