//! Request data and other untrusted input used as a MongoDB query document.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::NosqlInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "A document decoded from the request (JSON, or form data parsed into nested \
          dictionaries) is used as a MongoDB filter, or as part of one. The client then writes \
          query operators instead of plain values: `{\"password\": {\"$ne\": null}}` logs in \
          without a password, `{\"$regex\": \".*\"}` or `{\"$gt\": \"\"}` matches every record, and \
          `$where` runs JavaScript on the database server. The path shown with the finding \
          goes from where the document enters to the query that uses it.",
    insecure_example: "
from flask import request
from pymongo.collection import Collection

def login(users: Collection):
    body = request.get_json()
    return users.find_one({\"user\": body[\"user\"], \"password\": body[\"password\"]})
",
    secure_example: "
from flask import request
from pymongo.collection import Collection

def count_orders(orders: Collection):
    customer = int(request.get_json()[\"customer\"])
    return orders.count_documents({\"customer\": customer})
",
    references: &[
        "https://pymongo.readthedocs.io/en/stable/api/pymongo/collection.html#pymongo.collection.Collection.find",
        "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection",
        "https://cwe.mitre.org/data/definitions/943.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
