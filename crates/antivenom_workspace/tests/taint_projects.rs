//! Taint across modules, on small multi-file projects (`tests/projects/*`):
//! every `# expect: <taint rule>` comment must be matched by a finding of
//! that rule on its line, and no taint rule may report anything else.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_diagnostics::Report;
use antivenom_rules::{Registry, Selection};
use antivenom_workspace::{AnalysisOptions, analyze_files};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn projects() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects")
}

fn python_files(directory: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            python_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "py") {
            found.push(path);
        }
    }
}

fn analyse(project: &str) -> (Vec<PathBuf>, Report) {
    let mut files = Vec::new();
    python_files(&projects().join(project), &mut files);
    let rules = Registry::builtin()
        .unwrap()
        .rule_set(&Selection {
            select: vec!["ALL".to_owned()],
            ..Selection::default()
        })
        .unwrap();
    let report = analyze_files(&files, &rules, &AnalysisOptions::default(), &|| {}).unwrap();
    (files, report)
}

/// (file, line, rule name) of each expectation.
fn expectations(files: &[PathBuf]) -> BTreeSet<(PathBuf, usize, String)> {
    let mut expected = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            if let Some((_, rule)) = line.split_once("# expect: ") {
                expected.insert((file.clone(), number + 1, rule.trim().to_owned()));
            }
        }
    }
    expected
}

fn check(project: &str) {
    let (files, report) = analyse(project);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let found: BTreeSet<(PathBuf, usize, String)> = report
        .findings
        .iter()
        .filter(|finding| finding.rule.name.starts_with("tainted-"))
        .map(|finding| {
            (
                finding.path.clone(),
                finding.location.start_line,
                finding.rule.name.clone(),
            )
        })
        .collect();
    let expected = expectations(&files);
    let missing: Vec<_> = expected.difference(&found).collect();
    let unexpected: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "{project}: missing {missing:#?}, unexpected {unexpected:#?}"
    );
}

#[test]
fn helpers_in_another_module_are_sinks_sanitizers_and_pass_throughs() {
    check("helpers");
}

#[test]
fn functions_re_exported_through_packages_and_star_imports_are_followed() {
    check("reexport");
}

#[test]
fn recursive_functions_across_modules_reach_a_fixpoint() {
    check("recursion");
}

#[test]
fn inherited_methods_and_methods_of_built_objects_are_followed() {
    check("methods");
}

#[test]
fn a_function_returning_request_data_is_a_source_for_other_modules() {
    check("wrappers");
}

#[test]
fn src_layouts_and_relative_imports_resolve() {
    check("src_layout");
}

#[test]
fn the_path_of_a_finding_runs_through_the_other_module() {
    let (_, report) = analyse("helpers");
    let finding = report
        .findings
        .iter()
        .find(|finding| {
            finding.rule.name == "tainted-shell-command" && finding.location.start_line == 11
        })
        .unwrap();
    let files: Vec<String> = finding
        .flow
        .iter()
        .map(|step| {
            step.path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(files.first().map(String::as_str), Some("views.py"));
    assert_eq!(files.last().map(String::as_str), Some("commands.py"));
    let last = finding.flow.last().unwrap();
    assert_eq!(last.location.start_line, 9);
    assert!(
        last.message.contains("subprocess.run(line, shell=True"),
        "{}",
        last.message
    );
}
