//! Flask / Werkzeug development servers with the interactive debugger on.

use crate::helpers::is_truthy_constant;
use crate::helpers::receivers::{constructor, file_imports};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct FlaskDebugTrue;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &FlaskDebugTrue;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV901",
    name: "flask-debug-true",
    cwe: &[489, 94, 215],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &["B201", "S201"],
    status: Status::Stable,
    summary: "Flags Flask `app.run(debug=True)` and Werkzeug `run_simple(use_debugger=True)`.",
    why: "In debug mode the Werkzeug debugger answers any unhandled exception with an \
          interactive Python console in the browser. Whoever can reach the server and trigger \
          an error can run arbitrary code in the application's process; the PIN that guards \
          the console can be derived from information the application often leaks. Debug mode \
          also shows source code and configuration in tracebacks. The receiver of `.run()` must \
          be built by `flask.Flask(...)`, or the file must import `flask` (medium confidence).",
    insecure_example: "
from flask import Flask

app = Flask(__name__)
app.run(host=\"0.0.0.0\", debug=True)
",
    secure_example: "
import os
from flask import Flask

app = Flask(__name__)
app.run(debug=os.environ.get(\"FLASK_DEBUG\") == \"1\")  # off unless a developer opts in
",
    fix: "never enable the debugger outside a developer's machine; read the setting from the environment and serve production with a WSGI server (gunicorn, waitress)",
    references: &[
        "https://flask.palletsprojects.com/en/stable/debugging/",
        "https://werkzeug.palletsprojects.com/en/stable/debug/",
    ],
};

const RUN_SIMPLE: &[&str] = &["werkzeug.serving.run_simple", "werkzeug.run_simple"];
const FLASK_APPS: &[&str] = &["flask.Flask", "flask.app.Flask"];

impl Rule for FlaskDebugTrue {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(RUN_SIMPLE.iter().copied().chain(["run"]).collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["flask", "werkzeug"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        if RUN_SIMPLE.contains(&call.name()) {
            if call
                .argument("use_debugger", 4)
                .is_some_and(|value| is_truthy_constant(semantic, value))
            {
                cx.report(
                    call.range(),
                    "`run_simple` is started with `use_debugger=True`: an error page gives anyone \
                     who reaches the server an interactive Python console",
                )
                .label("Werkzeug debugger enabled");
            }
            return;
        }
        if call
            .qualified_name()
            .is_some_and(|name| !name.starts_with("flask"))
        {
            return;
        }
        let Expr::Attribute(attribute) = call.call.func.as_ref() else {
            return;
        };
        if attribute.attr.as_str() != "run" {
            return;
        }
        let (debug, confidence) = match constructor(semantic, &attribute.value) {
            // `Flask.run(host, port, debug)`: positional only on a known app.
            Some(app) if FLASK_APPS.contains(&app.as_str()) => {
                (call.argument("debug", 2), Confidence::High)
            }
            Some(other) if other.starts_with("flask") => (call.keyword("debug"), Confidence::High),
            Some(_) => return,
            None if file_imports(semantic, "flask") => (call.keyword("debug"), Confidence::Medium),
            None => return,
        };
        if debug.is_some_and(|value| is_truthy_constant(semantic, value)) {
            cx.report(
                call.range(),
                "the Flask app runs with `debug=True`: an error page gives anyone who reaches the \
                 server an interactive Python console",
            )
            .label("Flask debug mode enabled")
            .confidence(confidence);
        }
    }
}
