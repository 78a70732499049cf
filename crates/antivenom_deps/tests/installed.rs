//! An installed environment: `*.dist-info/METADATA` and `*.egg-info` under a
//! site-packages directory written in a temporary directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use antivenom_deps::{ManifestKind, Requirement, read_installed};
use common::{dep, pin, warned};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn reads_dist_info_and_egg_info() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    write(
        &site.join("PyYAML-5.3.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: PyYAML\nVersion: 5.3\nSummary: YAML parser and emitter for Python\nRequires-Python: >=3.5\n\nVersion: 9.9 appears in the description\n",
    );
    write(
        &site.join("Django-3.2.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: Django\nVersion: 3.2.0\n",
    );
    write(
        &site.join("legacy_pkg-0.7.10p1.egg-info/PKG-INFO"),
        "Metadata-Version: 1.0\nName: legacy-pkg\nVersion: 0.7.10p1\n",
    );
    write(
        &site.join("broken-1.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nSummary: no name\n",
    );
    write(&site.join("yaml/__init__.py"), "");

    let manifest = read_installed(site).unwrap();
    assert_eq!(manifest.kind, ManifestKind::Installed);
    assert_eq!(manifest.dependencies.len(), 3);
    let yaml = dep(&manifest, "pyyaml");
    assert_eq!(yaml.display_name, "PyYAML");
    assert_eq!(pin(yaml), "5.3");
    assert_eq!(yaml.origin.path, site.join("PyYAML-5.3.dist-info/METADATA"));
    assert_eq!(yaml.origin.line, 3);
    assert_eq!(pin(dep(&manifest, "django")), "3.2.0");
    assert_eq!(
        dep(&manifest, "legacy-pkg").requirement,
        Requirement::PinnedRaw("0.7.10p1".into())
    );
    assert!(warned(
        &manifest,
        "broken-1.0.dist-info/METADATA:1: metadata without a Name or Version"
    ));
}

#[test]
fn a_missing_site_packages_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(read_installed(&dir.path().join("nope")).is_err());
}

#[test]
fn a_dist_info_without_metadata_warns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("six-1.16.0.dist-info")).unwrap();
    let manifest = read_installed(dir.path()).unwrap();
    assert!(manifest.dependencies.is_empty());
    assert!(warned(&manifest, "cannot read"));
}
