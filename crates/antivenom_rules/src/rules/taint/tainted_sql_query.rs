//! Request data and other untrusted input reaching a SQL query.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::SqlInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text that comes from outside the program (a request parameter, a command-line \
          argument, an environment variable) is built into a SQL statement. Whoever controls \
          that text can close the string or number it was meant to be and add SQL of their \
          own: read other users' rows, change or delete data, and on some databases run \
          commands. The path shown with the finding goes from where the value enters to the \
          query that runs it.",
    insecure_example: "
from flask import request

def find_user(db):
    name = request.args[\"name\"]
    return db.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)
",
    secure_example: "
from flask import request

def find_user(db):
    name = request.args[\"name\"]
    return db.execute(\"SELECT * FROM users WHERE name = ?\", (name,))
",
    references: &[
        "https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders",
        "https://owasp.org/www-community/attacks/SQL_Injection",
        "https://cwe.mitre.org/data/definitions/89.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
