//! Property: a sink rule never reports a call whose dangerous argument folds
//! to a constant (shell rules may still report it at low severity). Every
//! sink is fed every form of constant the folder knows, in every way of
//! naming the callee.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;
use support::run;

use antivenom_diagnostics::Severity;

/// Ways to write a constant string: (module-level definitions, expression).
const CONSTANT_STRINGS: &[(&str, &str)] = &[
    ("", "\"ls -l\""),
    ("", "'a' 'b'"),
    ("", "\"ls\" + \" -l\""),
    ("", "\"%s -l\" % \"ls\""),
    ("", "\"{} -l\".format(\"ls\")"),
    ("", "\" \".join([\"ls\", \"-l\"])"),
    ("", "str(\"ls\")"),
    ("COMMAND = \"ls -l\"\n", "COMMAND"),
    ("BASE = \"ls\"\nCOMMAND = BASE + \" -l\"\n", "COMMAND"),
    ("TOOL = \"ls\"\n", "f\"{TOOL} -l\""),
    ("PREFIX = \"SELECT 1\"\n", "PREFIX + \" FROM t\""),
    ("", "\"x\" if True else \"y\""),
];

/// Ways to write a constant bytes value.
const CONSTANT_BYTES: &[(&str, &str)] = &[
    ("", "b\"payload\""),
    ("", "b\"pay\" + b\"load\""),
    ("PAYLOAD = b\"payload\"\n", "PAYLOAD"),
];

/// (rule, imports, call template with `{}` for the argument, bytes?)
const SINKS: &[(&str, &str, &str, bool)] = &[
    ("dynamic-code-execution", "", "eval({})", false),
    ("dynamic-code-execution", "", "exec({})", false),
    (
        "dynamic-code-execution",
        "",
        "compile({}, \"<string>\", \"exec\")",
        false,
    ),
    (
        "dynamic-code-execution",
        "import builtins\n",
        "builtins.eval({})",
        false,
    ),
    ("dynamic-import", "", "__import__({})", false),
    (
        "dynamic-import",
        "import importlib\n",
        "importlib.import_module({})",
        false,
    ),
    (
        "subprocess-shell-true",
        "import subprocess\n",
        "subprocess.run({}, shell=True)",
        false,
    ),
    (
        "subprocess-shell-true",
        "from subprocess import Popen as P\n",
        "P({}, shell=True)",
        false,
    ),
    (
        "start-process-with-shell",
        "import os\n",
        "os.system({})",
        false,
    ),
    (
        "start-process-with-shell",
        "from os import popen\n",
        "popen({})",
        false,
    ),
    ("pickle-loads", "import pickle\n", "pickle.loads({})", true),
    ("yaml-unsafe-load", "import yaml\n", "yaml.load({})", false),
    (
        "yaml-unsafe-load",
        "import yaml\n",
        "yaml.load({}, Loader=yaml.Loader)",
        false,
    ),
    (
        "pickle-loads",
        "from pickle import loads as l\n",
        "l({})",
        true,
    ),
    (
        "marshal-loads",
        "import marshal\n",
        "marshal.loads({})",
        true,
    ),
    (
        "formatted-sql-query",
        "import sqlite3\ncursor = sqlite3.connect(\"db\").cursor()\n",
        "cursor.execute({})",
        false,
    ),
    (
        "sql-string-building",
        "import sqlite3\n",
        "query = {}",
        false,
    ),
    (
        "django-raw-sql",
        "from django.db.models.expressions import RawSQL\n",
        "RawSQL({}, [])",
        false,
    ),
    (
        "django-mark-safe",
        "from django.utils.safestring import mark_safe\n",
        "mark_safe({})",
        false,
    ),
    (
        "markupsafe-markup",
        "from markupsafe import Markup\n",
        "Markup({})",
        false,
    ),
];

#[test]
fn sinks_stay_silent_on_constant_arguments() {
    let mut checked = 0;
    for &(rule, imports, template, bytes) in SINKS {
        let constants = if bytes {
            CONSTANT_BYTES
        } else {
            CONSTANT_STRINGS
        };
        for &(definitions, constant) in constants {
            let source = format!(
                "{imports}{definitions}{}\n",
                template.replace("{}", constant)
            );
            for found in run(rule, &source) {
                assert!(
                    found.severity == Severity::Low,
                    "{rule} reported a constant argument above low severity:\n{source}\n{}",
                    found.message
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn the_same_sinks_report_a_value_from_outside() {
    // The property above would hold trivially for a rule that never fires.
    for &(rule, imports, template, _) in SINKS {
        // SQL rules judge how a query is built, not a bare variable.
        let outside = if rule.contains("sql") {
            "\"SELECT * FROM t WHERE a = \" + sys.argv[1]"
        } else {
            "sys.argv[1]"
        };
        let source = format!("import sys\n{imports}{}\n", template.replace("{}", outside));
        let found = run(rule, &source);
        assert!(
            found.iter().any(|found| found.severity > Severity::Low),
            "{rule} misses a non-constant argument:\n{source}"
        );
    }
}

#[test]
fn documented_constant_cases_are_not_findings() {
    for (rule, source) in [
        (
            "yaml-unsafe-load",
            "import yaml\nyaml.load(stream, Loader=yaml.SafeLoader)\n",
        ),
        (
            "weak-hash-hashlib",
            "import hashlib\nhashlib.md5(data, usedforsecurity=False)\n",
        ),
        (
            "permissive-file-permissions",
            "import os\nos.chmod(path, 0o600)\n",
        ),
        ("dynamic-code-execution", "eval(\"1+2\")\n"),
    ] {
        assert!(run(rule, source).is_empty(), "{rule}: {source}");
    }
}
