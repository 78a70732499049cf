//! Snapshot tests of the four printers on one small hand-built report, plus
//! structural checks of the JSON and SARIF documents.
//!
//! Set `ANTIVENOM_SARIF_SAMPLE_DIR` to a directory to also write the SARIF
//! documents there (`ci/validate_sarif.sh` validates them against the
//! official schema).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_diagnostics::{
    Category, Confidence, FileError, FileErrorKind, Finding, FlowStep, Location, Report, RuleMeta,
    Severity, SkippedFile, Snippet, Status, Suppression, SuppressionKind,
};
use antivenom_report::{OutputFormat, PrintOptions, write_report};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

fn rule(
    code: &str,
    name: &str,
    cwe: &[u32],
    severity: Severity,
    category: Category,
    aliases: &[&str],
) -> Arc<RuleMeta> {
    Arc::new(RuleMeta {
        code: code.into(),
        name: name.into(),
        cwe: cwe.to_vec(),
        severity,
        confidence: Confidence::High,
        category,
        aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
        status: Status::Stable,
        summary: format!("Flags `{name}`."),
        why: format!("`{name}` lets an attacker run code."),
        insecure_example: "import pickle\npickle.loads(data)\n".into(),
        secure_example: "import json\njson.loads(data)\n".into(),
        fix: "Use a data-only format.".into(),
        references: vec![
            format!(
                "https://cwe.mitre.org/data/definitions/{}.html",
                cwe.first().unwrap_or(&0)
            ),
            "PEP 578".into(),
        ],
    })
}

fn location(start: (usize, usize), end: (usize, usize)) -> Location {
    Location {
        start_line: start.0,
        start_column: start.1,
        end_line: end.0,
        end_column: end.1,
        start_offset: 0,
        end_offset: 0,
    }
}

struct Rules {
    pickle: Arc<RuleMeta>,
    shell: Arc<RuleMeta>,
    password: Arc<RuleMeta>,
    exec: Arc<RuleMeta>,
}

fn rules() -> Rules {
    Rules {
        pickle: rule(
            "AV301",
            "pickle-loads",
            &[502],
            Severity::High,
            Category::Deserialization,
            &["B301", "S301"],
        ),
        shell: rule(
            "AV602",
            "subprocess-shell-true",
            &[78, 88],
            Severity::High,
            Category::CommandInjection,
            &["B602"],
        ),
        password: rule(
            "AV501",
            "hardcoded-password",
            &[259],
            Severity::Low,
            Category::Secrets,
            &[],
        ),
        exec: rule(
            "AV101",
            "exec-used",
            &[78],
            Severity::Medium,
            Category::CodeExecution,
            &["B102", "S102"],
        ),
    }
}

