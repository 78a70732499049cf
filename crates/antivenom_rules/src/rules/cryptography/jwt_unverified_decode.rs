//! JWTs decoded with signature verification turned off.

use crate::helpers::literal_values::{dict_entry, is_falsy_constant};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

pub(crate) struct JwtUnverifiedDecode;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &JwtUnverifiedDecode;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV644",
    name: "jwt-unverified-decode",
    cwe: &[347, 287],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags PyJWT and python-jose `jwt.decode` calls with \
              `options={\"verify_signature\": False}` or the legacy `verify=False`, and \
              python-jose `jwt.get_unverified_claims`.",
    why: "Without signature verification a token's claims are whatever its sender wrote: an \
          attacker can change the subject, roles or expiry and the application will believe \
          them. Reading unverified claims is only safe for choosing a key or for display, \
          never for an access decision.",
    insecure_example: "
import jwt

claims = jwt.decode(token, options={\"verify_signature\": False})
user = User.objects.get(pk=claims[\"sub\"])
",
    secure_example: "
import jwt

claims = jwt.decode(token, settings.JWT_KEY, algorithms=[\"HS256\"])
user = User.objects.get(pk=claims[\"sub\"])
",
    fix: "decode with the issuer's key and an explicit `algorithms` list; read unverified claims only to select the key, then verify",
    references: &[
        "https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation",
        "https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode",
        "https://python-jose.readthedocs.io/en/latest/jwt/api.html",
    ],
};

const DECODERS: &[&str] = &[
    "jwt.decode",
    "jwt.decode_complete",
    "jwt.api_jwt.decode",
    "jwt.api_jwt.decode_complete",
    "jwt.api_jws.decode",
    "jwt.api_jws.decode_complete",
    "jose.jwt.decode",
    "jose.jws.verify",
];

impl Rule for JwtUnverifiedDecode {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(
            DECODERS
                .iter()
                .copied()
                .chain(["jose.jwt.get_unverified_claims"])
                .collect(),
        )
    }

    fn modules(&self) -> &'static [&'static str] {
        &["jwt", "jose"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let semantic = cx.semantic();
        if name == "jose.jwt.get_unverified_claims" {
            cx.report(
                call.range(),
                "`jwt.get_unverified_claims` returns claims whose signature was not checked",
            )
            .label("claims not verified")
            .confidence(Confidence::Medium);
            return;
        }
        if !DECODERS.contains(&name) {
            return;
        }
        let options_off = call
            .keyword("options")
            .and_then(|options| dict_entry(semantic, options, "verify_signature"))
            .is_some_and(|value| is_falsy_constant(semantic, value));
        // PyJWT 1.x: `jwt.decode(token, verify=False)`.
        let legacy_off = call
            .keyword("verify")
            .is_some_and(|value| is_falsy_constant(semantic, value));
        // `decode_complete(token, options=...)["header"]` only reads the
        // header (to pick a key), which is never signed-only data.
        let reads_header_only = matches!(cx.parent_expression(), Some(Expr::Subscript(subscript))
            if subscript.value.range() == call.range()
                && semantic.constant_str(&subscript.slice).as_deref() == Some("header"));
        if (options_off || legacy_off) && !reads_header_only {
            cx.report(
                call.range(),
                format!("`{name}` decodes the token without verifying its signature"),
            )
            .label("signature not verified");
        }
    }
}
