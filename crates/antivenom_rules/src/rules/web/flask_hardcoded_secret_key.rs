//! A Flask `SECRET_KEY` written in the source.

use crate::helpers::settings_modules::{
    ConfigWrite, config_assignments, config_update_call, flask_app_confidence,
    is_placeholder_secret,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct FlaskHardcodedSecretKey;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &FlaskHardcodedSecretKey;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV916",
    name: "flask-hardcoded-secret-key",
    cwe: &[798, 321],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags a constant string stored as a Flask app's secret key: \
              `app.config[\"SECRET_KEY\"] = \"...\"`, `app.secret_key = \"...\"`, \
              `app.config.update(SECRET_KEY=\"...\")` and `app.config.from_mapping(...)`.",
    why: "Flask keeps the whole session in a cookie signed with `SECRET_KEY`. Whoever knows the \
          key (it is in the repository, its history and every copy of the code) can write any \
          session they like, for example one that says they are logged in as an administrator, \
          and forge anything else the app signs (Flask-Login remember cookies, \
          itsdangerous tokens). The app must be built by `flask.Flask(...)` in the file (high \
          confidence), or the file must import `flask` (medium). Values from the environment, \
          files or calls, empty strings and placeholders such as `\"changeme\"` are not \
          reported.",
    insecure_example: "
from flask import Flask

app = Flask(__name__)
app.config[\"SECRET_KEY\"] = \"9f2c1e7a5b3d4f60\"
",
    secure_example: "
import os
from flask import Flask

app = Flask(__name__)
app.config[\"SECRET_KEY\"] = os.environ[\"FLASK_SECRET_KEY\"]
",
    fix: "load the secret key from the environment or a secrets manager (for example `os.environ[\"FLASK_SECRET_KEY\"]`) and rotate any key that was committed",
    references: &[
        "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY",
        "https://flask.palletsprojects.com/en/stable/quickstart/#sessions",
    ],
};

impl FlaskHardcodedSecretKey {
    fn check_write(&self, write: &ConfigWrite<'_>, range: TextRange, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        if write.key != "SECRET_KEY" {
            return;
        }
        let Some(key) = semantic.constant_str(write.value) else {
            return;
        };
        if is_placeholder_secret(&key) {
            return;
        }
        let Some(confidence) = flask_app_confidence(semantic, write.app) else {
            return;
        };
        cx.report(
            range,
            "the Flask secret key is written in the source: anyone who reads it can forge session cookies",
        )
        .label("hard-coded Flask secret key")
        .confidence(confidence);
    }
}

impl Rule for FlaskHardcodedSecretKey {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: true,
            ..Interests::statements(&[NodeKind::StmtAssign])
        }
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // `app.config.update(...)`, `app.config.from_mapping(...)`.
        Some(vec!["update", "from_mapping"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["flask"]
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        for write in config_assignments(cx.semantic(), stmt) {
            self.check_write(&write, stmt.range(), cx);
        }
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        for write in config_update_call(cx.semantic(), call.call) {
            self.check_write(&write, call.range(), cx);
        }
    }
}
