//! Poetry's `[tool.poetry.dependencies]`, `[tool.poetry.dev-dependencies]` and
//! `[tool.poetry.group.<name>.dependencies]`.
//!
//! A value is a version constraint (`"^1.2"`), a table (`{ version, markers,
//! python, platform, extras, git, path, url, develop }`) or an array of tables
//! (one per environment). `python` and `platform` restrictions become markers.

use pep440_rs::{Operator, VersionSpecifiers};
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::poetry_version::to_specifiers;
use crate::manifest_builder::ManifestBuilder;
use crate::model::{Dependency, Origin, Requirement};
use crate::pep508_convert::from_specifiers;
use crate::toml_doc::{self, TomlDoc};

/// Reads all Poetry dependency tables.
pub(super) fn read(doc: &TomlDoc<'_>, builder: &mut ManifestBuilder<'_>) {
    let Some(poetry) = toml_doc::get_path(doc.root(), &["tool", "poetry"]) else {
        return;
    };
    if let Some(table) = toml_doc::get_table(poetry, "dependencies") {
        read_table(doc, table, &[], builder);
    }
    if let Some(table) = toml_doc::get_table(poetry, "dev-dependencies") {
        read_table(doc, table, &["dev".to_string()], builder);
    }
    if let Some(groups) = toml_doc::get_table(poetry, "group") {
        for (group, body) in groups.iter() {
            let table = body
                .get_ref()
                .as_table()
                .and_then(|body| toml_doc::get_table(body, "dependencies"));
            if let Some(table) = table {
                read_table(doc, table, &[group.get_ref().to_string()], builder);
            }
        }
    }
}

/// Reads one `name = constraint` table.
fn read_table(
    doc: &TomlDoc<'_>,
    table: &DeTable<'_>,
    groups: &[String],
    builder: &mut ManifestBuilder<'_>,
) {
    for (name, value) in table.iter() {
        if name.get_ref().eq_ignore_ascii_case("python") {
            continue; // The project's own Python constraint.
        }
        let origin = doc.origin(name);
        match value.get_ref() {
            DeValue::Array(alternatives) => {
                for alternative in alternatives.iter() {
                    push_entry(name, alternative, doc.origin(alternative), groups, builder);
                }
            }
            _ => push_entry(name, value, origin, groups, builder),
        }
    }
}

/// Adds the dependency for one constraint (string or table).
fn push_entry(
    name: &Spanned<DeString<'_>>,
    value: &Spanned<DeValue<'_>>,
    origin: Origin,
    groups: &[String],
    builder: &mut ManifestBuilder<'_>,
) {
    let name = name.get_ref();
    let mut dep = match value.get_ref() {
        DeValue::String(constraint) => version_dependency(name, constraint, origin, builder),
        DeValue::Table(table) => table_dependency(name, table, origin, builder),
        _ => {
            builder.warn(
                origin,
                format!("unsupported Poetry constraint for {name}; ignored"),
            );
            return;
        }
    };
    dep.groups = groups.to_vec();
    builder.push(dep);
}

/// A dependency from a version constraint; an unconvertible one becomes "any
/// version" with a warning.
fn version_dependency(
    name: &str,
    constraint: &str,
    origin: Origin,
    builder: &mut ManifestBuilder<'_>,
) -> Dependency {
    let requirement = match to_specifiers(constraint) {
        Ok(specifiers) => from_specifiers(specifiers),
        Err(message) => {
            builder.warn(
                origin.clone(),
                format!("Poetry constraint of {name}: {message}; read as any version"),
            );
            Requirement::Range(VersionSpecifiers::empty())
        }
    };
    Dependency::new(name, requirement, origin)
}

/// A dependency from a table constraint.
fn table_dependency(
    name: &str,
    table: &DeTable<'_>,
    origin: Origin,
    builder: &mut ManifestBuilder<'_>,
) -> Dependency {
    let location = ["git", "path", "url"]
        .iter()
        .find_map(|key| toml_doc::get_str(table, key));
    let mut dep = match location {
        Some(location) if toml_doc::get_bool(table, "develop") == Some(true) => Dependency::new(
            name,
            Requirement::Editable(location.to_string()),
            origin.clone(),
        ),
        Some(location) => {
            Dependency::new(name, Requirement::Url(location.to_string()), origin.clone())
        }
        None => version_dependency(
            name,
            toml_doc::get_str(table, "version").unwrap_or("*"),
            origin.clone(),
            builder,
        ),
    };
    if let Some(extras) = toml_doc::get_array(table, "extras") {
        dep.extras = extras
            .iter()
            .filter_map(|e| e.get_ref().as_str())
            .map(str::to_string)
            .collect();
    }
    let mut markers: Vec<String> = Vec::new();
    if let Some(marker) = toml_doc::get_str(table, "markers") {
        markers.push(marker.to_string());
    }
    if let Some(python) = toml_doc::get_str(table, "python") {
        match to_specifiers(python) {
            Ok(specifiers) => markers.extend(python_marker(&specifiers)),
            Err(message) => builder.warn(
                origin.clone(),
                format!("python restriction of {name}: {message}; ignored"),
            ),
        }
    }
    if let Some(platform) = toml_doc::get_str(table, "platform") {
        markers.push(format!("sys_platform == '{platform}'"));
    }
    dep.markers = match markers.as_slice() {
        [] => None,
        [only] => Some(only.clone()),
        many => Some(
            many.iter()
                .map(|m| format!("({m})"))
                .collect::<Vec<_>>()
                .join(" and "),
        ),
    };
    dep
}

/// `python_full_version` markers equivalent to a Python version range.
fn python_marker(specifiers: &VersionSpecifiers) -> Option<String> {
    let parts: Vec<String> = specifiers
        .iter()
        .map(|specifier| {
            let operator = match specifier.operator() {
                Operator::EqualStar => "==".to_string(),
                Operator::NotEqualStar => "!=".to_string(),
                other => other.to_string(),
            };
            let star = if matches!(
                specifier.operator(),
                Operator::EqualStar | Operator::NotEqualStar
            ) {
                ".*"
            } else {
                ""
            };
            format!(
                "python_full_version {operator} '{}{star}'",
                specifier.version()
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}
