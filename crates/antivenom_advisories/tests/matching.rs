//! Loading and matching tests with small OSV records written here (JSON and YAML).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

use antivenom_advisories::{
    Advisory, Database, DbError, Event, RangeKind, Severity, Version, VersionSpecifiers,
};

/// The django PYSEC-2022-190 shape: three introduced/fixed pairs listed out of version order.
const UNSORTED_YAML: &str = r#"id: PYSEC-2022-190
details: An issue was discovered in Django 2.2 before 2.2.28, 3.2 before 3.2.13, and 4.0
  before 4.0.4. QuerySet.annotate() is subject to SQL injection.
affected:
- package:
    name: django
    ecosystem: PyPI
    purl: pkg:pypi/django
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: "4.0"
    - fixed: 4.0.4
    - introduced: "3.2"
    - fixed: 3.2.13
    - introduced: "2.2"
    - fixed: 2.2.28
  - type: GIT
    repo: https://github.com/django/django
    events:
    - introduced: "0"
    - fixed: 2044dac5c6968441be6f534c4139bcf48c5c7e48
aliases:
- CVE-2022-28346
- GHSA-2gwj-7jmv-h26r
modified: '2022-04-20T10:00:00Z'
published: '2022-04-12T05:15:00Z'
"#;

const PYYAML_JSON: &str = r#"{
  "id": "GHSA-8q59-q68h-6hv4",
  "summary": "Improper Input Validation in PyYAML",
  "details": "A vulnerability was discovered in the PyYAML library.",
  "aliases": ["CVE-2020-14343"],
  "modified": "2023-01-01T00:00:00Z",
  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
  "affected": [{
    "package": {"ecosystem": "PyPI", "name": "PyYAML"},
    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.4"}]}],
    "database_specific": {"source": "x"}
  }],
  "database_specific": {"severity": "CRITICAL", "cwe_ids": ["CWE-20"]},
  "some_future_field": {"ignored": true}
}"#;

const PYYAML_PYSEC_YAML: &str = r#"id: PYSEC-2021-142
details: A vulnerability was discovered in the PyYAML library in versions before 5.4.
affected:
- package:
    name: pyyaml
    ecosystem: PyPI
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: '0'
    - fixed: 5.4b1
  versions:
  - '5.3'
  - 5.3.1
aliases:
- CVE-2020-14343
modified: '2021-08-27T03:22:18.129208Z'
"#;

fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn v(text: &str) -> Version {
    Version::from_str(text).unwrap()
}

fn ids(matches: &[antivenom_advisories::Match]) -> Vec<&str> {
    matches.iter().map(|m| m.id.as_str()).collect()
}

fn json_record(id: &str, package: &str, events: &str, versions: &str) -> String {
    format!(
        r#"{{"id": "{id}", "modified": "2024-01-01T00:00:00Z", "affected": [{{
            "package": {{"ecosystem": "PyPI", "name": "{package}"}},
            "ranges": [{{"type": "ECOSYSTEM", "events": [{events}]}}],
            "versions": [{versions}]}}]}}"#
    )
}

fn db_of(records: &[String]) -> Database {
    Database::from_advisories(
        records
            .iter()
            .map(|text| Advisory::from_json_str(text).unwrap()),
    )
}

#[test]
fn yaml_record_parses_into_the_model() {
    let advisory = Advisory::from_yaml_str(UNSORTED_YAML).unwrap();
    assert_eq!(advisory.id, "PYSEC-2022-190");
    assert_eq!(advisory.aliases, ["CVE-2022-28346", "GHSA-2gwj-7jmv-h26r"]);
    assert_eq!(advisory.affected.len(), 1);
    let affected = &advisory.affected[0];
    assert_eq!(affected.package.name, "django");
    assert_eq!(affected.ranges[0].kind, RangeKind::Ecosystem);
    assert_eq!(affected.ranges[1].kind, RangeKind::Git);
    assert_eq!(
        affected.ranges[0].events[0],
        Event::Introduced("4.0".into())
    );
    assert_eq!(affected.ranges[0].events[1], Event::Fixed("4.0.4".into()));
    assert!(advisory.modified_at.is_some());
    assert!(!advisory.is_withdrawn());
}

