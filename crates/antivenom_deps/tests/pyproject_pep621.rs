//! `pyproject.toml`: PEP 621 dependencies and optional dependencies, PEP 735
//! dependency groups with `include-group`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{ManifestKind, Requirement, TargetEnvironment, read_manifest};
use common::{data, dep, linux312, names, pin, warned};

#[test]
fn project_dependencies_with_lines() {
    let path = data("pyproject/pep621/pyproject.toml");
    let manifest = read_manifest(&path, &linux312()).unwrap();
    assert_eq!(manifest.kind, ManifestKind::Pyproject);
    let django = dep(&manifest, "django");
    assert_eq!(pin(django), "3.2.0");
    assert_eq!(django.origin.line, 10);
    assert!(django.groups.is_empty());
    let requests = dep(&manifest, "requests");
    assert_eq!(requests.extras, vec!["socks"]);
    assert!(matches!(&requests.requirement, Requirement::Range(s) if s.len() == 2));
    assert_eq!(requests.origin.line, 11);
    let sdk = dep(&manifest, "internal-sdk");
    assert!(
        matches!(&sdk.requirement, Requirement::Url(url) if url.ends_with("internal_sdk-1.2.0.tar.gz"))
    );
    assert!(warned(
        &manifest,
        "pyproject.toml:14: cannot parse requirement `not a valid requirement!`"
    ));
}

#[test]
fn markers_skip_for_new_pythons_only() {
    let path = data("pyproject/pep621/pyproject.toml");
    let manifest = read_manifest(&path, &linux312()).unwrap();
    assert_eq!(names(&manifest.skipped_by_marker), vec!["tomli"]);
    let old = TargetEnvironment::new(Some("3.10"), Some("linux")).unwrap();
    let manifest = read_manifest(&path, &old).unwrap();
    assert_eq!(dep(&manifest, "tomli").origin.line, 12);
    assert!(manifest.skipped_by_marker.is_empty());
}

#[test]
fn optional_dependencies_are_grouped_by_extra() {
    let manifest = read_manifest(&data("pyproject/pep621/pyproject.toml"), &linux312()).unwrap();
    let yaml = dep(&manifest, "pyyaml");
    assert_eq!(yaml.groups, vec!["yaml"]);
    assert_eq!(yaml.display_name, "PyYAML");
    assert_eq!(yaml.origin.line, 18);
    let psycopg = dep(&manifest, "psycopg2-binary");
    assert_eq!(psycopg.groups, vec!["postgres"]);
    assert_eq!(psycopg.origin.line, 20);
}

#[test]
fn dependency_groups_follow_include_group() {
    let manifest = read_manifest(&data("pyproject/pep621/pyproject.toml"), &linux312()).unwrap();
    let pytest = dep(&manifest, "pytest");
    assert_eq!(pytest.groups, vec!["test", "dev"]);
    assert_eq!(pytest.origin.line, 24);
    let coverage = dep(&manifest, "coverage");
    assert_eq!(coverage.extras, vec!["toml"]);
    assert_eq!(pin(coverage), "7.4.0");
    assert_eq!(dep(&manifest, "ruff").groups, vec!["lint", "dev"]);
    let ipython = dep(&manifest, "ipython");
    assert_eq!(ipython.groups, vec!["dev"]);
    assert_eq!(ipython.origin.line, 29);
    // Listed once, not once per including group.
    assert_eq!(
        manifest
            .dependencies
            .iter()
            .filter(|d| d.name == "pytest")
            .count(),
        1
    );
    assert!(warned(
        &manifest,
        "pyproject.toml:31: dependency group `broken` includes unknown group `missing`"
    ));
}

#[test]
fn include_group_cycles_warn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pyproject.toml");
    std::fs::write(
        &path,
        "[dependency-groups]\na = [\"six==1.16.0\", {include-group = \"b\"}]\nb = [{include-group = \"a\"}]\n",
    )
    .unwrap();
    let manifest = read_manifest(&path, &linux312()).unwrap();
    assert!(warned(&manifest, "include-group cycle"));
    assert_eq!(dep(&manifest, "six").groups, vec!["a", "b"]);
}

#[test]
fn invalid_toml_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pyproject.toml");
    std::fs::write(&path, "[project\ndependencies = [").unwrap();
    let err = read_manifest(&path, &linux312()).unwrap_err();
    assert!(err.to_string().contains("not valid TOML"), "{err}");
}
