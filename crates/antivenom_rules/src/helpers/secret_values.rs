//! Is a string literal a plausible hard-coded secret? And does it match
//! the format of a well-known provider's credential?

use super::fake_values::{FakeKind, fake_kind};
use super::provider_formats::find_provider_secret;
use super::sensitive_names::{Vocabulary, is_sensitive_name, sensitive_word, words};
use super::test_code::in_test_code;
use crate::RuleContext;
use antivenom_diagnostics::{Confidence, Severity};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

/// The text of a string literal written in the code: a (possibly
/// implicitly concatenated) string, a bytes literal, or an f-string with
/// no interpolation. Names and expressions are not followed, so a secret is
/// reported where its literal is written, once.
pub(crate) fn literal_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str().to_owned()),
        Expr::BytesLiteral(literal) => {
            let bytes: Vec<u8> = literal.value.bytes().collect();
            String::from_utf8(bytes).ok()
        }
        Expr::FString(fstring) => {
            let mut text = String::new();
            for part in fstring.value.iter() {
                match part {
                    ast::FStringPart::Literal(literal) => text.push_str(&literal.value),
                    ast::FStringPart::FString(inner) => {
                        for element in &inner.elements {
                            match element {
                                ast::InterpolatedStringElement::Literal(literal) => {
                                    text.push_str(&literal.value);
                                }
                                ast::InterpolatedStringElement::Interpolation(_) => return None,
                            }
                        }
                    }
                }
            }
            Some(text)
        }
        _ => None,
    }
}

/// `false` when [`literal_text`] of `expr` is surely `None`: `expr` is not
/// a string, bytes or f-string literal.
pub(crate) fn may_be_literal_text(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::FString(_)
    )
}

/// `true` when binding or comparing the credential-like `name` to the
/// literal `value` hard-codes a credential. Literals in a provider's
/// credential format are left to `hardcoded-provider-secret`.
pub(crate) fn is_hardcoded_credential(name: &str, value: &Expr) -> bool {
    if !may_be_literal_text(value) {
        return false;
    }
    let Some(word) = sensitive_word(name, Vocabulary::Credential) else {
        return false;
    };
    let Some(text) = literal_text(value) else {
        return false;
    };
    provider_secret(&text).is_none() && is_plausible_secret(&text, name, &word)
}

/// Values that stand for "fill this in", not for a real secret.
const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "changeit",
    "changethis",
    "replaceme",
    "replacethis",
    "fixme",
    "todo",
    "tbd",
    "placeholder",
    "dummy",
    "example",
    "redacted",
    "hidden",
    "masked",
    "none",
    "null",
    "nil",
    "undefined",
    "notset",
    "unset",
    "empty",
    "missing",
    "required",
    "optional",
    "yes",
    "no",
    "true",
    "false",
    "on",
    "off",
    "enabled",
    "disabled",
    "always",
    "never",
    "auto",
];

/// `true` when `value`, the literal assigned to / compared with / passed
/// as a name built around `sensitive_word` (`password`), looks like a real
/// secret rather than an empty value, a placeholder, a prompt or message,
/// a template, a path or URL, or the name of a key or variable.
pub(crate) fn is_plausible_secret(value: &str, name: &str, sensitive_word: &str) -> bool {
    let trimmed = value.trim();
    if trimmed.is_empty() || !trimmed.chars().any(char::is_alphanumeric) {
        return false;
    }
    let normalized: String = trimmed
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    // `xxxxxxxx`, `00000000`: one repeated character.
    let first = normalized.chars().next();
    if normalized.len() > 2 && normalized.chars().all(|c| Some(c) == first) {
        return false;
    }
    if fake_kind(trimmed) == Some(FakeKind::Placeholder)
        || PLACEHOLDERS.contains(&normalized.as_str())
        || normalized.starts_with("your")
        || normalized.starts_with("insert")
        || normalized.starts_with("enter")
    {
        return false;
    }
    // `PASSWORD = "password"`, `TOKEN_KEY = "token"`: a key or field name.
    let name_normalized: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if normalized == sensitive_word || normalized == name_normalized {
        return false;
    }
    // `"GITHUB_TOKEN"`: the name of an environment variable or setting.
    let is_screaming = trimmed
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && trimmed.contains('_');
    if is_screaming && normalized.contains(sensitive_word) {
        return false;
    }
    // `RESET_SESSION_TOKEN = "_password_reset_token"`: a constant holding
    // the name of a session key, header or field, not a secret. (A bare
    // `password = "class_password"` is still reported.)
    let is_identifier = trimmed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
        && trimmed.contains(['_', '-', '.', ':']);
    // `reset_url_token = "set-password"`: a slug naming a credential.
    if is_identifier
        && words(name).len() > 1
        && (words(trimmed).iter().any(|word| word == sensitive_word)
            || (trimmed.contains('-') && is_sensitive_name(trimmed, Vocabulary::Credential)))
    {
        return false;
    }
    // In parsers and lexers a `token` is a word of the input
    // (`if token == "def"`): only token-like values count.
    if sensitive_word == "token" && !looks_like_token(trimmed) {
        return false;
    }
    !looks_like_message_or_reference(trimmed)
}

