//! End-to-end tests of `antivenom check` and the other commands.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

fn antivenom() -> Command {
    let mut command = Command::cargo_bin("antivenom").unwrap();
    command.env_remove("NO_COLOR").env("CI", "1");
    command
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// Runs `check --format json` in `dir` and returns (exit code, JSON).
fn check_json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let output = antivenom()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "invalid JSON ({error}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap(), json)
}

fn codes(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| !finding["suppressed"].as_bool().unwrap())
        .map(|finding| finding["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn exit_codes_follow_findings_and_errors() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "clean.py", "print('hello')\n");
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0, "{json}");
    write(dir.path(), "bad.py", "import os\nos.system(input())\n");
    let (code, _) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    write(dir.path(), "broken.py", b"x = '\xff'\n");
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(json["errors"][0]["kind"], "encoding");
    let (code, _) = check_json(dir.path(), &[".", "--exit-zero"]);
    assert_eq!(code, 0);
}

#[test]
fn missing_path_is_an_error_not_silence() {
    let dir = TempDir::new().unwrap();
    let (code, json) = check_json(dir.path(), &["does-not-exist.py"]);
    assert_eq!(code, 2);
    assert!(
        json["errors"][0]["path"]
            .as_str()
            .unwrap()
            .contains("does-not-exist.py"),
        "{json}"
    );
}

#[test]
fn syntax_errors_are_reported_and_recovered_statements_analysed() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "py2.py",
        "import os\nprint \"hello\"\nos.system(cmd)\n",
    );
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(json["errors"][0]["kind"], "syntax");
    assert_eq!(json["errors"][0]["line"], 2);
    assert!(
        !codes(&json).is_empty(),
        "the os.system call after the error must still be found: {json}"
    );
}

#[test]
fn encodings_bom_and_cookies_are_honoured() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "bom.py",
        b"\xef\xbb\xbfimport os\nos.system(input())\n",
    );
    write(
        dir.path(),
        "latin.py",
        b"# -*- coding: latin-1 -*-\nimport os\nname = '\xe9'\nos.system(input())\n",
    );
    write(dir.path(), "binary.py", b"abc\x00def");
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["summary"]["files_scanned"], 2);
    assert!(
        json["skipped"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("binary.py")
    );
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with("latin.py"))
            && files.iter().any(|f| f.ends_with("bom.py")),
        "{json}"
    );
}

#[test]
fn deep_nesting_does_not_crash() {
    let dir = TempDir::new().unwrap();
    let parens = format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    write(dir.path(), "parens.py", parens);
    let mut ifs = String::new();
    for depth in 0..5_000 {
        ifs.push_str(&" ".repeat(depth));
        ifs.push_str("if x:\n");
    }
    ifs.push_str(&" ".repeat(5_000));
    ifs.push_str("pass\n");
    write(dir.path(), "ifs.py", ifs);
    let chain = format!("x = {}1\n", "1 + ".repeat(100_000));
    write(dir.path(), "chain.py", chain);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2, "{json}");
    let kinds: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.iter().all(|kind| *kind == "syntax"), "{json}");
}

#[test]
fn huge_file_is_scanned_fully() {
    let dir = TempDir::new().unwrap();
    let mut source = String::from("import os\n");
    for index in 0..90_000 {
        source.push_str(&format!(
            "value_{index} = compute({index}, 'some padding text to grow the file')\n"
        ));
    }
    source.push_str("os.system(input())\n");
    assert!(source.len() > 5_000_000);
    write(dir.path(), "big.py", source);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{}", json["errors"]);
    assert_eq!(json["findings"][0]["start_line"], 90_002);
}

#[test]
fn suppressions_are_counted_and_can_be_ignored() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "s.py",
        "import os\nos.system(input())  # nosec\nos.system(input())  # noqa\nos.system(input())  # nosec B101\n",
    );
    let (_, json) = check_json(dir.path(), &["."]);
    assert_eq!(json["summary"]["suppressed"], 1, "{json}");
    assert_eq!(codes(&json).len(), 2);
    let (_, json) = check_json(dir.path(), &[".", "--ignore-nosec"]);
    assert_eq!(json["summary"]["suppressed"], 0);
    assert_eq!(codes(&json).len(), 3);
}

