//! Weak transforms of python-xmlsec (XML signature and encryption).

use crate::helpers::prefilters::may_resolve_with_last;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{Expr, NodeKind};
use ruff_text_size::Ranged;

pub(crate) struct XmlsecWeakAlgorithm;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &XmlsecWeakAlgorithm;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV647",
    name: "xmlsec-weak-algorithm",
    cwe: &[327, 328],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags references to python-xmlsec transforms built on broken or weak algorithms: \
              MD5, SHA-1 (digests, HMAC, RSA and DSA signatures) and Triple DES.",
    why: "XML signatures made with MD5 or SHA-1 digests can be forged with collision attacks \
          (SHA-1 chosen-prefix collisions are practical), HMAC-MD5 and HMAC-SHA1 are \
          deprecated for new protocols, and Triple DES has 64-bit blocks that leak plaintext \
          after a few gigabytes (Sweet32). A SAML or WS-Security message protected with them \
          gives weaker authenticity or secrecy than it claims.",
    insecure_example: "
import xmlsec

ctx = xmlsec.SignatureContext()
signature = xmlsec.template.create(root, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha1)
",
    secure_example: "
import xmlsec

signature = xmlsec.template.create(root, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha256)
",
    fix: "use SHA-256 or stronger (`TransformRsaSha256`, `TransformEcdsaSha256`, `TransformSha256`, `TransformHmacSha256`) and AES-GCM (`TransformAes128Gcm`) for encryption",
    references: &[
        "https://xmlsec.readthedocs.io/en/stable/modules/constants.html",
        "https://www.w3.org/TR/xmldsig-core1/#sec-AlgID",
        "https://www.rfc-editor.org/rfc/rfc6931",
    ],
};

/// (member of `xmlsec.constants`, algorithm shown in messages)
const WEAK_TRANSFORMS: &[(&str, &str)] = &[
    ("TransformDes3Cbc", "Triple DES"),
    ("TransformKWDes3", "Triple DES key wrap"),
    ("TransformRsaMd5", "RSA with MD5"),
    ("TransformRsaSha1", "RSA with SHA-1"),
    ("TransformDsaSha1", "DSA with SHA-1"),
    ("TransformEcdsaSha1", "ECDSA with SHA-1"),
    ("TransformSha1", "SHA-1"),
    ("TransformMd5", "MD5"),
    ("TransformHmacMd5", "HMAC-MD5"),
    ("TransformHmacSha1", "HMAC-SHA1"),
    ("TransformRsaPkcs1", "RSA PKCS#1 v1.5 key transport"),
];

impl Rule for XmlsecWeakAlgorithm {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::expressions(&[NodeKind::ExprAttribute, NodeKind::ExprName])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["xmlsec"]
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        let is_weak = |last: &str| WEAK_TRANSFORMS.iter().any(|(member, _)| *member == last);
        if !may_resolve_with_last(expr, is_weak) {
            return;
        }
        let Some(name) = cx.semantic().qualified_name(expr) else {
            return;
        };
        let Some(member) = name.strip_prefix("xmlsec.constants.") else {
            return;
        };
        let Some((member, algorithm)) = WEAK_TRANSFORMS.iter().find(|(weak, _)| *weak == member)
        else {
            return;
        };
        cx.report(
            expr.range(),
            format!("`xmlsec.constants.{member}` selects {algorithm}, a weak algorithm"),
        )
        .label("weak XML security algorithm");
    }
}
