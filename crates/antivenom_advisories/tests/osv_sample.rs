//! CI-only check against the shared OSV sample (`$ANTIVENOM_SHARED/corpus/osv-pypi-sample/vulns`).
//!
//! Run with `ANTIVENOM_SHARED=/path/to/shared cargo test -p antivenom_advisories -- --ignored`.
//! The expected advisory set of each pin is derived independently from the YAML files by a tiny
//! reference matcher: a line-based scan of each record's enumerated `versions:` block (no YAML
//! parser, no range evaluation), compared after trimming trailing `.0` release components.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use antivenom_advisories::Database;

const PINS: [(&str, &str); 5] = [
    ("django", "3.2.0"),
    ("pyyaml", "5.3"),
    ("jinja2", "2.10"),
    ("requests", "2.19.0"),
    ("urllib3", "1.24.1"),
];

fn sample_dir() -> PathBuf {
    let shared = std::env::var_os("ANTIVENOM_SHARED").unwrap_or_else(|| {
        panic!(
            "ANTIVENOM_SHARED is not set: point it at the shared folder that contains \
             corpus/osv-pypi-sample/vulns (this test runs in CI with `-- --ignored`)"
        )
    });
    PathBuf::from(shared).join("corpus/osv-pypi-sample/vulns")
}

/// `3.2.0` → `3.2`; strings that are not purely dotted numbers are kept as they are.
fn trim_zeros(version: &str) -> String {
    let mut parts: Vec<&str> = version.split('.').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        while parts.len() > 1 && parts.last().is_some_and(|p| p.bytes().all(|b| b == b'0')) {
            parts.pop();
        }
    }
    parts.join(".")
}

/// The enumerated versions of one YAML record, read line by line from its `versions:` block.
fn listed_versions(text: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_end() == "  versions:" {
            in_block = true;
            continue;
        }
        if in_block {
            match line.strip_prefix("  - ") {
                Some(item) => versions.push(item.trim().trim_matches(['\'', '"']).to_owned()),
                None => in_block = false,
            }
        }
    }
    versions
}

/// Ids of the records in `vulns/<package>/` whose `versions` list contains `version`.
fn reference_ids(vulns: &Path, package: &str, version: &str) -> BTreeSet<String> {
    let wanted = trim_zeros(version);
    let mut ids = BTreeSet::new();
    for entry in fs::read_dir(vulns.join(package)).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        if text.lines().any(|l| l.starts_with("withdrawn:")) {
            continue;
        }
        if listed_versions(&text)
            .iter()
            .any(|v| trim_zeros(v) == wanted)
        {
            let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
            ids.insert(id);
        }
    }
    ids
}

#[test]
#[ignore = "needs the shared corpus: set ANTIVENOM_SHARED and run with -- --ignored"]
fn sample_pins_match_reference_matcher() {
    let vulns = sample_dir();
    let database = Database::load(&vulns).expect("the shared OSV sample must load");
    for warning in database.warnings() {
        println!("warning: {warning}");
    }
    println!(
        "loaded {} advisories, newest modification {:?}",
        database.advisory_count(),
        database.newest_modified().map(|t| t.to_string())
    );
    assert_eq!(database.advisory_count(), 216);

    let mut total = 0;
    for (package, version) in PINS {
        let matches = database.affecting(package, version);
        // Every PYSEC id a match stands for (its own id and ids merged into it as duplicates).
        let found: BTreeSet<String> = matches
            .iter()
            .flat_map(|m| m.all_ids())
            .filter(|id| id.starts_with("PYSEC-"))
            .map(str::to_owned)
            .collect();
        let expected = reference_ids(&vulns, package, version);
        println!(
            "{package}=={version}: {} advisories ({} after merging duplicates), reference {}",
            found.len(),
            matches.len(),
            expected.len()
        );
        assert_eq!(found, expected, "{package}=={version}");
        if package == "django" {
            // The unsorted-events case from the issue: read in file order it would be missed.
            assert!(found.contains("PYSEC-2022-190"));
        }
        total += found.len();
    }
    println!("total: {total}");
}
