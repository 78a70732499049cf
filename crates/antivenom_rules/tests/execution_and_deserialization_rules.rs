//! Checks of the code-execution, command-injection and deserialization
//! rules that fixtures cannot express: the documented examples behave as
//! documented, and severities vary per finding as described.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;
use support::run;

use antivenom_diagnostics::{Confidence, Severity};
use antivenom_rules::Registry;

/// The rules these tests cover.
const RULES: &[&str] = &[
    "dynamic-import",
    "subprocess-shell-true",
    "start-process-with-shell",
    "start-process-without-shell",
    "partial-executable-path",
    "shell-wildcard-injection",
    "privilege-escalation-command",
    "paramiko-exec-command",
    "pickle-loads",
    "yaml-unsafe-load",
    "marshal-loads",
    "shelve-open",
    "torch-load-unsafe",
    "numpy-load-allow-pickle",
];

fn severities(rule: &str, source: &str) -> Vec<Severity> {
    run(rule, source)
        .iter()
        .map(|found| found.severity)
        .collect()
}

#[test]
fn documented_examples_behave_as_documented() {
    let registry = Registry::builtin().unwrap();
    for name in RULES {
        let meta = registry
            .metas()
            .into_iter()
            .find(|meta| meta.name == *name)
            .unwrap_or_else(|| panic!("rule {name} is not registered"));
        assert!(
            !run(name, &meta.insecure_example).is_empty(),
            "{name}: the insecure example is not flagged"
        );
        let flagged = run(name, &meta.secure_example);
        assert!(
            flagged.is_empty(),
            "{name}: the secure example is flagged: {:?}",
            flagged.iter().map(|m| &m.message).collect::<Vec<_>>()
        );
    }
}

#[test]
fn shell_rules_grade_constant_quoted_and_dynamic_commands() {
    let source = "
import os, shlex, subprocess
def f(user):
    subprocess.run('ls -l', shell=True)
    subprocess.run('ls ' + user, shell=True)
    subprocess.run('ls ' + shlex.quote(user), shell=True)
    subprocess.run('ls \"' + shlex.quote(user) + '\"', shell=True)
    os.system('kill %d' % user)
    os.system('ls ' + user)
    os.popen('/bin/uname -av')
    os.system(b'/usr/bin/uptime')
";
    assert_eq!(
        severities("subprocess-shell-true", source),
        [Severity::Low, Severity::High, Severity::Low, Severity::High]
    );
    assert_eq!(
        severities("start-process-with-shell", source),
        [Severity::Low, Severity::High, Severity::Low, Severity::Low]
    );
}

#[test]
fn exec_without_shell_is_medium_only_for_a_run_time_program() {
    let source = "
import os, sys
def f(program, args):
    os.execv(program, args)
    os.execv('/bin/ls', args)
    os.execv(sys.executable, [sys.executable] + sys.argv)
    os.startfile(program)
";
    assert_eq!(
        severities("start-process-without-shell", source),
        [
            Severity::Medium,
            Severity::Low,
            Severity::Low,
            Severity::Medium
        ]
    );
}

#[test]
fn a_plain_git_call_is_only_a_partial_path() {
    let source = "import subprocess\nsubprocess.run(['git', 'status'])\n";
    for rule in RULES {
        let found = run(rule, source);
        if *rule == "partial-executable-path" {
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].severity, Severity::Low);
        } else {
            assert!(found.is_empty(), "{rule} fired on a plain git call");
        }
    }
}

#[test]
fn privilege_escalation_is_high_only_with_an_injectable_shell_command() {
    let source = "
import os, subprocess
def f(service):
    subprocess.run(['sudo', 'systemctl', 'restart', service])
    os.system('sudo systemctl restart ' + service)
";
    assert_eq!(
        severities("privilege-escalation-command", source),
        [Severity::Medium, Severity::High]
    );
}

#[test]
fn yaml_full_loader_is_low_and_unknown_loaders_low_confidence() {
    let source = "
import yaml
def f(s, loader):
    yaml.load(s)
    yaml.full_load(s)
    yaml.load(s, Loader=loader)
";
    let found = run("yaml-unsafe-load", source);
    let graded: Vec<(Severity, Confidence)> = found
        .iter()
        .map(|found| (found.severity, found.confidence))
        .collect();
    assert_eq!(
        graded,
        [
            (Severity::Medium, Confidence::High),
            (Severity::Low, Confidence::High),
            (Severity::Medium, Confidence::Low),
        ]
    );
}

#[test]
fn pickle_message_names_the_call() {
    let found = run(
        "pickle-loads",
        "import pickle\ndef f(b):\n    pickle.loads(b)\n",
    );
    assert_eq!(
        found[0].message,
        "Deserializing data with `pickle.loads` can execute arbitrary code"
    );
    assert_eq!(
        found[0].label.as_deref(),
        Some("untrusted data must not be unpickled")
    );
}

/// Rules about one library's API skip files that cannot import it, but a
/// dynamic import keeps them on: the module may come in at run time.
#[test]
fn module_gated_rules_still_see_dynamic_imports() {
    let cases = [
        (
            "subprocess-shell-true",
            "__import__('subprocess').call(cmd, shell=True)\n",
        ),
        (
            "pickle-loads",
            "from importlib import import_module\nimport_module('pickle').loads(data)\n",
        ),
        (
            "yaml-unsafe-load",
            "import importlib\ny = importlib.import_module('yaml')\ny.load(data)\n",
        ),
    ];
    for (rule, source) in cases {
        assert_eq!(run(rule, source).len(), 1, "{rule}: {source}");
    }
    // Without any import a third-party name resolves to nothing (an unbound
    // standard-library name is taken as that module, see the semantic tests).
    assert!(run("yaml-unsafe-load", "yaml.load(data)\n").is_empty());
    assert_eq!(run("pickle-loads", "pickle.loads(data)\n").len(), 1);
}

#[test]
fn pickle_round_trips_through_a_variable_are_low() {
    let source = "
import pickle
def f(obj, blob):
    data = pickle.dumps(obj)
    pickle.loads(data)
    pickle.loads(blob)
";
    let found = run("pickle-loads", source);
    let grades: Vec<_> = found
        .iter()
        .map(|found| (found.severity, found.confidence))
        .collect();
    assert_eq!(
        grades,
        [
            (Severity::Low, Confidence::Low),
            (Severity::High, Confidence::High)
        ]
    );
}
