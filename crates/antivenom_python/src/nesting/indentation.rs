//! Block nesting as Ruff's parser sees it.
//!
//! This mirrors the indentation rules of Ruff's lexer rather than
//! CPython's, because what must be bounded is the depth of the tree the
//! parser builds. The two agree on valid code. On broken indentation they
//! differ: when a line dedents to a width that matches no enclosing block,
//! Ruff's lexer forgets the inner level but the parser gets no `Dedent`, so
//! a file alternating between two such widths nests one block deeper every
//! two lines. [`Blocks`] therefore counts the parser's view: `Indent`
//! tokens minus `Dedent` tokens.

use std::cmp::Ordering;

/// Ruff's lexer counts a tab as advancing the column to a multiple of 2.
const RUFF_TAB_SIZE: usize = 2;

/// The indentation of a line: its column and its number of whitespace
/// characters, which must order the same way for the indentation to be
/// consistent (tabs versus spaces).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Indentation {
    column: usize,
    characters: usize,
}

impl Indentation {
    /// `count` spaces in a row.
    pub(super) fn add_spaces(&mut self, count: usize) {
        self.column += count;
        self.characters += count;
    }

    pub(super) fn add_tab(&mut self) {
        self.column += RUFF_TAB_SIZE - self.column % RUFF_TAB_SIZE;
        self.characters += 1;
    }

    pub(super) fn is_root(self) -> bool {
        self == Self::default()
    }

    /// `None` when tabs and spaces make the order ambiguous.
    fn compare(self, other: Self) -> Option<Ordering> {
        let by_column = self.column.cmp(&other.column);
        (by_column == self.characters.cmp(&other.characters)).then_some(by_column)
    }
}

/// The lexer's indentation stack and the parser's block depth.
#[derive(Debug, Default)]
pub(super) struct Blocks {
    /// Open indentation levels, without the root.
    stack: Vec<Indentation>,
    /// Blocks the parser is inside: `Indent` tokens minus `Dedent` tokens.
    depth: usize,
}

impl Blocks {
    fn current(&self) -> Indentation {
        self.stack.last().copied().unwrap_or_default()
    }

    /// Processes the indentation of a line that starts a logical line and
    /// returns the parser's block depth after it.
    pub(super) fn line(&mut self, new: Indentation) -> usize {
        match self.current().compare(new) {
            Some(Ordering::Less) => {
                self.stack.push(new);
                self.depth += 1;
            }
            Some(Ordering::Greater) => self.dedent(new),
            // Equal, or an inconsistent mix of tabs and spaces (an error
            // token, no change).
            Some(Ordering::Equal) | None => {}
        }
        self.depth
    }

    fn dedent(&mut self, new: Indentation) {
        loop {
            self.stack.pop();
            match new.compare(self.current()) {
                Some(Ordering::Less | Ordering::Equal) => {
                    // A `Dedent` token.
                    self.depth = self.depth.saturating_sub(1);
                }
                // The width matches no enclosing level: an error token and
                // no `Dedent`, although the level is gone.
                Some(Ordering::Greater) | None => return,
            }
            if self.current().compare(new) != Some(Ordering::Greater) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spaces(count: usize) -> Indentation {
        let mut indentation = Indentation::default();
        indentation.add_spaces(count);
        indentation
    }

    #[test]
    fn valid_blocks() {
        let mut blocks = Blocks::default();
        assert_eq!(blocks.line(spaces(0)), 0);
        assert_eq!(blocks.line(spaces(4)), 1);
        assert_eq!(blocks.line(spaces(8)), 2);
        assert_eq!(blocks.line(spaces(8)), 2);
        assert_eq!(blocks.line(spaces(0)), 0);
    }

    #[test]
    fn unmatched_dedents_keep_the_parser_nested() {
        let mut blocks = Blocks::default();
        assert_eq!(blocks.line(spaces(2)), 1);
        // Width 1 matches no level: the lexer pops, the parser stays.
        assert_eq!(blocks.line(spaces(1)), 1);
        assert_eq!(blocks.line(spaces(2)), 2);
        assert_eq!(blocks.line(spaces(1)), 2);
        assert_eq!(blocks.line(spaces(2)), 3);
    }

    #[test]
    fn tabs_and_spaces() {
        let mut tab = Indentation::default();
        tab.add_tab();
        let mut blocks = Blocks::default();
        assert_eq!(blocks.line(tab), 1);
        // Two spaces: same column as a tab, more characters: ambiguous.
        assert_eq!(blocks.line(spaces(2)), 1);
        assert!(!tab.is_root());
    }
}
