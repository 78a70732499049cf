//! `overview_files` on a small project on disk.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use antivenom_diagnostics::Severity;
use antivenom_overview::{OverviewOptions, ProblemKind, overview_files, write_json, write_text};
use std::fs;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

#[test]
fn project_overview() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let files = vec![
        write(root, "app/__init__.py", b""),
        write(
            root,
            "app/client.py",
            b"import os\nimport requests\nimport yaml\nfrom app import util\nfrom . import util as u\n\
              from google.protobuf import message\n\n\
              def fetch(flag):\n    if flag:\n        return requests.get('https://example.com')\n    return None\n",
        ),
        write(root, "app/util.py", b"import yaml\nimport cv2\n"),
        write(root, "script.py", b"import helper\nimport subprocess\nsubprocess.run('ls')\n"),
        write(root, "helper.py", b"def f(:\n    pass\n"),
        write(root, "blob.py", b"\x00\x01"),
        write(root, "latin.py", b"x = '\xff'\n"),
    ];
    let mut overview = overview_files(&files, &OverviewOptions { threads: Some(2) });

    let modules: Vec<(&str, &str, usize)> = overview
        .external_modules
        .iter()
        .map(|module| {
            (
                module.module.as_str(),
                module.distribution.as_str(),
                module.files,
            )
        })
        .collect();
    assert_eq!(
        modules,
        [
            ("cv2", "opencv-python", 1),
            ("google.protobuf", "protobuf", 1),
            ("requests", "requests", 1),
            ("yaml", "PyYAML", 2),
        ]
    );
    assert_eq!(overview.totals.files, 5);
    assert_eq!(overview.totals.network_calls, 1);
    assert_eq!(overview.totals.process_calls, 1);
    let kinds: Vec<ProblemKind> = overview.errors.iter().map(|error| error.kind).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::Binary,
            ProblemKind::Syntax,
            ProblemKind::Decode
        ]
    );
    let client = overview
        .files
        .iter()
        .find(|file| file.path.ends_with("app/client.py"))
        .unwrap();
    assert_eq!(client.functions[0].name, "fetch");
    assert_eq!(client.functions[0].complexity, 2);
    assert_eq!(client.functions[0].code_lines, 4);
    assert_eq!(client.lines, 11);
    assert_eq!(client.code_lines, 10);

    let client_path = client.path.clone();
    overview.set_findings([
        (client_path.as_path(), Severity::High),
        (client_path.as_path(), Severity::Low),
    ]);
    assert_eq!(overview.totals.findings.unwrap().total(), 2);

    let mut text = Vec::new();
    write_text(&overview, &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("yaml"), "{text}");
    assert!(text.contains("\"https://example.com\""), "{text}");
    assert!(
        text.contains("Findings: 2 (high 1, medium 0, low 1)"),
        "{text}"
    );

    let mut json = Vec::new();
    write_json(&overview, &mut json).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["totals"]["findings"]["high"], 1);
}
