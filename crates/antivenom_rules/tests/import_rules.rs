//! Import rules of the declarative engine: module and submodule matching,
//! one finding per rule and statement, dynamic imports with constant names,
//! relative imports ignored; and the shipped import audits' documented
//! examples.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;
use support::run_in;

use antivenom_rules::Registry;
use ruff_text_size::Ranged;

/// The shipped rules of `data/rules/audit_imports.toml`.
const RULES: &[&str] = &[
    "pickle-import",
    "subprocess-import",
    "xml-etree-import",
    "xml-sax-import",
    "xml-expatbuilder-import",
    "xml-minidom-import",
    "xml-pulldom-import",
    "xmlrpc-import",
    "httpoxy-cgi-handler",
    "pycrypto-import",
    "pyghmi-import",
];

/// A user rule importing two patterns, one of them a package.
const USER_RULE: &str = r#"
[[rule]]
code = "ACME7"
name = "acme-legacy-import"
cwe = [1104]
severity = "low"
confidence = "high"
category = "hygiene"
summary = "s"
why = "w"
insecure-example = "import acme.legacy"
secure-example = "import acme"
fix = "f"
message = "imports `{name}`"
imports = ["acme.legacy", "oldlib"]
"#;

/// The flagged source texts and messages of the user rule on `source`.
fn user_rule(source: &str) -> Vec<(String, String)> {
    let mut registry = Registry::builtin().unwrap();
    registry.add_rule_source("acme.toml", USER_RULE).unwrap();
    run_in(&registry, "acme-legacy-import", source)
        .into_iter()
        .map(|found| (source[found.range.to_std_range()].to_owned(), found.message))
        .collect()
}

#[test]
fn a_pattern_matches_the_module_and_its_submodules_only() {
    let found = user_rule(
        "import acme.legacy\nimport acme.legacy.db\nimport acme.legacyx\nimport acme\nimport oldlibs\n",
    );
    assert_eq!(
        found,
        vec![
            ("acme.legacy".to_owned(), "imports `acme.legacy`".to_owned()),
            (
                "acme.legacy.db".to_owned(),
                "imports `acme.legacy.db`".to_owned()
            ),
        ]
    );
}

#[test]
fn from_imports_report_once_per_statement() {
    let found = user_rule("from acme.legacy import a, b\nfrom acme import legacy, other\n");
    assert_eq!(
        found,
        vec![
            (
                "from acme.legacy import a, b".to_owned(),
                "imports `acme.legacy`".to_owned()
            ),
            ("legacy".to_owned(), "imports `acme.legacy`".to_owned()),
        ]
    );
    assert_eq!(user_rule("import oldlib, acme.legacy\n").len(), 1);
    assert!(user_rule("from acme import *\nfrom acme.other import legacy\n").is_empty());
}

#[test]
fn relative_imports_never_match() {
    let source = "from . import oldlib\nfrom .. import oldlib\nfrom .oldlib import x\nfrom ..acme.legacy import y\n";
    assert!(user_rule(source).is_empty());
}

#[test]
fn constant_dynamic_imports_match_at_the_call() {
    let source = r#"
import importlib
NAME = "old" + "lib"
a = __import__("oldlib")
b = importlib.import_module("acme.legacy.db")
c = importlib.__import__(name="oldlib")
d = importlib.import_module(name=NAME, package="pkg")
"#;
    let found = user_rule(source);
    let texts: Vec<&str> = found.iter().map(|(text, _)| text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "__import__(\"oldlib\")",
            "importlib.import_module(\"acme.legacy.db\")",
            "importlib.__import__(name=\"oldlib\")",
            "importlib.import_module(name=NAME, package=\"pkg\")",
        ]
    );
    assert_eq!(found[1].1, "imports `acme.legacy.db`");
}

#[test]
fn other_dynamic_imports_are_ignored_without_crashing() {
    let source = r#"
import importlib
__import__()
__import__(name)
__import__(*names)
__import__(**options)
importlib.import_module(MODULE_MAP[key])
importlib.import_module(".oldlib", package="acme")
importlib.import_module("")
__import__("oldlib", globals(), locals(), [], 1)
__import__("oldlib", level=level)
importlib.import_module(42)


def shadowed(__import__):
    return __import__("oldlib")
"#;
    assert!(user_rule(source).is_empty());
    assert_eq!(
        user_rule("__import__(\"oldlib\", globals(), locals(), [], 0)\n").len(),
        1
    );
}

#[test]
fn documented_examples_behave_as_documented() {
    let registry = Registry::builtin().unwrap();
    for name in RULES {
        let meta = registry
            .metas()
            .into_iter()
            .find(|meta| meta.name == *name)
            .unwrap_or_else(|| panic!("rule {name} is not registered"));
        assert!(
            !run_in(&registry, name, &meta.insecure_example).is_empty(),
            "{name}: the insecure example is not flagged"
        );
        let flagged = run_in(&registry, name, &meta.secure_example);
        assert!(
            flagged.is_empty(),
            "{name}: the secure example is flagged: {:?}",
            flagged.iter().map(|m| m.range.range()).collect::<Vec<_>>()
        );
    }
}
