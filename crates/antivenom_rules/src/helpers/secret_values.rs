//! Is a string literal a plausible hard-coded secret? And does it match
//! the format of a well-known provider's credential?

use super::sensitive_names::{Vocabulary, is_sensitive_name, sensitive_word, words};
use regex::Regex;
use ruff_python_ast::{self as ast, Expr};
use std::sync::LazyLock;

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
    if PLACEHOLDERS.contains(&normalized.as_str())
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

/// One credential format.
struct ProviderFormat {
    /// What it is, for the message.
    what: &'static str,
    /// Text every match contains one of: the regex runs only on text that
    /// has one.
    markers: &'static [&'static str],
    /// The pattern.
    regex: Regex,
}

/// Compiles the fixed provider patterns. They are constants of this file,
/// so a failure is a programming error caught by the unit tests; a pattern
/// that fails to compile is simply left out rather than panicking.
fn compile(
    what: &'static str,
    markers: &'static [&'static str],
    pattern: &str,
) -> Option<ProviderFormat> {
    Regex::new(pattern).ok().map(|regex| ProviderFormat {
        what,
        markers,
        regex,
    })
}

/// Length in bytes of the shortest text any provider format matches (an
/// AWS key id, `xoxb-` with 6 digits, `-` and 8 characters).
const SHORTEST_PROVIDER_SECRET: usize = 20;

static PROVIDER_FORMATS: LazyLock<Vec<ProviderFormat>> = LazyLock::new(|| {
    [
        compile(
            "an AWS access key id",
            &["AKIA", "ASIA"],
            r"(?:^|[^0-9A-Z])((?:AKIA|ASIA)[0-9A-Z]{16})(?:$|[^0-9A-Z])",
        ),
        compile(
            "a GitHub token",
            &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
            r"(?:^|[^0-9A-Za-z_])(?:gh[pousr]_[0-9A-Za-z]{36}|github_pat_[0-9A-Za-z_]{82})(?:$|[^0-9A-Za-z_])",
        ),
        compile(
            "a GitLab personal access token",
            &["glpat-"],
            r"(?:^|[^0-9A-Za-z_-])glpat-[0-9A-Za-z_-]{20}(?:$|[^0-9A-Za-z_-])",
        ),
        compile(
            "a private key (PEM block)",
            &["-----BEGIN "],
            r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z0-9+/=]{16,}|Proc-Type:|Version:|Comment:)",
        ),
        compile(
            "a Slack token",
            &["xox"],
            r"(?:^|[^0-9A-Za-z])xox[baprs]-[0-9]{6,}-[0-9A-Za-z-]{8,}",
        ),
        compile(
            "a Slack webhook URL",
            &["https://hooks.slack.com/services/T"],
            r"https://hooks\.slack\.com/services/T[0-9A-Z]{6,}/B[0-9A-Z]{6,}/[0-9A-Za-z]{20,}",
        ),
        compile(
            "a Stripe live secret key",
            &["k_live_"],
            r"(?:^|[^0-9A-Za-z_])[rs]k_live_[0-9A-Za-z]{16,}(?:$|[^0-9A-Za-z_])",
        ),
        compile(
            "a Google API key",
            &["AIza"],
            r"(?:^|[^0-9A-Za-z_-])AIza[0-9A-Za-z_-]{35}(?:$|[^0-9A-Za-z_-])",
        ),
        compile(
            "a PyPI upload token",
            &["pypi-AgEIcHlwaS5vcmc"],
            r"(?:^|[^0-9A-Za-z_-])pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,}",
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
});

/// Finds any marker of any format in one pass (the regex engine searches
/// literal alternatives with SIMD). `None` if it could not be built, which
/// only costs speed.
static ANY_MARKER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alternatives: Vec<String> = PROVIDER_FORMATS
        .iter()
        .flat_map(|format| format.markers.iter().map(|marker| regex::escape(marker)))
        .collect();
    Regex::new(&alternatives.join("|")).ok()
});

/// What kind of provider credential `text` contains, if any. AWS's
/// documentation key ids (ending in `EXAMPLE`) are not reported.
pub(crate) fn provider_secret(text: &str) -> Option<&'static str> {
    // Most strings are short or lack every marker: no pattern runs for them.
    if text.len() < SHORTEST_PROVIDER_SECRET
        || ANY_MARKER
            .as_ref()
            .is_some_and(|markers| !markers.is_match(text))
    {
        return None;
    }
    PROVIDER_FORMATS.iter().find_map(|format| {
        if !format.markers.iter().any(|marker| text.contains(marker)) {
            return None;
        }
        let found = format.regex.captures_iter(text).any(|captures| {
            captures
                .get(1)
                .or_else(|| captures.get(0))
                .is_some_and(|m| !m.as_str().ends_with("EXAMPLE"))
        });
        found.then_some(format.what)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_pattern_compiles() {
        assert_eq!(PROVIDER_FORMATS.len(), 9);
        assert!(ANY_MARKER.is_some());
    }

    #[test]
    fn recognises_provider_formats() {
        let github = format!("ghp_{}", "a1B2".repeat(9));
        assert_eq!(provider_secret(&github), Some("a GitHub token"));
        assert_eq!(
            provider_secret("key=AKIAQWERTYUIOPASDFGH;"),
            Some("an AWS access key id")
        );
        assert_eq!(provider_secret("AKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(provider_secret("-----BEGIN RSA PRIVATE KEY-----"), None);
        assert!(
            provider_secret("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
                .is_some()
        );
        assert_eq!(provider_secret("xoxb-your-token-here"), None);
    }

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
