//! Request data and other untrusted input reaching an LDAP search filter or base DN.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::LdapInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program is pasted into an LDAP search filter or distinguished \
          name. Filter syntax is made of parentheses, `*`, `&` and `|`, so a user name such as \
          `*)(uid=*))(|(uid=*` rewrites the filter: it matches every entry, bypasses a check \
          that the search finds exactly one account, or reads attributes the query was never \
          meant to return. The path shown with the finding goes from where the value enters to \
          the search.",
    insecure_example: "
import ldap
from flask import request

def find_user(conn):
    user = request.form[\"user\"]
    return conn.search_s(\"ou=people,dc=example,dc=com\", ldap.SCOPE_SUBTREE, \"(uid=\" + user + \")\")
",
    secure_example: "
import ldap
import ldap.filter
from flask import request

def find_user(conn):
    user = ldap.filter.escape_filter_chars(request.form[\"user\"])
    return conn.search_s(\"ou=people,dc=example,dc=com\", ldap.SCOPE_SUBTREE, \"(uid=\" + user + \")\")
",
    references: &[
        "https://www.python-ldap.org/en/latest/reference/ldap-filter.html",
        "https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/90.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