#[test]
fn config_in_pyproject_is_discovered_and_validated() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "src/app.py",
        "import os\nos.system(input())\neval(input())\n",
    );
    write(
        dir.path(),
        "pyproject.toml",
        "[project]\nname = 'x'\n\n[tool.antivenom]\nignore = [\"dynamic-code-execution\"]\n",
    );
    let (_, json) = check_json(&dir.path().join("src"), &["."]);
    let found = codes(&json);
    assert!(
        !found.is_empty() && !found.contains(&"AV101".to_owned()),
        "{json}"
    );

    write(
        dir.path(),
        "pyproject.toml",
        "[tool.antivenom]\nignroe = [\"AV101\"]\n",
    );
    let output = antivenom()
        .current_dir(dir.path())
        .args(["check", "src"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("pyproject.toml:2") && stderr.contains("ignroe"),
        "{stderr}"
    );

    write(
        dir.path(),
        "pyproject.toml",
        "[tool.antivenom]\nseverity = 3\n",
    );
    let output = antivenom()
        .current_dir(dir.path())
        .args(["check", "src"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("severity"));
}

#[test]
fn bandit_configuration_is_honoured_without_an_antivenom_one() {
    let dir = TempDir::new().unwrap();
    let source = "import os, subprocess\nos.system(input())\neval(input())\n\
                  subprocess.call(input(), shell=True)\n";
    write(dir.path(), "src/app.py", source);
    write(dir.path(), "src/generated/gen.py", source);
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.bandit]\nskips = [\"B307\", \"B999\"]\nexclude_dirs = [\"./src/generated/\"]\n\
         [tool.bandit.any_other_function_with_shell_equals_true]\nno_shell = [\"os.execl\"]\n",
    );
    let output = antivenom()
        .current_dir(dir.path())
        .args(["check", "src", "--format", "json", "--no-progress"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("[tool.bandit]"), "{stderr}");
    assert!(stderr.contains("B999"), "unknown IDs are named: {stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = codes(&json);
    assert!(!found.contains(&"AV101".to_owned()), "B307 skipped: {json}");
    assert!(found.contains(&"AV201".to_owned()), "{json}");
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|found| found["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().all(|path| !path.contains("generated")),
        "{paths:?}"
    );

    // `tests` selects, and an antivenom configuration wins over Bandit's.
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.bandit]\ntests = [\"B605\"]\n",
    );
    let (_, json) = check_json(dir.path(), &["src"]);
    assert_eq!(codes(&json), ["AV202", "AV202"], "{json}");
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.bandit]\ntests = [\"B605\"]\n[tool.antivenom]\nselect = [\"B307\"]\n",
    );
    let (_, json) = check_json(dir.path(), &["src"]);
    assert_eq!(codes(&json), ["AV101", "AV101"], "{json}");
}

#[test]
fn cli_flags_override_config_and_thresholds_filter() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "app.py",
        "import os\nos.system(input())\neval(input())\n",
    );
    write(
        dir.path(),
        ".antivenom.toml",
        "select = [\"dynamic-code-execution\"]\n",
    );
    let (_, json) = check_json(dir.path(), &["."]);
    assert_eq!(codes(&json), vec!["AV101"]);
    let (_, json) = check_json(dir.path(), &[".", "--select", "ALL", "--ignore", "AV101"]);
    assert!(!codes(&json).contains(&"AV101".to_owned()));
    let (code, json) = check_json(
        dir.path(),
        &[
            ".",
            "--select",
            "ALL",
            "--severity",
            "high",
            "--confidence",
            "high",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] == "high" && f["confidence"] == "high")
    );
}

#[test]
fn per_file_ignores_apply_to_matching_files() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "tests/test_app.py", "eval(input())\n");
    write(dir.path(), "app.py", "eval(input())\n");
    write(
        dir.path(),
        "antivenom.toml",
        "[per-file-ignores]\n\"tests/*\" = [\"AV101\"]\n",
    );
    let (_, json) = check_json(dir.path(), &["."]);
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().all(|path| !path.contains("tests"))
            && paths.iter().any(|path| path.ends_with("app.py")),
        "{json}"
    );
}

