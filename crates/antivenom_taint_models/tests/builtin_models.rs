//! The shipped model files load, and the models the issue names behave as
//! specified. Reads nothing outside the repository.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_taint_models::{
    Access, Branch, ModelKind, Models, PortSelector, SourceKind, VulnerabilityClass,
};

fn models() -> Models {
    Models::builtin().unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn models_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Models>();
}

#[test]
fn every_embedded_file_loads_on_its_own() {
    assert!(Models::embedded_files().len() >= 10);
    for (name, contents) in Models::embedded_files() {
        let mut models = Models::empty();
        models
            .add_file_contents(name, contents)
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(models.all_names().next().is_some(), "{name} is empty");
    }
}

#[test]
fn every_kind_has_models() {
    let models = models();
    for kind in ModelKind::ALL {
        assert!(models.count(kind) > 0, "no {kind} models");
    }
    let total: usize = ModelKind::ALL.iter().map(|kind| models.count(*kind)).sum();
    assert_eq!(models.all_names().count(), total);
    let counts: Vec<String> = ModelKind::ALL
        .iter()
        .map(|kind| format!("{kind} {}", models.count(*kind)))
        .collect();
    let methods = models
        .all_names()
        .filter(|name| name.key.is_method())
        .count();
    eprintln!(
        "models: {} (total {total}, {methods} method models)",
        counts.join(", ")
    );
}

#[test]
fn every_class_has_a_sink() {
    let models = models();
    for class in VulnerabilityClass::ALL {
        assert!(
            models.sinks().iter().any(|sink| sink.class == class),
            "no sink for {class}"
        );
    }
}

#[test]
fn sanitizers_are_per_class() {
    let models = models();
    let escape = models.sanitizer_for("html.escape").unwrap();
    assert!(escape.clears.contains(VulnerabilityClass::Xss));
    assert!(!escape.clears.contains(VulnerabilityClass::SqlInjection));

    let quote = models.sanitizer_for("shlex.quote").unwrap();
    assert!(quote.clears.contains(VulnerabilityClass::CommandInjection));
    assert!(!quote.clears.contains(VulnerabilityClass::ArgumentInjection));

    let basename = models.sanitizer_for("os.path.basename").unwrap();
    assert!(basename.clears.contains(VulnerabilityClass::PathTraversal));
    assert!(basename.from[0].accepts_position(0));
    assert!(basename.to.is_return());

    let int = models.sanitizer_for("builtins.int".trim_start_matches("builtins."));
    assert!(int.is_some_and(|model| model.clears.contains(VulnerabilityClass::CodeInjection)));
}

#[test]
fn subprocess_sinks_depend_on_shell() {
    let models = models();
    let sinks: Vec<_> = models.sinks_for("subprocess.run").collect();
    let shell = sinks
        .iter()
        .find(|sink| {
            sink.class == VulnerabilityClass::CommandInjection
                && sink
                    .conditions
                    .when
                    .iter()
                    .any(|c| c.arg.as_deref() == Some("shell"))
        })
        .expect("shell=True sink");
    assert!(shell.ports[0].accepts_position(0));
    assert!(shell.ports[0].accepts_keyword("args"));
    let argv = sinks
        .iter()
        .find(|sink| sink.class == VulnerabilityClass::ArgumentInjection)
        .expect("argument vector sink");
    assert!(
        argv.conditions
            .unless
            .iter()
            .any(|c| c.arg.as_deref() == Some("shell"))
    );
    let interpreter = sinks
        .iter()
        .find(|sink| sink.conditions.when.iter().any(|c| c.item == Some(0)))
        .expect("sh -c sink");
    let program = &interpreter.conditions.when[0];
    assert!(program.regex().unwrap().is_match("/bin/bash"));
    assert!(!program.regex().unwrap().is_match("git"));
}

#[test]
fn yaml_load_is_a_sink_unless_the_loader_is_safe() {
    let models = models();
    let sink = models.sinks_for("yaml.load").next().unwrap();
    assert_eq!(sink.class, VulnerabilityClass::Deserialization);
    let safe = &sink.conditions.unless[0];
    assert_eq!(safe.arg.as_deref(), Some("Loader"));
    assert!(
        safe.resolves_to
            .as_ref()
            .unwrap()
            .iter()
            .any(|name| name == "yaml.SafeLoader")
    );
    assert!(models.sinks_for("yaml.safe_load").next().is_none());
}

