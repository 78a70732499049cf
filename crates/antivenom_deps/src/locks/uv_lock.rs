//! `uv.lock`: `[[package]]` entries with `name`, `version` and `source`.
//!
//! The project itself and workspace members (`source = { editable = … }` or
//! `{ virtual = … }`) are not dependencies and are skipped. A package resolved
//! only for some environments (`resolution-markers`) applies when any of its
//! markers holds for the target.

use std::path::Path;

use super::{any_of_markers, named_packages, pinned};
use crate::manifest_builder::ManifestBuilder;
use crate::model::{Dependency, Manifest, ManifestKind, Requirement};
use crate::toml_doc::{self, TomlDoc};
use crate::{DepsError, TargetEnvironment};

/// Reads a `uv.lock` file's text.
///
/// # Errors
/// [`DepsError::Toml`] if it is not valid TOML.
pub(crate) fn read(
    path: &Path,
    text: &str,
    env: &TargetEnvironment,
) -> Result<Manifest, DepsError> {
    let doc = TomlDoc::parse(path, text)?;
    let mut builder = ManifestBuilder::new(path, ManifestKind::UvLock, env);
    for (entry, name, origin) in named_packages(&doc, "package", &mut builder) {
        let source = toml_doc::get_table(entry, "source");
        let is_project = source.is_some_and(|source| {
            toml_doc::get(source, "editable").is_some()
                || toml_doc::get(source, "virtual").is_some()
        });
        if is_project {
            continue; // The project or a workspace member.
        }
        let mut dep = match toml_doc::get_str(entry, "version") {
            Some(version) => pinned(name, version, origin, &mut builder),
            None => {
                let location = source.and_then(|source| {
                    ["git", "url", "path", "directory"]
                        .iter()
                        .find_map(|key| toml_doc::get_str(source, key))
                });
                match location {
                    Some(location) => {
                        Dependency::new(name, Requirement::Url(location.to_string()), origin)
                    }
                    None => {
                        builder.warn(origin, format!("package {name} has no version; skipped"));
                        continue;
                    }
                }
            }
        };
        if let Some(markers) = toml_doc::get_array(entry, "resolution-markers") {
            dep.markers = any_of_markers(markers.iter().filter_map(|m| m.get_ref().as_str()));
        }
        dep.hashes = hashes(entry);
        builder.push(dep);
    }
    Ok(builder.finish())
}

/// The hashes of the sdist and the wheels of an entry.
fn hashes(entry: &toml::de::DeTable<'_>) -> Vec<String> {
    let sdist =
        toml_doc::get_table(entry, "sdist").and_then(|sdist| toml_doc::get_str(sdist, "hash"));
    let wheels = toml_doc::get_array(entry, "wheels")
        .into_iter()
        .flat_map(|wheels| wheels.iter())
        .filter_map(|wheel| wheel.get_ref().as_table())
        .filter_map(|wheel| toml_doc::get_str(wheel, "hash"));
    sdist
        .into_iter()
        .chain(wheels)
        .map(str::to_string)
        .collect()
}
