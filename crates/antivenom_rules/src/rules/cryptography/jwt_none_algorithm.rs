//! PyJWT tokens signed with the `none` algorithm or an empty key, and
//! decoders that accept `none`.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;

pub(crate) struct JwtNoneAlgorithm;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &JwtNoneAlgorithm;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV643",
    name: "jwt-none-algorithm",
    cwe: &[347, 327],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags PyJWT `jwt.encode` with `algorithm=\"none\"` (or `None`) or an empty key, \
              and `jwt.decode` whose `algorithms` list accepts `none` or whose key is empty.",
    why: "A token with the `none` algorithm carries no signature, so anyone can write one with \
          any claims; a decoder that lists `none` among its accepted algorithms accepts such \
          forged tokens. An HMAC signature made with an empty key is just as forgeable: the \
          key is known to everyone.",
    insecure_example: "
import jwt

token = jwt.encode({\"sub\": user_id}, None, algorithm=\"none\")
claims = jwt.decode(token, key, algorithms=[\"HS256\", \"none\"])
",
    secure_example: "
import jwt

token = jwt.encode({\"sub\": user_id}, settings.JWT_KEY, algorithm=\"HS256\")
claims = jwt.decode(token, settings.JWT_KEY, algorithms=[\"HS256\"])
",
    fix: "sign with a real algorithm (HS256 with a long random secret, RS256/ES256/EdDSA with a private key) and pass an explicit `algorithms` list without `none` to `jwt.decode`",
    references: &[
        "https://pyjwt.readthedocs.io/en/stable/api.html",
        "https://www.rfc-editor.org/rfc/rfc8725#section-3.1",
        "https://www.rfc-editor.org/rfc/rfc7518#section-3.6",
    ],
};

const ENCODERS: &[&str] = &["jwt.encode", "jwt.api_jwt.encode", "jwt.api_jws.encode"];
const DECODERS: &[&str] = &[
    "jwt.decode",
    "jwt.decode_complete",
    "jwt.api_jwt.decode",
    "jwt.api_jwt.decode_complete",
    "jwt.api_jws.decode",
    "jwt.api_jws.decode_complete",
];

fn is_none_name(text: &str) -> bool {
    text.eq_ignore_ascii_case("none")
}

/// `true` for a constant empty `str` or `bytes` key.
fn is_empty_key(semantic: &FileSemantic<'_>, key: &Expr) -> bool {
    match semantic.constant(key) {
        Some(Constant::Str(text)) => text.is_empty(),
        Some(Constant::Bytes(bytes)) => bytes.is_empty(),
        _ => false,
    }
}

impl Rule for JwtNoneAlgorithm {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(ENCODERS.iter().chain(DECODERS).copied().collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["jwt"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let semantic = cx.semantic();
        if ENCODERS.contains(&name) {
            let algorithm = call.argument("algorithm", 2).map(|a| semantic.constant(a));
            let unsigned = match &algorithm {
                Some(Some(Constant::Str(text))) => is_none_name(text),
                // PyJWT 2 turns `algorithm=None` into `none`.
                Some(Some(Constant::None)) => true,
                _ => false,
            };
            if unsigned {
                cx.report(
                    call.range(),
                    "`jwt.encode` creates an unsigned token (algorithm `none`)",
                )
                .label("`none` algorithm");
            } else if call
                .argument("key", 1)
                .is_some_and(|key| is_empty_key(semantic, key))
            {
                cx.report(
                    call.range(),
                    "`jwt.encode` signs the token with an empty key",
                )
                .label("empty signing key");
            }
            return;
        }
        if !DECODERS.contains(&name) {
            return;
        }
        let accepts_none = call
            .argument("algorithms", 2)
            .and_then(|algorithms| semantic.constant(algorithms))
            .is_some_and(|algorithms| match algorithms {
                Constant::Sequence(items) => items
                    .iter()
                    .any(|item| item.as_str().is_some_and(is_none_name)),
                Constant::Str(text) => is_none_name(&text),
                _ => false,
            });
        if accepts_none {
            cx.report(
                call.range(),
                format!("`{name}` accepts unsigned tokens: its `algorithms` include `none`"),
            )
            .label("`none` accepted");
            return;
        }
        // Decoding without verification is jwt-unverified-decode's finding.
        let verification_options = call.keyword("options").is_some()
            || call.keyword("verify").is_some()
            || call.has_unpacking();
        if !verification_options
            && call
                .argument("key", 1)
                .is_some_and(|key| is_empty_key(semantic, key))
        {
            cx.report(
                call.range(),
                format!(
                    "`{name}` verifies signatures with an empty key, which anyone can use to sign"
                ),
            )
            .label("empty verification key");
        }
    }
}
