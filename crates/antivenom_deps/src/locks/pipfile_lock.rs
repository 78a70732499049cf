//! `Pipfile.lock` (JSON): the `default` and `develop` sections map names to
//! `{"version": "==X", "hashes": […], "markers": "…"}` (or a `git`/`path`/`file`
//! source). JSON parsers keep no positions, so each entry's line is found by
//! looking for its key in the text after the start of its section.

use std::path::Path;

use serde_json::Value;

use super::pinned;
use crate::lines::LineIndex;
use crate::manifest_builder::ManifestBuilder;
use crate::model::{Dependency, Manifest, ManifestKind, Origin, Requirement};
use crate::{DepsError, TargetEnvironment};

/// The sections read, with the group name given to their dependencies.
const SECTIONS: &[(&str, Option<&str>)] = &[("default", None), ("develop", Some("develop"))];

/// Reads a `Pipfile.lock` file's text.
///
/// # Errors
/// [`DepsError::Json`] if it is not valid JSON.
pub(crate) fn read(
    path: &Path,
    text: &str,
    env: &TargetEnvironment,
) -> Result<Manifest, DepsError> {
    let root: Value = serde_json::from_str(text).map_err(|source| DepsError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let lines = LineIndex::new(text);
    let mut builder = ManifestBuilder::new(path, ManifestKind::PipfileLock, env);
    for (section, group) in SECTIONS {
        let Some(entries) = root.get(section).and_then(Value::as_object) else {
            continue;
        };
        let section_start = find_json_key(text, section, 0).unwrap_or(0);
        for (name, entry) in entries {
            let offset = find_json_key(text, name, section_start).unwrap_or(section_start);
            let origin = Origin::new(path, lines.line_of(offset));
            let Some(mut dep) = dependency(name, entry, origin, &mut builder) else {
                continue;
            };
            dep.groups = group.iter().map(|g| (*g).to_string()).collect();
            builder.push(dep);
        }
    }
    Ok(builder.finish())
}

/// One entry of a section.
fn dependency(
    name: &str,
    entry: &Value,
    origin: Origin,
    builder: &mut ManifestBuilder<'_>,
) -> Option<Dependency> {
    let text = |key: &str| entry.get(key).and_then(Value::as_str);
    let location = text("git")
        .or_else(|| text("path"))
        .or_else(|| text("file"));
    let mut dep = if entry.get("editable").and_then(Value::as_bool) == Some(true) {
        Dependency::new(
            name,
            Requirement::Editable(location.unwrap_or(".").to_string()),
            origin,
        )
    } else if let Some(version) = text("version") {
        pinned(name, version, origin, builder)
    } else if let Some(location) = location {
        Dependency::new(name, Requirement::Url(location.to_string()), origin)
    } else {
        builder.warn(origin, format!("package {name} has no version; skipped"));
        return None;
    };
    dep.markers = text("markers").map(str::to_string);
    dep.hashes = string_list(entry.get("hashes"));
    dep.extras = string_list(entry.get("extras"));
    Some(dep)
}

/// The strings of a JSON array (other items ignored).
fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The offset of the first `"key"` used as an object key (followed by `:`) at or
/// after `from`.
fn find_json_key(text: &str, key: &str, from: usize) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    let mut start = from;
    loop {
        let found = start + text.get(start..)?.find(&quoted)?;
        let after = found + quoted.len();
        if text.get(after..)?.trim_start().starts_with(':') {
            return Some(found);
        }
        start = after;
    }
}

#[cfg(test)]
mod tests {
    use super::find_json_key;

    #[test]
    fn finds_keys_not_values() {
        let text = r#"{"a": "django", "django": {}}"#;
        assert_eq!(find_json_key(text, "django", 0), Some(16));
        assert_eq!(find_json_key(text, "flask", 0), None);
    }
}