#[test]
fn unquoted_yaml_versions_keep_their_text() {
    // `3.10` unquoted is a YAML float; as a number it would become 3.1.
    let advisory = Advisory::from_yaml_str(
        "id: X-1\naffected:\n- package: {name: p, ecosystem: PyPI}\n  versions:\n  - 3.10\n  - 2\n",
    )
    .unwrap();
    assert_eq!(advisory.affected[0].versions, ["3.10", "2"]);
    let db = Database::from_advisories([advisory]);
    assert_eq!(ids(&db.affecting("p", "3.10")), ["X-1"]);
    assert!(db.affecting("p", "3.1").is_empty());
}

#[test]
fn unsorted_events_are_evaluated_in_version_order() {
    let db = Database::from_advisories([Advisory::from_yaml_str(UNSORTED_YAML).unwrap()]);
    let found = db.affecting("django", "3.2.0");
    assert_eq!(ids(&found), ["PYSEC-2022-190"]);
    assert_eq!(found[0].fixed, Some(v("3.2.13")));
    assert!(db.affecting("Django", "3.2.12").len() == 1);
    assert!(db.affecting("django", "3.2.13").is_empty());
    assert_eq!(db.affecting("django", "2.2.5")[0].fixed, Some(v("2.2.28")));
    assert!(db.affecting("django", "3.1").is_empty());
    assert!(db.affecting("django", "4.0.4").is_empty());
    assert!(db.affecting("django", "1.11").is_empty());
}

#[test]
fn last_affected_and_limit() {
    let db = db_of(&[
        json_record(
            "OSV-LAST",
            "pkg",
            r#"{"introduced": "1.0"}, {"last_affected": "1.4"}"#,
            "",
        ),
        json_record(
            "OSV-LIMIT",
            "other",
            r#"{"introduced": "2.0"}, {"limit": "3.0"}"#,
            "",
        ),
    ]);
    assert_eq!(ids(&db.affecting("pkg", "1.4")), ["OSV-LAST"]);
    assert!(db.affecting("pkg", "1.4.1").is_empty());
    assert_eq!(db.affecting("pkg", "1.2")[0].fixed, None);
    assert_eq!(ids(&db.affecting("other", "2.9")), ["OSV-LIMIT"]);
    assert!(db.affecting("other", "3.0").is_empty());
    assert!(db.affecting("other", "1.9").is_empty());
}

#[test]
fn non_pep440_strings_never_abort_matching() {
    let db = db_of(&[
        json_record(
            "PYSEC-2019-6",
            "pkg",
            r#"{"introduced": "0"}, {"fixed": "0.8"}"#,
            r#""0.7.10p1", "0.7.9", "0.7.10""#,
        ),
        // An event version that is a date: the range is dropped with a warning, the listed
        // versions still match.
        json_record(
            "PYSEC-2019-125",
            "pkg",
            r#"{"introduced": "0"}, {"fixed": "2019-09-12"}"#,
            r#""2019-01-01""#,
        ),
    ]);
    assert_eq!(ids(&db.affecting("pkg", "0.7.10p1")), ["PYSEC-2019-6"]);
    assert_eq!(ids(&db.affecting("pkg", "0.7.5")), ["PYSEC-2019-6"]);
    assert_eq!(ids(&db.affecting("pkg", "2019-01-01")), ["PYSEC-2019-125"]);
    assert!(db.affecting("pkg", "0.9").is_empty());
    assert!(db.affecting("pkg", "not a version at all").is_empty());
    assert!(
        db.warnings()
            .iter()
            .any(|w| w.source.contains("PYSEC-2019-125") && w.message.contains("2019-09-12"))
    );
}

