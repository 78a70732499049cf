//! python3-saml (OneLogin) settings that weaken SAML response checks.

use crate::helpers::literal_values::dict_display_entry;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, NodeKind};
use ruff_text_size::Ranged;

pub(crate) struct SamlInsecureSettings;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SamlInsecureSettings;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV646",
    name: "saml-insecure-settings",
    cwe: &[347, 327],
    severity: Severity::High,
    confidence: Confidence::Medium,
    category: Category::Cryptography,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags python3-saml (OneLogin) settings dicts with `\"strict\": False`, and \
              security dicts whose `signatureAlgorithm` or `digestAlgorithm` is SHA-1, in files \
              that import `onelogin`.",
    why: "With `strict` off, python3-saml skips most checks of a SAML response (destination, \
          audience, recipient, timestamps, in-response-to, and several signature \
          requirements), so a response meant for another service provider, a replayed \
          response or an unsolicited one may log a user in. SHA-1 signatures and digests can be \
          attacked with practical collisions, which weakens the only proof that an assertion \
          comes from the identity provider.",
    insecure_example: "
from onelogin.saml2.auth import OneLogin_Saml2_Auth

SAML_SETTINGS = {\"strict\": False, \"debug\": True, \"sp\": SP, \"idp\": IDP}
auth = OneLogin_Saml2_Auth(request_data, SAML_SETTINGS)
",
    secure_example: "
from onelogin.saml2.auth import OneLogin_Saml2_Auth

SAML_SETTINGS = {
    \"strict\": True,
    \"sp\": SP,
    \"idp\": IDP,
    \"security\": {
        \"wantAssertionsSigned\": True,
        \"signatureAlgorithm\": \"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\",
        \"digestAlgorithm\": \"http://www.w3.org/2001/04/xmlenc#sha256\",
    },
}
auth = OneLogin_Saml2_Auth(request_data, SAML_SETTINGS)
",
    fix: "keep `\"strict\": True` (the default) and use RSA-SHA256 signatures with SHA-256 digests",
    references: &[
        "https://github.com/SAML-Toolkits/python3-saml#settings",
        "https://www.w3.org/TR/xmldsig-core1/#sec-AlgID",
    ],
};

/// SHA-1 based XML-DSig algorithm identifiers.
const SHA1_URIS: &[&str] = &[
    "http://www.w3.org/2000/09/xmldsig#sha1",
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
    "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
];

/// `OneLogin_Saml2_Constants` members naming SHA-1 algorithms.
const SHA1_CONSTANTS: &[&str] = &["SHA1", "RSA_SHA1", "DSA_SHA1", "HMAC_SHA1"];

/// `true` when `value` names a SHA-1 algorithm, as a URI or as a constant of
/// `onelogin.saml2.constants.OneLogin_Saml2_Constants`.
fn is_sha1_algorithm(semantic: &FileSemantic<'_>, value: &Expr) -> bool {
    if let Some(Constant::Str(uri)) = semantic.constant(value) {
        return SHA1_URIS.contains(&uri.as_str());
    }
    semantic.qualified_name(value).is_some_and(|name| {
        name.starts_with("onelogin.")
            && name.rsplit_once('.').is_some_and(|(owner, member)| {
                owner.ends_with("OneLogin_Saml2_Constants") && SHA1_CONSTANTS.contains(&member)
            })
    })
}

fn is_false(semantic: &FileSemantic<'_>, value: &Expr) -> bool {
    matches!(semantic.constant(value), Some(Constant::Bool(false)))
}

impl Rule for SamlInsecureSettings {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::expressions(&[NodeKind::ExprDict])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["onelogin"]
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        let Expr::Dict(dict) = expr else {
            return;
        };
        let semantic = cx.semantic();
        // The top-level settings dict: `strict` next to `sp` / `idp`.
        let is_settings = ["sp", "idp"]
            .iter()
            .any(|key| dict_display_entry(semantic, dict, key).is_some());
        if is_settings
            && let Some(strict) = dict_display_entry(semantic, dict, "strict")
            && is_false(semantic, strict)
        {
            cx.report(
                strict.range(),
                "python3-saml runs with `strict` off, skipping most checks of SAML responses",
            )
            .label("strict mode disabled");
        }
        for key in ["signatureAlgorithm", "digestAlgorithm"] {
            if let Some(algorithm) = dict_display_entry(semantic, dict, key)
                && is_sha1_algorithm(semantic, algorithm)
            {
                cx.report(
                    algorithm.range(),
                    format!("python3-saml `{key}` is SHA-1, which is open to collision attacks"),
                )
                .label("SHA-1 in SAML signatures")
                .severity(Severity::Medium)
                .confidence(Confidence::High);
            }
        }
    }
}
