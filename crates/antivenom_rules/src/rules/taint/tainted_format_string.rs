//! Request data and other untrusted input used as a str.format template.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::FormatStringInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is used as the template of `str.format` or \
          `format_map`. Replacement fields can follow attributes and indexes of the arguments, \
          so a user-written greeting such as \
          `{user.__init__.__globals__[app].config[SECRET_KEY]}` or `{user.password_hash}` \
          prints secrets the code never meant to show, and large padding widths \
          (`{0:>999999999}`) eat the server's memory. The path shown with the finding goes \
          from where the template enters to the formatting call.",
    insecure_example: "
from flask import request

def greeting(user):
    template = request.form[\"greeting\"]
    return template.format(user=user)
",
    secure_example: "
import string

from flask import request

def greeting(user):
    template = string.Template(request.form[\"greeting\"])
    return template.safe_substitute(name=user.name)
",
    references: &[
        "https://docs.python.org/3/library/string.html#template-strings",
        "https://owasp.org/www-community/attacks/Format_string_attack",
        "https://cwe.mitre.org/data/definitions/134.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
