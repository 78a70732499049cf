//! Discovering manifests in a project tree, skipping virtual environments,
//! `.git` and `node_modules`, and dispatching by file name.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use antivenom_deps::{DepsError, ManifestKind, discover, manifest_kind, read_manifest};
use common::linux312;

fn touch(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, "").unwrap();
}

#[test]
fn finds_manifests_and_skips_environments() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for file in [
        "requirements.txt",
        "requirements-dev.txt",
        "requirements/test.txt",
        "constraints.in",
        "pyproject.toml",
        "poetry.lock",
        "Pipfile.lock",
        "uv.lock",
        "pdm.lock",
        "pylock.toml",
        "pylock.docs.toml",
        "services/api/requirements.txt",
        ".venv/lib/python3.12/site-packages/pkg/requirements.txt",
        "venv/requirements.txt",
        "node_modules/x/requirements.txt",
        ".git/requirements.txt",
        "README.txt",
        "setup.py",
    ] {
        touch(&root.join(file));
    }
    // Sorted by path components (a directory before its longer-named siblings).
    let found: Vec<String> = discover(root)
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        found,
        vec![
            "Pipfile.lock",
            "constraints.in",
            "pdm.lock",
            "poetry.lock",
            "pylock.docs.toml",
            "pylock.toml",
            "pyproject.toml",
            "requirements/test.txt",
            "requirements-dev.txt",
            "requirements.txt",
            "services/api/requirements.txt",
            "uv.lock",
        ]
    );
    assert_eq!(discover(&root.join("uv.lock")), vec![root.join("uv.lock")]);
}

#[test]
fn dispatches_by_file_name() {
    assert_eq!(
        manifest_kind(Path::new("dev-requirements.txt")),
        Some(ManifestKind::Requirements)
    );
    assert_eq!(
        manifest_kind(Path::new("a/requirements/base.txt")),
        Some(ManifestKind::Requirements)
    );
    assert_eq!(manifest_kind(Path::new("notes.txt")), None);
    let err = read_manifest(Path::new("setup.cfg"), &linux312()).unwrap_err();
    assert!(matches!(err, DepsError::UnsupportedManifest { .. }));
}
