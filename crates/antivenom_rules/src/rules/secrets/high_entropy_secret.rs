//! Randomly generated strings bound to names of keys and credentials that
//! the password rules do not cover (`private_key`, `access_key`, `auth`,
//! `credentials`).

use crate::helpers::fake_values::fake_kind;
use crate::helpers::provider_formats::find_provider_secret;
use crate::helpers::secret_bindings::bound_name;
use crate::helpers::secret_entropy::looks_generated;
use crate::helpers::secret_values::is_hardcoded_credential;
use crate::helpers::sensitive_names::{Vocabulary, sensitive_word, words};
use crate::helpers::test_code::in_test_code;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{Expr, NodeKind};
use ruff_text_size::Ranged;

pub(crate) struct HighEntropySecret;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HighEntropySecret;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV505",
    name: "high-entropy-secret",
    cwe: &[798],
    severity: Severity::High,
    confidence: Confidence::Medium,
    category: Category::Secrets,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags randomly generated-looking strings (high Shannon entropy, mixed letters and \
              digits) assigned to, passed as or stored under a name that denotes a key or \
              credential (`private_key`, `access_key`, `signing_key`, `auth`, `credentials`).",
    why: "A long random string under a key's name is almost always the key itself: an API \
          secret, a signing or encryption key, an access key. Whoever reads the source, its \
          history or a built package can use it, and it cannot be rotated without a release. \
          The value must look generated: at least 16 characters of a key alphabet (hex, \
          base62, base64), digits and letters, close to the entropy of random text of its \
          length, and not a path, dotted name, identifier, URL, template or placeholder \
          (`YOUR_KEY`, `example`, `xxxx`, typed sequences). Names handled by \
          `hardcoded-password-string` (password, secret, token, api key) and formats \
          recognised by `hardcoded-provider-secret` are left to those rules, so a value is \
          reported once. Test code (test modules, `test_*` functions, `Test*` classes) is not \
          checked: random-looking fixtures are the norm there.",
    insecure_example: "
SIGNING_KEY = \"q8Zr4Kx2Lw9Vn7Tp3MbB6sYc\"
",
    secure_example: "
import os

SIGNING_KEY = os.environ[\"SIGNING_KEY\"]
",
    fix: "rotate the key, then load it from the environment or a secrets manager",
    references: &[
        "https://cwe.mitre.org/data/definitions/798.html",
        "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
    ],
};

/// Words that, before `key`, make it a secret key (`private_key`,
/// `ACCESS_KEY`, `hmacKey`) rather than a lookup key (`cache_key`).
const KEY_QUALIFIERS: &[&str] = &[
    "access",
    "private",
    "signing",
    "sign",
    "signature",
    "encryption",
    "encrypt",
    "decryption",
    "master",
    "auth",
    "hmac",
    "shared",
    "secret",
    "account",
    "storage",
    "subscription",
    "license",
    "service",
    "webhook",
    "jwt",
    "crypto",
    "aes",
    "cipher",
];

/// Words that, ending a name, make it hold a credential.
const CREDENTIAL_ENDINGS: &[&str] = &[
    "auth",
    "authorization",
    "credential",
    "credentials",
    "cred",
    "creds",
    "bearer",
];

/// `true` when `name` names a key or credential.
fn is_key_name(name: &str) -> bool {
    if sensitive_word(name, Vocabulary::Credential).is_some() {
        return true;
    }
    let words = words(name);
    let mut meaningful = words
        .iter()
        .rev()
        .filter(|word| !word.chars().all(|c| c.is_ascii_digit()));
    match meaningful.next().map(String::as_str) {
        Some("key" | "keys") => meaningful
            .next()
            .is_some_and(|previous| KEY_QUALIFIERS.contains(&previous.as_str())),
        Some(last) => CREDENTIAL_ENDINGS.contains(&last),
        None => false,
    }
}

impl Rule for HighEntropySecret {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::expressions(&[NodeKind::ExprStringLiteral])
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        let Expr::StringLiteral(literal) = expr else {
            return;
        };
        let text = literal.value.to_str();
        // Byte checks (length, alphabet, entropy) before any name lookup.
        if !looks_generated(text) || fake_kind(text).is_some() {
            return;
        }
        let Some(name) = bound_name(cx, expr) else {
            return;
        };
        if !is_key_name(&name)
            || is_hardcoded_credential(&name, expr)
            || find_provider_secret(text).is_some()
            || in_test_code(cx, expr.range())
        {
            return;
        }
        cx.report(
            expr.range(),
            format!("hard-coded secret: random-looking value of `{name}`"),
        )
        .label("high-entropy secret");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names() {
        for name in [
            "private_key",
            "AWS_ACCESS_KEY",
            "hmacKey",
            "signing_key2",
            "auth",
            "BASIC_AUTH",
            "credentials",
            "client_secret",
        ] {
            assert!(is_key_name(name), "{name}");
        }
        for name in [
            "cache_key",
            "key",
            "primary_key",
            "access_key_id",
            "auth_url",
            "author",
        ] {
            assert!(!is_key_name(name), "{name}");
        }
    }
}
