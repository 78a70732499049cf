//! Request data and other untrusted input reaching an XPath expression.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::XpathInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is pasted into an XPath expression. A quote in the \
          value closes the string literal it was meant to be, and the rest is XPath: the input \
          `' or '1'='1` turns a lookup of one user into one that matches every user, which \
          defeats a login that checks the result, and other predicates read any node of the \
          document, such as the password hashes next to the user names. The path shown with \
          the finding goes from where the value enters to the query.",
    insecure_example: "
from flask import request
from lxml import etree

USERS = etree.parse(\"users.xml\")

def find_user():
    name = request.args[\"name\"]
    return str(USERS.xpath(\"//user[@name='\" + name + \"']/email/text()\"))
",
    secure_example: "
from flask import request
from lxml import etree

USERS = etree.parse(\"users.xml\")

def find_user():
    name = request.args[\"name\"]
    return str(USERS.xpath(\"//user[@name=$name]/email/text()\", name=name))
",
    references: &[
        "https://lxml.de/xpathxslt.html#the-xpath-method",
        "https://owasp.org/www-community/attacks/XPATH_Injection",
        "https://cwe.mitre.org/data/definitions/643.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
