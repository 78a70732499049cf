//! Pattern rules and taint rules agree (issue 4, criterion 7): at a sink the
//! taint analysis followed, a pattern finding is replaced by the taint
//! finding when request data reaches it, dropped when that data is
//! sanitised or checked first, and lowered to low confidence when no
//! request data reaches it at all; sinks dangerous whatever the data keep
//! their pattern findings.

#![allow(clippy::unwrap_used)]

mod support;

use antivenom_diagnostics::Confidence;
use support::run;

/// (rule name, line, confidence) of each finding.
fn findings(source: &str) -> Vec<(String, usize, Confidence)> {
    run("ALL", source)
        .into_iter()
        .map(|found| {
            let line = source
                .get(..found.range.start().to_usize())
                .unwrap()
                .lines()
                .count()
                .max(1);
            (found.rule.name.clone(), line, found.confidence)
        })
        .collect()
}

fn on_line(found: &[(String, usize, Confidence)], line: usize) -> Vec<(&str, Confidence)> {
    found
        .iter()
        .filter(|(_, at, _)| *at == line)
        .map(|(name, _, confidence)| (name.as_str(), *confidence))
        .collect()
}

const VIEWS: &str = r#"import pickle
import shlex
import subprocess
from flask import request


def tainted():
    subprocess.run("/bin/ls " + request.args["dir"], shell=True)


def quoted():
    subprocess.run("/bin/ls " + shlex.quote(request.args["dir"]), shell=True)


def overwritten(suffix):
    name = request.args["dir"]
    name = "fixed" + suffix
    subprocess.run("/bin/ls " + name, shell=True)


def unpickled(path):
    request.args.get("ignored")
    with open(path, "rb") as handle:
        return pickle.loads(handle.read())
"#;

#[test]
fn a_tainted_sink_shows_the_taint_finding_only() {
    let found = findings(VIEWS);
    assert_eq!(
        on_line(&found, 8),
        vec![("tainted-shell-command", Confidence::High)]
    );
}

#[test]
fn a_sink_whose_request_data_is_quoted_first_is_not_reported() {
    let found = findings(VIEWS);
    assert_eq!(on_line(&found, 12), vec![]);
}

#[test]
fn a_sink_no_request_data_reaches_is_reported_with_low_confidence() {
    let found = findings(VIEWS);
    let line = on_line(&found, 18);
    assert!(!line.is_empty());
    assert!(
        line.iter()
            .all(|(name, confidence)| *confidence == Confidence::Low
                && !name.starts_with("tainted-")),
        "{line:?}"
    );
}

#[test]
fn deserialization_stays_dangerous_whatever_the_data() {
    let found = findings(VIEWS);
    let line = on_line(&found, 24);
    assert!(
        line.iter()
            .any(|(name, confidence)| name.contains("pickle") && *confidence != Confidence::Low),
        "{line:?}"
    );
}
