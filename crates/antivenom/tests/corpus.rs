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

/// Catalogue rows without a Bandit or Ruff ID, and the rules that cover
/// them (rows with such an ID are matched through the rules' aliases).
const CATALOGUE_RULES: &[(&str, &[&str])] = &[
    ("compile_used", &["dynamic-code-execution"]),
    ("code_eval_format_string", &["dynamic-code-execution"]),
    ("interactive_code_run", &["interactive-code-run"]),
    ("dynamic_import", &["dynamic-import"]),
    ("dangerous_globals_use", &["dangerous-globals-use"]),
    ("asyncio_subprocess", &["start-process-with-shell"]),
    ("zipfile_unsafe_extract", &["zipfile-unbounded-extraction"]),
    (
        "path_prefix_check_commonprefix",
        &["path-prefix-commonprefix"],
    ),
    (
        "multiprocessing_recv",
        &["multiprocessing-unauthenticated-connection"],
    ),
    ("numpy_load_pickle", &["numpy-load-allow-pickle"]),
    (
        "defusedxml_defenses_disabled",
        &["defusedxml-defenses-disabled"],
    ),
    ("xmlsec_weak_algorithms", &["xmlsec-weak-algorithm"]),
    (
        "unauthenticated_cipher_mode",
        &["unauthenticated-cipher-mode"],
    ),
    ("static_iv_or_key", &["static-iv-or-key"]),
    ("weak_rsa_padding", &["weak-rsa-padding"]),
    ("jwt_none_alg", &["jwt-none-algorithm"]),
    ("jwt_unverified_decode", &["jwt-unverified-decode"]),
    (
        "itsdangerous_empty_signing",
        &["itsdangerous-empty-signing"],
    ),
    ("saml_insecure_settings", &["saml-insecure-settings"]),
    ("urllib3_warnings_disabled", &["urllib3-warnings-disabled"]),
    (
        "httpsconnection_no_context",
        &["httpsconnection-no-context"],
    ),
    ("ssl_no_set_ciphers", &["ssl-weak-ciphers"]),
    ("cleartext_http_url", &["cleartext-http-url"]),
    ("cleartext_ftp_url", &["cleartext-ftp-url"]),
    ("hostname_regex_incomplete", &["hostname-regex-incomplete"]),
    ("overly_large_regex_range", &["overly-large-regex-range"]),
    ("bad_tag_filter", &["bad-tag-filter"]),
    ("redos", &["redos"]),
    (
        "url_substring_sanitization",
        &["url-substring-sanitization"],
    ),
    ("confusable_unicode", &["confusable-unicode"]),
    ("reverse_shell", &["reverse-shell"]),
    ("hardcoded_token_or_key", &["hardcoded-provider-secret"]),
    ("ldap_insecure_auth", &["ldap-insecure-auth"]),
    ("mongo_bad_auth", &["mongo-bad-auth"]),
    ("sys_tracing_hooks", &["sys-tracing-hook"]),
    ("obsolete_dangerous_modules", &["obsolete-dangerous-module"]),
    ("subprocess_preexec_fn", &["subprocess-preexec-fn"]),
];

/// Checkable catalogue rows that have no rule yet (issue 3 is open until
/// this list is empty).
const CATALOGUE_PENDING: &[&str] = &["reverse_shell"];

/// The rows of a CSV file (quoted fields may hold commas and `""`).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (other, _) => field.push(other),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_checkable_catalogue_row_has_a_rule_or_a_reason() {
    let text = std::fs::read_to_string(shared().join("design/rules_catalogue.csv")).unwrap();
    let rows = csv_rows(&text);
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (key, bandit, ruff, needs) = (
        column("key"),
        column("bandit_id"),
        column("ruff_id"),
        column("needs"),
    );
    let rules = rules();
    let names: std::collections::BTreeSet<&str> = rules
        .iter()
        .map(|rule| rule["name"].as_str().unwrap())
        .collect();
    let aliases: std::collections::BTreeSet<&str> = rules
        .iter()
        .flat_map(|rule| rule["aliases"].as_array().unwrap())
        .map(|alias| alias.as_str().unwrap())
        .collect();
    let index = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules/README.md"),
    )
    .unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for row in &rows[1..] {
        if !matches!(
            row[needs].as_str(),
            "pattern" | "alias-resolution" | "constant-eval"
        ) {
            continue;
        }
        checked += 1;
        let row_key = row[key].as_str();
        let by_alias = row[bandit]
            .split(';')
            .chain(row[ruff].split(';'))
            .map(str::trim)
            .any(|id| aliases.contains(id));
        if by_alias || CATALOGUE_PENDING.contains(&row_key) {
            continue;
        }
        match CATALOGUE_RULES
            .iter()
            .find(|(mapped, _)| *mapped == row_key)
        {
            Some((_, rule_names)) => {
                for name in *rule_names {
                    if !names.contains(name) {
                        problems.push(format!("{row_key}: no rule named {name}"));
                    }
                }
            }
            None if index.contains(&format!("`{row_key}`")) => {}
            None => problems.push(format!(
                "{row_key}: no rule, and not listed as not statically checkable"
            )),
        }
    }
    assert!(checked > 90, "{checked}");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The advisories of the study's five pins in the shared OSV sample, listed
