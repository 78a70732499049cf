//! Block cipher modes without integrity protection.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct UnauthenticatedCipherMode;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &UnauthenticatedCipherMode;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV640",
    name: "unauthenticated-cipher-mode",
    cwe: &[353, 327],
    severity: Severity::Low,
    confidence: Confidence::Low,
    category: Category::Cryptography,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags CBC, CTR, CFB and OFB modes (`cryptography`'s `modes.CBC()` etc., \
              PyCryptodome `<Cipher>.new(key, <Cipher>.MODE_CBC, ...)`) in files that show no \
              MAC (no HMAC, CMAC or Poly1305 anywhere in the file).",
    why: "These modes only hide data: they do not detect changes. An attacker can flip bits of \
          a CTR, CFB or OFB ciphertext to flip the same bits of the plaintext, and a CBC \
          decryptor that reveals padding errors (an exception, a different status or timing) \
          is a padding oracle that decrypts whole messages. Unless a MAC over the ciphertext is \
          checked before decrypting, use an authenticated mode. The rule cannot follow a MAC \
          computed in another module, hence the low confidence.",
    insecure_example: "
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
",
    secure_example: "
import os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

nonce = os.urandom(12)
ciphertext = AESGCM(key).encrypt(nonce, data, None)
",
    fix: "use an authenticated mode (AES-GCM, ChaCha20-Poly1305, AES-SIV, `Fernet`), or encrypt-then-MAC with HMAC verified before decrypting",
    references: &[
        "https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.CBC",
        "https://cryptography.io/en/latest/hazmat/primitives/aead/",
        "https://www.pycryptodome.org/src/cipher/modern",
    ],
};

const CRYPTOGRAPHY_MODES: &str = "cryptography.hazmat.primitives.ciphers.modes.";
const UNAUTHENTICATED: &[&str] = &["CBC", "CTR", "CFB", "CFB8", "OFB"];
const PYCRYPTODOME_MODES: &[&str] = &[
    "MODE_CBC",
    "MODE_CTR",
    "MODE_CFB",
    "MODE_OFB",
    "MODE_OPENPGP",
];

/// `true` when the file mentions a MAC, so the ciphertext may be
/// authenticated there (encrypt-then-MAC).
fn file_mentions_mac(source: &str) -> bool {
    source.contains("hmac")
        || source.contains("HMAC")
        || source.contains("CMAC")
        || source.contains("Poly1305")
}

impl Rule for UnauthenticatedCipherMode {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // The `cryptography` modes and the `Crypto.Cipher.*.new` factories.
        Some(UNAUTHENTICATED.iter().copied().chain(["new"]).collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["cryptography", "Crypto", "Cryptodome"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let mode = if let Some(mode) = name.strip_prefix(CRYPTOGRAPHY_MODES) {
            if !UNAUTHENTICATED.contains(&mode) {
                return;
            }
            mode.to_owned()
        } else if (name.starts_with("Crypto.Cipher.") || name.starts_with("Cryptodome.Cipher."))
            && name.ends_with(".new")
        {
            let Some(mode) = call.argument("mode", 1) else {
                return;
            };
            let semantic = cx.semantic();
            let mode = match mode {
                Expr::Name(variable) => semantic.single_assigned_value(variable).unwrap_or(mode),
                other => other,
            };
            let Some(resolved) = semantic.qualified_name(mode) else {
                return;
            };
            let is_cipher_constant = resolved.starts_with("Crypto.Cipher.")
                || resolved.starts_with("Cryptodome.Cipher.");
            let Some(member) = resolved
                .rsplit('.')
                .next()
                .filter(|member| is_cipher_constant && PYCRYPTODOME_MODES.contains(member))
            else {
                return;
            };
            member.trim_start_matches("MODE_").to_owned()
        } else {
            return;
        };
        if file_mentions_mac(cx.source()) {
            return;
        }
        cx.report(
            call.range(),
            format!("{mode} mode encrypts without integrity protection and no MAC is visible in this file"),
        )
        .label("unauthenticated encryption");
    }
}
