//! `uv.lock`: registry pins, resolution-marker forks, the project's own
//! editable/virtual entries skipped, git sources without a version.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{ManifestKind, Requirement, TargetEnvironment, read_manifest};
use common::{data, dep, linux312, names, pin};

#[test]
fn forks_are_chosen_by_resolution_markers() {
    let manifest = read_manifest(&data("locks/uv.lock"), &linux312()).unwrap();
    assert_eq!(manifest.kind, ManifestKind::UvLock);
    let asgiref = dep(&manifest, "asgiref");
    assert_eq!(pin(asgiref), "3.9.1");
    assert_eq!(asgiref.origin.line, 21);
    assert_eq!(names(&manifest.skipped_by_marker), vec!["asgiref"]);

    let old = TargetEnvironment::new(Some("3.8"), None).unwrap();
    let manifest = read_manifest(&data("locks/uv.lock"), &old).unwrap();
    let asgiref = dep(&manifest, "asgiref");
    assert_eq!(pin(asgiref), "3.8.1");
    assert_eq!(asgiref.origin.line, 9);
    assert_eq!(asgiref.hashes.len(), 2);
}

#[test]
fn project_entries_are_skipped_and_git_is_kept() {
    let manifest = read_manifest(&data("locks/uv.lock"), &linux312()).unwrap();
    assert!(manifest.find("demo-service").is_none());
    assert!(manifest.find("docs").is_none());
    let flask = dep(&manifest, "flask");
    assert_eq!(pin(flask), "1.0");
    assert_eq!(flask.origin.line, 46);
    assert!(matches!(
        dep(&manifest, "private-tool").requirement,
        Requirement::Url(_)
    ));
    assert_eq!(
        names(&manifest.dependencies),
        vec!["asgiref", "flask", "private-tool"]
    );
}
