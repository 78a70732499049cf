//! A Flask app configured with `SESSION_COOKIE_SECURE = False`.

use crate::helpers::settings_modules::{
    ConfigWrite, config_assignments, config_update_call, flask_app_confidence,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::Constant;
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct FlaskInsecureSessionCookie;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &FlaskInsecureSessionCookie;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV917",
    name: "flask-insecure-session-cookie",
    cwe: &[614, 319],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags an explicit `SESSION_COOKIE_SECURE = False` (or `REMEMBER_COOKIE_SECURE = \
              False`) on a Flask app's config: `app.config[...] = False`, \
              `app.config.update(...)` or `app.config.from_mapping(...)`.",
    why: "Flask's session cookie holds the user's whole session. Without `Secure` the browser \
          sends it over plain HTTP as well, so a single `http://` request to the site exposes \
          it to anyone watching the network, who can then replay it and act as the user. \
          Only an explicit constant `False` is reported (Flask's default is also `False`, but \
          writing it out marks a decision worth reviewing). The app must be built by \
          `flask.Flask(...)` in the file, or the file must import `flask` (medium confidence).",
    insecure_example: "
from flask import Flask

app = Flask(__name__)
app.config.update(SESSION_COOKIE_SECURE=False)
",
    secure_example: "
from flask import Flask

app = Flask(__name__)
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)
",
    fix: "set `SESSION_COOKIE_SECURE = True` for any deployment served over HTTPS",
    references: &[
        "https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE",
        "https://flask.palletsprojects.com/en/stable/web-security/#set-cookie-options",
    ],
};

const SETTINGS: &[&str] = &["SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"];

impl FlaskInsecureSessionCookie {
    fn check_write(&self, write: &ConfigWrite<'_>, range: TextRange, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        if !SETTINGS.contains(&write.key.as_str())
            || semantic.constant(write.value) != Some(Constant::Bool(false))
        {
            return;
        }
        let Some(confidence) = flask_app_confidence(semantic, write.app) else {
            return;
        };
        let confidence = confidence.min(Confidence::Medium);
        cx.report(
            range,
            format!(
                "`{} = False`: the browser also sends the session cookie over plain HTTP, where it can be read in transit",
                write.key
            ),
        )
        .label("cookie sent without `Secure`")
        .confidence(confidence);
    }
}

impl Rule for FlaskInsecureSessionCookie {
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
