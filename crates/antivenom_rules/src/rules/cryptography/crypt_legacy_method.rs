//! Audit: `crypt` with any of its legacy methods (DES, MD5, Blowfish).

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct CryptLegacyMethod;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &CryptLegacyMethod;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV671",
    name: "crypt-legacy-method",
    cwe: &[328, 916],
    severity: Severity::Low,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &["B324", "S324"],
    status: Status::Audit,
    summary: "Flags `crypt.crypt` and `crypt.mksalt` called with the DES, MD5 or Blowfish method.",
    why: "The `crypt` module (deprecated, removed in Python 3.13) wraps the system's password \
          hashing. Its DES and MD5 methods are fast enough to brute-force and are reported by \
          the stable rule weak-hash-hashlib (AV601). The Blowfish method (bcrypt) is still a \
          reasonable password hash, but depends on the platform's `crypt(3)` and truncates \
          passwords at 72 bytes; this audit rule lists it as well, so that a migration away \
          from `crypt` finds every legacy call.",
    insecure_example: "
import crypt

def store(password):
    return crypt.crypt(password, crypt.mksalt(crypt.METHOD_MD5))
",
    secure_example: "
import hashlib, os

def store(password):
    salt = os.urandom(16)
    return salt + hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
",
    fix: "hash passwords with a maintained library (`hashlib.scrypt`, argon2-cffi, bcrypt) instead of `crypt`",
    references: &[
        "https://docs.python.org/3.12/library/crypt.html",
        "https://peps.python.org/pep-0594/#crypt",
    ],
};

/// The `crypt` methods this rule lists.
const LEGACY_METHODS: &[&str] = &[
    "crypt.METHOD_CRYPT",
    "crypt.METHOD_MD5",
    "crypt.METHOD_BLOWFISH",
];

impl Rule for CryptLegacyMethod {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["crypt.crypt", "crypt.mksalt"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["crypt"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let method = match call.name() {
            "crypt.crypt" => call.argument("salt", 1),
            "crypt.mksalt" => call.argument("method", 0),
            _ => return,
        };
        let Some(method) = method.and_then(|method| cx.semantic().qualified_name(method)) else {
            return;
        };
        let Some(method) = LEGACY_METHODS.iter().find(|legacy| **legacy == method) else {
            return;
        };
        // The call's range: the one weak-hash-hashlib reports, so that a
        // call reported by both is shown once.
        cx.report(
            call.range(),
            format!("`{}` uses the legacy `{method}` password hash", call.name()),
        )
        .label("legacy password hash");
    }
}
