//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use antivenom_deps::{Dependency, Manifest, TargetEnvironment};

/// A file under `tests/data`.
pub fn data(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

/// CPython 3.12 on Linux.
pub fn linux312() -> TargetEnvironment {
    TargetEnvironment::new(Some("3.12"), Some("linux")).unwrap()
}

/// The dependency with this (normalised) name; panics with the list when missing.
pub fn dep<'a>(manifest: &'a Manifest, name: &str) -> &'a Dependency {
    manifest.find(name).unwrap_or_else(|| {
        let names: Vec<&str> = manifest
            .dependencies
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        panic!("no dependency {name} in {names:?}")
    })
}

/// The normalised names of a list of dependencies.
pub fn names(deps: &[Dependency]) -> Vec<&str> {
    deps.iter().map(|d| d.name.as_str()).collect()
}

/// Whether some warning contains `needle`.
pub fn warned(manifest: &Manifest, needle: &str) -> bool {
    manifest
        .warnings
        .iter()
        .any(|w| w.to_string().contains(needle))
}

/// The pinned version text of a dependency.
pub fn pin(dep: &Dependency) -> String {
    dep.requirement
        .pinned_version_text()
        .expect("a pinned dependency")
}
