//! End-to-end tests of `antivenom overview`.
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

fn project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, contents: &[u8]| {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    };
    write("pkg/__init__.py", b"");
    write(
        "pkg/net.py",
        b"import requests\nimport yaml\nfrom pkg import util\n\n\
          def fetch(flag):\n    if flag and util.ok():\n        return requests.get('https://example.com/x')\n    return None\n",
    );
    write(
        "pkg/util.py",
        b"import subprocess\n\ndef ok():\n    subprocess.run(['git', 'pull'])\n    open('state.txt', 'w').write('1')\n    return True\n",
    );
    write("broken.py", b"def f(:\n");
    dir
}

fn overview(dir: &Path, extra: &[&str]) -> std::process::Output {
    antivenom()
        .current_dir(dir)
        .arg("overview")
        .args(extra)
        .arg(".")
        .output()
        .unwrap()
}

#[test]
fn text_summary() {
    let dir = project();
    let output = overview(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Overview: 4 files"), "{text}");
    for expected in [
        "Most complex functions (3)",
        "fetch",
        "PyYAML",
        "requests.get  \"https://example.com/x\"",
        "subprocess.run  \"git pull\"",
        "open  \"state.txt\" (mode \"w\")",
        "broken.py:1: syntax error",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(!text.contains("Findings"), "{text}");
}

#[test]
fn json_structure_with_findings() {
    let dir = project();
    let output = overview(dir.path(), &["--format", "json", "--findings"]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["totals"]["files"], 4);
    assert_eq!(json["totals"]["network_calls"], 1);
    assert_eq!(json["totals"]["process_calls"], 1);
    assert_eq!(json["totals"]["file_writes"], 1);
    assert!(json["totals"]["findings"]["low"].as_u64().unwrap() >= 1);
    let modules: Vec<&str> = json["external_modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|module| module["distribution"].as_str().unwrap())
        .collect();
    assert_eq!(modules, ["requests", "PyYAML"]);
    let net = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|file| file["path"].as_str().unwrap().ends_with("net.py"))
        .unwrap();
    assert_eq!(net["functions"][0]["name"], "fetch");
    assert_eq!(net["functions"][0]["complexity"], 3);
    assert_eq!(net["network_calls"][0]["target"], "https://example.com/x");
    assert!(net["findings"].is_object());
    assert_eq!(json["errors"][0]["kind"], "syntax");
}

#[test]
fn missing_path_is_listed_not_fatal() {
    let dir = project();
    let output = antivenom()
        .current_dir(dir.path())
        .args(["overview", "--format", "json", "pkg", "nope"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["totals"]["files"], 3);
    assert_eq!(json["errors"][0]["kind"], "io");
}
