//! User model files: same loader as the shipped ones, errors that name the
//! file, the line and the key.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_taint_models::{ModelError, ModelKind, Models, VulnerabilityClass};
use std::io::Write as _;

fn error_of(contents: &str) -> String {
    let mut models = Models::empty();
    models
        .add_file_contents("acme.toml", contents)
        .unwrap_err()
        .to_string()
}

#[test]
fn user_files_extend_the_builtin_models() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        file,
        r#"
[[source]]
name = "acme.web.current_request.params"
kind = "remote-user-input"
part = "payload"
access = "attribute"

[[sink]]
name = "acme.shell.run*"
class = "command-injection"
ports = [{{ pos = 0, arg = "command" }}]

[[sink]]
method = "run_query"
receiver-hints = ["repo"]
class = "sql-injection"
ports = [{{ pos = 0 }}]

[[sanitizer]]
name = "acme.html.clean"
clears = ["xss", "log-injection"]

[[propagator]]
name = "acme.text.wrap"
from = [{{ pos = 0 }}, "kwargs"]
to = "return"
"#
    )
    .unwrap();
    let models = Models::with_user_files([file.path()]).unwrap();
    assert!(
        models
            .source_for("acme.web.current_request.params")
            .is_some()
    );
    let sink = models.sinks_for("acme.shell.run_now").next().unwrap();
    assert_eq!(sink.class, VulnerabilityClass::CommandInjection);
    assert_eq!(sink.origin.file.as_ref(), file.path().display().to_string());
    assert_eq!(sink.origin.line, 8);
    let query = models.sinks_for_method("run_query").next().unwrap();
    assert!(query.key.accepts_receiver(Some("user_repo")));
    assert!(!query.key.accepts_receiver(Some("cursor")));
    assert!(models.source_for("flask.request.args").is_some());
    assert!(
        models
            .all_names()
            .any(|name| name.kind == ModelKind::Propagator && name.key.name() == "acme.text.wrap")
    );
}

#[test]
fn unreadable_file_is_an_io_error() {
    let error = Models::with_user_files(["/nonexistent/models.toml"]).unwrap_err();
    assert!(matches!(error, ModelError::Io { .. }), "{error}");
    assert!(error.to_string().starts_with("/nonexistent/models.toml: "));
}

#[test]
fn unknown_key_names_file_line_and_key() {
    let error = error_of("\n[[sink]]\nname = \"a.b\"\nclass = \"xss\"\nport = [{ pos = 0 }]\n");
    assert!(error.starts_with("acme.toml:"), "{error}");
    assert!(error.contains("port"), "{error}");
}

#[test]
fn unknown_class_is_rejected_with_its_line() {
    let error = error_of("[[sink]]\nname = \"a.b\"\nclass = \"sqli\"\nports = [{ pos = 0 }]\n");
    assert!(error.starts_with("acme.toml:3:"), "{error}");
    assert!(error.contains("sql-injection"), "{error}");
    let error = error_of("[[sanitizer]]\nname = \"a.b\"\nclears = [\"xss\", \"html\"]\n");
    assert!(error.starts_with("acme.toml:3:"), "{error}");
    assert!(error.contains("unknown class `html`"), "{error}");
}

#[test]
fn unknown_source_kind_and_bad_part_are_rejected() {
    let error = error_of("[[source]]\nname = \"a.b\"\nkind = \"user\"\naccess = \"call\"\n");
    assert!(
        error.starts_with("acme.toml:3:") && error.contains("remote-user-input"),
        "{error}"
    );
    let error = error_of(
        "[[source]]\nname = \"a.b\"\nkind = \"environment\"\npart = \"header\"\naccess = \"call\"\n",
    );
    assert!(
        error.starts_with("acme.toml:4:") && error.contains("part"),
        "{error}"
    );
    let error = error_of(
        "[[source]]\nname = \"a.b\"\nkind = \"environment\"\naccess = \"attribute\"\nwhen = [{ pos = 0, is = \"present\" }]\n",
    );
    assert!(error.contains("attribute source"), "{error}");
}

#[test]
fn bad_ports_are_rejected_with_their_line() {
    let error =
        error_of("[[sink]]\nname = \"a.b\"\nclass = \"xss\"\nports = [{ pos = 0 }, \"return\"]\n");
    assert!(
        error.starts_with("acme.toml:4:") && error.contains("\"return\" is not allowed"),
        "{error}"
    );
    let error = error_of("[[sink]]\nname = \"a.b\"\nclass = \"xss\"\nports = []\n");
    assert!(error.contains("at least one port"), "{error}");
    let error = error_of(
        "[[sink]]\nname = \"a.b\"\nclass = \"xss\"\nports = [{ pos = 0, path = \"[x]\" }]\n",
    );
    assert!(error.contains("`[x]`"), "{error}");
    let error = error_of("[[propagator]]\nname = \"a.b\"\nfrom = [\"receiver\"]\nto = \"args\"\n");
    assert!(error.contains("key `to`"), "{error}");
    let error = error_of("[[guard]]\nname = \"a.b\"\nclears = [\"all\"]\nguarded = \"return\"\n");
    assert!(error.contains("key `guarded`"), "{error}");
}

