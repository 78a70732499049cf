//! Lock files: every entry is an exact pin (or a URL / editable source).

pub(crate) mod pdm_lock;
pub(crate) mod pipfile_lock;
pub(crate) mod poetry_lock;
pub(crate) mod pylock;
pub(crate) mod uv_lock;

use toml::de::{DeTable, DeValue};

use crate::manifest_builder::ManifestBuilder;
use crate::model::{Dependency, Origin, Requirement};
use crate::pep508_convert::pinned_version;
use crate::toml_doc::{self, TomlDoc};

/// The name of a `[[package]]` entry and the origin of its `name = "…"` line.
fn entry_name<'a>(doc: &TomlDoc<'_>, entry: &'a DeTable<'_>) -> Option<(&'a str, Origin)> {
    let value = toml_doc::get(entry, "name")?;
    let name = value.get_ref().as_str()?;
    Some((name, doc.origin(value)))
}

/// The entries of the array of tables `key` (`[[package]]`) with their name
/// and the origin of its line, warning when the array is missing or not an
/// array, and for each entry without a name (skipped).
pub(crate) fn named_packages<'a, 'text>(
    doc: &'a TomlDoc<'text>,
    key: &str,
    builder: &mut ManifestBuilder<'_>,
) -> Vec<(&'a DeTable<'text>, &'a str, Origin)> {
    let entries: Vec<&DeTable<'text>> =
        match toml_doc::get(doc.root(), key).map(|value| value.get_ref()) {
            Some(DeValue::Array(array)) => toml_doc::tables(array)
                .filter_map(|item| item.get_ref().as_table())
                .collect(),
            Some(_) => {
                builder.warn(
                    doc.file_origin(),
                    format!("`{key}` is not an array of tables; nothing read"),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
    let mut named = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry_name(doc, entry) {
            Some((name, origin)) => named.push((entry, name, origin)),
            None => builder.warn(
                doc.file_origin(),
                format!("a [[{key}]] entry has no name; skipped"),
            ),
        }
    }
    named
}

/// A pinned dependency from a lock version, warning when the version is not PEP 440.
pub(crate) fn pinned(
    name: &str,
    version: &str,
    origin: Origin,
    builder: &mut ManifestBuilder<'_>,
) -> Dependency {
    let requirement = pinned_version(version);
    if let Requirement::PinnedRaw(raw) = &requirement {
        builder.warn(
            origin.clone(),
            format!(
                "version `{raw}` of {name} is not a PEP 440 version; it can only be matched exactly"
            ),
        );
    }
    Dependency::new(name, requirement, origin)
}

/// The hashes of a lock entry's `files = [{file = ..., hash = ...}, ...]`
/// (Poetry and PDM); `None` without a `files` array.
pub(crate) fn file_hashes(entry: &DeTable<'_>) -> Option<Vec<String>> {
    let files = toml_doc::get_array(entry, "files")?;
    Some(
        files
            .iter()
            .filter_map(|file| file.get_ref().as_table())
            .filter_map(|file| toml_doc::get_str(file, "hash"))
            .map(str::to_string)
            .collect(),
    )
}

/// Joins several alternative markers into one (`(a) or (b)`); `None` if there are none.
pub(crate) fn any_of_markers<'a>(markers: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let parts: Vec<&str> = markers
        .into_iter()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .collect();
    match parts.as_slice() {
        [] => None,
        [only] => Some((*only).to_string()),
        many => Some(
            many.iter()
                .map(|m| format!("({m})"))
                .collect::<Vec<_>>()
                .join(" or "),
        ),
    }
}
