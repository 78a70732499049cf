//! Request data and other untrusted input choosing the attribute read with getattr.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::UnsafeReflection;

const DOCS: TaintDocs = TaintDocs {
    why: "A name that comes from outside the program picks which attribute of an object is \
          read, and usually which method is then called. The caller is no longer limited to \
          the handlers the code meant to expose: any public or private method of the object \
          becomes reachable (`delete_all`, `_reset_password`), and dunder attributes such as \
          `__class__` or `__globals__` lead to objects the application never meant to hand \
          out. The path shown with the finding goes from where the name enters to the \
          `getattr` call.",
    insecure_example: "
from flask import request

def run_action(service):
    action = request.args[\"action\"]
    handler = getattr(service, action)
    return handler()
",
    secure_example: "
from flask import abort, request

def run_action(service):
    actions = {\"start\": service.start, \"stop\": service.stop}
    handler = actions.get(request.args[\"action\"])
    if handler is None:
        abort(404)
    return handler()
",
    references: &[
        "https://docs.python.org/3/library/functions.html#getattr",
        "https://owasp.org/www-community/vulnerabilities/Unsafe_use_of_Reflection",
        "https://cwe.mitre.org/data/definitions/470.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
