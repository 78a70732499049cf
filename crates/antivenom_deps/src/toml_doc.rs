//! A parsed TOML document that keeps the span of every key and value, so that
//! dependencies can point at their line.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::DepsError;
use crate::lines::LineIndex;
use crate::model::Origin;

/// A TOML document with its line index.
pub(crate) struct TomlDoc<'text> {
    /// The root table.
    root: Spanned<DeTable<'text>>,
    /// Offsets → lines.
    lines: LineIndex,
    /// The file, for origins.
    path: &'text Path,
}

impl<'text> TomlDoc<'text> {
    /// Parses `text` (the contents of `path`).
    ///
    /// # Errors
    /// [`DepsError::Toml`] when the text is not valid TOML.
    pub(crate) fn parse(path: &'text Path, text: &'text str) -> Result<Self, DepsError> {
        let root = DeTable::parse(text).map_err(|err| DepsError::Toml {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        Ok(Self {
            root,
            lines: LineIndex::new(text),
            path,
        })
    }

    /// The root table.
    pub(crate) fn root(&self) -> &DeTable<'text> {
        self.root.get_ref()
    }

    /// The origin of a spanned key or value.
    pub(crate) fn origin<T>(&self, spanned: &Spanned<T>) -> Origin {
        Origin::new(self.path, self.lines.line_of(spanned.span().start))
    }

    /// Line 1 of the file, for warnings about the file as a whole.
    pub(crate) fn file_origin(&self) -> Origin {
        Origin::new(self.path, 1)
    }
}

/// `table[key]`.
pub(crate) fn get<'a, 'text>(
    table: &'a DeTable<'text>,
    key: &str,
) -> Option<&'a Spanned<DeValue<'text>>> {
    table.get(key)
}

/// `table[key]` as a table.
pub(crate) fn get_table<'a, 'text>(
    table: &'a DeTable<'text>,
    key: &str,
) -> Option<&'a DeTable<'text>> {
    get(table, key).and_then(|value| value.get_ref().as_table())
}

/// `table[key]` as an array.
pub(crate) fn get_array<'a, 'text>(
    table: &'a DeTable<'text>,
    key: &str,
) -> Option<&'a DeArray<'text>> {
    get(table, key).and_then(|value| value.get_ref().as_array())
}

/// `table[key]` as a string.
pub(crate) fn get_str<'a>(table: &'a DeTable<'_>, key: &str) -> Option<&'a str> {
    get(table, key).and_then(|value| value.get_ref().as_str())
}

/// The strings of the array `table[key]` (other items skipped).
pub(crate) fn get_strings(table: &DeTable<'_>, key: &str) -> Option<Vec<String>> {
    let array = get_array(table, key)?;
    Some(
        array
            .iter()
            .filter_map(|item| item.get_ref().as_str())
            .map(str::to_string)
            .collect(),
    )
}

/// `table[key]` as a boolean.
pub(crate) fn get_bool(table: &DeTable<'_>, key: &str) -> Option<bool> {
    get(table, key).and_then(|value| value.get_ref().as_bool())
}

/// `table[key][sub]` … along a path of keys.
pub(crate) fn get_path<'a, 'text>(
    table: &'a DeTable<'text>,
    keys: &[&str],
) -> Option<&'a DeTable<'text>> {
    keys.iter()
        .try_fold(table, |current, key| get_table(current, key))
}

/// The entries of an array of tables (`[[package]]`), skipping non-table items.
pub(crate) fn tables<'a, 'text>(
    array: &'a DeArray<'text>,
) -> impl Iterator<Item = &'a Spanned<DeValue<'text>>> {
    array.iter().filter(|item| item.get_ref().is_table())
}
