//! String literals in the format of a well-known provider's credential.

use crate::helpers::secret_values::provider_secret;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{self as ast, Expr, NodeKind};
use ruff_text_size::Ranged;

pub(crate) struct HardcodedProviderSecret;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HardcodedProviderSecret;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV504",
    name: "hardcoded-provider-secret",
    cwe: &[798],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Secrets,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags string literals that contain a credential in a well-known format: AWS access \
              key ids, GitHub and GitLab tokens, PEM private keys, Slack tokens and webhooks, \
              Stripe live keys, Google API keys and PyPI tokens.",
    why: "These formats are issued by the provider and are live credentials, whatever the \
          variable is called. Anyone who can read the code, its history or a package built from \
          it can use the key; bots scan public repositories for these prefixes within minutes \
          of a push. A key that reached version control must be revoked, not only removed. \
          AWS's documentation key ids (ending in `EXAMPLE`) and bare PEM headers without key \
          material are not flagged.",
    insecure_example: "
GITHUB_TOKEN = \"ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R\"
",
    secure_example: "
import os

GITHUB_TOKEN = os.environ[\"GITHUB_TOKEN\"]
",
    fix: "revoke the credential, then load its replacement from the environment or a secrets manager",
    references: &[
        "https://cwe.mitre.org/data/definitions/798.html",
        "https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html",
    ],
};

/// The literal pieces of a string expression.
fn literal_pieces(expr: &Expr) -> Vec<String> {
    match expr {
        Expr::StringLiteral(literal) => vec![literal.value.to_str().to_owned()],
        Expr::BytesLiteral(literal) => {
            let bytes: Vec<u8> = literal.value.bytes().collect();
            vec![String::from_utf8_lossy(&bytes).into_owned()]
        }
        Expr::FString(fstring) => {
            let mut pieces = vec![String::new()];
            for part in fstring.value.iter() {
                match part {
                    ast::FStringPart::Literal(literal) => {
                        if let Some(last) = pieces.last_mut() {
                            last.push_str(&literal.value);
                        }
                    }
                    ast::FStringPart::FString(inner) => {
                        for element in &inner.elements {
                            match element {
                                ast::InterpolatedStringElement::Literal(literal) => {
                                    if let Some(last) = pieces.last_mut() {
                                        last.push_str(&literal.value);
                                    }
                                }
                                ast::InterpolatedStringElement::Interpolation(_) => {
                                    pieces.push(String::new());
                                }
                            }
                        }
                    }
                }
            }
            pieces
        }
        _ => Vec::new(),
    }
}

impl Rule for HardcodedProviderSecret {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::expressions(&[
            NodeKind::ExprStringLiteral,
            NodeKind::ExprBytesLiteral,
            NodeKind::ExprFString,
        ])
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        let what = match expr {
            // The common case, without copying the text.
            Expr::StringLiteral(literal) => provider_secret(literal.value.to_str()),
            _ => literal_pieces(expr)
                .iter()
                .find_map(|piece| provider_secret(piece)),
        };
        let Some(what) = what else {
            return;
        };
        cx.report(expr.range(), format!("hard-coded credential: {what}"))
            .label("live credential format");
    }
}
