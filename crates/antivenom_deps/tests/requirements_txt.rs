//! pip requirements files: includes, cycles, constraints, hashes on continuation
//! lines, markers, extras, URL and editable requirements, options and comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_deps::{Requirement, TargetEnvironment, read_manifest};
use common::{data, dep, linux312, names, pin, warned};

#[test]
fn reads_pins_with_their_lines() {
    let path = data("requirements/requirements.txt");
    let manifest = read_manifest(&path, &linux312()).unwrap();
    let django = dep(&manifest, "django");
    assert_eq!(django.display_name, "Django");
    assert_eq!(pin(django), "3.2.0");
    assert_eq!(django.origin.path, path);
    assert_eq!(django.origin.line, 7);
    let jinja = dep(&manifest, "jinja2");
    assert_eq!(pin(jinja), "2.10");
    assert_eq!(jinja.origin.line, 22);
}

#[test]
fn hashes_on_continuation_lines_belong_to_the_first_line() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    let yaml = dep(&manifest, "pyyaml");
    assert_eq!(yaml.display_name, "PyYAML");
    assert_eq!(yaml.origin.line, 8);
    assert_eq!(yaml.hashes.len(), 2);
    assert!(yaml.hashes.iter().all(|h| h.starts_with("sha256:")));
    assert!(yaml.hashes.first().unwrap().ends_with("fe645d"));
}

#[test]
fn ranges_and_extras() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    let requests = dep(&manifest, "requests");
    assert_eq!(requests.extras, vec!["socks", "security"]);
    match &requests.requirement {
        Requirement::Range(specifiers) => assert_eq!(specifiers.to_string(), ">=2.19.0"),
        other => panic!("expected a range, got {other:?}"),
    }
}

#[test]
fn markers_are_evaluated_for_the_target() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    let skipped = names(&manifest.skipped_by_marker);
    assert!(skipped.contains(&"importlib-metadata"), "{skipped:?}");
    assert!(skipped.contains(&"pywin32"), "{skipped:?}");
    assert!(manifest.find("uvloop").is_some());
    assert!(manifest.find("pywin32").is_none());

    let windows = TargetEnvironment::new(Some("3.7"), Some("windows")).unwrap();
    let manifest = read_manifest(&data("requirements/requirements.txt"), &windows).unwrap();
    assert!(manifest.find("pywin32").is_some());
    assert!(manifest.find("importlib-metadata").is_some());
    assert!(manifest.find("uvloop").is_none());
    assert!(names(&manifest.skipped_by_marker).contains(&"uvloop"));
}

#[test]
fn url_and_editable_requirements_are_kept() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    let tool = dep(&manifest, "internal-tool");
    assert_eq!(
        tool.requirement,
        Requirement::Url(
            "git+https://github.com/example/internal-tool.git@v1.4.0#egg=internal-tool".into()
        )
    );
    assert!(tool.requirement.is_unverifiable());
    assert_eq!(tool.origin.line, 15);

    let audit = dep(&manifest, "pip-audit");
    assert!(
        matches!(&audit.requirement, Requirement::Url(url) if url.ends_with("pip_audit-2.7.3-py3-none-any.whl"))
    );

    let shared = dep(&manifest, "shared-utils");
    assert_eq!(
        shared.requirement,
        Requirement::Editable("./libs/shared_utils".into())
    );
    let plugin = dep(&manifest, "example-plugin");
    assert!(matches!(plugin.requirement, Requirement::Editable(_)));
    let vendored = dep(&manifest, "vendored-lib");
    assert!(matches!(vendored.requirement, Requirement::Url(_)));
    assert!(warned(&manifest, "inferred from the path"));
}

#[test]
fn includes_are_relative_to_the_including_file() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    let urllib3 = dep(&manifest, "urllib3");
    assert_eq!(pin(urllib3), "1.24.1");
    assert_eq!(urllib3.origin.path, data("requirements/base.txt"));
    assert_eq!(urllib3.origin.line, 3);
    let structlog = dep(&manifest, "structlog");
    assert_eq!(
        structlog.origin.path,
        data("requirements/common/logging.in")
    );
    assert_eq!(structlog.origin.line, 1);
    // Each dependency is listed once even though base.txt is reached twice.
    assert_eq!(
        manifest
            .dependencies
            .iter()
            .filter(|d| d.name == "urllib3")
            .count(),
        1
    );
}

#[test]
fn include_cycles_are_reported_not_followed() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    let cycle = manifest
        .warnings
        .iter()
        .find(|w| w.message.contains("include cycle"))
        .expect("a cycle warning");
    assert!(cycle.message.contains("base.txt"), "{cycle}");
    assert!(cycle.message.contains("logging.in"), "{cycle}");
    assert!(cycle.origin.path.ends_with("common/logging.in"));
    assert_eq!(cycle.origin.line, 3);
}

#[test]
fn constraints_are_kept_apart() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    assert_eq!(names(&manifest.constraints), vec!["certifi", "idna"]);
    assert!(manifest.find("certifi").is_none());
    assert_eq!(manifest.constraints.first().unwrap().origin.line, 2);
}

#[test]
fn options_are_recorded_and_bad_lines_warn() {
    let manifest = read_manifest(&data("requirements/requirements.txt"), &linux312()).unwrap();
    let options: Vec<(&str, Option<&str>)> = manifest
        .options
        .iter()
        .map(|o| (o.name.as_str(), o.value.as_deref()))
        .collect();
    assert_eq!(
        options,
        vec![
            ("--index-url", Some("https://pypi.org/simple")),
            (
                "--extra-index-url",
                Some("https://internal.example.com/simple")
            ),
        ]
    );
    assert!(warned(
        &manifest,
        "requirements.txt:20: environment variable"
    ));
    // The name is kept; the version hidden in a variable is unknown (any version).
    let private = dep(&manifest, "private-lib");
    assert!(matches!(&private.requirement, Requirement::Range(s) if s.is_empty()));
    assert!(warned(
        &manifest,
        "requirements.txt:21: cannot parse requirement `this is not a requirement`"
    ));
}

#[test]
fn missing_includes_and_unknown_options_do_not_abort() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("requirements-dev.txt");
    std::fs::write(
        &path,
        "-r does-not-exist.txt\n--frobnicate\nflask==1.0 --hash=sha256:abc --weird\n-r requirements-dev.txt\n",
    )
    .unwrap();
    let manifest = read_manifest(&path, &linux312()).unwrap();
    assert_eq!(pin(dep(&manifest, "flask")), "1.0");
    assert!(warned(
        &manifest,
        "requirements-dev.txt:1: cannot follow include"
    ));
    assert!(warned(
        &manifest,
        "requirements-dev.txt:2: unknown or incomplete pip option"
    ));
    assert!(warned(&manifest, "--weird"));
    assert!(warned(&manifest, "requirements-dev.txt:4: include cycle"));
}

#[test]
fn missing_top_level_file_is_an_error() {
    let err = read_manifest(&data("requirements/nope-requirements.txt"), &linux312()).unwrap_err();
    assert!(err.to_string().contains("nope-requirements.txt"));
}
