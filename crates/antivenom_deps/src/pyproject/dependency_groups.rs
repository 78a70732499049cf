//! PEP 735 `[dependency-groups]`: lists of requirement strings and
//! `{include-group = "…"}` tables.
//!
//! Each requirement is listed once, at its own line; its `groups` are its own
//! group followed by every group that includes it (directly or not), so that a
//! caller selecting group `dev` finds what `dev` includes. Unknown includes and
//! include cycles are warnings.

use std::collections::{BTreeMap, BTreeSet};

use super::push_requirement_string;
use crate::manifest_builder::ManifestBuilder;
use crate::model::Origin;
use crate::normalize_name;
use crate::toml_doc::{self, TomlDoc};

/// An `include-group` entry: the included group (normalised) and where it is written.
struct Include {
    /// Normalised name of the included group.
    group: String,
    /// The line of the `include-group` entry.
    origin: Origin,
}

/// Reads `[dependency-groups]`.
pub(super) fn read(doc: &TomlDoc<'_>, builder: &mut ManifestBuilder<'_>) {
    let Some(groups) = toml_doc::get_table(doc.root(), "dependency-groups") else {
        return;
    };
    // Normalised group name → (name as written, includes).
    let mut includes: BTreeMap<String, (String, Vec<Include>)> = BTreeMap::new();
    for (name, entries) in groups.iter() {
        let mut group_includes = Vec::new();
        for entry in entries
            .get_ref()
            .as_array()
            .into_iter()
            .flat_map(|a| a.iter())
        {
            if let Some(table) = entry.get_ref().as_table() {
                match toml_doc::get_str(table, "include-group") {
                    Some(included) => group_includes.push(Include {
                        group: normalize_name(included),
                        origin: doc.origin(entry),
                    }),
                    None => builder.warn(
                        doc.origin(entry),
                        "dependency group entry is neither a string nor an include-group table",
                    ),
                }
            }
        }
        includes.insert(
            normalize_name(name.get_ref()),
            (name.get_ref().to_string(), group_includes),
        );
    }
    check_includes(&includes, builder);

    for (name, entries) in groups.iter() {
        let Some(entries) = entries.get_ref().as_array() else {
            builder.warn(
                doc.origin(name),
                format!("dependency group `{}` is not an array", name.get_ref()),
            );
            continue;
        };
        let group = normalize_name(name.get_ref());
        let mut selecting = vec![name.get_ref().to_string()];
        selecting.extend(
            includes
                .iter()
                .filter(|(other, _)| {
                    **other != group && reachable(&includes, other).contains(&group)
                })
                .map(|(_, (written, _))| written.clone()),
        );
        for value in entries.iter().filter(|value| value.get_ref().is_str()) {
            push_requirement_string(doc, value, &selecting, builder);
        }
    }
}

/// The groups that `start` includes, directly or not (cycles are cut).
fn reachable(includes: &BTreeMap<String, (String, Vec<Include>)>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    while let Some(group) = todo.pop() {
        if let Some((_, direct)) = includes.get(&group) {
            for include in direct {
                if seen.insert(include.group.clone()) {
                    todo.push(include.group.clone());
                }
            }
        }
    }
    seen
}

/// Warns about includes of unknown groups and about groups that include themselves.
fn check_includes(
    includes: &BTreeMap<String, (String, Vec<Include>)>,
    builder: &mut ManifestBuilder<'_>,
) {
    for (group, (written, direct)) in includes {
        for include in direct {
            if !includes.contains_key(&include.group) {
                builder.warn(
                    include.origin.clone(),
                    format!(
                        "dependency group `{written}` includes unknown group `{}`",
                        include.group
                    ),
                );
            }
        }
        if reachable(includes, group).contains(group) {
            let origin = direct.first().map(|include| include.origin.clone());
            if let Some(origin) = origin {
                builder.warn(
                    origin,
                    format!("dependency group `{written}` includes itself (include-group cycle)"),
                );
            }
        }
    }
}
