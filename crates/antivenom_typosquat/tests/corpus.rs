//! CI-only measurement on the shared corpus (run with `cargo test -- --ignored` and
//! `ANTIVENOM_SHARED` pointing at the shared folder):
//!
//! - recall on `corpus/known-typosquats.csv` (real malicious names and the popular name
//!   each imitates). Rows whose malicious name is the target name itself (after PEP 503
//!   canonicalisation) are compromised releases of the real package, which no name check
//!   can detect, so they are left out;
//! - the false-alarm rate on `corpus/pypi-legit-sample.txt` (legitimate, less-popular
//!   names, one per line, `#` comments).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use antivenom_typosquat::{canonical_name, check_name};

const MIN_RECALL: f64 = 0.85;
const MAX_FALSE_ALARM_RATE: f64 = 0.02;

fn shared_dir() -> PathBuf {
    match std::env::var_os("ANTIVENOM_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => panic!(
            "ANTIVENOM_SHARED is not set: point it at the shared folder holding \
             corpus/known-typosquats.csv and corpus/pypi-legit-sample.txt"
        ),
    }
}

/// Splits one CSV record (double-quoted fields may hold commas and `""`).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[test]
#[ignore = "needs the shared corpus: ANTIVENOM_SHARED=... cargo test -- --ignored"]
fn recall_and_false_alarms_on_shared_corpus() {
    let corpus = shared_dir().join("corpus");

    let squats_path = corpus.join("known-typosquats.csv");
    let squats = std::fs::read_to_string(&squats_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", squats_path.display()));
    let mut lines = squats.lines().filter(|l| !l.trim().is_empty());
    let header = csv_fields(lines.next().expect("empty CSV"));
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .unwrap_or_else(|| panic!("no `{name}` column in {}", squats_path.display()))
    };
    let (malicious_col, target_col) = (column("malicious_name"), column("target_name"));

    let (mut counted, mut detected, mut excluded) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut wrong_target = Vec::new();
    for line in lines {
        let fields = csv_fields(line);
        let malicious = fields.get(malicious_col).expect("short row").trim();
        let target = fields.get(target_col).expect("short row").trim();
        if canonical_name(malicious).ok() == canonical_name(target).ok() {
            excluded += 1;
            continue;
        }
        counted += 1;
        match check_name(malicious) {
            Some(found) => {
                detected += 1;
                if canonical_name(target).ok().as_deref() != Some(found.imitates.as_str()) {
                    wrong_target.push(format!("{malicious} (expected {target}): {found}"));
                }
            }
            None => misses.push(format!("{malicious} -> {target}")),
        }
    }

    let legit_path = corpus.join("pypi-legit-sample.txt");
    let legit = std::fs::read_to_string(&legit_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", legit_path.display()));
    let names: Vec<&str> = legit
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let alarms: Vec<String> = names
        .iter()
        .filter_map(|name| check_name(name).map(|s| s.to_string()))
        .collect();

    assert!(
        counted > 0,
        "no name-squat rows in {}",
        squats_path.display()
    );
    assert!(!names.is_empty(), "no names in {}", legit_path.display());
    let recall = detected as f64 / counted as f64;
    let false_alarm_rate = alarms.len() as f64 / names.len() as f64;
    println!(
        "typosquat recall: {detected}/{counted} = {recall:.3} \
         ({excluded} compromised-release rows excluded)"
    );
    println!(
        "typosquat false alarms: {}/{} = {:.2}%",
        alarms.len(),
        names.len(),
        false_alarm_rate * 100.0
    );
    println!("missed: {misses:#?}");
    println!("flagged with another target: {wrong_target:#?}");
    println!("false alarms: {alarms:#?}");
    assert!(recall >= MIN_RECALL, "recall {recall:.3} < {MIN_RECALL}");
    assert!(
        false_alarm_rate <= MAX_FALSE_ALARM_RATE,
        "false-alarm rate {false_alarm_rate:.4} > {MAX_FALSE_ALARM_RATE}"
    );
}
