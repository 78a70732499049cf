//! Untrusted XML parsed by a parser that expands entities (XXE).

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::Xxe;

const DOCS: TaintDocs = TaintDocs {
    why: "An XML document from outside the program is parsed by a parser that processes its \
          document type declaration. The sender declares entities of their own: an external \
          entity such as `<!ENTITY x SYSTEM \"file:///etc/passwd\">` copies a local file (or the \
          answer of an internal URL) into the parsed data, which the application often echoes \
          back, and nested entities that expand to billions of characters (\"billion laughs\") \
          exhaust the server's memory. The path shown with the finding goes from where the \
          document enters to the parser.",
    insecure_example: "
from flask import request
from lxml import etree

def import_feed():
    root = etree.fromstring(request.get_data())
    return {\"items\": len(root)}
",
    secure_example: "
from defusedxml import ElementTree
from flask import request

def import_feed():
    root = ElementTree.fromstring(request.get_data())
    return {\"items\": len(root)}
",
    references: &[
        "https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
        "https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/611.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
