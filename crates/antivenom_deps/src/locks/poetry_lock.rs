//! `poetry.lock`: `[[package]]` entries with `name` and `version`.

use std::path::Path;

use toml::de::DeValue;

use super::{any_of_markers, file_hashes, named_packages, pinned};
use crate::manifest_builder::ManifestBuilder;
use crate::model::{Manifest, ManifestKind, Requirement};
use crate::toml_doc::{self, TomlDoc};
use crate::{DepsError, TargetEnvironment};

/// Reads a `poetry.lock` file's text.
///
/// # Errors
/// [`DepsError::Toml`] if it is not valid TOML.
pub(crate) fn read(
    path: &Path,
    text: &str,
    env: &TargetEnvironment,
) -> Result<Manifest, DepsError> {
    let doc = TomlDoc::parse(path, text)?;
    let mut builder = ManifestBuilder::new(path, ManifestKind::PoetryLock, env);
    for (entry, name, origin) in named_packages(&doc, "package", &mut builder) {
        let Some(version) = toml_doc::get_str(entry, "version") else {
            builder.warn(origin, format!("package {name} has no version; skipped"));
            continue;
        };
        let mut dep = pinned(name, version, origin, &mut builder);
        let source = toml_doc::get_table(entry, "source");
        if let Some(source) = source
            && toml_doc::get_bool(entry, "develop") == Some(true)
        {
            let url = toml_doc::get_str(source, "url").unwrap_or(".");
            dep.requirement = Requirement::Editable(url.to_string());
        }
        // Poetry 2 writes `markers = "…"`, or one marker per group as a table.
        dep.markers = match toml_doc::get(entry, "markers").map(|v| v.get_ref()) {
            Some(DeValue::String(marker)) => any_of_markers([marker.as_ref()]),
            Some(DeValue::Table(per_group)) => {
                any_of_markers(per_group.values().filter_map(|v| v.get_ref().as_str()))
            }
            _ => None,
        };
        if let Some(groups) = toml_doc::get_strings(entry, "groups") {
            dep.groups = groups;
        } else if let Some(category) = toml_doc::get_str(entry, "category") {
            dep.groups = vec![category.to_string()];
        }
        if let Some(hashes) = file_hashes(entry) {
            dep.hashes = hashes;
        }
        builder.push(dep);
    }
    Ok(builder.finish())
}
