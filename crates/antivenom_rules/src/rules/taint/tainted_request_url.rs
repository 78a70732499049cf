//! Request data and other untrusted input choosing the URL or host of an outgoing request (SSRF).

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::Ssrf;

const DOCS: TaintDocs = TaintDocs {
    why: "A URL or host name from outside the program decides where the server sends a \
          request. The server usually sits behind the firewall, so the attacker uses it as a \
          proxy: they reach internal admin interfaces and databases on `localhost` or private \
          addresses, read cloud credentials from the metadata service at `169.254.169.254`, or \
          scan the internal network by timing the answers. The path shown with the finding \
          goes from where the value enters to the call that makes the request.",
    insecure_example: "
import requests
from flask import request

def preview():
    url = request.args[\"url\"]
    return requests.get(url, timeout=5).text
",
    secure_example: "
import requests
from flask import request

def avatar():
    user = request.args[\"user\"]
    response = requests.get(\"https://avatars.example.com/lookup\", params={\"user\": user}, timeout=5)
    return response.content
",
    references: &[
        "https://requests.readthedocs.io/en/latest/user/quickstart/#passing-parameters-in-urls",
        "https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/918.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
