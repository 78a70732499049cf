//! Request data and other untrusted input used as the source of a server-side template.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::TemplateInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program becomes part of a template's source instead of one of \
          its variables, so the template engine evaluates whatever expressions it contains. \
          With Jinja2 a value such as `{{ config }}` prints the application's secret key, and \
          walking from any object to its class and globals (`{{ cycler.__init__.__globals__.os \
          }}`) reaches the `os` module and runs commands on the server. The path shown with \
          the finding goes from where the value enters to the call that compiles the template.",
    insecure_example: "
from flask import render_template_string, request

def greet():
    name = request.args[\"name\"]
    return render_template_string(\"<p>Hello \" + name + \"</p>\")
",
    secure_example: "
from flask import render_template_string, request

def greet():
    name = request.args[\"name\"]
    return render_template_string(\"<p>Hello {{ name }}</p>\", name=name)
",
    references: &[
        "https://flask.palletsprojects.com/en/stable/api/#flask.render_template_string",
        "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/18-Testing_for_Server-side_Template_Injection",
        "https://cwe.mitre.org/data/definitions/1336.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
