//! Rule fixtures with inline expectations.
//!
//! Every rule has `tests/fixtures/<category>/<rule-name>.py`. A line ending
//! in `# expect: <rule-name>` must produce a finding of that rule starting
//! on that line; `# expect-suppressed: <rule-name>` a finding silenced by a
//! suppression comment; `# ok: <rule-name>` documents a safe case. Every
//! finding of the rule must be expected and every expectation met, so a
//! missing finding fails and so does an unexpected one.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use antivenom_rules::{AnalysisInput, Registry, Selection, analyze_module};
use antivenom_semantic::ModuleInfo;
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{PySourceType, PythonVersion};
use ruff_python_parser::{ParseOptions, parse_unchecked};
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextRange};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for category in std::fs::read_dir(fixture_dir()).unwrap() {
        let category = category.unwrap().path();
        if category.is_dir() {
            for file in std::fs::read_dir(&category).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|ext| ext == "py") {
                    files.push(file);
                }
            }
        }
    }
    files.sort();
    // `ANTIVENOM_FIXTURE=sql` runs only the fixtures whose path contains `sql`.
    if let Ok(filter) = std::env::var("ANTIVENOM_FIXTURE") {
        files.retain(|file| file.to_string_lossy().contains(&filter));
    }
    files
}

/// (line, rule name, suppressed)
type Expectation = (usize, String, bool);

fn expectations(source: &str, rule: &str) -> (BTreeSet<Expectation>, usize) {
    let mut expected = BTreeSet::new();
    let mut ok_count = 0;
    for (number, line) in source.lines().enumerate() {
        for (marker, suppressed) in [("# expect: ", false), ("# expect-suppressed: ", true)] {
            if let Some(position) = line.find(marker) {
                let names = line[position + marker.len()..].split('#').next().unwrap();
                for name in names
                    .split(',')
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                {
                    if name == rule {
                        expected.insert((number + 1, name.to_owned(), suppressed));
                    }
                }
            }
        }
        if line.contains(&format!("# ok: {rule}")) {
            ok_count += 1;
        }
    }
    (expected, ok_count)
}

fn run_fixture(path: &Path, registry: &Registry) -> Result<(), String> {
    let rule_name = path.file_stem().unwrap().to_str().unwrap();
    let source = std::fs::read_to_string(path).unwrap();
    let selection = Selection {
        select: vec![rule_name.to_owned()],
        ..Selection::default()
    };
    // Taint fixtures show flows from local input (command-line arguments,
    // environment) too; the default (network input only) has a CLI test.
    let rules = registry
        .rule_set(&selection)
        .map_err(|error| format!("{}: {error}", path.display()))?
        .with_taint_local_sources(true);
    let options =
        ParseOptions::from(PySourceType::Python).with_target_version(PythonVersion::PY314);
    let parsed = parse_unchecked(&source, options);
    let comments: Vec<TextRange> = parsed
        .tokens()
        .iter()
        .filter(|token| token.kind() == TokenKind::Comment)
        .map(Ranged::range)
        .collect();
    let parsed = parsed.try_into_module().unwrap();
    let index = LineIndex::from_source_text(&source);
    let line_of = |offset| index.line_index(offset).get();
    let input = AnalysisInput {
        suite: parsed.suite(),
        source: &source,
        comments: &comments,
        line_of: &line_of,
        file_index: 0,
        project: None,
        tree: None,
        module: ModuleInfo {
            path,
            module_path: None,
            is_package: false,
            is_stub: false,
        },
    };
    let found: BTreeSet<Expectation> = analyze_module(input, &rules, false)
        .into_iter()
        .map(|m| {
            (
                index.line_index(m.range.start()).get(),
                m.rule.name.clone(),
                m.suppression.is_some(),
            )
        })
        .collect();
    let (expected, ok_count) = expectations(&source, rule_name);
    let mut problems = Vec::new();
    if expected.iter().all(|(_, _, suppressed)| *suppressed) {
        problems.push("the fixture has no `# expect:` case".to_owned());
    }
    if ok_count == 0 {
        problems.push("the fixture has no `# ok:` case".to_owned());
    }
    for missing in expected.difference(&found) {
        problems.push(format!(
            "line {}: expected {}{} but found none",
            missing.0,
            missing.1,
            if missing.2 { " (suppressed)" } else { "" }
        ));
    }
    for unexpected in found.difference(&expected) {
        problems.push(format!(
            "line {}: unexpected {}{}",
            unexpected.0,
            unexpected.1,
            if unexpected.2 { " (suppressed)" } else { "" }
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n  {}", path.display(), problems.join("\n  ")))
    }
}

#[test]
fn every_fixture_matches_its_expectations() {
    let registry = Registry::builtin().unwrap();
    let failures: Vec<String> = fixtures()
        .iter()
        .filter_map(|path| run_fixture(path, &registry).err())
        .collect();
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_fixture() {
    if std::env::var_os("ANTIVENOM_FIXTURE").is_some() {
        return;
    }
    let registry = Registry::builtin().unwrap();
    let names: BTreeSet<String> = fixtures()
        .iter()
        .map(|path| path.file_stem().unwrap().to_str().unwrap().to_owned())
        .collect();
    let missing: Vec<String> = registry
        .metas()
        .iter()
        .filter(|meta| !names.contains(&meta.name))
        .map(|meta| meta.name.clone())
        .collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
    let known: BTreeSet<String> = registry
        .metas()
        .iter()
        .map(|meta| meta.name.clone())
        .collect();
    let orphans: Vec<&String> = names.iter().filter(|name| !known.contains(*name)).collect();
    assert!(orphans.is_empty(), "fixtures for no rule: {orphans:?}");
}

#[test]
fn every_rule_has_complete_metadata() {
    let registry = Registry::builtin().unwrap();
    for meta in registry.metas() {
        let context = format!("rule {}", meta.code);
        assert!(
            meta.code.starts_with("AV") && meta.code[2..].chars().all(|c| c.is_ascii_digit()),
            "{context}: code"
        );
        assert!(!meta.cwe.is_empty(), "{context}: CWE");
        for (field, text) in [
            ("summary", &meta.summary),
            ("why", &meta.why),
            ("insecure example", &meta.insecure_example),
            ("secure example", &meta.secure_example),
            ("fix", &meta.fix),
        ] {
            assert!(!text.trim().is_empty(), "{context}: empty {field}");
        }
    }
}

#[test]
fn alias_prefixes_select_the_rules_of_that_tool() {
    let registry = Registry::builtin().unwrap();
    let selected = |selector: &str| {
        let selection = Selection {
            select: vec![selector.to_owned()],
            ..Selection::default()
        };
        let set = registry.rule_set(&selection).unwrap();
        set.metas()
            .iter()
            .map(|meta| meta.code.clone())
            .collect::<BTreeSet<_>>()
    };
    let bandit = selected("B");
    assert!(bandit.contains("AV201") && bandit.contains("AV301"));
    for code in &bandit {
        let meta = registry.find(code).unwrap();
        assert!(
            meta.aliases.iter().any(|alias| alias.starts_with('B')),
            "{code}"
        );
    }
    assert!(!bandit.contains("AV504"), "AV504 has no Bandit alias");
    // An alias selects the stable rule and any audit rule sharing it.
    let b602 = selected("B602");
    assert!(b602.contains("AV201"), "{b602:?}");
    for code in &b602 {
        let meta = registry.find(code).unwrap();
        assert!(meta.aliases.iter().any(|alias| alias == "B602"), "{code}");
    }
    assert!(selected("S6").contains("AV201"));
}
