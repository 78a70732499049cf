//! `pyproject.toml`: Poetry dependency tables, caret/tilde/bare constraints,
//! python/platform restrictions, path/git sources and groups.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{Requirement, TargetEnvironment, read_manifest};
use common::{data, dep, linux312, names, pin, warned};

fn range(requirement: &Requirement) -> String {
    match requirement {
        Requirement::Range(specifiers) => specifiers.to_string(),
        other => panic!("expected a range, got {other:?}"),
    }
}

#[test]
fn version_syntax_is_converted() {
    let manifest = read_manifest(&data("pyproject/poetry/pyproject.toml"), &linux312()).unwrap();
    assert!(manifest.find("python").is_none());
    let django = dep(&manifest, "django");
    assert_eq!(range(&django.requirement), ">=3.2, <4");
    assert_eq!(django.origin.line, 9);
    assert_eq!(
        range(&dep(&manifest, "requests").requirement),
        ">=2.19, <2.20"
    );
    // A bare version is an exact pin in Poetry.
    let jinja = dep(&manifest, "jinja2");
    assert_eq!(pin(jinja), "2.10");
    assert_eq!(jinja.origin.line, 11);
    assert_eq!(range(&dep(&manifest, "urllib3").requirement), "");
    let flask = dep(&manifest, "flask");
    assert_eq!(range(&flask.requirement), ">=0.12, <0.13");
    assert_eq!(flask.extras, vec!["dotenv"]);
}

#[test]
fn unions_warn_and_read_as_any_version() {
    let manifest = read_manifest(&data("pyproject/poetry/pyproject.toml"), &linux312()).unwrap();
    assert_eq!(range(&dep(&manifest, "weird").requirement), "");
    assert!(warned(
        &manifest,
        "pyproject.toml:22: Poetry constraint of weird"
    ));
}

#[test]
fn python_and_platform_restrictions_are_markers() {
    let manifest = read_manifest(&data("pyproject/poetry/pyproject.toml"), &linux312()).unwrap();
    let skipped = names(&manifest.skipped_by_marker);
    assert!(skipped.contains(&"pywin32"), "{skipped:?}");
    assert!(skipped.contains(&"typing-extensions"), "{skipped:?}");
    // Two alternatives for numpy: only the one for Python >= 3.9 applies.
    let numpy: Vec<_> = manifest
        .dependencies
        .iter()
        .filter(|d| d.name == "numpy")
        .collect();
    assert_eq!(numpy.len(), 1);
    let numpy = numpy.first().unwrap();
    assert_eq!(range(&numpy.requirement), ">=1.26, <2");
    assert_eq!(numpy.origin.line, 20);

    let old = TargetEnvironment::new(Some("3.7"), Some("win32")).unwrap();
    let manifest = read_manifest(&data("pyproject/poetry/pyproject.toml"), &old).unwrap();
    assert_eq!(pin(dep(&manifest, "pywin32")), "306");
    assert_eq!(pin(dep(&manifest, "numpy")), "1.24.4");
    assert!(manifest.find("typing-extensions").is_some());
}

#[test]
fn sources_and_groups() {
    let manifest = read_manifest(&data("pyproject/poetry/pyproject.toml"), &linux312()).unwrap();
    assert_eq!(
        dep(&manifest, "mylib").requirement,
        Requirement::Editable("../mylib".into())
    );
    assert_eq!(
        dep(&manifest, "tool").requirement,
        Requirement::Url("https://github.com/example/tool.git".into())
    );
    let pytest = dep(&manifest, "pytest");
    assert_eq!(pytest.groups, vec!["dev"]);
    assert_eq!(pytest.origin.line, 25);
    let black = dep(&manifest, "black");
    assert_eq!(pin(black), "22.3.0");
    assert_eq!(black.groups, vec!["dev"]);
}
