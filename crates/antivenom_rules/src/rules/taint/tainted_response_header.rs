//! Request data and other untrusted input written into an HTTP response header.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::HeaderInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is written into the name or value of a response \
          header. If it carries a carriage return and line feed, the attacker ends the header \
          early and adds headers of their own (a `Set-Cookie` that fixes the victim's session) \
          or a whole second response body that caches and browsers store for the page. Current \
          Werkzeug and Django refuse such values, but other servers and older versions pass \
          them through, and the header value itself (a `Content-Disposition` file name, a \
          `Link` or `Location`) is still the attacker's. The path shown with the finding goes \
          from where the value enters to the header assignment.",
    insecure_example: "
from flask import make_response, request

def export():
    name = request.args[\"name\"]
    response = make_response(\"id,total\\n\")
    response.headers[\"Content-Disposition\"] = \"attachment; filename=\" + name
    return response
",
    secure_example: "
from urllib.parse import quote

from flask import make_response, request

def export():
    name = request.args[\"name\"]
    response = make_response(\"id,total\\n\")
    response.headers[\"Content-Disposition\"] = \"attachment; filename*=UTF-8''\" + quote(name)
    return response
",
    references: &[
        "https://werkzeug.palletsprojects.com/en/stable/datastructures/#werkzeug.datastructures.Headers",
        "https://owasp.org/www-community/attacks/HTTP_Response_Splitting",
        "https://cwe.mitre.org/data/definitions/113.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
