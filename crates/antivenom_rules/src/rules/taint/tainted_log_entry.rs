//! Request data and other untrusted input written to a log (log injection).

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::LogInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is written into a log message as it is. A value with a \
          line break starts a new, fake log line: an attacker who logs in as `bob\\nINFO login \
          succeeded for admin` plants an entry that misleads whoever investigates an incident, \
          hides their own traces, or feeds false events to the tools that parse the log. \
          Control characters can also rewrite the terminal of the person reading it. The path \
          shown with the finding goes from where the value enters to the logging call.",
    insecure_example: "
import logging

from flask import request

log = logging.getLogger(__name__)

def login():
    user = request.form[\"user\"]
    log.warning(\"failed login for %s\", user)
    return \"denied\", 403
",
    secure_example: "
import logging

from flask import request

log = logging.getLogger(__name__)

def login():
    user = request.form[\"user\"].replace(\"\\r\", \"\\\\r\").replace(\"\\n\", \"\\\\n\")
    log.warning(\"failed login for %s\", user)
    return \"denied\", 403
",
    references: &[
        "https://docs.python.org/3/howto/logging.html",
        "https://owasp.org/www-community/attacks/Log_Injection",
        "https://cwe.mitre.org/data/definitions/117.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
