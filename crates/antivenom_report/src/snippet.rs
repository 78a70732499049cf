//! The source excerpt of the text format: the lines of a finding with its
//! range underlined by carets and the label after the last caret.
//!
//! ```text
//!    |
//! 42 |     obj = pickle.loads(request.data)
//!    |           ^^^^^^^^^^^^^^^^^^^^^^^^^^ untrusted data must not be unpickled
//! ```
//!
//! Columns are code points in the data and display cells on screen: tabs
//! expand to the next multiple of [`TAB_WIDTH`], wide (East Asian) characters
//! take two cells, and unsafe characters are shown as `<U+XXXX>`; the carets
//! are placed with the same arithmetic, so they stay under their text.

use crate::sanitize::{escape_char, is_unsafe_char, terminal_safe};
use crate::source_lines::SourceLines;
use crate::style::{Painter, Role};
use antivenom_diagnostics::{Finding, Location};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Tab stops every this many cells.
const TAB_WIDTH: usize = 4;
/// Ranges longer than this many lines are elided in the middle.
const MAX_LINES: usize = 6;
/// Lines kept before the elision.
const HEAD_LINES: usize = 3;
/// Lines kept after the elision.
const TAIL_LINES: usize = 2;

/// The range to underline, normalised for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DisplayRange {
    start_line: usize,
    end_line: usize,
    /// 0-based code point index on the first line.
    start_col: usize,
    /// 0-based exclusive code point index on the last line; `None` means
    /// the end of that line's content.
    end_col: Option<usize>,
}

impl DisplayRange {
    /// `None` when the location has no line (0 means unknown).
    fn new(location: &Location) -> Option<Self> {
        if location.start_line == 0 {
            return None;
        }
        let start_line = location.start_line;
        let end_line = location.end_line.max(start_line);
        let start_col = location.start_column.saturating_sub(1);
        // A multi-line range that ends at column 1 ends with the newline of
        // the line before: do not show an empty last line.
        if end_line > start_line && location.end_column <= 1 {
            return Some(Self {
                start_line,
                end_line: end_line - 1,
                start_col,
                end_col: None,
            });
        }
        Some(Self {
            start_line,
            end_line,
            start_col,
            end_col: Some(location.end_column.saturating_sub(1)),
        })
    }
}

/// Width of the line-number gutter for `location`.
pub(crate) fn gutter_width(location: &Location) -> usize {
    let last = DisplayRange::new(location).map_or(location.start_line, |range| range.end_line);
    last.max(1).to_string().len()
}

/// A source line made printable.
struct RenderedLine {
    text: String,
    /// Display cell at which each character starts; one more entry than
    /// characters, the last being the width of the whole line.
    columns: Vec<usize>,
    /// Index of the first non-whitespace character (the character count
    /// for a blank line).
    content_start: usize,
    /// Index just past the last non-whitespace character.
    content_end: usize,
}

impl RenderedLine {
    fn new(line: &str) -> Self {
        let mut text = String::with_capacity(line.len());
        let mut columns = Vec::with_capacity(line.len() + 1);
        let mut cell = 0;
        for c in line.chars() {
            columns.push(cell);
            if c == '\t' {
                let next = (cell / TAB_WIDTH + 1) * TAB_WIDTH;
                text.extend(std::iter::repeat_n(' ', next - cell));
                cell = next;
            } else if is_unsafe_char(c) {
                let escaped = escape_char(c);
                cell += escaped.len();
                text.push_str(&escaped);
            } else {
                cell += c.width().unwrap_or(0);
                text.push(c);
            }
        }
        columns.push(cell);
        let count = columns.len() - 1;
        let content_start = line
            .chars()
            .position(|c| !c.is_whitespace())
            .unwrap_or(count);
        let trailing = line.chars().rev().take_while(|c| c.is_whitespace()).count();
        Self {
            text,
            columns,
            content_start,
            content_end: count.saturating_sub(trailing).max(content_start),
        }
    }

    fn char_count(&self) -> usize {
        self.columns.len().saturating_sub(1)
    }

    /// Display cell where character `index` starts (clamped to the line end).
    fn cell(&self, index: usize) -> usize {
        let last = self.columns.last().copied().unwrap_or(0);
        self.columns.get(index).copied().unwrap_or(last)
    }
}

