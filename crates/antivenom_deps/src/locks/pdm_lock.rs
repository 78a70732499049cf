//! `pdm.lock`: `[[package]]` entries with `name`, `version`, `groups` and `marker`.

use std::path::Path;

use super::{any_of_markers, file_hashes, named_packages, pinned};
use crate::manifest_builder::ManifestBuilder;
use crate::model::{Dependency, Manifest, ManifestKind, Requirement};
use crate::toml_doc::{self, TomlDoc};
use crate::{DepsError, TargetEnvironment};

/// Reads a `pdm.lock` file's text.
///
/// # Errors
/// [`DepsError::Toml`] if it is not valid TOML.
pub(crate) fn read(
    path: &Path,
    text: &str,
    env: &TargetEnvironment,
) -> Result<Manifest, DepsError> {
    let doc = TomlDoc::parse(path, text)?;
    let mut builder = ManifestBuilder::new(path, ManifestKind::PdmLock, env);
    for (entry, name, origin) in named_packages(&doc, "package", &mut builder) {
        let location = toml_doc::get_str(entry, "path")
            .or_else(|| toml_doc::get_str(entry, "git"))
            .or_else(|| toml_doc::get_str(entry, "url"));
        let mut dep = if toml_doc::get_bool(entry, "editable") == Some(true) {
            Dependency::new(
                name,
                Requirement::Editable(location.unwrap_or(".").to_string()),
                origin,
            )
        } else if let Some(version) = toml_doc::get_str(entry, "version") {
            pinned(name, version, origin, &mut builder)
        } else if let Some(location) = location {
            Dependency::new(name, Requirement::Url(location.to_string()), origin)
        } else {
            builder.warn(origin, format!("package {name} has no version; skipped"));
            continue;
        };
        dep.markers = toml_doc::get_str(entry, "marker").and_then(|m| any_of_markers([m]));
        if let Some(groups) = toml_doc::get_strings(entry, "groups") {
            dep.groups = groups;
        }
        if let Some(hashes) = file_hashes(entry) {
            dep.hashes = hashes;
        }
        builder.push(dep);
    }
    Ok(builder.finish())
}
