//! The list of popular PyPI project names, by download rank.

use std::collections::HashMap;

use thiserror::Error;

use crate::canonical::{NameError, canonical_name};

/// The embedded list: most-downloaded PyPI project names, one per line in rank order
/// (rank 1 first), `#` comment lines ignored.
pub const EMBEDDED_POPULAR_LIST: &str = include_str!("../data/pypi-popular.txt");

/// A popular-names list that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PopularListError {
    /// A line holds something that is not a project name.
    #[error("line {line}: {source}")]
    BadName {
        /// 1-based line number in the list text.
        line: usize,
        /// Why the name was rejected.
        source: NameError,
    },
    /// The text holds no names at all.
    #[error("the popular-names list is empty")]
    Empty,
}

/// Popular project names with their download rank (1 = most downloaded), canonicalised
/// with [`canonical_name`].
#[derive(Debug, Clone, Default)]
pub struct PopularList {
    /// Canonical names in rank order (index 0 is rank 1).
    names: Vec<String>,
    /// Canonical name to rank.
    ranks: HashMap<String, usize>,
}

impl PopularList {
    /// Parses a list with one name per line in rank order. Blank lines and lines starting
    /// with `#` are skipped; a name repeated (possibly spelled differently, e.g. `a_b` and
    /// `a-b`) keeps its first, best rank.
    pub fn parse(text: &str) -> Result<Self, PopularListError> {
        let mut list = Self::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let name = canonical_name(line).map_err(|source| PopularListError::BadName {
                line: index + 1,
                source,
            })?;
            if !list.ranks.contains_key(&name) {
                list.ranks.insert(name.clone(), list.names.len() + 1);
                list.names.push(name);
            }
        }
        if list.names.is_empty() {
            return Err(PopularListError::Empty);
        }
        Ok(list)
    }

    /// The rank of a canonical name, if it is on the list.
    pub fn rank(&self, canonical: &str) -> Option<usize> {
        self.ranks.get(canonical).copied()
    }

    /// The canonical names in rank order (the first is rank 1).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// How many names the list holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the list holds no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_parses_in_rank_order() {
        let list = PopularList::parse(EMBEDDED_POPULAR_LIST).unwrap();
        assert!(list.len() > 10_000);
        assert_eq!(list.rank("boto3"), Some(1));
        assert_eq!(list.rank("requests"), Some(6));
        assert_eq!(list.rank("typing-extensions"), Some(7));
        assert_eq!(list.names().first().map(String::as_str), Some("boto3"));
    }

    #[test]
    fn duplicates_keep_the_best_rank() {
        let list = PopularList::parse("# header\nfoo_bar\n\nbaz\nFoo.Bar\n").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.rank("foo-bar"), Some(1));
        assert_eq!(list.rank("baz"), Some(2));
    }

    #[test]
    fn bad_lines_and_empty_lists_are_errors() {
        assert!(matches!(
            PopularList::parse("ok\nnot a name\n"),
            Err(PopularListError::BadName { line: 2, .. })
        ));
        assert_eq!(
            PopularList::parse("# only a comment\n").unwrap_err(),
            PopularListError::Empty
        );
    }
}