/// Writes the excerpt of `finding` (nothing when its snippet does not hold
/// the range). `width` is the gutter width from [`gutter_width`].
pub(crate) fn write_snippet(
    out: &mut dyn Write,
    finding: &Finding,
    painter: Painter,
    width: usize,
) -> io::Result<()> {
    let Some(range) = DisplayRange::new(&finding.location) else {
        return Ok(());
    };
    let lines = SourceLines::new(&finding.snippet);
    let Some((first_held, last_held)) = lines.bounds() else {
        return Ok(());
    };
    // Intersect first: a bogus end line must not make us loop for ages.
    let from = range.start_line.max(first_held);
    let to = range.end_line.min(last_held);
    if from > to {
        return Ok(());
    }
    let numbers: Vec<usize> = (from..=to).collect();
    let shown: Vec<Option<usize>> = if numbers.len() > MAX_LINES {
        let head = numbers.iter().take(HEAD_LINES).copied().map(Some);
        let tail = numbers
            .iter()
            .skip(numbers.len() - TAIL_LINES)
            .copied()
            .map(Some);
        head.chain(std::iter::once(None)).chain(tail).collect()
    } else {
        numbers.iter().copied().map(Some).collect()
    };

    let blank = " ".repeat(width);
    let bar = painter.paint(Role::Gutter, "|");
    let marker = Role::Severity(finding.severity);
    writeln!(out, "{blank} {bar}")?;
    for entry in shown {
        let Some(number) = entry else {
            writeln!(out, "{blank} {bar} ...")?;
            continue;
        };
        let text = lines.line(number).unwrap_or("");
        let rendered = RenderedLine::new(text);
        let gutter = painter.paint(Role::Gutter, &format!("{number:>width$} |"));
        let source = rendered.text.trim_end();
        if source.is_empty() {
            writeln!(out, "{gutter}")?;
        } else {
            writeln!(out, "{gutter} {source}")?;
        }

        let is_first = number == range.start_line;
        let is_last = number == range.end_line;
        let carries_label = number == to;
        let start = if is_first {
            range.start_col
        } else {
            rendered.content_start
        };
        let end = match (is_last, range.end_col) {
            (true, Some(end_col)) => end_col,
            _ => rendered.content_end,
        };
        let start = start.min(rendered.char_count());
        if end <= start && !is_first && !carries_label {
            // A blank line inside a multi-line range.
            continue;
        }
        let pad = rendered.cell(start);
        let carets = rendered.cell(end).saturating_sub(pad).max(1);
        let mut underline = " ".repeat(pad);
        underline.push_str(&"^".repeat(carets));
        let label = terminal_safe(&finding.label);
        if carries_label && !label.is_empty() {
            underline.push(' ');
            underline.push_str(&label);
        }
        writeln!(out, "{blank} {bar} {}", painter.paint(marker, &underline))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{DisplayRange, RenderedLine, gutter_width};
    use antivenom_diagnostics::Location;

    fn location(
        start_line: usize,
        start_column: usize,
        end_line: usize,
        end_column: usize,
    ) -> Location {
        Location {
            start_line,
            start_column,
            end_line,
            end_column,
            ..Location::default()
        }
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        let line = RenderedLine::new("\tx = \"a\tb\"");
        assert_eq!(line.text, "    x = \"a  b\"");
        // `x` is character 1 and starts at cell 4; `b` (index 8) at cell 12.
        assert_eq!(line.cell(1), 4);
        assert_eq!(line.cell(8), 12);
    }

    #[test]
    fn wide_characters_take_two_cells() {
        let line = RenderedLine::new("s = '漢字' + x");
        // `漢` starts at cell 5 and `字` at 7; the closing quote at 9.
        assert_eq!(line.cell(5), 5);
        assert_eq!(line.cell(6), 7);
        assert_eq!(line.cell(7), 9);
        assert_eq!(line.cell(11), 13);
    }

    #[test]
    fn unsafe_characters_are_escaped_and_measured() {
        let line = RenderedLine::new("a\u{202E}b");
        assert_eq!(line.text, "a<U+202E>b");
        assert_eq!(line.cell(2), 9);
    }

    #[test]
    fn range_ending_at_column_one_drops_the_empty_line() {
        let range = DisplayRange::new(&location(3, 5, 5, 1));
        assert_eq!(
            range.map(|range| (range.end_line, range.end_col)),
            Some((4, None))
        );
        assert_eq!(gutter_width(&location(9, 1, 10, 1)), 1);
        assert_eq!(gutter_width(&location(0, 0, 0, 0)), 1);
    }
}