#[test]
fn empty_event_objects_and_null_lists_are_tolerated() {
    let db = db_of(&[json_record(
        "PYSEC-EMPTY",
        "pkg",
        r#"{}, {"introduced": "1.0"}, {}, {"fixed": "1.1"}"#,
        "",
    )]);
    assert_eq!(ids(&db.affecting("pkg", "1.0.5")), ["PYSEC-EMPTY"]);
    let advisory =
        Advisory::from_json_str(r#"{"id": "X", "aliases": null, "affected": null}"#).unwrap();
    assert!(advisory.aliases.is_empty() && advisory.affected.is_empty());
}

#[test]
fn enumerated_versions_compare_as_pep440() {
    let db = db_of(&[json_record("OSV-V", "pkg", "", r#""1.0", "2.0.post1""#)]);
    assert_eq!(ids(&db.affecting("pkg", "1.0.0")), ["OSV-V"]);
    assert_eq!(ids(&db.affecting("pkg", "2.0-1")), ["OSV-V"]);
    assert!(db.affecting("pkg", "1.0.1").is_empty());
}

#[test]
fn names_are_normalised_on_both_sides() {
    let db = Database::from_advisories([Advisory::from_json_str(PYYAML_JSON).unwrap()]);
    for name in ["pyyaml", "PyYAML", "py_yaml", "Py.YAML", "py-yaml"] {
        let expected: &[&str] = if name.contains(['_', '.', '-']) {
            &[]
        } else {
            &["GHSA-8q59-q68h-6hv4"]
        };
        assert_eq!(ids(&db.affecting(name, "5.3")), expected, "{name}");
    }
    let dotted = db_of(&[json_record(
        "OSV-JW",
        "jw.util",
        r#"{"introduced": "0"}"#,
        "",
    )]);
    assert_eq!(ids(&dotted.affecting("jw-util", "1.0")), ["OSV-JW"]);
    assert_eq!(ids(&dotted.affecting("JW_Util", "1.0")), ["OSV-JW"]);
}

#[test]
fn severity_from_cvss_and_duplicates_merged_by_alias() {
    let db = Database::from_advisories([
        Advisory::from_json_str(PYYAML_JSON).unwrap(),
        Advisory::from_yaml_str(PYYAML_PYSEC_YAML).unwrap(),
    ]);
    let found = db.affecting("pyyaml", "5.3");
    assert_eq!(found.len(), 1, "{found:?}");
    let merged = &found[0];
    assert_eq!(merged.id, "PYSEC-2021-142");
    assert_eq!(merged.aliases, ["CVE-2020-14343", "GHSA-8q59-q68h-6hv4"]);
    assert_eq!(merged.severity, Some(Severity::Critical));
    assert_eq!(merged.cvss_score, Some(9.8));
    assert_eq!(
        merged.summary.as_deref(),
        Some("A vulnerability was discovered in the PyYAML library in versions before 5.4.")
    );
    // The two sources disagree (5.4b1 vs 5.4): the higher fix clears both.
    assert_eq!(merged.fixed, Some(v("5.4")));
}

#[test]
fn severity_is_none_without_cvss_v3() {
    let text = r#"{"id": "X-4", "severity": [{"type": "CVSS_V4",
        "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}],
        "affected": [{"package": {"ecosystem": "PyPI", "name": "p"}, "versions": ["1"]}]}"#;
    let db = Database::from_advisories([Advisory::from_json_str(text).unwrap()]);
    let found = db.affecting("p", "1");
    assert_eq!(found[0].severity, None);
    assert_eq!(found[0].cvss_score, None);
}

#[test]
fn fix_for_all_steps_past_fixes_that_are_themselves_affected() {
    let db = db_of(&[
        json_record(
            "OSV-A",
            "pkg",
            r#"{"introduced": "0"}, {"fixed": "1.2"}"#,
            "",
        ),
        json_record(
            "OSV-B",
            "pkg",
            r#"{"introduced": "0"}, {"fixed": "1.1"}"#,
            "",
        ),
        // 1.2 itself is affected by C (introduced in 1.2), fixed in 1.3.
        json_record(
            "OSV-C",
            "pkg",
            r#"{"introduced": "1.2"}, {"fixed": "1.3"}"#,
            "",
        ),
        json_record("OSV-D", "nofix", r#"{"introduced": "0"}"#, ""),
    ]);
    let found = db.affecting("pkg", "1.0");
    assert_eq!(ids(&found), ["OSV-A", "OSV-B"]);
    assert_eq!(found[0].fixed, Some(v("1.2")));
    assert_eq!(found[1].fixed, Some(v("1.1")));
    assert_eq!(db.fix_for_all("pkg", &found), Some(v("1.3")));
    let unfixed = db.affecting("nofix", "1.0");
    assert_eq!(db.fix_for_all("nofix", &unfixed), None);
}

#[test]
fn affecting_range_reports_advisories_inside_the_allowed_range() {
    let db = Database::from_advisories([Advisory::from_yaml_str(UNSORTED_YAML).unwrap()]);
    let spec = |s: &str| VersionSpecifiers::from_str(s).unwrap();
    assert_eq!(
        ids(&db.affecting_range("django", &spec(">=3"))),
        ["PYSEC-2022-190"]
    );
    assert_eq!(
        db.affecting_range("django", &spec(">=3"))[0].fixed,
        Some(v("3.2.13"))
    );
    assert!(db.affecting_range("django", &spec(">=4.0.4")).is_empty());
    assert!(
        db.affecting_range("django", &spec(">=3.2.13,<4"))
            .is_empty()
    );
    assert_eq!(
        ids(&db.affecting_range("django", &spec("~=3.2.5"))),
        ["PYSEC-2022-190"]
    );
    assert_eq!(
        ids(&db.affecting_range("django", &spec(">3.2"))),
        ["PYSEC-2022-190"]
    );
    assert!(db.affecting_range("django", &spec(">3.0,<3.2")).is_empty());
    assert_eq!(
        ids(&db.affecting_range("django", &spec("==2.2.*"))),
        ["PYSEC-2022-190"]
    );
    assert!(db.affecting_range("django", &spec("==3.1.*")).is_empty());
    // No lower bound at all: everything up to 2.0 is allowed, but nothing there is affected.
    assert!(db.affecting_range("django", &spec("<2.0")).is_empty());

    let open = db_of(&[json_record(
        "OSV-OPEN",
        "pkg",
        r#"{"introduced": "0"}, {"fixed": "1.5"}"#,
        "",
    )]);
    assert_eq!(ids(&open.affecting_range("pkg", &spec("<2"))), ["OSV-OPEN"]);
    assert_eq!(
        ids(&open.affecting_range("pkg", &spec("!=1.0"))),
        ["OSV-OPEN"]
    );
    assert_eq!(
        ids(&open.affecting_range("pkg", &VersionSpecifiers::empty())),
        ["OSV-OPEN"]
    );
    assert!(open.affecting_range("pkg", &spec(">=1.5")).is_empty());

    // Only the exact point 1.0 is affected: `!=1.0` must exclude it.
    let point = db_of(&[json_record("OSV-PT", "pkg", "", r#""1.0""#)]);
    assert!(point.affecting_range("pkg", &spec("!=1.0")).is_empty());
    assert_eq!(
        ids(&point.affecting_range("pkg", &spec(">=0.9"))),
        ["OSV-PT"]
    );
}

#[test]
fn load_directory_of_yaml_and_json_skips_malformed_and_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "vulns/django/PYSEC-2022-190.yaml",
        UNSORTED_YAML,
    );
    write(
        dir.path(),
        "vulns/pyyaml/PYSEC-2021-142.yml",
        PYYAML_PYSEC_YAML,
    );
    write(dir.path(), "ghsa/GHSA-8q59-q68h-6hv4.json", PYYAML_JSON);
    write(
        dir.path(),
        "vulns/broken/PYSEC-BAD.yaml",
        "id: [unterminated\n  - x: {",
    );
    write(dir.path(), "vulns/broken/NOID.json", r#"{"affected": []}"#);
    write(
        dir.path(),
        "vulns/old/PYSEC-W.json",
        &json_record("PYSEC-W", "old", r#"{"introduced": "0"}"#, "").replacen(
            "{\"id\"",
            "{\"withdrawn\": \"2023-01-01T00:00:00Z\", \"id\"",
            1,
        ),
    );
    write(
        dir.path(),
        "vulns/npm/OSV-NPM.json",
        r#"{"id": "OSV-NPM", "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"}, "versions": ["1.0"]}]}"#,
    );
    write(dir.path(), "README.md", "# not an advisory");

    let db = Database::load(dir.path()).unwrap();
    assert_eq!(db.advisory_count(), 3);
    assert_eq!(db.withdrawn_count(), 1);
    assert_eq!(db.malformed_count(), 2);
    assert!(db.affecting("old", "1.0").is_empty());
    assert!(db.affecting("left-pad", "1.0").is_empty());
    assert_eq!(db.affecting("django", "3.2.0").len(), 1);
    assert_eq!(
        db.newest_modified().unwrap().to_string(),
        "2023-01-01T00:00:00Z"
    );
    let warnings: Vec<String> = db.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("PYSEC-BAD.yaml")));
    assert!(warnings.iter().any(|w| w.contains("NOID.json")));
    assert!(db.advisory("PYSEC-2022-190").is_some());
}

#[test]
fn load_zip_archive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.zip");
    let mut writer = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer
        .start_file("GHSA-8q59-q68h-6hv4.json", options)
        .unwrap();
    writer.write_all(PYYAML_JSON.as_bytes()).unwrap();
    writer.start_file("PYSEC-2022-190.json", options).unwrap();
    let django = serde_json::to_string(&serde_json::json!({
        "id": "PYSEC-2022-190",
        "affected": [{"package": {"ecosystem": "PyPI", "name": "Django"},
            "ranges": [{"type": "ECOSYSTEM", "events": [
                {"introduced": "4.0"}, {"fixed": "4.0.4"},
                {"introduced": "3.2"}, {"fixed": "3.2.13"}]}]}]
    }))
    .unwrap();
    writer.write_all(django.as_bytes()).unwrap();
    writer.start_file("BROKEN.json", options).unwrap();
    writer.write_all(b"{not json").unwrap();
    writer.finish().unwrap();

    let db = Database::load(&path).unwrap();
    assert_eq!(db.advisory_count(), 2);
    assert_eq!(ids(&db.affecting("pyyaml", "5.3")), ["GHSA-8q59-q68h-6hv4"]);
    assert_eq!(ids(&db.affecting("django", "3.2")), ["PYSEC-2022-190"]);
    assert_eq!(db.warnings().len(), 1);
    assert!(db.warnings()[0].source.ends_with("all.zip!BROKEN.json"));
}

#[test]
fn load_errors_are_distinct() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Database::load(&dir.path().join("missing")),
        Err(DbError::NotFound { .. })
    ));
    assert!(matches!(
        Database::load(dir.path()),
        Err(DbError::Empty { .. })
    ));
    write(dir.path(), "only/BAD.json", "[");
    assert!(matches!(
        Database::load(dir.path()),
        Err(DbError::Empty { skipped: 1, .. })
    ));
    let not_zip = dir.path().join("fake.zip");
    fs::write(&not_zip, "definitely not a zip").unwrap();
    assert!(matches!(
        Database::load(&not_zip),
        Err(DbError::InvalidZip { .. })
    ));
    let other = dir.path().join("notes.txt");
    fs::write(&other, "x").unwrap();
    assert!(matches!(
        Database::load(&other),
        Err(DbError::Unsupported { .. })
    ));
}
