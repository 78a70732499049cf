//! pymongo clients using the removed MONGODB-CR mechanism.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct MongoBadAuth;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &MongoBadAuth;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV744",
    name: "mongo-bad-auth",
    cwe: &[477, 327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags pymongo / Motor clients configured with the `MONGODB-CR` authentication \
              mechanism, as `authMechanism=` or in the connection URI.",
    why: "MONGODB-CR is a challenge-response scheme built on MD5 that MongoDB deprecated in \
          3.0 and removed in 4.0 (and pymongo in 4.0). Its password hashes are weaker than \
          SCRAM's, it gives no mutual authentication, and code that still asks for it either \
          talks to an unsupported server or fails over in ways that hide misconfiguration.",
    insecure_example: "
from pymongo import MongoClient

client = MongoClient(host, username=user, password=password, authMechanism=\"MONGODB-CR\")
",
    secure_example: "
from pymongo import MongoClient

client = MongoClient(host, username=user, password=password, authMechanism=\"SCRAM-SHA-256\", tls=True)
",
    fix: "use `SCRAM-SHA-256` (or leave `authMechanism` unset so the driver negotiates SCRAM) over TLS",
    references: &[
        "https://pymongo.readthedocs.io/en/stable/examples/authentication.html",
        "https://www.mongodb.com/docs/manual/core/security-scram/",
    ],
};

const CLIENTS: &[&str] = &[
    "pymongo.MongoClient",
    "pymongo.mongo_client.MongoClient",
    "pymongo.AsyncMongoClient",
    "motor.motor_asyncio.AsyncIOMotorClient",
    "motor.motor_tornado.MotorClient",
];

const MECHANISM: &str = "MONGODB-CR";

/// `true` when a connection URI's query sets `authMechanism=MONGODB-CR`.
fn uri_uses_mongodb_cr(uri: &str) -> bool {
    let Some((_, query)) = uri.split_once('?') else {
        return false;
    };
    query.split(['&', ';']).any(|pair| {
        pair.split_once('=').is_some_and(|(key, value)| {
            key.eq_ignore_ascii_case("authMechanism") && value.eq_ignore_ascii_case(MECHANISM)
        })
    })
}

impl Rule for MongoBadAuth {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(CLIENTS.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["pymongo", "motor"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if !CLIENTS.contains(&call.name()) {
            return;
        }
        let semantic = cx.semantic();
        // pymongo accepts option names in any case.
        let by_keyword = call.call.arguments.keywords.iter().any(|keyword| {
            keyword
                .arg
                .as_ref()
                .is_some_and(|arg| arg.as_str().eq_ignore_ascii_case("authMechanism"))
                && semantic
                    .constant_str(&keyword.value)
                    .is_some_and(|value| value.eq_ignore_ascii_case(MECHANISM))
        });
        let by_uri = call
            .argument("host", 0)
            .and_then(|host| semantic.constant_str(host))
            .is_some_and(|uri| uri_uses_mongodb_cr(&uri));
        if by_keyword || by_uri {
            cx.report(
                call.range(),
                "MongoDB client uses `MONGODB-CR`, a deprecated MD5-based authentication mechanism",
            )
            .label("MONGODB-CR authentication");
        }
    }
}
