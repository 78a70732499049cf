//! `hashlib` MD4/MD5/SHA-1 (and `crypt` DES/MD5 methods) used without
//! `usedforsecurity=False`.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct WeakHashHashlib;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &WeakHashHashlib;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV601",
    name: "weak-hash-hashlib",
    cwe: &[328, 327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &["B324", "S324"],
    status: Status::Stable,
    summary: "Flags `hashlib.md5`, `hashlib.sha1` and `hashlib.new` with a broken algorithm \
              (MD4, MD5, SHA-1, RIPEMD-160, …) unless `usedforsecurity=False` is passed, and \
              `crypt` with the DES or MD5 methods.",
    why: "MD4 and MD5 collisions take seconds to compute and SHA-1 collisions are practical, so \
          signatures, integrity checks, tokens or password hashes built on them can be forged \
          or cracked. When the digest is not used for security (a cache key, a checksum against \
          accidental corruption), say so with `usedforsecurity=False` (Python 3.9+): the call \
          is then not flagged and keeps working on FIPS-restricted systems.",
    insecure_example: "
import hashlib

def sign(secret, message):
    return hashlib.md5(secret + message).hexdigest()
",
    secure_example: "
import hashlib

def cache_key(url):
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
",
    fix: "use `hashlib.sha256` or stronger (or `hmac` / a password hash); pass `usedforsecurity=False` \
          when the digest protects nothing",
    references: &[
        "https://docs.python.org/3/library/hashlib.html#hashlib.new",
        "https://docs.python.org/3.12/library/crypt.html",
        "https://csrc.nist.gov/projects/hash-functions/nist-policy-on-hash-functions",
    ],
};

/// Algorithm names (lower case) that `hashlib.new` accepts and that are
/// broken.
const WEAK_ALGORITHMS: &[&str] = &[
    "md2",
    "md4",
    "md5",
    "md5-sha1",
    "md5_sha1",
    "mdc2",
    "sha",
    "sha1",
    "ripemd160",
];

impl WeakHashHashlib {
    /// `crypt.crypt(word, salt=crypt.METHOD_MD5)`, `crypt.mksalt(crypt.METHOD_CRYPT)`.
    fn check_crypt(call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let method = match call.name() {
            "crypt.crypt" => call.argument("salt", 1),
            "crypt.mksalt" => call.argument("method", 0),
            _ => return,
        };
        let Some(method) = method else {
            return;
        };
        let Some(resolved) = cx.semantic().qualified_name(method) else {
            return;
        };
        let algorithm = match resolved.as_str() {
            "crypt.METHOD_CRYPT" => "DES-based crypt",
            "crypt.METHOD_MD5" => "MD5-based crypt",
            _ => return,
        };
        cx.report(
            call.range(),
            format!(
                "`{}` uses {algorithm}, which is too weak for passwords",
                call.name()
            ),
        )
        .label("weak password hash")
        .fix("use a modern password hash (scrypt, Argon2, bcrypt) instead of `crypt`");
    }
}

/// `true` when the call says the digest is not used for security.
fn not_for_security(call: &CallSite<'_>, cx: &RuleContext<'_, '_>) -> bool {
    match call.keyword("usedforsecurity") {
        // A non-constant flag: assume the caller decides correctly.
        Some(flag) => cx
            .semantic()
            .constant(flag)
            .is_none_or(|value| !value.is_truthy()),
        None => call.has_unpacking(),
    }
}

impl Rule for WeakHashHashlib {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec![
            "hashlib.md5",
            "_hashlib.openssl_md5",
            "hashlib.sha1",
            "_hashlib.openssl_sha1",
            "hashlib.new",
            "crypt.crypt",
            "crypt.mksalt",
        ])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["hashlib", "_hashlib", "crypt"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let algorithm = match call.name() {
            "hashlib.md5" | "_hashlib.openssl_md5" => "MD5".to_owned(),
            "hashlib.sha1" | "_hashlib.openssl_sha1" => "SHA-1".to_owned(),
            "hashlib.new" => {
                let Some(name) = call.argument("name", 0) else {
                    return;
                };
                let Some(name) = cx.semantic().constant_str(name) else {
                    return;
                };
                let lowered = name.to_ascii_lowercase();
                if !WEAK_ALGORITHMS.contains(&lowered.as_str()) {
                    return;
                }
                name
            }
            "crypt.crypt" | "crypt.mksalt" => return Self::check_crypt(call, cx),
            _ => return,
        };
        if not_for_security(call, cx) {
            return;
        }
        let callee = call.name();
        let what = if callee == "hashlib.new" {
            format!("`hashlib.new(\"{algorithm}\")`")
        } else {
            format!("`{callee}`")
        };
        cx.report(
            call.range(),
            format!("{what} uses the broken {algorithm} hash without `usedforsecurity=False`"),
        )
        .label("broken hash algorithm");
    }
}
