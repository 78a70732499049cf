//! PEP 751 `pylock.toml`: `[[packages]]` with versions, markers, hashes, VCS and
//! editable directory sources; `pylock.<name>.toml` is recognised.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{ManifestKind, Requirement, manifest_kind, read_manifest};
use common::{data, dep, linux312, names, pin};

#[test]
fn reads_packages() {
    let manifest = read_manifest(&data("locks/pylock.toml"), &linux312()).unwrap();
    assert_eq!(manifest.kind, ManifestKind::Pylock);
    let urllib3 = dep(&manifest, "urllib3");
    assert_eq!(pin(urllib3), "1.24.1");
    assert_eq!(urllib3.origin.line, 7);
    assert_eq!(
        urllib3.hashes,
        vec!["sha256:61bf29cada3fc2fbefad4fdf059ea4bd1b4a86d2b6d15e1c7c0b582b9752fe39"]
    );
    // The wheel's `name` is not a package.
    assert_eq!(
        names(&manifest.dependencies),
        vec!["urllib3", "project-plugin", "workspace-lib"]
    );
    assert_eq!(names(&manifest.skipped_by_marker), vec!["tomli"]);
    assert_eq!(
        dep(&manifest, "project-plugin").requirement,
        Requirement::Url("https://github.com/example/project-plugin.git".into())
    );
    assert_eq!(
        dep(&manifest, "workspace-lib").requirement,
        Requirement::Editable("./libs/workspace-lib".into())
    );
}

#[test]
fn named_pylock_files_are_recognised() {
    assert_eq!(
        manifest_kind(std::path::Path::new("pylock.dev.toml")),
        Some(ManifestKind::Pylock)
    );
    assert_eq!(manifest_kind(std::path::Path::new("pylock-dev.toml")), None);
}
