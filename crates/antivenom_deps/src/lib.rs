//! Dependency manifests of Python projects.
//!
//! This crate reads the dependencies a Python project declares or pins, so that
//! `antivenom deps` can audit them against an advisory database and check their
//! names for typosquatting. Every [`Dependency`] keeps its [`Origin`] (file and
//! 1-based line) so that findings point at the line that declares or pins it.
//!
//! Supported inputs (see [`ManifestKind`]):
//! - pip requirements files (`requirements*.txt`, `*.in`) with `-r`/`-c` includes,
//!   hashes, markers, extras, URL and editable requirements;
//! - `pyproject.toml`: PEP 621 dependencies and optional dependencies, PEP 735
//!   dependency groups and Poetry's dependency tables;
//! - lock files: `poetry.lock`, `Pipfile.lock`, `uv.lock`, `pdm.lock` and PEP 751
//!   `pylock.toml`;
//! - an installed environment (`*.dist-info/METADATA` under site-packages), see
//!   [`read_installed`].
//!
//! Environment markers are evaluated against a [`TargetEnvironment`]; dependencies
//! whose markers are false are moved to [`Manifest::skipped_by_marker`]. Nothing
//! the parsers cannot understand aborts a read: it becomes a [`ManifestWarning`].

mod discover;
mod error;
mod installed;
mod lines;
mod locks;
mod manifest_builder;
mod model;
mod name;
mod pep508_convert;
mod pyproject;
mod read;
mod requirements;
mod target;
mod toml_doc;

pub use discover::{discover, is_manifest_file_name};
pub use error::DepsError;
pub use installed::read_installed;
pub use model::{
    Dependency, Manifest, ManifestKind, ManifestWarning, Origin, RecordedOption, Requirement,
};
pub use name::{is_valid_name, normalize_name};
pub use read::{manifest_kind, read_manifest};
pub use target::{Platform, TargetEnvironment};
