//! File discovery: ignore files, excludes, selection, errors, links, order.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use antivenom_diagnostics::FileErrorKind;
use antivenom_workspace::discover::{
    DEFAULT_EXCLUDES, Discovered, DiscoveryError, DiscoveryOptions, discover,
};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Creates `files` (relative paths) under a new temporary directory.
fn tree(files: &[&str]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for file in files {
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "x = 1\n").unwrap();
    }
    dir
}

fn run(root: &Path, options: &DiscoveryOptions) -> Discovered {
    discover(&[root.to_path_buf()], options).unwrap()
}

/// The discovered files relative to `root`, as `/`-separated strings.
fn relative(root: &Path, discovered: &Discovered) -> Vec<String> {
    discovered
        .files
        .iter()
        .map(|file| {
            let relative = file.strip_prefix(root).unwrap();
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

#[test]
fn selects_python_files_sorted() {
    let dir = tree(&[
        "b.py",
        "a/z.pyi",
        "a/y.py",
        "notes.txt",
        "setup.cfg",
        "tests/test_x.py",
        ".github/ci.py",
    ]);
    let found = run(dir.path(), &DiscoveryOptions::default());
    assert_eq!(
        relative(dir.path(), &found),
        [
            ".github/ci.py",
            "a/y.py",
            "a/z.pyi",
            "b.py",
            "tests/test_x.py"
        ]
    );
    assert!(found.errors.is_empty());
    assert!(found.skipped.is_empty());
}

#[test]
fn extensionless_files_need_a_python_shebang() {
    let dir = tree(&[]);
    fs::write(
        dir.path().join("tool"),
        "#!/usr/bin/env python3\nimport os\n",
    )
    .unwrap();
    fs::write(dir.path().join("script"), "#!/bin/sh\necho hi\n").unwrap();
    fs::write(dir.path().join("README"), "python is great\n").unwrap();
    fs::write(dir.path().join("blob"), [0_u8, 159, 146, 150]).unwrap();
    let found = run(dir.path(), &DiscoveryOptions::default());
    assert_eq!(relative(dir.path(), &found), ["tool"]);
}

#[test]
fn gitignore_is_respected_inside_and_outside_a_repository() {
    for with_git in [true, false] {
        let dir = tree(&[
            "keep.py",
            "generated/out.py",
            "secret_test.py",
            "sub/local.py",
            "sub/other.py",
        ]);
        if with_git {
            fs::create_dir(dir.path().join(".git")).unwrap();
        }
        fs::write(dir.path().join(".gitignore"), "generated/\n*_test.py\n").unwrap();
        fs::write(dir.path().join("sub/.ignore"), "local.py\n").unwrap();
        let found = run(dir.path(), &DiscoveryOptions::default());
        assert_eq!(
            relative(dir.path(), &found),
            ["keep.py", "sub/other.py"],
            "with .git: {with_git}"
        );

        let options = DiscoveryOptions {
            respect_gitignore: false,
            ..DiscoveryOptions::default()
        };
        let found = run(dir.path(), &options);
        assert_eq!(found.files.len(), 5, "with .git: {with_git}");
    }
}

#[test]
fn default_excludes() {
    let dir = tree(&[
        "app.py",
        ".git/hooks/x.py",
        ".venv/lib/site.py",
        "venv/x.py",
        "build/lib/x.py",
        "dist/x.py",
        "node_modules/x.py",
        "pkg/__pycache__/x.py",
        "lib/site-packages/x.py",
        ".tox/x.py",
        "pkg/mod.py",
    ]);
    let found = run(dir.path(), &DiscoveryOptions::default());
    assert_eq!(relative(dir.path(), &found), ["app.py", "pkg/mod.py"]);
    assert!(DEFAULT_EXCLUDES.contains(&".git"));
}

#[test]
fn exclude_replaces_the_defaults() {
    let dir = tree(&[
        "app.py",
        ".venv/x.py",
        "generated/x.py",
        "sub/generated/y.py",
    ]);
    let options = DiscoveryOptions {
        exclude: vec!["generated".into()],
        ..DiscoveryOptions::default()
    };
    let found = run(dir.path(), &options);
    assert_eq!(relative(dir.path(), &found), [".venv/x.py", "app.py"]);
}

#[test]
fn extend_exclude_adds_globs() {
    let dir = tree(&[
        "app.py",
        "api_pb2.py",
        "nested/service_pb2.py",
        "legacy/old.py",
        "legacy/deeper/kept.py",
        "other/legacy/kept_too.py",
        "venv/x.py",
    ]);
    let options = DiscoveryOptions {
        extend_exclude: vec!["legacy/*.py".into(), "*_pb2.py".into()],
        ..DiscoveryOptions::default()
    };
    let found = run(dir.path(), &options);
    assert_eq!(
        relative(dir.path(), &found),
        [
            "app.py",
            "legacy/deeper/kept.py",
            "other/legacy/kept_too.py"
        ]
    );
    // `**` crosses directories; a trailing `/` and a leading `./` are accepted.
    let options = DiscoveryOptions {
        extend_exclude: vec!["./legacy/**".into(), "other/".into()],
        ..DiscoveryOptions::default()
    };
    let found = run(dir.path(), &options);
    assert_eq!(
        relative(dir.path(), &found),
        ["api_pb2.py", "app.py", "nested/service_pb2.py"]
    );
}

#[test]
fn invalid_glob_names_the_pattern() {
    let options = DiscoveryOptions {
        extend_exclude: vec!["src/[unclosed".into()],
        ..DiscoveryOptions::default()
    };
    let error = discover(&[PathBuf::from(".")], &options).unwrap_err();
    let DiscoveryError::InvalidPattern { pattern, .. } = &error;
    assert_eq!(pattern, "src/[unclosed");
    assert!(error.to_string().contains("src/[unclosed"));
}

#[test]
fn missing_path_is_an_io_error() {
    let dir = tree(&["a.py"]);
    let missing = dir.path().join("does-not-exist.py");
    let found = discover(
        &[dir.path().to_path_buf(), missing.clone()],
        &DiscoveryOptions::default(),
    )
    .unwrap();
    assert_eq!(found.files.len(), 1);
    assert_eq!(found.errors.len(), 1);
    let error = &found.errors[0];
    assert_eq!(error.path, missing);
    assert_eq!(error.kind, FileErrorKind::Io);
    assert!(error.message.contains("os error"), "{}", error.message);
}

#[test]
fn explicit_files_are_always_scanned() {
    let dir = tree(&["build/generated.py", "script.txt", "app.py"]);
    let explicit = [
        dir.path().join("build/generated.py"),
        dir.path().join("script.txt"),
    ];
    let found = discover(&explicit, &DiscoveryOptions::default()).unwrap();
    assert_eq!(
        relative(dir.path(), &found),
        ["build/generated.py", "script.txt"]
    );
    // A directory named explicitly is walked even if its name is excluded.
    let found = run(&dir.path().join("build"), &DiscoveryOptions::default());
    assert_eq!(relative(dir.path(), &found), ["build/generated.py"]);
}

#[test]
fn overlapping_arguments_are_deduplicated() {
    let dir = tree(&["a.py", "pkg/b.py"]);
    let paths = [
        dir.path().join("pkg/b.py"),
        dir.path().to_path_buf(),
        dir.path().join("pkg"),
    ];
    let found = discover(&paths, &DiscoveryOptions::default()).unwrap();
    assert_eq!(relative(dir.path(), &found), ["a.py", "pkg/b.py"]);
}

#[cfg(unix)]
#[test]
fn symlink_loop_terminates_and_scans_each_file_once() {
    let dir = tree(&["a.py", "sub/b.py"]);
    std::os::unix::fs::symlink("..", dir.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/absolute_loop")).unwrap();
    let found = run(dir.path(), &DiscoveryOptions::default());
    assert_eq!(relative(dir.path(), &found), ["a.py", "sub/b.py"]);
    assert!(found.errors.is_empty(), "{:?}", found.errors);
}

#[cfg(unix)]
#[test]
fn symlinked_files_and_directories() {
    let dir = tree(&["real/mod.py", "other.py"]);
    // The same directory through a second name: listed once, under the smaller path.
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("alias")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("other.py"), dir.path().join("link.py")).unwrap();
    // Dangling links: an error for a Python name, nothing for other names.
    std::os::unix::fs::symlink(dir.path().join("gone.py"), dir.path().join("dangling.py")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("dangling")).unwrap();
    let found = run(dir.path(), &DiscoveryOptions::default());
    assert_eq!(relative(dir.path(), &found), ["alias/mod.py", "link.py"]);
    assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
    assert_eq!(found.errors[0].path, dir.path().join("dangling.py"));
}

#[cfg(unix)]
#[test]
fn special_files_named_explicitly_are_skipped() {
    let found = discover(&[PathBuf::from("/dev/null")], &DiscoveryOptions::default()).unwrap();
    assert!(found.files.is_empty());
    assert_eq!(found.skipped.len(), 1);
    assert_eq!(found.skipped[0].reason, "not a regular file");
}

#[cfg(unix)]
#[test]
fn unreadable_directories_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&["a.py", "locked/b.py"]);
    let locked = dir.path().join("locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = fs::read_dir(&locked).is_ok(); // e.g. running as root
    let found = run(dir.path(), &DiscoveryOptions::default());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if readable_anyway {
        assert_eq!(found.files.len(), 2);
    } else {
        assert_eq!(relative(dir.path(), &found), ["a.py"]);
        assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
        assert_eq!(found.errors[0].kind, FileErrorKind::Io);
        assert_eq!(found.errors[0].path, locked);
    }
}
