//! Constant keys, IVs and nonces handed to cipher constructors.

use crate::helpers::literal_values::constant_bytes;
use crate::helpers::receivers::constructor;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct StaticIvOrKey;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &StaticIvOrKey;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV641",
    name: "static-iv-or-key",
    cwe: &[321, 329, 1204, 327],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags cipher keys, IVs and nonces written as constant bytes in the code \
              (`algorithms.AES(b\"...\")`, `modes.CBC(b\"\\0\" * 16)`, `AESGCM(b\"...\")`, \
              `AES.new(b\"...\", mode, iv=b\"...\")`, `aead.encrypt(b\"fixed\", ...)`).",
    why: "A key that is part of the source code is known to everyone who can read the code, \
          the package or the binary, so everything encrypted with it can be decrypted and \
          forged. A constant IV or nonce makes equal plaintexts give equal ciphertexts in CBC \
          and CFB, and in CTR, GCM and ChaCha20 reusing a nonce with the same key leaks the \
          XOR of the plaintexts and (for GCM and Poly1305) lets an attacker forge messages. \
          An empty key is the worst case of a constant key.",
    insecure_example: "
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

cipher = Cipher(algorithms.AES(b\"0123456789abcdef\"), modes.CBC(b\"\\x00\" * 16))
",
    secure_example: "
import os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

key = load_key_from_secret_store()
nonce = os.urandom(12)
ciphertext = AESGCM(key).encrypt(nonce, data, None)
",
    fix: "load keys from a secret store or derive them with a KDF, and draw a fresh random IV/nonce (`os.urandom`, `secrets.token_bytes`) for every message",
    references: &[
        "https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/",
        "https://cryptography.io/en/latest/hazmat/primitives/aead/",
        "https://www.pycryptodome.org/src/cipher/classic",
        "https://cwe.mitre.org/data/definitions/329.html",
    ],
};

const CRYPTOGRAPHY_ALGORITHMS: &str = "cryptography.hazmat.primitives.ciphers.algorithms.";
const CRYPTOGRAPHY_MODES: &str = "cryptography.hazmat.primitives.ciphers.modes.";
const CRYPTOGRAPHY_AEAD: &str = "cryptography.hazmat.primitives.ciphers.aead.";

/// What a constant argument is.
#[derive(Clone, Copy)]
enum Secret {
    Key,
    Iv,
    Nonce,
}

impl Secret {
    const fn describe(self) -> &'static str {
        match self {
            Self::Key => "key",
            Self::Iv => "IV",
            Self::Nonce => "nonce",
        }
    }
}

/// The arguments of `call` that must not be constant, by the callee.
fn secret_arguments<'e>(call: &CallSite<'e>, receiver: Option<&str>) -> Vec<(Secret, &'e Expr)> {
    let name = call.name();
    let mut found = Vec::new();
    let mut push = |secret, argument: Option<&'e Expr>| {
        if let Some(argument) = argument {
            found.push((secret, argument));
        }
    };
    if let Some(algorithm) = name.strip_prefix(CRYPTOGRAPHY_ALGORITHMS) {
        push(Secret::Key, call.argument("key", 0));
        if algorithm == "ChaCha20" {
            push(Secret::Nonce, call.argument("nonce", 1));
        }
    } else if let Some(mode) = name.strip_prefix(CRYPTOGRAPHY_MODES) {
        match mode {
            "CBC" | "CFB" | "CFB8" | "OFB" | "GCM" => {
                push(Secret::Iv, call.argument("initialization_vector", 0));
            }
            "CTR" => push(Secret::Nonce, call.argument("nonce", 0)),
            _ => {}
        }
    } else if name.starts_with(CRYPTOGRAPHY_AEAD) {
        push(Secret::Key, call.argument("key", 0));
    } else if (name.starts_with("Crypto.Cipher.") || name.starts_with("Cryptodome.Cipher."))
        && name.ends_with(".new")
    {
        push(Secret::Key, call.argument("key", 0));
        push(
            Secret::Iv,
            call.argument("iv", 2).or_else(|| call.keyword("IV")),
        );
        push(Secret::Nonce, call.keyword("nonce"));
    } else if receiver.is_some_and(|receiver| receiver.starts_with(CRYPTOGRAPHY_AEAD))
        && matches!(call.call.func.as_ref(), Expr::Attribute(attribute) if attribute.attr.as_str() == "encrypt")
    {
        // `AESGCM(key).encrypt(nonce, data, aad)`: a fixed nonce repeats.
        push(Secret::Nonce, call.argument("nonce", 0));
    }
    found
}

impl Rule for StaticIvOrKey {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn modules(&self) -> &'static [&'static str] {
        &["cryptography", "Crypto", "Cryptodome"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        let receiver = match (call.qualified_name(), call.call.func.as_ref()) {
            (None, Expr::Attribute(attribute)) => constructor(semantic, &attribute.value),
            _ => None,
        };
        if call.qualified_name().is_none() && receiver.is_none() {
            return;
        }
        // One finding per call: the key first, then the IV or nonce.
        let Some((secret, bytes)) = secret_arguments(call, receiver.as_deref())
            .into_iter()
            .find_map(|(secret, argument)| {
                constant_bytes(semantic, argument).map(|bytes| (secret, bytes))
            })
        else {
            return;
        };
        let what = secret.describe();
        let callee = receiver.map_or_else(
            || {
                call.name()
                    .rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            },
            |_| "encrypt".to_owned(),
        );
        let message = if bytes.is_empty() {
            format!("`{callee}` is given an empty {what}")
        } else {
            format!("`{callee}` is given a constant {what} written in the code")
        };
        let found = cx
            .report(call.range(), message)
            .label(format!("constant {what}"));
        if !matches!(secret, Secret::Key) {
            found
                .severity(Severity::Medium)
                .confidence(Confidence::Medium);
        }
    }
}
