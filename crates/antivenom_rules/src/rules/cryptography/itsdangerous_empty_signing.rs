//! itsdangerous signers that do not really sign.

use crate::helpers::literal_values::dict_entry;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;

pub(crate) struct ItsdangerousEmptySigning;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &ItsdangerousEmptySigning;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV645",
    name: "itsdangerous-empty-signing",
    cwe: &[347],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Cryptography,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags itsdangerous signers and serializers created with \
              `algorithm=NoneAlgorithm()` (directly or in `signer_kwargs`) or with an empty \
              secret key.",
    why: "itsdangerous signatures protect data that travels through the client (session \
          cookies, reset links, activation tokens). `NoneAlgorithm` produces an empty \
          signature and an empty secret key is known to everyone, so in both cases an \
          attacker can write any payload and have it accepted as authentic.",
    insecure_example: "
from itsdangerous import Signer
from itsdangerous.signer import NoneAlgorithm

signer = Signer(secret_key, algorithm=NoneAlgorithm())
",
    secure_example: "
from itsdangerous import URLSafeTimedSerializer

serializer = URLSafeTimedSerializer(settings.SECRET_KEY, salt=\"password-reset\")
",
    fix: "keep the default HMAC algorithm and use a long random secret key loaded from configuration",
    references: &[
        "https://itsdangerous.palletsprojects.com/en/stable/signer/",
        "https://itsdangerous.palletsprojects.com/en/stable/serializer/",
    ],
};

const SIGNERS: &[&str] = &["Signer", "TimestampSigner"];
const SERIALIZERS: &[&str] = &[
    "Serializer",
    "URLSafeSerializer",
    "TimedSerializer",
    "URLSafeTimedSerializer",
    "JSONWebSignatureSerializer",
    "TimedJSONWebSignatureSerializer",
];

/// `true` for `NoneAlgorithm()` from itsdangerous.
fn is_none_algorithm(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    let Expr::Call(call) = expr else {
        return false;
    };
    semantic
        .qualified_name(&call.func)
        .is_some_and(|name| name.starts_with("itsdangerous.") && name.ends_with(".NoneAlgorithm"))
}

/// `true` for a constant empty `str` or `bytes`.
fn is_empty_secret(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    match semantic.constant(expr) {
        Some(Constant::Str(text)) => text.is_empty(),
        Some(Constant::Bytes(bytes)) => bytes.is_empty(),
        _ => false,
    }
}

impl Rule for ItsdangerousEmptySigning {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(SIGNERS.iter().chain(SERIALIZERS).copied().collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["itsdangerous"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let Some(class) = name
            .strip_prefix("itsdangerous.")
            .and_then(|rest| rest.rsplit('.').next())
        else {
            return;
        };
        let semantic = cx.semantic();
        let algorithm = if SIGNERS.contains(&class) {
            call.argument("algorithm", 5)
        } else if SERIALIZERS.contains(&class) {
            call.keyword("signer_kwargs")
                .and_then(|options| dict_entry(semantic, options, "algorithm"))
        } else {
            return;
        };
        if algorithm.is_some_and(|algorithm| is_none_algorithm(semantic, algorithm)) {
            cx.report(
                call.range(),
                format!("`{class}` uses `NoneAlgorithm`, so its signatures are empty"),
            )
            .label("no signature");
        } else if call
            .argument("secret_key", 0)
            .is_some_and(|secret| is_empty_secret(semantic, secret))
        {
            cx.report(
                call.range(),
                format!("`{class}` signs with an empty secret key"),
            )
            .label("empty secret key");
        }
    }
}
