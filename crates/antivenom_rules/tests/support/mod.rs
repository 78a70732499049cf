//! Running rules on a snippet of Python, shared by the rule test files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use antivenom_rules::{AnalysisInput, Registry, RuleMatch, Selection, analyze_module};
use antivenom_semantic::ModuleInfo;
use ruff_python_ast::{PySourceType, PythonVersion};
use ruff_python_parser::{ParseOptions, parse_unchecked};
use std::path::Path;

/// The matches of the rules `rule` selects (a code, name, alias or other
/// selector) in `source`, analysed as the file `example.py`.
pub fn run_in(registry: &Registry, rule: &str, source: &str) -> Vec<RuleMatch> {
    let rules = registry
        .rule_set(&Selection {
            select: vec![rule.to_owned()],
            ..Selection::default()
        })
        .unwrap_or_else(|error| panic!("selecting {rule}: {error}"));
    assert!(!rules.is_empty(), "{rule} selects no rule");
    let options =
        ParseOptions::from(PySourceType::Python).with_target_version(PythonVersion::PY314);
    let parsed = parse_unchecked(source, options).try_into_module().unwrap();
    let input = AnalysisInput {
        suite: parsed.suite(),
        source,
        comments: &[],
        line_of: &|_| 1,
        file_index: 0,
        project: None,
        tree: None,
        module: ModuleInfo {
            path: Path::new("example.py"),
            module_path: None,
            is_package: false,
            is_stub: false,
        },
    };
    analyze_module(input, &rules, false)
}

/// [`run_in`] with the built-in rules.
pub fn run(rule: &str, source: &str) -> Vec<RuleMatch> {
    run_in(&Registry::builtin().unwrap(), rule, source)
}
