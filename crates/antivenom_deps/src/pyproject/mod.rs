//! `pyproject.toml`: PEP 621 `[project]` dependencies and optional dependencies,
//! PEP 735 `[dependency-groups]`, and Poetry's `[tool.poetry]` dependency tables.

mod dependency_groups;
mod pep621;
mod poetry;
mod poetry_version;

use std::path::Path;

use toml::Spanned;
use toml::de::DeValue;

use crate::manifest_builder::ManifestBuilder;
use crate::model::{Manifest, ManifestKind};
use crate::pep508_convert::parse_pep508;
use crate::toml_doc::TomlDoc;
use crate::{DepsError, TargetEnvironment};

/// Reads a `pyproject.toml` file's text.
///
/// # Errors
/// [`DepsError::Toml`] if it is not valid TOML.
pub(crate) fn read(
    path: &Path,
    text: &str,
    env: &TargetEnvironment,
) -> Result<Manifest, DepsError> {
    let doc = TomlDoc::parse(path, text)?;
    let mut builder = ManifestBuilder::new(path, ManifestKind::Pyproject, env);
    pep621::read(&doc, &mut builder);
    dependency_groups::read(&doc, &mut builder);
    poetry::read(&doc, &mut builder);
    Ok(builder.finish())
}

/// Adds one PEP 508 requirement string found in the document, in `groups`;
/// a requirement that does not parse becomes a warning at its line.
fn push_requirement_string(
    doc: &TomlDoc<'_>,
    value: &Spanned<DeValue<'_>>,
    groups: &[String],
    builder: &mut ManifestBuilder<'_>,
) {
    let origin = doc.origin(value);
    let Some(text) = value.get_ref().as_str() else {
        builder.warn(origin, "expected a requirement string; entry ignored");
        return;
    };
    match parse_pep508(text, origin.clone()) {
        Ok(mut dep) => {
            dep.groups = groups.to_vec();
            builder.push(dep);
        }
        Err(message) => builder.warn(
            origin,
            format!("cannot parse requirement `{text}`: {message}"),
        ),
    }
}
