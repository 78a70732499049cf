//! Block ciphers in ECB mode.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct EcbCipherMode;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &EcbCipherMode;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV604",
    name: "ecb-cipher-mode",
    cwe: &[327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &["B305", "S305"],
    status: Status::Stable,
    summary: "Flags block ciphers used in ECB mode: `cryptography`'s `modes.ECB()` and \
              PyCrypto / PyCryptodome `<Cipher>.new(key, <Cipher>.MODE_ECB)`.",
    why: "ECB encrypts every block independently with the same key, so equal plaintext blocks \
          give equal ciphertext blocks: patterns in the data stay visible, blocks can be \
          reordered, replayed or spliced between messages, and an attacker who can have data \
          encrypted can often decrypt other blocks byte by byte. ECB has no IV and no integrity \
          protection.",
    insecure_example: "
from Crypto.Cipher import AES

def encrypt(key, data):
    return AES.new(key, AES.MODE_ECB).encrypt(data)
",
    secure_example: "
from Crypto.Cipher import AES

def encrypt(key, data):
    cipher = AES.new(key, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce, ciphertext, tag
",
    fix: "use an authenticated mode (GCM, CCM, EAX, SIV) or ChaCha20-Poly1305 with a fresh nonce per message",
    references: &[
        "https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB",
        "https://www.pycryptodome.org/src/cipher/classic#ecb-mode",
    ],
};

/// `true` for `Crypto.Cipher.AES.MODE_ECB` and its PyCryptodome twin.
fn is_ecb_constant(name: &str) -> bool {
    (name.starts_with("Crypto.Cipher.") || name.starts_with("Cryptodome.Cipher."))
        && name.ends_with(".MODE_ECB")
}

impl Rule for EcbCipherMode {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // `modes.ECB(...)` and the `Crypto.Cipher.*.new` factories.
        Some(vec!["ECB", "new"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["cryptography", "Crypto", "Cryptodome"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        if name == "cryptography.hazmat.primitives.ciphers.modes.ECB" {
            cx.report(
                call.range(),
                "`modes.ECB` encrypts blocks independently and leaks patterns",
            )
            .label("ECB mode");
            return;
        }
        let is_cipher_factory = (name.starts_with("Crypto.Cipher.")
            || name.starts_with("Cryptodome.Cipher."))
            && name.ends_with(".new");
        if !is_cipher_factory {
            return;
        }
        let Some(mode) = call.argument("mode", 1) else {
            return;
        };
        let semantic = cx.semantic();
        // `MODE = AES.MODE_ECB` then `AES.new(key, MODE)`.
        let mode = match mode {
            Expr::Name(variable) => semantic.single_assigned_value(variable).unwrap_or(mode),
            other => other,
        };
        if !semantic
            .qualified_name(mode)
            .is_some_and(|resolved| is_ecb_constant(&resolved))
        {
            return;
        }
        cx.report(
            call.range(),
            format!("`{name}` is used in ECB mode, which encrypts blocks independently and leaks patterns"),
        )
        .label("ECB mode");
    }
}
