//! Request data and other untrusted input used as a regular expression pattern.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::RegexInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is compiled as a regular expression. Python's `re` \
          engine backtracks, so a pattern such as `(a+)+$` matched against a long line of `a`s \
          takes exponential time: one request ties up a worker for minutes and a few of them \
          take the service down. Metacharacters also change what matches, so a search meant \
          for one literal word (`.*`) returns everything. The path shown with the finding goes \
          from where the value enters to the call that compiles the pattern.",
    insecure_example: "
import re

from flask import request

def search(lines):
    term = request.args[\"q\"]
    return [line for line in lines if re.search(term, line)]
",
    secure_example: "
import re

from flask import request

def search(lines):
    term = re.escape(request.args[\"q\"])
    return [line for line in lines if re.search(term, line)]
",
    references: &[
        "https://docs.python.org/3/library/re.html#re.escape",
        "https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS",
        "https://cwe.mitre.org/data/definitions/1333.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