/// after checking them by hand against each record's `versions` list (the
/// library's own CI test derives the same sets with a separate line-based
/// reference matcher).
const EXPECTED_PIN_ADVISORIES: &[(&str, &[&str])] = &[
    (
        "django",
        &[
            "PYSEC-2021-109",
            "PYSEC-2021-439",
            "PYSEC-2021-7",
            "PYSEC-2021-8",
            "PYSEC-2021-98",
            "PYSEC-2021-99",
            "PYSEC-2022-1",
            "PYSEC-2022-19",
            "PYSEC-2022-190",
            "PYSEC-2022-191",
            "PYSEC-2022-2",
            "PYSEC-2022-20",
            "PYSEC-2022-213",
            "PYSEC-2022-245",
            "PYSEC-2022-3",
            "PYSEC-2022-304",
            "PYSEC-2023-100",
            "PYSEC-2023-12",
            "PYSEC-2023-13",
            "PYSEC-2023-222",
            "PYSEC-2023-225",
            "PYSEC-2023-226",
            "PYSEC-2023-61",
            "PYSEC-2024-28",
            "PYSEC-2024-47",
        ],
    ),
    ("pyyaml", &["PYSEC-2020-96", "PYSEC-2021-142"]),
    ("jinja2", &["PYSEC-2019-217", "PYSEC-2021-66"]),
    ("requests", &["PYSEC-2018-28", "PYSEC-2023-74"]),
    (
        "urllib3",
        &[
            "PYSEC-2019-132",
            "PYSEC-2019-133",
            "PYSEC-2020-148",
            "PYSEC-2021-108",
            "PYSEC-2023-192",
            "PYSEC-2023-207",
            "PYSEC-2023-212",
        ],
    ),
];

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn the_five_pins_get_exactly_their_advisories_from_the_osv_sample() {
    let dir = tempfile::TempDir::new().unwrap();
    let requirements = dir.path().join("requirements.txt");
    std::fs::write(
        &requirements,
        "django==3.2.0\npyyaml==5.3\njinja2==2.10\nrequests==2.19.0\nurllib3==1.24.1\n",
    )
    .unwrap();
    let db = shared().join("corpus/osv-pypi-sample/vulns");
    let output = Command::cargo_bin("antivenom")
        .unwrap()
        .args(["deps", "--format", "json", "--db"])
        .arg(&db)
        .arg(&requirements)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found: std::collections::BTreeSet<(String, String)> = std::collections::BTreeSet::new();
    for finding in json["findings"].as_array().unwrap() {
        assert_eq!(finding["code"], "AV1001", "{finding}");
        let message = finding["message"].as_str().unwrap();
        // "`django 3.2.0` is affected by PYSEC-2022-190 (...)"
        let package = message.trim_start_matches('`').split(' ').next().unwrap();
        let id = message
            .split("is affected by ")
            .nth(1)
            .unwrap()
            .split([' ', ':', ';'])
            .next()
            .unwrap();
        found.insert((package.to_owned(), id.to_owned()));
    }
    let expected: std::collections::BTreeSet<(String, String)> = EXPECTED_PIN_ADVISORIES
        .iter()
        .flat_map(|(package, ids)| {
            ids.iter()
                .map(|id| ((*package).to_owned(), (*id).to_owned()))
        })
        .collect();
    assert_eq!(found, expected);
    println!("{} advisories for the five pins", found.len());
}
