//! String literals in the format of a well-known provider's credential.

use crate::helpers::fake_values::fake_kind;
use crate::helpers::provider_formats::{ProviderMatch, find_provider_secret, is_aws_secret_key};
use crate::helpers::secret_bindings::bound_name;
use crate::helpers::secret_entropy::shannon_entropy;
use crate::helpers::sensitive_names::{Vocabulary, sensitive_word, words};
use crate::helpers::test_code::in_test_code;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{self as ast, Expr, NodeKind, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

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
    summary: "Flags string literals (and `+` concatenations of literals) that contain a \
              credential in a well-known format: AWS access keys, Google API keys and OAuth \
              client secrets, Azure storage keys and SAS tokens, GitHub, GitLab, Slack, Stripe, \
              Twilio, SendGrid, OpenAI, Anthropic, Hugging Face, PyPI, npm, Shopify and \
              DigitalOcean tokens, PEM private keys, JWTs, and URLs with passwords.",
    why: "These formats are issued by the provider and are live credentials, whatever the \
          variable is called. Anyone who can read the code, its history or a package built from \
          it can use the key; bots scan public repositories for these prefixes within minutes \
          of a push. A key that reached version control must be revoked, not only removed. \
          AWS's documentation key ids (ending in `EXAMPLE`), placeholders (`xoxb-your-token`, \
          `xxxx`, typed sequences), bare PEM headers without key material, Stripe test-mode \
          keys (`sk_test_`, no access to real money or data), unsigned JWTs, and URLs whose \
          password is a placeholder, a template, equal to the user name or on a documentation \
          host (`example.com`) are not flagged; URLs in docstrings are documentation. JWTs are \
          reported with medium confidence (many are expired samples) and URLs on `localhost` \
          with low severity and confidence (developer defaults). In test code (test modules, \
          `test_*` functions, `Test*` classes) findings are one level less severe and of low \
          confidence: most are fixtures, but a live key in a test is just as leaked.",
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

/// `true` for a string or bytes literal.
fn is_text_literal(expr: &Expr) -> bool {
    matches!(expr, Expr::StringLiteral(_) | Expr::BytesLiteral(_))
}

/// `true` for a `+` expression.
fn is_addition(expr: &Expr) -> bool {
    matches!(expr, Expr::BinOp(binop) if binop.op == Operator::Add)
}

/// The operands of `a + b + ...` in source order. The left spine (where
/// long chains grow) is followed without recursion; a parenthesised `+` on
/// the right is flattened too.
fn addition_operands<'a>(expr: &'a Expr, operands: &mut Vec<&'a Expr>) {
    let mut right_operands = Vec::new();
    let mut current = expr;
    while let Expr::BinOp(binop) = current {
        if binop.op != Operator::Add {
            break;
        }
        right_operands.push(&*binop.right);
        current = &binop.left;
    }
    operands.push(current);
    for right in right_operands.into_iter().rev() {
        if is_addition(right) {
            addition_operands(right, operands);
        } else {
            operands.push(right);
        }
    }
}

/// The text of consecutive string or bytes literals joined by `+`.
fn concatenated_text(literals: &[&Expr]) -> String {
    let mut text = String::new();
    for literal in literals {
        if let Some(piece) = literal_pieces(literal).first() {
            text.push_str(piece);
        }
    }
    text
}

/// Names of variables, keywords and keys that hold an AWS secret access
/// key (`aws_secret_access_key`, `AWS_SECRET_KEY`, `SecretAccessKey`).
fn is_aws_secret_name(name: &str) -> bool {
    let words = words(name);
    let has = |word: &str| words.iter().any(|w| w == word);
    has("secret") && has("key") && (has("aws") || has("access"))
}

/// Credentials recognised by the name they are bound to: an AWS secret
/// access key under an AWS-secret name, a Twilio API key or auth token
/// under a Twilio name.
fn named_secret(text: &str, cx: &RuleContext<'_, '_>, expr: &Expr) -> Option<ProviderMatch> {
    let hex32 = |value: &str| {
        value.len() == 32
            && value
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    };
    // Cheap shape checks before looking for the name.
    let aws = is_aws_secret_key(text);
    let twilio = !aws
        && (text.strip_prefix("SK").is_some_and(hex32) || hex32(text))
        && !fake_kind_is_some(text);
    if !aws && !twilio {
        return None;
    }
    let name = bound_name(cx, expr)?;
    let what = if aws && is_aws_secret_name(&name) {
        "an AWS secret access key"
    } else if twilio
        && words(&name).iter().any(|word| word == "twilio")
        && (text.starts_with("SK") || sensitive_word(&name, Vocabulary::Credential).is_some())
    {
        "a Twilio credential"
    } else {
        return None;
    };
    Some(ProviderMatch {
        what,
        severity: Severity::High,
        confidence: Confidence::High,
    })
}

fn fake_kind_is_some(text: &str) -> bool {
    fake_kind(text).is_some() || shannon_entropy(text.as_bytes()) < 3.0
}

/// Reports `found` at `range`, one level less severe and with low
/// confidence in test code, where most such values are fixtures.
fn report(cx: &mut RuleContext<'_, '_>, range: TextRange, found: ProviderMatch) {
    // Docstrings and bare strings document connection URLs
    // (`postgres://user:pass@host`): examples, not configuration.
    let is_documentation = matches!(
        cx.statement(),
        Some(Stmt::Expr(statement)) if statement.value.range() == range
    );
    if is_documentation && found.what.contains("URL with a password") {
        return;
    }
    let in_tests = in_test_code(cx, range);
    let (severity, confidence) = if in_tests {
        let severity = match found.severity {
            Severity::High => Severity::Medium,
            Severity::Medium | Severity::Low => Severity::Low,
        };
        (severity, Confidence::Low)
    } else {
        (found.severity, found.confidence)
    };
    let label = if in_tests {
        "credential format (in test code)"
    } else {
        "live credential format"
    };
    cx.report(range, format!("hard-coded credential: {}", found.what))
        .label(label)
        .severity(severity)
        .confidence(confidence);
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
            NodeKind::ExprBinOp,
        ])
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        if let Expr::BinOp(binop) = expr {
            // `"ghp_" + "..."`: each run of literals joined by `+` is judged
            // whole, once, from the outermost `+` of the chain.
            if binop.op != Operator::Add || cx.parent_expression().is_some_and(is_addition) {
                return;
            }
            let mut operands = Vec::new();
            addition_operands(expr, &mut operands);
            let is_whole_chain_literal = operands.iter().all(|operand| is_text_literal(operand));
            for run in operands.split(|operand| !is_text_literal(operand)) {
                let (Some(first), Some(last)) = (run.first(), run.last()) else {
                    continue;
                };
                if run.len() < 2 {
                    continue;
                }
                let text = concatenated_text(run);
                // The bound name belongs to the whole expression.
                let named = || {
                    is_whole_chain_literal
                        .then(|| named_secret(&text, cx, expr))
                        .flatten()
                };
                if let Some(found) = find_provider_secret(&text).or_else(named) {
                    let range = TextRange::new(first.start(), last.end());
                    cx.skip_subtree(range);
                    report(cx, range, found);
                }
            }
            return;
        }
        let found = match expr {
            // The common case, without copying the text.
            Expr::StringLiteral(literal) => {
                let text = literal.value.to_str();
                find_provider_secret(text).or_else(|| named_secret(text, cx, expr))
            }
            _ => literal_pieces(expr)
                .iter()
                .find_map(|piece| find_provider_secret(piece)),
        };
        if let Some(found) = found {
            report(cx, expr.range(), found);
        }
    }
}
