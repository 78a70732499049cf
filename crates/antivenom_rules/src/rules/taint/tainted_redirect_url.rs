//! Request data and other untrusted input choosing the target of a redirect.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::OpenRedirect;

const DOCS: TaintDocs = TaintDocs {
    why: "A URL from outside the program decides where the browser is sent next. An attacker \
          mails a link to the real site, such as `/login?next=https://evil.example/login`, and \
          after signing in the victim lands on a copy of the site that asks for the password \
          again or for card details; the trusted domain in the link is what makes the victim \
          click. The path shown with the finding goes from where the value enters to the \
          redirect.",
    insecure_example: "
from flask import redirect, request

def after_login():
    return redirect(request.args[\"next\"])
",
    secure_example: "
from flask import redirect, request

PAGES = {\"account\": \"/account\", \"orders\": \"/orders\"}

def after_login():
    return redirect(PAGES.get(request.args[\"next\"], \"/\"))
",
    references: &[
        "https://flask.palletsprojects.com/en/stable/api/#flask.redirect",
        "https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/601.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
