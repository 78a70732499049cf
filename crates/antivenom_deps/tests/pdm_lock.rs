//! `pdm.lock`: pins with groups, markers, file hashes and editable entries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{ManifestKind, Requirement, read_manifest};
use common::{data, dep, linux312, names, pin};

#[test]
fn reads_pins_groups_and_markers() {
    let manifest = read_manifest(&data("locks/pdm.lock"), &linux312()).unwrap();
    assert_eq!(manifest.kind, ManifestKind::PdmLock);
    let jinja = dep(&manifest, "jinja2");
    assert_eq!(pin(jinja), "2.10");
    assert_eq!(jinja.origin.line, 11);
    assert_eq!(jinja.groups, vec!["default"]);
    assert_eq!(jinja.hashes.len(), 1);
    let pytest = dep(&manifest, "pytest");
    assert_eq!(pytest.groups, vec!["test"]);
    assert_eq!(pytest.origin.line, 24);
    assert_eq!(names(&manifest.skipped_by_marker), vec!["pywin32"]);
    assert_eq!(
        dep(&manifest, "local-helpers").requirement,
        Requirement::Editable("./packages/local-helpers".into())
    );
    assert!(manifest.warnings.is_empty(), "{:?}", manifest.warnings);
}
