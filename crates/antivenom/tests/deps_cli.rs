//! End-to-end tests of `antivenom deps`, `antivenom db` and `check --deps`:
//! offline behaviour, error exits, ignores, and the database update from a
//! local HTTP server.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use tempfile::TempDir;

fn antivenom() -> Command {
    let mut command = Command::cargo_bin("antivenom").unwrap();
    command.env_remove("NO_COLOR").env("CI", "1");
    command
}

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// A small OSV database written for the tests: one advisory for `demo`
/// with unsorted ranges, one withdrawn, one malformed file.
fn database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("db");
    write(
        &db,
        "demo/DEMO-1.json",
        r#"{"id": "DEMO-1", "aliases": ["CVE-2099-0001"], "modified": "2026-01-02T00:00:00Z",
            "summary": "Demo flaw",
            "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
            "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo"},
              "ranges": [{"type": "ECOSYSTEM", "events": [
                {"introduced": "2.0"}, {"fixed": "2.0.5"},
                {"introduced": "1.0"}, {"fixed": "1.4.2"}]}]}]}"#,
    );
    write(
        &db,
        "demo/DEMO-2.json",
        r#"{"id": "DEMO-2", "modified": "2026-01-01T00:00:00Z", "withdrawn": "2026-01-03T00:00:00Z",
            "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"}, "versions": ["1.3"]}]}"#,
    );
    write(&db, "demo/broken.json", "{ not json");
    db
}

fn deps_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let output = antivenom()
        .current_dir(dir)
        .args(["deps", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("invalid JSON ({error}); stderr: {stderr}"));
    (output.status.code().unwrap(), json, stderr)
}

fn findings(json: &Value) -> Vec<(String, u64, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["code"].as_str().unwrap().to_owned(),
                finding["start_line"].as_u64().unwrap(),
                finding["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_vulnerable_pin_is_reported_at_its_line_with_the_fix() {
    let dir = TempDir::new().unwrap();
    let db = database(dir.path());
    write(
        dir.path(),
        "requirements.txt",
        "# app\nDemo==1.3.0\ndemo==1.4.2\n",
    );
    let (code, json, stderr) = deps_json(dir.path(), &["--db", db.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, line, message) = &found[0];
    assert_eq!((rule.as_str(), *line), ("AV1001", 2));
    assert!(
        message.contains("DEMO-1") && message.contains("CVE-2099-0001"),
        "{message}"
    );
    assert!(message.contains("fixed in 1.4.2"), "{message}");
    assert_eq!(json["findings"][0]["severity"], "high");
    // The malformed record is named, not fatal.
    assert!(stderr.contains("broken.json"), "{stderr}");
}

#[test]
fn an_unpinned_range_is_reported_apart_from_pins() {
    let dir = TempDir::new().unwrap();
    let db = database(dir.path());
    write(dir.path(), "requirements.txt", "demo>=1.0\n");
    let (code, json, _) = deps_json(dir.path(), &["--db", db.to_str().unwrap()]);
    assert_eq!(code, 1);
    let found = findings(&json);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "AV1002");
    assert!(found[0].2.contains("unpinned"), "{}", found[0].2);
}

#[test]
fn a_missing_database_is_an_error_never_a_clean_result() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "requirements.txt", "demo==1.3\n");
    let output = antivenom()
        .current_dir(dir.path())
        .args(["deps", "--db", "no-such-db"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("antivenom db update"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn no_manifest_is_an_error() {
    let dir = TempDir::new().unwrap();
    let db = database(dir.path());
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let output = antivenom()
        .current_dir(&empty)
        .args(["deps", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn an_ignore_holds_until_its_date_then_expires() {
    let dir = TempDir::new().unwrap();
    let db = database(dir.path());
    write(dir.path(), "requirements.txt", "demo==1.3\n");
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.antivenom.deps]\nignore = [{ id = \"CVE-2099-0001\", reason = \"not used\", until = \"2999-01-01\" }]\n",
    );
    let (code, json, _) = deps_json(
        dir.path(),
        &["requirements.txt", "--db", db.to_str().unwrap()],
    );
    assert_eq!((code, findings(&json).len()), (0, 0));
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.antivenom.deps]\nignore = [{ id = \"DEMO-1\", reason = \"not used\", until = 2001-01-01 }]\n",
    );
    let (code, json, stderr) = deps_json(
        dir.path(),
        &["requirements.txt", "--db", db.to_str().unwrap()],
    );
    assert_eq!((code, findings(&json).len()), (1, 1));
    assert!(stderr.contains("expired on 2001-01-01"), "{stderr}");
}

#[test]
fn names_are_checked_for_typosquatting_without_a_database() {
    let output = antivenom()
        .args([
            "deps",
            "--check-name",
            "reqeusts",
            "--check-name",
            "requests",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("reqeusts: suspicious"), "{stdout}");
    assert!(stdout.contains("requests: popular package"), "{stdout}");
}

#[test]
fn check_with_deps_reports_code_and_dependencies_together() {
    let dir = TempDir::new().unwrap();
    let db = database(dir.path());
    write(dir.path(), "requirements.txt", "demo==1.3\n");
    write(
        dir.path(),
        "app.py",
        "import pickle\n\ndef load(data):\n    return pickle.loads(data)\n",
    );
    let output = antivenom()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--deps",
            "--db",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"AV1001"), "{codes:?}");
    assert!(codes.iter().any(|code| *code != "AV1001"), "{codes:?}");
}

/// Serves `body` once over HTTP on 127.0.0.1 and returns the URL.
fn serve_once(body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0_u8; 4096];
            let _ = stream.read(&mut request);
            let header = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(header.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{address}/PyPI/all.zip")
}

/// An OSV zip (JSON records at the top level) built in the test.
fn osv_zip() -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("DEMO-1.json", options).unwrap();
        zip.write_all(
            br#"{"id": "DEMO-1", "modified": "2026-01-02T00:00:00Z",
                "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.4.2"}]}]}]}"#,
        )
        .unwrap();
        zip.finish().unwrap();
    }
    buffer.into_inner()
}

#[test]
fn db_update_downloads_checks_and_replaces_the_database() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("cache/osv.zip");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    fs::write(&target, b"old copy").unwrap();
    let url = serve_once(osv_zip());
    let output = antivenom()
        .args([
            "db",
            "update",
            "--db",
            target.to_str().unwrap(),
            "--url",
            &url,
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let status = antivenom()
        .args(["db", "status", "--db", target.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(stdout.contains("advisories: 1"), "{stdout}");
    assert!(
        stdout.contains("newest modification: 2026-01-02"),
        "{stdout}"
    );
}

#[test]
fn a_download_that_is_not_a_database_keeps_the_old_copy() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("osv.zip");
    fs::write(&target, osv_zip()).unwrap();
    let url = serve_once(b"<html>not a zip</html>".to_vec());
    let output = antivenom()
        .args([
            "db",
            "update",
            "--db",
            target.to_str().unwrap(),
            "--url",
            &url,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(fs::read(&target).unwrap(), osv_zip());
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}
