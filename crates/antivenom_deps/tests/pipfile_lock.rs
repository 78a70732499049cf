//! `Pipfile.lock`: default and develop sections, lines found in the JSON text,
//! markers, hashes and git sources.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{ManifestKind, Requirement, read_manifest};
use common::{data, dep, linux312, names, pin};

#[test]
fn default_and_develop_sections() {
    let manifest = read_manifest(&data("locks/Pipfile.lock"), &linux312()).unwrap();
    assert_eq!(manifest.kind, ManifestKind::PipfileLock);
    let django: Vec<_> = manifest
        .dependencies
        .iter()
        .filter(|d| d.name == "django")
        .collect();
    assert_eq!(django.len(), 2);
    let (main, develop) = (django.first().unwrap(), django.get(1).unwrap());
    assert_eq!(pin(main), "3.2.0");
    assert_eq!(main.origin.line, 19);
    assert!(main.groups.is_empty());
    assert_eq!(main.hashes.len(), 1);
    assert_eq!(develop.origin.line, 47);
    assert_eq!(develop.groups, vec!["develop"]);
    let pytest = dep(&manifest, "pytest");
    assert_eq!(pin(pytest), "7.4.0");
    assert_eq!(pytest.origin.line, 42);
    assert_eq!(dep(&manifest, "pyyaml").origin.line, 27);
}

#[test]
fn markers_and_git_sources() {
    let manifest = read_manifest(&data("locks/Pipfile.lock"), &linux312()).unwrap();
    assert_eq!(
        names(&manifest.skipped_by_marker),
        vec!["backports-zoneinfo"]
    );
    let tool = dep(&manifest, "internal-tool");
    assert_eq!(
        tool.requirement,
        Requirement::Url("https://github.com/example/internal-tool.git".into())
    );
    assert_eq!(tool.origin.line, 36);
}

#[test]
fn invalid_json_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Pipfile.lock");
    std::fs::write(&path, "{\"default\": {").unwrap();
    let err = read_manifest(&path, &linux312()).unwrap_err();
    assert!(err.to_string().contains("not valid JSON"), "{err}");
}
