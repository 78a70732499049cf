//! `SSLContext.set_ciphers` with weak cipher suites.

use crate::helpers::receivers::{bound_value, constructor, file_imports};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct SslWeakCiphers;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SslWeakCiphers;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV742",
    name: "ssl-weak-ciphers",
    cwe: &[326, 327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `set_ciphers` on an `ssl` context with a constant cipher string that \
              enables weak suites: `ALL`, `NULL`/`eNULL`/`aNULL`, `EXPORT`, `LOW`, RC4, DES, \
              3DES or MD5.",
    why: "The cipher string decides which suites a TLS connection may negotiate. NULL suites \
          do not encrypt, aNULL suites do not authenticate the server (anyone in the middle \
          can impersonate it), EXPORT and LOW suites use keys short enough to brute-force, \
          RC4 is biased, DES/3DES have small keys or 64-bit blocks, and MD5 MACs are broken. \
          Enabling them lets an attacker who can tamper with the connection downgrade to a \
          suite they can break.",
    insecure_example: "
import ssl

context = ssl.create_default_context()
context.set_ciphers(\"ALL\")
",
    secure_example: "
import ssl

context = ssl.create_default_context()
context.set_ciphers(\"ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL\")
",
    fix: "keep the defaults of `ssl.create_default_context()`, or list only AEAD suites with forward secrecy and exclude `!aNULL:!eNULL:!EXPORT:!LOW:!RC4:!DES:!3DES:!MD5`",
    references: &[
        "https://docs.python.org/3/library/ssl.html#ssl.SSLContext.set_ciphers",
        "https://docs.openssl.org/master/man1/openssl-ciphers/",
        "https://www.rfc-editor.org/rfc/rfc7525",
    ],
};

/// Constructors of `ssl` contexts.
const CONTEXT_CONSTRUCTORS: &[&str] = &[
    "ssl.SSLContext",
    "ssl.create_default_context",
    "ssl._create_unverified_context",
    "ssl._create_default_https_context",
];

/// Cipher-string words that select weak suites, upper-cased.
const WEAK_WORDS: &[&str] = &[
    "NULL", "ENULL", "ANULL", "EXPORT", "EXP", "LOW", "RC4", "DES", "3DES", "MD5", "ADH", "AECDH",
];

/// The first weak element of an OpenSSL cipher string, if any. Elements
/// are separated by `:`, `,` or spaces; `!x` and `-x` remove suites and
/// `+x` only reorders them, so only plain elements can add weak suites.
/// `ALL` counts unless the string also removes the unencrypted and
/// unauthenticated suites.
fn weak_element(ciphers: &str) -> Option<&str> {
    let elements: Vec<&str> = ciphers
        .split([':', ',', ' '])
        .filter(|element| !element.is_empty())
        .collect();
    let removed = |word: &str| {
        elements.iter().any(|element| {
            element
                .strip_prefix(['!', '-'])
                .is_some_and(|rest| rest.eq_ignore_ascii_case(word))
        })
    };
    let all_cleaned = removed("NULL") || (removed("eNULL") && removed("aNULL"));
    elements.iter().copied().find(|element| {
        if element.starts_with(['!', '-', '+', '@']) {
            return false;
        }
        if ["ALL", "COMPLEMENTOFALL"]
            .iter()
            .any(|all| element.eq_ignore_ascii_case(all))
        {
            return !all_cleaned;
        }
        // `RSA+RC4` (intersection) and `DES-CBC3-SHA` (suite name).
        element.split(['+', '-']).any(|word| {
            WEAK_WORDS
                .iter()
                .any(|weak| word.eq_ignore_ascii_case(weak))
                && !removed(word)
        })
    })
}

impl Rule for SslWeakCiphers {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["set_ciphers"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["ssl"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Expr::Attribute(attribute) = call.call.func.as_ref() else {
            return;
        };
        if attribute.attr.as_str() != "set_ciphers" {
            return;
        }
        let Some(argument) = call.argument("ciphers", 0) else {
            return;
        };
        let semantic = cx.semantic();
        let Some(ciphers) = semantic.constant_str(argument) else {
            return;
        };
        let Some(element) = weak_element(&ciphers) else {
            return;
        };
        // A receiver built by a call other than an `ssl` constructor is
        // another API; one whose origin is unknown (a parameter, an
        // attribute) counts when the file imports `ssl`.
        let is_ssl_context = match bound_value(semantic, &attribute.value) {
            Some(Expr::Call(_) | Expr::Await(_)) => constructor(semantic, &attribute.value)
                .is_some_and(|name| CONTEXT_CONSTRUCTORS.contains(&name.as_str())),
            _ => file_imports(semantic, "ssl"),
        };
        if !is_ssl_context {
            return;
        }
        cx.report(
            call.range(),
            format!("`set_ciphers` enables weak TLS cipher suites (`{element}`)"),
        )
        .label("weak cipher suites");
    }
}

#[cfg(test)]
mod tests {
    use super::weak_element;

    #[test]
    fn finds_weak_elements() {
        assert_eq!(weak_element("ALL"), Some("ALL"));
        assert_eq!(weak_element("ALL:!aNULL:!eNULL"), None);
        assert_eq!(weak_element("HIGH:!aNULL:!MD5:!RC4"), None);
        assert_eq!(weak_element("RC4-SHA:AES128-SHA"), Some("RC4-SHA"));
        assert_eq!(weak_element("DES-CBC3-SHA"), Some("DES-CBC3-SHA"));
        assert_eq!(weak_element("ECDHE+AESGCM:ECDHE+CHACHA20"), None);
        assert_eq!(weak_element("DEFAULT:@SECLEVEL=1"), None);
        assert_eq!(weak_element("eNULL"), Some("eNULL"));
    }
}
