//! Taint fixtures: Python files with `# taint: <class>` on each line where
//! a finding's sink call starts and `# clean` on lines that must stay
//! silent. A missing finding fails, and so does one on a line without an
//! expectation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_semantic::{FileSemantic, ModuleInfo};
use antivenom_taint::{Engine, ModuleContext};
use antivenom_taint_models::Models;
use std::collections::BTreeSet;
use std::path::Path;

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset].matches('\n').count() + 1
}

/// (line, class) pairs found in `source`.
fn findings(source: &str) -> BTreeSet<(usize, String)> {
    let parsed = ruff_python_parser::parse_module(source).expect("fixture parses");
    let info = ModuleInfo {
        path: Path::new("fixture.py"),
        module_path: None,
        is_package: false,
        is_stub: false,
    };
    let semantic = FileSemantic::build(parsed.suite(), info);
    let engine = Engine::new(Models::builtin().expect("built-in models load"));
    let analysis = engine.analyze_module(
        parsed.suite(),
        &semantic,
        source,
        ModuleContext {
            local_sources: true,
            ..ModuleContext::default()
        },
    );
    analysis
        .findings
        .iter()
        .map(|finding| {
            (
                line_of(source, finding.sink.start().to_usize()),
                finding.class.as_str().to_owned(),
            )
        })
        .collect()
}

fn expectations(source: &str) -> BTreeSet<(usize, String)> {
    let mut expected = BTreeSet::new();
    for (index, line) in source.lines().enumerate() {
        if let Some((_, rest)) = line.split_once("# taint:") {
            for class in rest.split(',') {
                expected.insert((index + 1, class.trim().to_owned()));
            }
        }
    }
    expected
}

#[test]
fn every_fixture_matches_its_expectations() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let filter = std::env::var("ANTIVENOM_FIXTURE").unwrap_or_default();
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "py"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.contains(&filter) {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let found = findings(&source);
        let expected = expectations(&source);
        for missing in expected.difference(&found) {
            failures.push(format!("{name}:{}: missing {}", missing.0, missing.1));
        }
        for unexpected in found.difference(&expected) {
            failures.push(format!(
                "{name}:{}: unexpected {}",
                unexpected.0, unexpected.1
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
