//! Counting physical lines and lines of code.
//!
//! A line of code is a line that holds part of a token other than a comment,
//! a newline or an indentation change. So blank lines and comment-only lines
//! do not count, while every line of a multi-line string does (docstrings
//! included: they are code to Python). When the parser refused the text (no
//! tokens), lines are counted textually instead: neither blank nor starting
//! with `#`.

use antivenom_python::ast::token::TokenKind;
use antivenom_python::{LineIndex, ParsedModule, Ranged, TextRange, TextSize};

/// Which lines of a file hold code, with prefix sums for range queries.
#[derive(Debug, Clone)]
pub struct CodeLines {
    /// `prefix[n]` is the number of code lines among lines `1..=n`.
    prefix: Vec<usize>,
    /// Physical lines.
    total: usize,
}

impl CodeLines {
    /// Marks the code lines of `text`, parsed as `parsed`, indexed by `index`.
    #[must_use]
    pub fn new(text: &str, parsed: &ParsedModule, index: &LineIndex) -> Self {
        let line_count = index.line_count();
        // `is_code[n]` for 1-based line n; index 0 unused.
        let mut is_code = vec![false; line_count + 1];
        if parsed.was_refused() {
            for (number, line) in text.lines().enumerate() {
                let trimmed = line.trim_start();
                if !trimmed.is_empty()
                    && !trimmed.starts_with('#')
                    && let Some(slot) = is_code.get_mut(number + 1)
                {
                    *slot = true;
                }
            }
        } else {
            for token in parsed.tokens() {
                if is_trivia(token.kind()) {
                    continue;
                }
                let range = token.range();
                let first = index.line_of(range.start());
                // The last byte of the token, so a token ending at a line
                // break does not claim the next line.
                let last = index
                    .line_of(
                        range
                            .end()
                            .checked_sub(TextSize::new(1))
                            .unwrap_or_default(),
                    )
                    .max(first);
                for slot in is_code.iter_mut().take(last + 1).skip(first) {
                    *slot = true;
                }
            }
        }
        let mut prefix = Vec::with_capacity(is_code.len());
        let mut running = 0;
        for (number, code) in is_code.iter().enumerate() {
            if number > 0 && *code {
                running += 1;
            }
            prefix.push(running);
        }
        Self {
            prefix,
            total: physical_lines(text),
        }
    }

    /// Physical lines: a final line without a newline counts, the empty
    /// "line" after a final newline does not.
    #[must_use]
    pub fn total(&self) -> usize {
        self.total
    }

    /// Lines of code in the whole file.
    #[must_use]
    pub fn code(&self) -> usize {
        self.prefix.last().copied().unwrap_or(0)
    }

    /// Lines of code among lines `first..=last` (1-based, clamped).
    #[must_use]
    pub fn code_between(&self, first: usize, last: usize) -> usize {
        let last = last.min(self.prefix.len().saturating_sub(1));
        if first == 0 || first > last {
            return 0;
        }
        let up_to_last = self.prefix.get(last).copied().unwrap_or(0);
        let before_first = self.prefix.get(first - 1).copied().unwrap_or(0);
        up_to_last.saturating_sub(before_first)
    }

    /// Lines of code covered by `range`.
    #[must_use]
    pub fn code_in(&self, range: TextRange, index: &LineIndex) -> usize {
        let first = index.line_of(range.start());
        let last = index.line_of(
            range
                .end()
                .checked_sub(TextSize::new(1))
                .unwrap_or_default(),
        );
        self.code_between(first, last.max(first))
    }
}

/// Tokens that do not make a line a line of code.
fn is_trivia(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Comment
            | TokenKind::NonLogicalNewline
            | TokenKind::Newline
            | TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::EndOfFile
    )
}

/// Number of physical lines in `text` (`\n`, `\r\n` and `\r` end lines).
fn physical_lines(text: &str) -> usize {
    if text.is_empty() {
        return 0;
    }
    let breaks = LineIndex::new(text).line_count() - 1;
    if text.ends_with(['\n', '\r']) {
        breaks
    } else {
        breaks + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use antivenom_python::parse_module;

    fn count(text: &str) -> (usize, usize) {
        let parsed = parse_module(text, false);
        let index = LineIndex::new(text);
        let lines = CodeLines::new(text, &parsed, &index);
        (lines.total(), lines.code())
    }

    #[test]
    fn blank_and_comment_lines_are_not_code() {
        let text = "# header\n\nimport os\n\n   # indented comment\nx = 1  # trailing\n";
        assert_eq!(count(text), (6, 2));
    }

    #[test]
    fn multi_line_strings_and_brackets_count_every_line() {
        let text = "def f():\n    \"\"\"Doc.\n\n    # not a comment\n    \"\"\"\n    return [\n        1,\n\n    ]\n";
        // All lines but the blank one inside the list.
        assert_eq!(count(text), (9, 8));
    }

    #[test]
    fn empty_and_unterminated_texts() {
        assert_eq!(count(""), (0, 0));
        assert_eq!(count("x = 1"), (1, 1));
        assert_eq!(count("\n\n"), (2, 0));
        assert_eq!(count("a\r\nb\rc"), (3, 3));
    }

    #[test]
    fn ranges() {
        let text = "a = 1\n\n# c\nb = 2\nc = 3\n";
        let parsed = parse_module(text, false);
        let index = LineIndex::new(text);
        let lines = CodeLines::new(text, &parsed, &index);
        assert_eq!(lines.code_between(1, 4), 2);
        assert_eq!(lines.code_between(2, 3), 0);
        assert_eq!(lines.code_between(4, 99), 2);
        assert_eq!(lines.code_between(0, 3), 0);
        assert_eq!(lines.code_between(5, 4), 0);
    }
}