#[test]
fn user_rule_files_add_rules_and_report_bad_files() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "app.py",
        "import acme\nacme.danger(input())\nacme.danger('fixed')\n",
    );
    let rule = r#"[[rule]]
code = "ACME1"
name = "acme-danger"
cwe = [78]
severity = "high"
confidence = "medium"
category = "command-injection"
summary = "Flags acme.danger on non-constant input."
why = "It runs a shell."
insecure-example = "acme.danger(x)"
secure-example = "acme.safe(x)"
fix = "use acme.safe"
message = "`{name}` with non-constant input"
calls = ["acme.danger"]
[[rule.when]]
pos = 0
is = "non-constant"
"#;
    write(dir.path(), "acme.toml", rule);
    let (_, json) = check_json(
        dir.path(),
        &["app.py", "--rules", "acme.toml", "--select", "ACME"],
    );
    assert_eq!(codes(&json), vec!["ACME1"], "{json}");
    write(
        dir.path(),
        "bad.toml",
        rule.replace("severity = \"high\"", "severity = \"hihg\""),
    );
    let output = antivenom()
        .current_dir(dir.path())
        .args(["check", "app.py", "--rules", "bad.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.toml:5"), "{stderr}");
}

#[test]
fn audit_rules_are_off_by_default_and_give_way_to_precise_findings() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "app.py",
        "import acme, sys\nacme.danger(sys.argv[1])\nacme.danger('fixed')\n",
    );
    let rule = |code: &str, name: &str, status: &str, condition: &str| {
        format!(
            r#"[[rule]]
code = "{code}"
name = "{name}"
cwe = [78]
severity = "high"
confidence = "medium"
category = "command-injection"
status = "{status}"
summary = "Flags acme.danger."
why = "It runs a shell."
insecure-example = "acme.danger(x)"
secure-example = "acme.safe(x)"
fix = "use acme.safe"
message = "`{{name}}` called"
calls = ["acme.danger"]
{condition}
"#
        )
    };
    let rules = rule(
        "ACME1",
        "acme-danger",
        "stable",
        "[[rule.when]]\npos = 0\nis = \"non-constant\"",
    ) + &rule("ACME2", "acme-danger-any", "audit", "");
    write(dir.path(), "acme.toml", &rules);
    let lines_and_codes = |extra: &[&str]| {
        let mut args = vec!["app.py", "--rules", "acme.toml"];
        args.extend(extra);
        let (_, json) = check_json(dir.path(), &args);
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|found| {
                (
                    found["start_line"].as_u64().unwrap(),
                    found["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    // Default selection: the audit rule does not run.
    let precise = lines_and_codes(&[]);
    assert!(precise.contains(&(2, "ACME1".to_owned())), "{precise:?}");
    assert!(
        !precise.iter().any(|(_, code)| code == "ACME2"),
        "{precise:?}"
    );
    // `audit` selects audit rules only.
    let audit = lines_and_codes(&["--select", "audit"]);
    assert!(audit.contains(&(2, "ACME2".to_owned())), "{audit:?}");
    assert!(audit.contains(&(3, "ACME2".to_owned())), "{audit:?}");
    assert!(!audit.iter().any(|(_, code)| code == "ACME1"), "{audit:?}");
    // Both: the audit finding at the place of the precise one is dropped.
    assert_eq!(
        lines_and_codes(&["--select", "ACME"]),
        [(2, "ACME1".to_owned()), (3, "ACME2".to_owned())]
    );
}

#[test]
fn secrets_are_masked_in_every_output_format() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "settings.py",
        "AWS_KEY = \"AKIAZ7Q2W4E6R5T3Y2U3\"\npassword = \"correct-horse-battery\"\n",
    );
    for format in ["text", "concise", "json", "sarif"] {
        let output = antivenom()
            .current_dir(dir.path())
            .args(["check", "settings.py", "--no-progress", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        for secret in ["Z7Q2W4E6R5T3Y2U3", "horse-battery"] {
            assert!(
                !stdout.contains(secret),
                "{format} shows {secret}:\n{stdout}"
            );
        }
        if format == "text" {
            assert!(stdout.contains("\"AKIA****************\""), "{stdout}");
        }
    }
}

#[test]
fn sarif_output_has_rules_results_and_notifications() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.py",
        "import pickle\npickle.loads(data)  # nosec\nimport os\nos.system(input())\n",
    );
    write(dir.path(), "b.py", "def (:\n");
    let output = antivenom()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() >= 35);
    let results = run["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["suppressions"].is_array()),
        "{sarif}"
    );
    assert!(
        !run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let dir = TempDir::new().unwrap();
    for index in 0..40 {
        write(
            dir.path(),
            &format!("m{index}.py"),
            "import os\nos.system(input())\neval(input())\n",
        );
    }
    let run = |threads: &str| {
        antivenom()
            .current_dir(dir.path())
            .args(["check", ".", "--format", "concise", "--threads", threads])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("4"));
}

#[test]
fn rules_and_rule_commands() {
    let output = antivenom().arg("rules").output().unwrap();
    assert!(output.status.success());
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.lines().count() > 35, "{table}");
    assert!(table.contains("AV301") && table.contains("pickle-loads"));
    for key in ["AV301", "pickle-loads", "B301", "S301"] {
        let output = antivenom().args(["rule", key]).output().unwrap();
        assert!(output.status.success(), "{key}");
        assert!(String::from_utf8_lossy(&output.stdout).starts_with("# pickle-loads (AV301)"));
    }
    assert_eq!(
        antivenom()
            .args(["rule", "no-such-rule"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        antivenom()
            .args(["check", "--bogus-flag"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn text_output_has_snippet_help_and_summary() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "views.py",
        "import pickle\n\ndef load(request):\n    obj = pickle.loads(request.data)\n    return obj\n",
    );
    let output = antivenom()
        .current_dir(dir.path())
        .args(["check", "views.py"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("views.py:4:11: AV301 [high/high] pickle-loads"),
        "{text}"
    );
    assert!(text.contains("= help:"), "{text}");
    assert!(text.contains("Scanned 1 file: 1 finding"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn default_excludes_apply_unless_replaced() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "app.py", "eval(input())\n");
    write(dir.path(), ".venv/lib/site.py", "eval(input())\n");
    write(dir.path(), "build/gen.py", "eval(input())\n");
    let (_, json) = check_json(dir.path(), &["."]);
    assert_eq!(json["summary"]["files_scanned"], 1, "{json}");
    let (_, json) = check_json(dir.path(), &[".", "--exclude", "build"]);
    assert_eq!(json["summary"]["files_scanned"], 2, "{json}");
    let (_, json) = check_json(dir.path(), &[".", "--extend-exclude", "app.py"]);
    assert_eq!(json["summary"]["files_scanned"], 0, "{json}");
}

#[test]
fn taint_findings_replace_the_pattern_finding_and_follow_network_input_by_default() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        "import os\nimport sys\nfrom flask import request\n\n\ndef ping():\n    os.system(\"/bin/ping \" + request.args[\"host\"])\n\n\ndef tool():\n    os.system(\"/bin/ls \" + sys.argv[1])\n",
    );
    // Request data: one finding, the taint one with its path, instead of
    // the pattern finding for the same call.
    let (_, json) = check_json(dir.path(), &["."]);
    let found: Vec<(u64, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["start_line"].as_u64().unwrap(),
                finding["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![(7, "AV220".to_owned()), (11, "AV202".to_owned())],
        "{json}"
    );
    let flow = json["findings"][0]["flow"].as_array().unwrap();
    assert_eq!(flow.len(), 2, "{json}");
    assert_eq!(flow[0]["start_line"], 7);
    // Command-line arguments count when asked for.
    let (_, json) = check_json(dir.path(), &[".", "--taint-local-sources"]);
    assert_eq!(codes(&json), vec!["AV220", "AV220"], "{json}");
}
