//! PEP 751 `pylock.toml` / `pylock.<name>.toml`: `[[packages]]` entries with
//! `name`, an optional `version`, a `marker`, and one source (`vcs`,
//! `directory`, `archive`, `sdist`/`wheels`).

use std::path::Path;

use toml::de::DeTable;

use super::{named_packages, pinned};
use crate::manifest_builder::ManifestBuilder;
use crate::model::{Dependency, Manifest, ManifestKind, Requirement};
use crate::toml_doc::{self, TomlDoc};
use crate::{DepsError, TargetEnvironment};

/// Reads a `pylock.toml` file's text.
///
/// # Errors
/// [`DepsError::Toml`] if it is not valid TOML.
pub(crate) fn read(
    path: &Path,
    text: &str,
    env: &TargetEnvironment,
) -> Result<Manifest, DepsError> {
    let doc = TomlDoc::parse(path, text)?;
    let mut builder = ManifestBuilder::new(path, ManifestKind::Pylock, env);
    for (entry, name, origin) in named_packages(&doc, "packages", &mut builder) {
        let directory = toml_doc::get_table(entry, "directory");
        let mut dep = if let Some(directory) =
            directory.filter(|d| toml_doc::get_bool(d, "editable") == Some(true))
        {
            let path = toml_doc::get_str(directory, "path").unwrap_or(".");
            Dependency::new(name, Requirement::Editable(path.to_string()), origin)
        } else if let Some(version) = toml_doc::get_str(entry, "version") {
            pinned(name, version, origin, &mut builder)
        } else if let Some(location) = source_location(entry) {
            Dependency::new(name, Requirement::Url(location), origin)
        } else {
            builder.warn(
                origin,
                format!("package {name} has neither a version nor a source; skipped"),
            );
            continue;
        };
        dep.markers = toml_doc::get_str(entry, "marker").map(str::to_string);
        dep.hashes = hashes(entry);
        builder.push(dep);
    }
    Ok(builder.finish())
}

/// The URL or path of a `vcs`, `directory` or `archive` source.
fn source_location(entry: &DeTable<'_>) -> Option<String> {
    ["vcs", "directory", "archive"].iter().find_map(|key| {
        let source = toml_doc::get_table(entry, key)?;
        toml_doc::get_str(source, "url")
            .or_else(|| toml_doc::get_str(source, "path"))
            .map(str::to_string)
    })
}

/// `algo:hex` for every hash of the archive, sdist and wheels.
fn hashes(entry: &DeTable<'_>) -> Vec<String> {
    let single = ["archive", "sdist"]
        .into_iter()
        .filter_map(|key| toml_doc::get_table(entry, key));
    let wheels = toml_doc::get_array(entry, "wheels")
        .into_iter()
        .flat_map(|wheels| wheels.iter())
        .filter_map(|wheel| wheel.get_ref().as_table());
    single
        .chain(wheels)
        .filter_map(|file| toml_doc::get_table(file, "hashes"))
        .flat_map(|hashes| {
            hashes.iter().filter_map(|(algo, value)| {
                value
                    .get_ref()
                    .as_str()
                    .map(|hex| format!("{}:{hex}", algo.get_ref()))
            })
        })
        .collect()
}
