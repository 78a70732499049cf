//! Checks that need the shared corpus (`../shared` beside the clone). They
//! are `#[ignore]`d in the README's test command and run by `.ci/run` with
//! `--ignored` and `ANTIVENOM_SHARED` set; there they fail if it is missing.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn shared() -> PathBuf {
    let shared =
        std::env::var_os("ANTIVENOM_SHARED").expect("set ANTIVENOM_SHARED to the shared/ folder");
    let shared = PathBuf::from(shared);
    assert!(
        shared.join("corpus/bandit-examples/examples").is_dir(),
        "{} has no corpus",
        shared.display()
    );
    shared
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn bandit_examples_are_scanned_without_internal_errors() {
    let examples = shared().join("corpus/bandit-examples/examples");
    let output = Command::cargo_bin("antivenom")
        .unwrap()
        .args(["check", "--format", "json", "--exit-zero", "--no-progress"])
        .arg(&examples)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let internal: Vec<&Value> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|error| error["kind"] == "internal")
        .collect();
    assert!(internal.is_empty(), "internal errors: {internal:?}");
    let python_files = walk(&examples)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .count();
    let summary = &json["summary"];
    let accounted =
        summary["files_scanned"].as_u64().unwrap() + summary["files_skipped"].as_u64().unwrap();
    let encoding_errors = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "encoding" || e["kind"] == "io")
        .count() as u64;
    assert_eq!(
        accounted + encoding_errors,
        python_files as u64,
        "every file is scanned, skipped or errored: {summary}"
    );
    assert!(
        json["summary"]["findings"].as_u64().unwrap() > 100,
        "{summary}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Every rule's code, name and aliases, from `antivenom rules --json`.
fn rules() -> Vec<Value> {
    let output = Command::cargo_bin("antivenom")
        .unwrap()
        .args(["rules", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice::<Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The IDs in the first column of the inventory tables of RULES.md whose
/// rows match `keep` (e.g. not removed).
fn inventory_ids(prefix: char, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let text = std::fs::read_to_string(shared().join("design/RULES.md")).unwrap();
    let mut ids: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let id = line.strip_prefix("| ")?.split(" |").next()?.trim();
            let is_id = id.len() == 4
                && id.starts_with(prefix)
                && id[1..].chars().all(|c| c.is_ascii_digit());
            (is_id && keep(line)).then(|| id.to_owned())
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_live_bandit_and_ruff_check_is_an_alias_of_a_rule() {
    let aliases: std::collections::BTreeSet<String> = rules()
        .iter()
        .flat_map(|rule| rule["aliases"].as_array().unwrap().clone())
        .map(|alias| alias.as_str().unwrap().to_owned())
        .collect();
    let bandit = inventory_ids('B', |_| true);
    let ruff = inventory_ids('S', |line| !line.contains("Removed"));
    assert_eq!(bandit.len(), 75, "{bandit:?}");
    assert_eq!(ruff.len(), 71, "{ruff:?}");
    let missing: Vec<&String> = bandit
        .iter()
        .chain(&ruff)
        .filter(|id| !aliases.contains(*id))
        .collect();
    assert!(missing.is_empty(), "no rule lists {missing:?} as an alias");
    // `antivenom rule <alias>` prints the matching rule.
    for id in ["B602", "S602", "B101", "S704", "B615"] {
        let output = Command::cargo_bin("antivenom")
            .unwrap()
            .args(["rule", id])
            .output()
            .unwrap();
        assert!(output.status.success(), "antivenom rule {id}");
        assert!(String::from_utf8_lossy(&output.stdout).contains(id), "{id}");
    }
}
