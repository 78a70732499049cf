//! Request data and other untrusted input choosing the name or value of a response cookie.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::CookieInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "A value from the request becomes the name or the value of a cookie the response \
          sets. Through a link the attacker makes the victim's browser store a cookie of the \
          attacker's choice: overwrite the session cookie with one the attacker knows (session \
          fixation), set a preference or token cookie that later code trusts, or, where the \
          value is not quoted, add attributes such as `Domain` or `Path`. The path shown with \
          the finding goes from where the value enters to the `set_cookie` call.",
    insecure_example: "
from flask import make_response, request

def set_language():
    response = make_response(\"ok\")
    response.set_cookie(\"lang\", request.args[\"lang\"])
    return response
",
    secure_example: "
from flask import make_response, request

def set_language():
    lang = request.args[\"lang\"]
    if lang not in (\"en\", \"fr\", \"de\"):
        lang = \"en\"
    response = make_response(\"ok\")
    response.set_cookie(\"lang\", lang)
    return response
",
    references: &[
        "https://flask.palletsprojects.com/en/stable/api/#flask.Response.set_cookie",
        "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies",
        "https://cwe.mitre.org/data/definitions/20.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
