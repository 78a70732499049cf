//! PEP 621 `[project] dependencies` and `[project.optional-dependencies]`.

use super::push_requirement_string;
use crate::manifest_builder::ManifestBuilder;
use crate::toml_doc::{self, TomlDoc};

/// Reads `[project]` dependencies; each optional dependency is in the group of its extra.
pub(super) fn read(doc: &TomlDoc<'_>, builder: &mut ManifestBuilder<'_>) {
    let Some(project) = toml_doc::get_table(doc.root(), "project") else {
        return;
    };
    if let Some(dependencies) = toml_doc::get_array(project, "dependencies") {
        for value in dependencies.iter() {
            push_requirement_string(doc, value, &[], builder);
        }
    }
    if let Some(optional) = toml_doc::get_table(project, "optional-dependencies") {
        for (extra, requirements) in optional.iter() {
            let Some(requirements) = requirements.get_ref().as_array() else {
                builder.warn(
                    doc.origin(extra),
                    format!("optional-dependencies.{} is not an array", extra.get_ref()),
                );
                continue;
            };
            let groups = [extra.get_ref().to_string()];
            for value in requirements.iter() {
                push_requirement_string(doc, value, &groups, builder);
            }
        }
    }
}
