//! Request data and other untrusted input stored in the server-side session.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::TrustBoundary;

const DOCS: TaintDocs = TaintDocs {
    why: "A value from the request is stored in the session as it is. Code that later reads \
          the session treats its contents as something the server itself decided, typically \
          without checking again: a `role`, a user id, a verified flag or a redirect target \
          copied from a form lets the user choose their own privileges or carry unchecked data \
          past the validation that guards the rest of the application. The path shown with the \
          finding goes from where the value enters to the session write.",
    insecure_example: "
from flask import request, session

def choose_theme():
    session[\"theme\"] = request.form[\"theme\"]
    return \"ok\"
",
    secure_example: "
from flask import request, session

THEMES = {\"dark\": \"dark\", \"light\": \"light\"}

def choose_theme():
    session[\"theme\"] = THEMES.get(request.form[\"theme\"], \"light\")
    return \"ok\"
",
    references: &[
        "https://flask.palletsprojects.com/en/stable/api/#sessions",
        "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/501.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
