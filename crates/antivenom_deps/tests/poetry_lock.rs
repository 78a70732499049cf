//! `poetry.lock`: pins at the line of `name = …`, hashes, markers, a
//! non-PEP 440 version and a develop (editable) path dependency.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{ManifestKind, Requirement, TargetEnvironment, read_manifest};
use common::{data, dep, linux312, names, pin, warned};

#[test]
fn pins_with_name_lines_and_hashes() {
    let path = data("locks/poetry.lock");
    let manifest = read_manifest(&path, &linux312()).unwrap();
    assert_eq!(manifest.kind, ManifestKind::PoetryLock);
    assert!(manifest.kind.is_resolved());
    let asgiref = dep(&manifest, "asgiref");
    assert_eq!(pin(asgiref), "3.8.1");
    assert_eq!(asgiref.origin.line, 4);
    assert_eq!(asgiref.hashes.len(), 2);
    let django = dep(&manifest, "django");
    assert_eq!(django.display_name, "Django");
    assert_eq!(django.origin.line, 18);
    // `[package.dependencies]` entries are not packages.
    assert!(manifest.find("typing-extensions").is_none());
}

#[test]
fn non_pep440_versions_are_kept_raw() {
    let manifest = read_manifest(&data("locks/poetry.lock"), &linux312()).unwrap();
    let legacy = dep(&manifest, "pyasn1-legacy");
    assert_eq!(
        legacy.requirement,
        Requirement::PinnedRaw("0.7.10p1".into())
    );
    assert_eq!(pin(legacy), "0.7.10p1");
    assert_eq!(legacy.origin.line, 26);
    assert!(warned(
        &manifest,
        "poetry.lock:26: version `0.7.10p1` of pyasn1-legacy is not a PEP 440 version"
    ));
}

#[test]
fn markers_and_develop_sources() {
    let manifest = read_manifest(&data("locks/poetry.lock"), &linux312()).unwrap();
    assert_eq!(names(&manifest.skipped_by_marker), vec!["colorama"]);
    assert_eq!(
        dep(&manifest, "mylib").requirement,
        Requirement::Editable("../mylib".into())
    );
    let windows = TargetEnvironment::new(None, Some("windows")).unwrap();
    let manifest = read_manifest(&data("locks/poetry.lock"), &windows).unwrap();
    assert_eq!(pin(dep(&manifest, "colorama")), "0.4.6");
}

#[test]
fn a_package_table_that_is_not_an_array_warns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("poetry.lock");
    std::fs::write(
        &path,
        "[package]\nname = \"six\"\nversion = \"1.16.0\"\n\n[[other]]\n",
    )
    .unwrap();
    let manifest = read_manifest(&path, &linux312()).unwrap();
    assert!(manifest.dependencies.is_empty());
    assert!(warned(&manifest, "not an array of tables"));
}