#[test]
fn sources_have_kinds_and_access() {
    let models = models();
    let args = models.source_for("flask.request.args").unwrap();
    assert_eq!(args.kind, SourceKind::RemoteUserInput);
    assert_eq!(args.access, Access::Attribute);
    let input = models.source_for("input").unwrap();
    assert_eq!(input.kind, SourceKind::InteractiveInput);
    assert_eq!(input.access, Access::Call);
    assert_eq!(
        models.source_for("os.environ").unwrap().kind,
        SourceKind::Environment
    );
    assert_eq!(
        models.source_for("requests.get").unwrap().kind,
        SourceKind::NetworkResponse
    );
    // requests.get is also an SSRF sink.
    assert_eq!(
        models.sinks_for("requests.get").next().unwrap().class,
        VulnerabilityClass::Ssrf
    );
    let recvfrom = models.source_for("socket.socket.recvfrom").unwrap();
    assert_eq!(recvfrom.port.path.to_string(), "[0]");
}

#[test]
fn method_models_use_receiver_hints() {
    let models = models();
    let execute: Vec<_> = models.sinks_for_method("execute").collect();
    assert!(!execute.is_empty());
    assert!(
        execute
            .iter()
            .all(|sink| sink.class == VulnerabilityClass::SqlInjection)
    );
    assert!(
        execute
            .iter()
            .any(|sink| sink.key.accepts_receiver(Some("cursor")))
    );
    assert!(
        execute
            .iter()
            .any(|sink| sink.key.accepts_receiver(Some("db_conn")))
    );
    assert!(
        !execute
            .iter()
            .any(|sink| sink.key.accepts_receiver(Some("executor")))
    );
    assert!(!execute.iter().any(|sink| sink.key.accepts_receiver(None)));

    let get: Vec<_> = models.propagators_for_method("get").collect();
    assert!(
        get.iter().any(|model| {
            model.from.iter().any(|port| port.is_receiver()) && model.to.is_return()
        })
    );
    let append = models.propagators_for_method("append").next().unwrap();
    assert!(append.to.is_receiver());
    assert_eq!(append.to.path.to_string(), "[*]");
}

#[test]
fn path_traversal_needs_normalising_then_a_prefix_check() {
    let models = models();
    assert!(models.normaliser_for("os.path.realpath").is_some());
    assert!(models.normaliser_for("os.path.normpath").is_some());
    assert!(models.normalisers_for_method("resolve").next().is_some());
    let startswith = models.guards_for_method("startswith").next().unwrap();
    assert!(startswith.requires_normalised);
    assert!(
        startswith
            .clears
            .contains(VulnerabilityClass::PathTraversal)
    );
    assert_eq!(startswith.branch, Branch::True);
    assert!(startswith.guarded.is_receiver());
}

#[test]
fn guards_clear_on_the_true_branch() {
    let models = models();
    let isdigit = models.guards_for_method("isdigit").next().unwrap();
    assert!(isdigit.clears.contains(VulnerabilityClass::SqlInjection));
    assert!(!isdigit.clears.contains(VulnerabilityClass::Ssrf));
    let redirect = models
        .guard_for("django.utils.http.url_has_allowed_host_and_scheme")
        .unwrap();
    assert!(redirect.clears.contains(VulnerabilityClass::OpenRedirect));
    assert!(matches!(
        redirect.guarded.selector,
        PortSelector::Argument {
            position: Some(0),
            ..
        }
    ));
    let fullmatch = models.guard_for("re.fullmatch").unwrap();
    assert!(!fullmatch.conditions.is_unconditional());
}

#[test]
fn builtins_prefix_is_accepted() {
    let mut models = Models::empty();
    models
        .add_file_contents(
            "mine.toml",
            "[[sink]]\nname = \"builtins.eval\"\nclass = \"code-injection\"\nports = [{ pos = 0 }]\n",
        )
        .unwrap();
    assert!(models.sinks_for("eval").next().is_some());
}

#[test]
fn class_table_codes_are_distinct_from_each_other() {
    let mut codes: Vec<_> = VulnerabilityClass::table().iter().map(|m| m.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), VulnerabilityClass::ALL.len());
}
