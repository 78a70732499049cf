//! Request data and other untrusted input written into an HTML response without escaping (XSS).

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::Xss;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is put into an HTML page as it is, without escaping. \
          An attacker sends a victim a link whose parameter holds `<script>` or an `onerror` \
          attribute; the victim's browser runs that script as part of the site, so it can read \
          the page, act with the victim's session and send their data elsewhere. The path \
          shown with the finding goes from where the value enters to the response that carries \
          it.",
    insecure_example: "
from flask import make_response, request

def hello():
    name = request.args[\"name\"]
    return make_response(\"<h1>Hello \" + name + \"</h1>\")
",
    secure_example: "
from flask import make_response, request
from markupsafe import escape

def hello():
    name = escape(request.args[\"name\"])
    return make_response(\"<h1>Hello \" + name + \"</h1>\")
",
    references: &[
        "https://flask.palletsprojects.com/en/stable/web-security/#cross-site-scripting-xss",
        "https://owasp.org/www-community/attacks/xss/",
        "https://cwe.mitre.org/data/definitions/79.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