#[test]
fn bad_names_and_hints_are_rejected() {
    let error = error_of(
        "[[sink]]\nname = \"<PEP 249>.execute\"\nclass = \"xss\"\nports = [{ pos = 0 }]\n",
    );
    assert!(
        error.starts_with("acme.toml:2:") && error.contains("dotted Python name"),
        "{error}"
    );
    let error = error_of("[[sink]]\nclass = \"xss\"\nports = [{ pos = 0 }]\n");
    assert!(error.contains("give `name`"), "{error}");
    let error = error_of(
        "[[sink]]\nname = \"a.b\"\nreceiver-hints = [\"x\"]\nclass = \"xss\"\nports = [{ pos = 0 }]\n",
    );
    assert!(error.contains("receiver-hints"), "{error}");
    let error = error_of("[[sink]]\nmethod = \"a.b\"\nclass = \"xss\"\nports = [{ pos = 0 }]\n");
    assert!(error.contains("not a method name"), "{error}");
}

#[test]
fn bad_conditions_are_rejected() {
    let error = error_of(
        "[[sink]]\nname = \"a.b\"\nclass = \"xss\"\nports = [{ pos = 0 }]\nwhen = [{ is = \"truthy\" }]\n",
    );
    assert!(error.contains("`arg` or `pos`"), "{error}");
    let error = error_of(
        "[[sink]]\nname = \"a.b\"\nclass = \"xss\"\nports = [{ pos = 0 }]\nwhen = [{ pos = 1, matches = \"(\" }]\n",
    );
    assert!(
        error.starts_with("acme.toml:5:") && error.contains("matches"),
        "{error}"
    );
    let error = error_of(
        "[[sink]]\nname = \"a.b\"\nclass = \"xss\"\nports = [{ pos = 0 }]\nunless = [{ pos = 1 }]\n",
    );
    assert!(error.contains("needs a test"), "{error}");
}

#[test]
fn conflicting_definitions_are_rejected_and_duplicates_merged() {
    let mut models = Models::builtin().unwrap();
    let before = models.count(ModelKind::Sanitizer);
    // The same meaning again is merged.
    models
        .add_file_contents(
            "mine.toml",
            "[[sanitizer]]\nname = \"html.escape\"\nclears = [\"xss\"]\nfrom = [{ pos = 0 }]\n",
        )
        .unwrap();
    assert_eq!(models.count(ModelKind::Sanitizer), before);
    // A different meaning is an error naming both places.
    let error = models
        .add_file_contents(
            "mine.toml",
            "\n[[sanitizer]]\nname = \"html.escape\"\nclears = [\"sql-injection\"]\n",
        )
        .unwrap_err();
    assert!(matches!(error, ModelError::Conflict { .. }), "{error}");
    let text = error.to_string();
    assert!(
        text.starts_with("mine.toml:2: sanitizer `html.escape`"),
        "{text}"
    );
    assert!(text.contains("data/taint/templates.toml:"), "{text}");
    // Sinks add up: a second class for a known sink is fine.
    models
        .add_file_contents(
            "mine.toml",
            "[[sink]]\nname = \"os.system\"\nclass = \"log-injection\"\nports = [{ pos = 0 }]\n",
        )
        .unwrap();
    assert_eq!(models.sinks_for("os.system").count(), 2);
    // Sources: one meaning per name.
    let error = models
        .add_file_contents(
            "mine.toml",
            "[[source]]\nname = \"sys.argv\"\nkind = \"environment\"\naccess = \"attribute\"\n",
        )
        .unwrap_err();
    assert!(error.to_string().contains("source `sys.argv`"), "{error}");
}

#[test]
fn method_models_with_other_hints_do_not_conflict() {
    let mut models = Models::empty();
    models
        .add_file_contents(
            "a.toml",
            "[[guard]]\nmethod = \"ok\"\nreceiver-hints = [\"a\"]\nclears = [\"xss\"]\nguarded = \"receiver\"\n\
             [[guard]]\nmethod = \"ok\"\nreceiver-hints = [\"b\"]\nclears = [\"all\"]\nguarded = \"receiver\"\n",
        )
        .unwrap();
    assert_eq!(models.guards_for_method("ok").count(), 2);
    let error = models
        .add_file_contents(
            "b.toml",
            "[[guard]]\nmethod = \"ok\"\nreceiver-hints = [\"A\"]\nclears = [\"all\"]\nguarded = \"receiver\"\n",
        )
        .unwrap_err();
    assert!(error.to_string().contains("guard `.ok (a)`"), "{error}");
}

#[test]
fn wildcards_match_prefixes_and_exact_names_win() {
    let mut models = Models::empty();
    models
        .add_file_contents(
            "a.toml",
            "[[source]]\nname = \"acme.*\"\nkind = \"environment\"\naccess = \"call\"\n\
             [[source]]\nname = \"acme.io.*\"\nkind = \"file-content\"\naccess = \"call\"\n\
             [[source]]\nname = \"acme.io.argv\"\nkind = \"cli-argument\"\naccess = \"attribute\"\n",
        )
        .unwrap();
    use antivenom_taint_models::SourceKind;
    assert_eq!(
        models.source_for("acme.x").unwrap().kind,
        SourceKind::Environment
    );
    assert_eq!(
        models.source_for("acme.io.read").unwrap().kind,
        SourceKind::FileContent
    );
    assert_eq!(
        models.source_for("acme.io.argv").unwrap().kind,
        SourceKind::CliArgument
    );
    assert!(models.source_for("acmex").is_none());
    assert!(models.knows_name("acme.anything"));
    assert!(!models.knows_name("other"));
}
