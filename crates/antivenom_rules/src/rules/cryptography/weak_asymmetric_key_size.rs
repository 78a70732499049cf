//! RSA and DSA keys shorter than 2048 bits, elliptic curves smaller than
//! 224 bits.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct WeakAsymmetricKeySize;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &WeakAsymmetricKeySize;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV606",
    name: "weak-asymmetric-key-size",
    cwe: &[326],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &["B505", "S505"],
    status: Status::Stable,
    summary: "Flags RSA and DSA keys generated with fewer than 2048 bits and elliptic-curve keys \
              on curves under 224 bits, in `cryptography`, PyCrypto / PyCryptodome, paramiko \
              and python-rsa.",
    why: "The cost of breaking a key falls steeply with its size: 512-bit RSA keys are factored \
          in hours on rented machines, 768-bit RSA has been factored publicly and 1024-bit keys \
          are within reach of well-funded attackers. NIST has disallowed RSA/DSA below 2048 \
          bits and curves below 224 bits. Sizes are evaluated as constants (`KEY_BITS = 1024` \
          is followed); unknown sizes are not flagged. Keys under 1024 bits (curves under 192) \
          are reported with high severity.",
    insecure_example: "
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
",
    secure_example: "
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
",
    fix: "generate RSA/DSA keys of at least 2048 bits (3072 for use beyond 2030) or use a curve of 224 bits or more (P-256, Ed25519)",
    references: &[
        "https://cryptography.io/en/latest/hazmat/primitives/asymmetric/rsa/#generation",
        "https://csrc.nist.gov/pubs/sp/800/131/a/r2/final",
        "https://www.pycryptodome.org/src/public_key/rsa",
    ],
};

/// How a key's strength is given.
enum KeySpec {
    /// A modulus size in bits (RSA, DSA).
    Bits {
        family: &'static str,
        name: &'static str,
        position: usize,
    },
    /// A `cryptography` curve object or class.
    CryptographyCurve,
    /// A PyCryptodome curve name.
    CurveName,
}

/// What the callee generates.
fn key_spec(callee: &str) -> Option<KeySpec> {
    Some(match callee {
        "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key" => KeySpec::Bits {
            family: "RSA",
            name: "key_size",
            position: 1,
        },
        "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key"
        | "cryptography.hazmat.primitives.asymmetric.dsa.generate_parameters" => KeySpec::Bits {
            family: "DSA",
            name: "key_size",
            position: 0,
        },
        "Crypto.PublicKey.RSA.generate" | "Cryptodome.PublicKey.RSA.generate" => KeySpec::Bits {
            family: "RSA",
            name: "bits",
            position: 0,
        },
        "Crypto.PublicKey.DSA.generate" | "Cryptodome.PublicKey.DSA.generate" => KeySpec::Bits {
            family: "DSA",
            name: "bits",
            position: 0,
        },
        "paramiko.RSAKey.generate" | "paramiko.rsakey.RSAKey.generate" => KeySpec::Bits {
            family: "RSA",
            name: "bits",
            position: 0,
        },
        "paramiko.DSSKey.generate" | "paramiko.dsskey.DSSKey.generate" => KeySpec::Bits {
            family: "DSA",
            name: "bits",
            position: 0,
        },
        "rsa.newkeys" => KeySpec::Bits {
            family: "RSA",
            name: "nbits",
            position: 0,
        },
        "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key" => {
            KeySpec::CryptographyCurve
        }
        "Crypto.PublicKey.ECC.generate" | "Cryptodome.PublicKey.ECC.generate" => KeySpec::CurveName,
        _ => return None,
    })
}

/// Size in bits of the weak `cryptography` curves.
fn cryptography_curve_bits(qualified_name: &str) -> Option<i64> {
    let curve = qualified_name.strip_prefix("cryptography.hazmat.primitives.asymmetric.ec.")?;
    match curve {
        "SECP192R1" => Some(192),
        "SECT163K1" | "SECT163R2" => Some(163),
        _ => None,
    }
}

/// Size in bits of the weak PyCryptodome curve names.
fn curve_name_bits(name: &str) -> Option<i64> {
    match name.to_ascii_lowercase().as_str() {
        "p-192" | "p192" | "nist p-192" | "prime192v1" | "secp192r1" => Some(192),
        _ => None,
    }
}

impl Rule for WeakAsymmetricKeySize {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // The last segments of the names [`key_spec`] knows.
        Some(vec![
            "generate_private_key",
            "generate_parameters",
            "generate",
            "newkeys",
        ])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["cryptography", "Crypto", "Cryptodome", "paramiko"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(spec) = key_spec(call.name()) else {
            return;
        };
        let semantic = cx.semantic();
        let (family, bits, minimum, very_weak) = match spec {
            KeySpec::Bits {
                family,
                name,
                position,
            } => {
                let Some(size) = call
                    .argument(name, position)
                    .and_then(|size| semantic.constant(size))
                    .and_then(|size| size.as_int())
                else {
                    return;
                };
                (family, size, 2048, 1024)
            }
            KeySpec::CryptographyCurve => {
                let Some(curve) = call.argument("curve", 0) else {
                    return;
                };
                // `ec.SECP192R1()` or the class `ec.SECP192R1`.
                let curve = match curve {
                    Expr::Call(instance) => instance.func.as_ref(),
                    other => other,
                };
                let Some(bits) = semantic
                    .qualified_name(curve)
                    .and_then(|name| cryptography_curve_bits(&name))
                else {
                    return;
                };
                ("EC", bits, 224, 192)
            }
            KeySpec::CurveName => {
                let Some(bits) = call
                    .keyword("curve")
                    .and_then(|curve| semantic.constant_str(curve))
                    .and_then(|curve| curve_name_bits(&curve))
                else {
                    return;
                };
                ("EC", bits, 224, 192)
            }
        };
        if bits <= 0 || bits >= minimum {
            return;
        }
        let severity = if bits < very_weak {
            Severity::High
        } else {
            Severity::Medium
        };
        cx.report(
            call.range(),
            format!("{family} key of {bits} bits; at least {minimum} bits are needed"),
        )
        .label("key too small")
        .severity(severity);
    }
}
