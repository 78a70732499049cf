//! Every row of the design catalogue `taint_models.csv` (in `../shared`,
//! beside the clone) has a model, or is listed here or in
//! `docs/taint-models.md` with the reason it is not one. Run with
//! `cargo test -p antivenom_taint_models -- --ignored` and `ANTIVENOM_SHARED`
//! set to the shared folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_taint_models::{ClassSet, Models, SourceKind, VulnerabilityClass};
use std::path::PathBuf;

/// Dotted names of the catalogue modelled as another kind than its row says.
const MODELLED_DIFFERENTLY: &[(&str, &str, &str)] = &[
    (
        "sink",
        "pathlib.Path",
        "a propagator: building a path touches no file; the pathlib methods that do are receiver sinks",
    ),
    (
        "sanitizer",
        "yaml.safe_load",
        "a propagator: the safe loader is simply not a sink, and the data it returns is still untrusted",
    ),
    (
        "sanitizer",
        "defusedxml.ElementTree.fromstring",
        "a propagator: the safe parser is not a sink, and the tree it returns is still untrusted",
    ),
];

fn shared() -> PathBuf {
    let shared =
        std::env::var_os("ANTIVENOM_SHARED").expect("set ANTIVENOM_SHARED to the shared/ folder");
    let shared = PathBuf::from(shared);
    assert!(
        shared.join("design/taint_models.csv").is_file(),
        "{} has no design/taint_models.csv",
        shared.display()
    );
    shared
}

/// Splits one CSV record (RFC 4180 quoting; no line breaks inside fields).
fn fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

fn is_dotted_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|segment| {
            let mut chars = segment.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn csv_class(text: &str) -> Option<ClassSet> {
    let mapped = match text {
        "unsafe-deserialization" => "deserialization",
        "ssti" => "template-injection",
        "all-string-injections" => "string-injection",
        other => other,
    };
    ClassSet::parse_entry(mapped)
}

fn source_kinds(text: &str) -> &'static [SourceKind] {
    match text {
        "remote-user-input" => &[SourceKind::RemoteUserInput],
        "local-user-input" => &[SourceKind::CliArgument, SourceKind::InteractiveInput],
        "environment" => &[SourceKind::Environment],
        "data-from-internet" => &[SourceKind::NetworkResponse],
        _ => &[],
    }
}

/// Why the row is not covered, or `None` when it is.
fn missing(models: &Models, kind: &str, name: &str, class: &str) -> Option<String> {
    let name = name.strip_prefix("builtins.").unwrap_or(name);
    let covered = match kind {
        "source" => models
            .source_for(name)
            .is_some_and(|source| source_kinds(class).contains(&source.kind)),
        "sink" => {
            let Some(classes) = csv_class(class) else {
                return Some(format!("unknown class {class}"));
            };
            models
                .sinks_for(name)
                .any(|sink| classes.contains(sink.class))
        }
        "sanitizer" => {
            let classes = if class == "all" {
                Some(ClassSet::all())
            } else {
                csv_class(class)
            };
            let Some(classes) = classes else {
                return Some(format!("unknown class {class}"));
            };
            models
                .sanitizer_for(name)
                .is_some_and(|model| classes.difference(model.clears).is_empty())
                || models
                    .guard_for(name)
                    .is_some_and(|model| classes.difference(model.clears).is_empty())
                || (classes.contains(VulnerabilityClass::PathTraversal)
                    && models.normaliser_for(name).is_some())
        }
        "propagator" => models.propagators_for(name).next().is_some(),
        other => return Some(format!("unknown row kind {other}")),
    };
    (!covered).then(|| format!("no {kind} model for {class}"))
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_catalogue_row_is_modelled_or_documented() {
    let text = std::fs::read_to_string(shared().join("design/taint_models.csv")).unwrap();
    let docs = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/taint-models.md"),
    )
    .unwrap();
    let models = Models::builtin().unwrap();
    let mut problems = Vec::new();
    let mut rows = 0;
    for line in text.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        rows += 1;
        let record = fields(line);
        let [kind, name, _argument, class, ..] = record.as_slice() else {
            problems.push(format!("malformed row: {line}"));
            continue;
        };
        if !is_dotted_name(name) {
            // Engine behaviour, entry points, receiver-typed methods, other
            // tools' trigger words: each is listed in the documentation.
            if !docs.contains(&format!("`{name}`")) {
                problems.push(format!(
                    "{kind} `{name}`: not listed in docs/taint-models.md"
                ));
            }
            continue;
        }
        if let Some((_, _, reason)) = MODELLED_DIFFERENTLY
            .iter()
            .find(|(row_kind, row_name, _)| row_kind == kind && row_name == name)
        {
            assert!(!reason.is_empty());
            let stripped = name.strip_prefix("builtins.").unwrap_or(name);
            if !models.knows_name(stripped) {
                problems.push(format!(
                    "{kind} `{name}`: listed as modelled differently, but has no model"
                ));
            }
            continue;
        }
        if let Some(problem) = missing(&models, kind, name, class) {
            problems.push(format!("{kind} `{name}`: {problem}"));
        }
    }
    assert!(rows >= 389, "only {rows} rows read");
    assert!(
        problems.is_empty(),
        "{} rows:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