/// An access token: one word of at least 8 characters with a digit or
/// punctuation in it (`abc123def`, `tok_7f3a...`).
fn looks_like_token(value: &str) -> bool {
    value.chars().count() >= 8
        && !value.chars().any(char::is_whitespace)
        && value.chars().any(|c| !c.is_alphabetic())
}

/// Prompts, messages, templates, paths and URLs.
fn looks_like_message_or_reference(value: &str) -> bool {
    value.contains('\n')
        || value.ends_with(':')
        || value.ends_with('?')
        || value.split_whitespace().count() >= 5
        || value.starts_with('$')
        || value.starts_with('/')
        || value.starts_with("./")
        || value.starts_with("~/")
        || value.contains("://")
        || value.contains("{{")
        || value.contains("${")
        || value.contains("%(")
        || value.contains("%s")
        || value.contains("{}")
        || (value.starts_with('<') && value.ends_with('>'))
        || (value.starts_with('{') && value.ends_with('}'))
        || looks_like_regex(value)
}

/// Regular expressions (`[^\W\d]\w*`): lexers name their token patterns
/// `*_token`.
fn looks_like_regex(value: &str) -> bool {
    let escapes = ["\\w", "\\d", "\\s", "\\W", "\\D", "\\S", "\\b"];
    escapes.iter().any(|escape| value.contains(escape))
        || value.contains("(?")
        || value.contains("[^")
        || value.contains(".*")
        || value.contains(".+")
}

/// What kind of provider credential `text` contains, if any (see
/// [`find_provider_secret`]).
pub(crate) fn provider_secret(text: &str) -> Option<&'static str> {
    find_provider_secret(text).map(|found| found.what)
}

/// `true` when the literal `value` is a trivial test value (`1234`,
/// `test-password`, `qwerty`): still reported by the credential rules, with
/// low confidence.
pub(crate) fn is_trivial_credential(value: &Expr) -> bool {
    literal_text(value).is_some_and(|text| fake_kind(&text) == Some(FakeKind::Trivial))
}

/// Severity and confidence of a hard-coded credential finding on the
/// literal `value`, from the rule's defaults: low confidence for a trivial
/// value, low severity and confidence in test code.
pub(crate) fn credential_levels(
    cx: &RuleContext<'_, '_>,
    value: &Expr,
    severity: Severity,
    confidence: Confidence,
) -> (Severity, Confidence) {
    if in_test_code(cx, value.range()) {
        (Severity::Low, Confidence::Low)
    } else if is_trivial_credential(value) {
        (severity, Confidence::Low)
    } else {
        (severity, confidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_secret_values() {
        assert!(is_plausible_secret("hunter2", "password", "password"));
        assert!(is_plausible_secret("secret", "EMAIL_PASSWORD", "password"));
        assert!(is_plausible_secret(
            "this cool password",
            "password",
            "password"
        ));
        for value in [
            "",
            "   ",
            "changeme",
            "<your-token>",
            "Password:",
            "Enter your password",
            "password",
            "***",
            "${DB_PASSWORD}",
            "DB_PASSWORD",
            "https://example.com/token",
            r"[^\W\d]\w*",
        ] {
            assert!(
                !is_plausible_secret(value, "password", "password"),
                "{value:?}"
            );
        }
    }
}
