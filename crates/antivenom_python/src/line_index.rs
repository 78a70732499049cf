//! Mapping byte offsets to 1-based lines and columns.

use ruff_text_size::{TextRange, TextSize};

/// Line and column lookup for one text, built once in O(n).
///
/// Lines end at `\n`, `\r\n` or `\r`, as in Python. Lookups are binary
/// searches; offsets past the end of the text are clamped to the end, so no
/// lookup ever panics. Columns count Unicode code points, so the index keeps
/// the positions of non-ASCII characters and does not need the text again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Offset of the first byte of every line. Never empty.
    line_starts: Vec<TextSize>,
    /// Offset just past the content of every line (before its terminator).
    line_ends: Vec<TextSize>,
    /// For every multi-byte character: its offset and the number of UTF-8
    /// continuation bytes in the text up to and including it.
    multibyte: Vec<(TextSize, u32)>,
    /// Length of the text.
    len: TextSize,
}

impl LineIndex {
    /// Indexes `text`. Texts longer than `u32::MAX` bytes are indexed up to
    /// that length (the parser refuses them anyway).
    #[must_use]
    pub fn new(text: &str) -> Self {
        let len = to_size(text.len());
        let bytes = text.as_bytes();
        let mut line_starts = vec![TextSize::new(0)];
        let mut line_ends = Vec::new();
        let mut after_carriage_return = None;
        for terminator in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\n` of a `\r\n` pair: the line already ended at the `\r`.
            if after_carriage_return == Some(terminator) && bytes.get(terminator) == Some(&b'\n') {
                if let Some(start) = line_starts.last_mut() {
                    *start = to_size(terminator + 1);
                }
                continue;
            }
            line_ends.push(to_size(terminator));
            line_starts.push(to_size(terminator + 1));
            after_carriage_return =
                (bytes.get(terminator) == Some(&b'\r')).then_some(terminator + 1);
        }
        line_ends.push(len);
        Self {
            line_starts,
            line_ends,
            multibyte: multibyte_characters(bytes),
            len,
        }
    }

    /// Number of lines (a text ending with a newline has an empty last line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line containing `offset`.
    #[must_use]
    pub fn line_of(&self, offset: TextSize) -> usize {
        let offset = offset.min(self.len);
        // Number of line starts at or before `offset`.
        self.line_starts
            .partition_point(|&start| start <= offset)
            .max(1)
    }

    /// 1-based line and 1-based column (in code points) of `offset`.
    #[must_use]
    pub fn line_column(&self, offset: TextSize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.line_starts.get(line - 1).copied().unwrap_or_default();
        let bytes = u32::from(offset).saturating_sub(u32::from(start));
        let continuation = self
            .continuation_bytes_before(offset)
            .saturating_sub(self.continuation_bytes_before(start));
        let column = bytes.saturating_sub(continuation);
        (
            line,
            usize::try_from(column)
                .unwrap_or(usize::MAX)
                .saturating_add(1),
        )
    }

    /// The range of 1-based `line` without its line terminator, or `None`
    /// when the text has no such line.
    #[must_use]
    pub fn line_range(&self, line: usize) -> Option<TextRange> {
        let index = line.checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = *self.line_ends.get(index)?;
        Some(TextRange::new(start, end))
    }

    /// The text of lines `first..=last` (1-based, clamped to the text),
    /// without the terminator of the last line. Empty when `first > last`.
    #[must_use]
    pub fn lines_text<'a>(&self, text: &'a str, first: usize, last: usize) -> &'a str {
        let last = last.min(self.line_count());
        let first = first.max(1);
        if first > last {
            return "";
        }
        let (Some(start), Some(end)) = (self.line_range(first), self.line_range(last)) else {
            return "";
        };
        text.get(usize::from(start.start())..usize::from(end.end()))
            .unwrap_or("")
    }

    /// Continuation bytes of the characters that start before `offset`.
    fn continuation_bytes_before(&self, offset: TextSize) -> u32 {
        let count = self.multibyte.partition_point(|&(start, _)| start < offset);
        count
            .checked_sub(1)
            .and_then(|last| self.multibyte.get(last))
            .map_or(0, |&(_, extra)| extra)
    }
}

/// Converts a length to `TextSize`, saturating at `u32::MAX`.
/// The offset of every multi-byte character of the UTF-8 `bytes` with the
/// number of continuation bytes up to and including it. Runs of ASCII are
/// skipped a block at a time: most files have few other characters.
fn multibyte_characters(bytes: &[u8]) -> Vec<(TextSize, u32)> {
    const BLOCK: usize = 64;
    let mut found = Vec::new();
    let mut extra = 0_u32;
    for (block_index, block) in bytes.chunks(BLOCK).enumerate() {
        if block.is_ascii() {
            continue;
        }
        for (index, &byte) in block.iter().enumerate() {
            // A character's first byte tells its length (continuation
            // bytes are 0b10xx_xxxx and never start one).
            let continuation = match byte {
                0xC0..=0xDF => 1,
                0xE0..=0xEF => 2,
                0xF0..=0xFF => 3,
                _ => continue,
            };
            extra = extra.saturating_add(continuation);
            found.push((to_size(block_index * BLOCK + index), extra));
        }
    }
    found
}

fn to_size(value: usize) -> TextSize {
    TextSize::new(u32::try_from(value).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "a = 1\nb = 'é€'\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_column(TextSize::new(0)), (1, 1));
        assert_eq!(index.line_column(TextSize::new(4)), (1, 5));
        assert_eq!(index.line_column(TextSize::new(6)), (2, 1));
        let c = TextSize::try_from(text.find('c').unwrap()).unwrap();
        assert_eq!(index.line_column(c), (3, 1));
        // The closing quote after `é€` (5 bytes) is the 8th code point of line 2.
        let quote = TextSize::try_from(text.rfind('\'').unwrap()).unwrap();
        assert_eq!(index.line_column(quote), (2, 8));
        assert_eq!(index.line_column(TextSize::new(10_000)), (4, 2));
    }

    /// The index built the plain way: one character at a time.
    fn plain_index(text: &str) -> LineIndex {
        let mut line_starts = vec![TextSize::new(0)];
        let mut line_ends = Vec::new();
        let mut multibyte = Vec::new();
        let mut extra = 0;
        let mut characters = text.char_indices().peekable();
        while let Some((offset, character)) = characters.next() {
            if character.len_utf8() > 1 {
                extra += u32::try_from(character.len_utf8() - 1).unwrap();
                multibyte.push((to_size(offset), extra));
            }
            if character == '\r' || character == '\n' {
                line_ends.push(to_size(offset));
                let mut next = offset + 1;
                if character == '\r' && characters.peek().is_some_and(|(_, next)| *next == '\n') {
                    characters.next();
                    next += 1;
                }
                line_starts.push(to_size(next));
            }
        }
        line_ends.push(to_size(text.len()));
        LineIndex {
            line_starts,
            line_ends,
            multibyte,
            len: to_size(text.len()),
        }
    }

    #[test]
    fn same_index_as_the_plain_way() {
        // Multi-byte characters across the 64-byte blocks that are skipped
        // when ASCII, and every kind of line end.
        let long = format!(
            "{}é{}€\r\n{}😀x\ry\n\n\r\r\n",
            "a".repeat(63),
            "b".repeat(62),
            "c".repeat(60)
        );
        for text in ["", "\n", "\r", "\r\n\r\n", "a\rb\nc\r\nd", "é€😀\n", &long] {
            assert_eq!(LineIndex::new(text), plain_index(text), "{text:?}");
        }
    }

    #[test]
    fn ranges_and_snippets() {
        let text = "one\r\ntwo\nthree\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(&text[index.line_range(1).unwrap()], "one");
        assert_eq!(&text[index.line_range(3).unwrap()], "three");
        assert_eq!(
            index.line_range(4),
            Some(TextRange::empty(TextSize::new(15)))
        );
        assert_eq!(index.line_range(0), None);
        assert_eq!(index.line_range(5), None);
        assert_eq!(index.lines_text(text, 2, 3), "two\nthree");
        assert_eq!(index.lines_text(text, 1, 99), "one\r\ntwo\nthree\n");
        assert_eq!(index.lines_text(text, 3, 2), "");
    }

    #[test]
    fn empty_text() {
        let index = LineIndex::new("");
        assert_eq!(index.line_count(), 1);
        assert_eq!(index.line_column(TextSize::new(3)), (1, 1));
        assert_eq!(index.lines_text("", 1, 1), "");
    }
}