/// Three active findings (one multi-line with a tab and a flow, one on a
/// non-ASCII line), one suppressed finding whose rule is not in
/// `report.rules`, two file errors (with and without a line) and one
/// skipped file.
fn sample_report() -> Report {
    let rules = rules();
    let pickle = Finding {
        rule: Arc::clone(&rules.pickle),
        path: PathBuf::from("src/app/views.py"),
        location: location((42, 11), (42, 37)),
        message: "Deserializing data with `pickle.loads` can execute arbitrary code".into(),
        label: "untrusted data must not be unpickled".into(),
        fix: "use a data-only format such as `json`, or sign and verify the payload (hmac) before loading".into(),
        severity: Severity::High,
        confidence: Confidence::High,
        snippet: Snippet {
            first_line: 42,
            text: "    obj = pickle.loads(request.data)".into(),
        },
        suppression: None,
        fingerprint: "3f1c9a0d5e7b2468".into(),
        flow: vec![],
    };
    let shell = Finding {
        rule: Arc::clone(&rules.shell),
        path: PathBuf::from("src/app/views.py"),
        location: location((57, 5), (60, 6)),
        message: "`subprocess.run` with `shell=True` runs a command built from request data".into(),
        label: "the shell parses this command line".into(),
        fix: "pass a list of arguments and drop `shell=True`".into(),
        severity: Severity::High,
        confidence: Confidence::Medium,
        snippet: Snippet {
            first_line: 57,
            text: "    subprocess.run(\n\tf\"convert {name} out.png\",\n        shell=True,\n    )"
                .into(),
        },
        suppression: None,
        fingerprint: "9a8b7c6d5e4f3021".into(),
        flow: vec![
            FlowStep {
                path: PathBuf::from("src/app/views.py"),
                location: location((55, 12), (55, 36)),
                message: "`request.args[\"name\"]` is user input".into(),
            },
            FlowStep {
                path: PathBuf::from("src/app/views.py"),
                location: location((58, 2), (58, 27)),
                message: "reaches the command line of `subprocess.run`".into(),
            },
        ],
    };
    let password = Finding {
        rule: Arc::clone(&rules.password),
        path: PathBuf::from("src/i18n/réglages.py"),
        location: location((7, 20), (7, 31)),
        message: "Hard-coded password assigned to `mot_de_passe`".into(),
        label: "a secret in the source".into(),
        fix: "read the password from the environment or a secret store".into(),
        severity: Severity::Low,
        confidence: Confidence::Medium,
        snippet: Snippet {
            first_line: 7,
            text: "    mot_de_passe = \"défaut-秘密\"  # 密码".into(),
        },
        suppression: None,
        fingerprint: "0011223344556677".into(),
        flow: vec![],
    };
    let exec = Finding {
        rule: Arc::clone(&rules.exec),
        path: PathBuf::from("src/tools/cli.py"),
        location: location((3, 1), (3, 11)),
        message: "`exec` runs arbitrary code".into(),
        label: "dynamic code execution".into(),
        fix: "avoid `exec`".into(),
        severity: Severity::Medium,
        confidence: Confidence::High,
        snippet: Snippet {
            first_line: 3,
            text: "exec(code)  # nosec B102".into(),
        },
        suppression: Some(Suppression {
            kind: SuppressionKind::Nosec,
            comment: "# nosec B102".into(),
        }),
        fingerprint: "8899aabbccddeeff".into(),
        flow: vec![],
    };
    Report {
        findings: vec![pickle, shell, password, exec],
        errors: vec![
            FileError {
                path: PathBuf::from("src/broken.py"),
                kind: FileErrorKind::Syntax,
                line: Some(3),
                column: Some(9),
                message: "Expected ':', found newline".into(),
            },
            FileError {
                path: PathBuf::from("src/legacy/old.py"),
                kind: FileErrorKind::Encoding,
                line: None,
                column: None,
                message: "invalid UTF-8 at byte 1834".into(),
            },
        ],
        skipped: vec![SkippedFile {
            path: PathBuf::from("assets/blob.py"),
            reason: "binary file (NUL byte at offset 12)".into(),
        }],
        files_scanned: 5,
        rules: vec![rules.pickle, rules.password, rules.shell],
    }
}

fn options() -> PrintOptions {
    PrintOptions {
        color: false,
        tool_version: "0.1.0".into(),
        show_fix: true,
    }
}

