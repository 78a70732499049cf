//! Looking up lines and ranges in a finding's stored snippet, never trusting
//! that the snippet and the location agree.

use antivenom_diagnostics::{Location, Snippet};

/// The lines of a [`Snippet`], addressable by their line number in the file.
#[derive(Debug, Clone)]
pub(crate) struct SourceLines<'a> {
    first_line: usize,
    lines: Vec<&'a str>,
}

impl<'a> SourceLines<'a> {
    /// Splits the snippet into lines (a trailing `\r` is dropped from each).
    /// A snippet whose `first_line` is 0 is treated as absent.
    pub(crate) fn new(snippet: &'a Snippet) -> Self {
        let lines = if snippet.first_line == 0 {
            Vec::new()
        } else {
            snippet
                .text
                .split('\n')
                .map(|line| line.strip_suffix('\r').unwrap_or(line))
                .collect()
        };
        Self {
            first_line: snippet.first_line,
            lines,
        }
    }

    /// Line `number` (1-based, as in the file), if the snippet holds it.
    pub(crate) fn line(&self, number: usize) -> Option<&'a str> {
        let index = number.checked_sub(self.first_line)?;
        self.lines.get(index).copied()
    }

    /// The first and last line numbers held, if any.
    pub(crate) fn bounds(&self) -> Option<(usize, usize)> {
        let count = self.lines.len();
        (self.first_line > 0 && count > 0).then(|| (self.first_line, self.first_line + count - 1))
    }

    /// The exact text of `location` (end exclusive), or `None` when the
    /// snippet does not hold every line of it.
    pub(crate) fn range_text(&self, location: &Location) -> Option<String> {
        if location.start_line == 0 || location.end_line < location.start_line {
            return None;
        }
        let mut parts = Vec::new();
        for number in location.start_line..=location.end_line {
            let line = self.line(number)?;
            let from = if number == location.start_line {
                location.start_column.saturating_sub(1)
            } else {
                0
            };
            let to = if number == location.end_line {
                location.end_column.saturating_sub(1)
            } else {
                usize::MAX
            };
            parts.push(char_slice(line, from, to));
        }
        Some(parts.join("\n"))
    }
}

/// The characters `from..to` (0-based code point indices, clamped to the
/// line) of `line`.
pub(crate) fn char_slice(line: &str, from: usize, to: usize) -> &str {
    let byte_at = |index: usize| {
        line.char_indices()
            .nth(index)
            .map_or(line.len(), |(offset, _)| offset)
    };
    let start = byte_at(from);
    let end = byte_at(to.max(from));
    line.get(start..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::{SourceLines, char_slice};
    use antivenom_diagnostics::{Location, Snippet};

    fn snippet(first_line: usize, text: &str) -> Snippet {
        Snippet {
            first_line,
            text: text.to_owned(),
        }
    }

    #[test]
    fn slices_by_code_points_and_clamps() {
        assert_eq!(char_slice("héllo", 1, 3), "él");
        assert_eq!(char_slice("abc", 2, 99), "c");
        assert_eq!(char_slice("abc", 5, 9), "");
        assert_eq!(char_slice("abc", 2, 1), "");
    }

    #[test]
    fn finds_lines_and_range_text() {
        let snippet = snippet(10, "a = f(\r\n    x,\n)");
        let lines = SourceLines::new(&snippet);
        assert_eq!(lines.line(9), None);
        assert_eq!(lines.line(10), Some("a = f("));
        assert_eq!(lines.bounds(), Some((10, 12)));
        let location = Location {
            start_line: 10,
            start_column: 5,
            end_line: 12,
            end_column: 2,
            ..Location::default()
        };
        assert_eq!(
            lines.range_text(&location).as_deref(),
            Some("f(\n    x,\n)")
        );
        let outside = Location {
            end_line: 13,
            ..location
        };
        assert_eq!(lines.range_text(&outside), None);
    }

    #[test]
    fn absent_snippet_has_no_lines() {
        let empty = Snippet::default();
        let lines = SourceLines::new(&empty);
        assert_eq!(lines.bounds(), None);
        assert_eq!(lines.line(1), None);
    }
}
