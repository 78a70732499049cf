//! Request data and other untrusted input reaching eval, exec, compile or a dynamic import.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::CodeInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program (a request parameter, a command-line argument, an \
          environment variable) is run as Python code or chooses the module to import. Whoever \
          controls that text runs code of their choice inside the server process, with its \
          permissions and secrets: `__import__('os').system('...')` opens a shell, reads the \
          database credentials or plants a backdoor. The path shown with the finding goes from \
          where the value enters to the call that runs it.",
    insecure_example: "
from flask import request

def total():
    values = eval(request.form[\"values\"])
    return str(sum(values))
",
    secure_example: "
import ast

from flask import request

def total():
    values = ast.literal_eval(request.form[\"values\"])
    return str(sum(values))
",
    references: &[
        "https://docs.python.org/3/library/functions.html#eval",
        "https://docs.python.org/3/library/ast.html#ast.literal_eval",
        "https://owasp.org/www-community/attacks/Code_Injection",
        "https://cwe.mitre.org/data/definitions/94.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