fn render(report: &Report, format: OutputFormat, options: &PrintOptions) -> String {
    let mut out = Vec::new();
    write_report(report, format, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Writes `sarif` to `$ANTIVENOM_SARIF_SAMPLE_DIR/<name>.sarif` when set.
fn export_sample(name: &str, sarif: &str) {
    if let Some(dir) = std::env::var_os("ANTIVENOM_SARIF_SAMPLE_DIR") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.sarif")), sarif).unwrap();
    }
}

#[test]
fn text_snapshot() {
    insta::assert_snapshot!(
        "text",
        render(&sample_report(), OutputFormat::Text, &options())
    );
}

#[test]
fn concise_snapshot() {
    insta::assert_snapshot!(
        "concise",
        render(&sample_report(), OutputFormat::Concise, &options())
    );
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(
        "json",
        render(&sample_report(), OutputFormat::Json, &options())
    );
}

#[test]
fn sarif_snapshot() {
    let sarif = render(&sample_report(), OutputFormat::Sarif, &options());
    export_sample("sample", &sarif);
    insta::assert_snapshot!("sarif", sarif);
}

#[test]
fn empty_report_in_every_format() {
    let report = Report {
        files_scanned: 3,
        ..Report::default()
    };
    assert_eq!(
        render(&report, OutputFormat::Text, &options()),
        "Scanned 3 files: no findings.\n"
    );
    assert_eq!(
        render(&report, OutputFormat::Concise, &options()),
        "Scanned 3 files: no findings.\n"
    );
    let json: Value =
        serde_json::from_str(&render(&report, OutputFormat::Json, &options())).unwrap();
    assert_eq!(json["findings"], Value::Array(vec![]));
    assert_eq!(json["summary"]["files_scanned"], 3);
    let sarif = render(&report, OutputFormat::Sarif, &options());
    export_sample("empty", &sarif);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["results"], Value::Array(vec![]));
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn colour_only_when_asked() {
    let report = sample_report();
    for format in [OutputFormat::Text, OutputFormat::Concise] {
        assert!(!render(&report, format, &options()).contains('\u{1b}'));
        let coloured = PrintOptions {
            color: true,
            ..options()
        };
        assert!(render(&report, format, &coloured).contains("\u{1b}[1;31mAV301\u{1b}[0m"));
    }
}

#[test]
fn fix_line_can_be_hidden() {
    let hidden = PrintOptions {
        show_fix: false,
        ..options()
    };
    let text = render(&sample_report(), OutputFormat::Text, &hidden);
    assert!(!text.contains("= help:"));
    assert!(render(&sample_report(), OutputFormat::Text, &options()).contains("= help:"));
}

#[test]
fn long_ranges_are_elided() {
    let mut report = sample_report();
    report.findings.truncate(1);
    let finding = &mut report.findings[0];
    finding.location = location((10, 5), (19, 7));
    finding.snippet = Snippet {
        first_line: 10,
        text: (10..=19)
            .map(|n| format!("    line_{n}()"))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let text = render(&report, OutputFormat::Text, &options());
    let expected = "\
src/app/views.py:10:5: AV301 [high/high] pickle-loads — Deserializing data with `pickle.loads` can execute arbitrary code (CWE-502)
   |
10 |     line_10()
   |     ^^^^^^^^^
11 |     line_11()
   |     ^^^^^^^^^
12 |     line_12()
   |     ^^^^^^^^^
   | ...
18 |     line_18()
   |     ^^^^^^^^^
19 |     line_19()
   |     ^^ untrusted data must not be unpickled
";
    assert!(text.starts_with(expected), "{text}");
}

#[test]
fn inconsistent_locations_do_not_panic() {
    let mut report = sample_report();
    let bogus = [
        location((0, 0), (0, 0)),
        location((42, 900), (42, 1000)),
        location((42, 20), (42, 3)),
        location((41, 1), (usize::MAX, usize::MAX)),
        location((usize::MAX, 1), (1, 1)),
    ];
    for bogus in bogus {
        for finding in &mut report.findings {
            finding.location = bogus;
        }
        for format in OutputFormat::ALL {
            render(&report, format, &options());
        }
    }
}

#[test]
fn untrusted_text_cannot_drive_the_terminal() {
    let mut report = sample_report();
    report.findings.truncate(1);
    report.findings[0].snippet.text =
        "    obj = pickle.loads(\u{1b}[2Jrequest.data) # \u{202E}".into();
    report.findings[0].message = "evil\u{1b}]0;title\u{7}".into();
    let text = render(&report, OutputFormat::Text, &options());
    assert!(!text.contains('\u{1b}'));
    assert!(!text.contains('\u{202E}'));
    assert!(text.contains("<U+001B>[2J"));
}

#[test]
fn json_document_is_consistent() {
    let json: Value =
        serde_json::from_str(&render(&sample_report(), OutputFormat::Json, &options())).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4);
    assert_eq!(findings[3]["suppressed"], true);
    assert_eq!(findings[3]["suppression"]["kind"], "nosec");
    assert_eq!(json["summary"]["findings"], 3);
    assert_eq!(json["summary"]["suppressed"], 1);
    assert_eq!(json["summary"]["by_severity"]["high"], 2);
    assert_eq!(json["summary"]["files_with_errors"], 2);
    assert_eq!(json["summary"]["files_skipped"], 1);
}

#[test]
fn sarif_rule_indexes_are_valid() {
    let sarif: Value =
        serde_json::from_str(&render(&sample_report(), OutputFormat::Sarif, &options())).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    // The suppressed finding's rule is not enabled, so it is appended.
    let ids: Vec<&str> = rules
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["AV301", "AV501", "AV602", "AV101"]);
    for result in run["results"].as_array().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let suppressed = &run["results"][3];
    assert_eq!(suppressed["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}
