//! Does an identifier (variable, attribute, keyword, dict key, function
//! name) name a secret? Used by the secrets rules (credentials) and by the
//! insecure-randomness rule (security-sensitive values).
//!
//! Names are split into lower-case words at `_`, `-`, `.`, spaces and
//! camelCase boundaries, so `dbPassword`, `DB_PASSWORD` and `x-db-password`
//! all give `[db, password]`. A name is sensitive when one of its words is
//! a sensitive word and no word after the last sensitive one says that the
//! name describes the secret rather than holds it (`password_field`,
//! `token_type`, `secret_name`, `TOKEN_URL`).

use super::prefilters::Needles;

/// Which vocabulary to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vocabulary {
    /// Credentials: passwords, pass phrases, secrets, tokens, API keys.
    Credential,
    /// Values that must be unpredictable: the credentials plus salts,
    /// nonces, one-time passwords, IVs, session ids, keys, CSRF tokens and
    /// verification codes.
    Unpredictable,
}

/// Words that say a name holds metadata about a secret, not the secret.
const METADATA_WORDS: &[&str] = &[
    "alg",
    "algo",
    "algorithm",
    "attr",
    "attribute",
    "button",
    "caption",
    "char",
    "chars",
    "charset",
    "class",
    "col",
    "column",
    "count",
    "css",
    "desc",
    "description",
    "dir",
    "directory",
    "enabled",
    "endpoint",
    "env",
    "error",
    "errors",
    "expiration",
    "expires",
    "expiry",
    "field",
    "fields",
    "file",
    "filename",
    "fmt",
    "form",
    "format",
    "header",
    "help",
    "hint",
    "id",
    "idx",
    "index",
    "input",
    "kind",
    "label",
    "len",
    "length",
    "lifetime",
    "mechanism",
    "limit",
    "link",
    "location",
    "max",
    "message",
    "method",
    "min",
    "mode",
    "msg",
    "name",
    "names",
    "param",
    "parameter",
    "path",
    "pattern",
    "placeholder",
    "policy",
    "prefix",
    "prompt",
    "regex",
    "required",
    "rule",
    "rules",
    "scheme",
    "selector",
    "separator",
    "setting",
    "size",
    "source",
    "subject",
    "suffix",
    "template",
    "text",
    "timeout",
    "title",
    "tooltip",
    "ttl",
    "type",
    "types",
    "uri",
    "url",
    "validator",
    "var",
    "version",
    "variable",
    "widget",
];

/// Words that may follow a credential word and still name the credential.
const VALUE_WORDS: &[&str] = &[
    "value",
    "str",
    "string",
    "plain",
    "plaintext",
    "raw",
    "data",
    "b64",
    "base64",
    "hex",
    "bytes",
];

/// Words that, right before a credential word, make the name a setting or
/// flag about the credential (`update_password = "always"`,
/// `require_token`, `show_password`), not the credential itself. Only for
/// [`Vocabulary::Credential`]: `generate_token()` names a generator.
const ACTION_WORDS: &[&str] = &[
    "allow", "ask", "change", "check", "disable", "enable", "expire", "forgot", "has", "hide",
    "ignore", "is", "no", "prompt", "require", "reset", "rotate", "show", "skip", "update", "use",
    "validate", "verify",
];

/// Single words that name a credential.
fn is_credential_word(word: &str) -> bool {
    matches!(
        word,
        "pass"
            | "passphrase"
            | "pwd"
            | "pw"
            | "secret"
            | "secrete"
            | "token"
            | "apikey"
            | "secretkey"
    ) || word.contains("password")
        || word.contains("passwd")
        || is_password_spelling(word)
}

/// `pas+wo?r?d` spellings: `pasword`, `passwrd`, `passwd`, `passd`.
fn is_password_spelling(word: &str) -> bool {
    let Some(rest) = word.strip_prefix("pas") else {
        return false;
    };
    let rest = rest.trim_start_matches('s');
    let rest = rest.strip_prefix('w').unwrap_or(rest);
    let rest = rest.strip_prefix('o').unwrap_or(rest);
    let rest = rest.strip_prefix('r').unwrap_or(rest);
    rest == "d" && word.len() > 4
}

/// Extra single words for values that must be unpredictable.
fn is_unpredictable_word(word: &str) -> bool {
    matches!(
        word,
        "salt"
            | "nonce"
            | "otp"
            | "totp"
            | "hotp"
            | "csrf"
            | "xsrf"
            | "iv"
            | "sessionid"
            | "sessionkey"
            | "privatekey"
    )
}

/// Splits an identifier into lower-case words, dropping trailing digits
/// (`password2` → `password`).
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for chunk in name.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = chunk.chars().collect();
        let mut current = String::new();
        for (index, &character) in chars.iter().enumerate() {
            let previous = index.checked_sub(1).and_then(|i| chars.get(i));
            let next = chars.get(index + 1);
            let boundary = character.is_uppercase()
                && previous.is_some_and(|p| {
                    p.is_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
                });
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.extend(character.to_lowercase());
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    for word in &mut words {
        let trimmed = word.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if trimmed > 0 {
            word.truncate(trimmed);
        }
    }
    words
}

/// Merges two-word names into one word: `api key` → `apikey`,
/// `session id` → `sessionid`, `reset code` → `resetcode`.
fn merge_pairs(words: Vec<String>, vocabulary: Vocabulary) -> Vec<String> {
    let mut merged: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        let joined = merged.last().and_then(|previous| {
            let pair = (previous.as_str(), word.as_str());
            let credential = matches!(pair, ("api", "key") | ("secret", "key"));
            let unpredictable = vocabulary == Vocabulary::Unpredictable
                && matches!(
                    pair,
                    ("session", "id" | "key" | "token")
                        | (
                            "private"
                                | "encryption"
                                | "signing"
                                | "aes"
                                | "hmac"
                                | "master"
                                | "crypto"
                                | "auth"
                                | "access"
                                | "jwt"
                                | "fernet",
                            "key"
                        )
                        | (
                            "verification"
                                | "reset"
                                | "auth"
                                | "activation"
                                | "confirmation"
                                | "otp"
                                | "mfa"
                                | "security"
                                | "login"
                                | "invite"
                                | "invitation"
                                | "recovery"
                                | "backup",
                            "code"
                        )
                );
            (credential || unpredictable).then(|| {
                if previous == "session" {
                    format!("session{}", if word == "token" { "id" } else { &word })
                } else if word == "code" {
                    // Any verification-style code counts as a one-time password.
                    "otp".to_owned()
                } else if previous == "api" || previous == "secret" {
                    format!("{previous}{word}")
                } else {
                    "privatekey".to_owned()
                }
            })
        });
        match joined {
            Some(joined) => {
                if let Some(last) = merged.last_mut() {
                    *last = joined;
                }
            }
            None => merged.push(word),
        }
    }
    merged
}

/// Text every name with a credential word contains (any case): each
/// sensitive word, or a word merged into one (`api key`), contains one.
const CREDENTIAL_MARKERS: Needles = Needles::new(&["pas", "pw", "secret", "token", "api"]);

/// [`CREDENTIAL_MARKERS`] plus the text of the other unpredictable words
/// and of the words merged into them (`session id`, `signing key`,
/// `reset code`).
const UNPREDICTABLE_MARKERS: Needles = Needles::new(&[
    "pas", "pw", "secret", "token", "api", "salt", "nonce", "otp", "csrf", "xsrf", "iv", "session",
    "key", "code",
]);

/// `false` when `name` surely has no sensitive word. Every word is a piece
/// of the lower-cased name; for non-ASCII names (whose lower case may
/// differ in length) this does not decide.
fn may_be_sensitive(name: &str, vocabulary: Vocabulary) -> bool {
    if !name.is_ascii() {
        return true;
    }
    let markers = match vocabulary {
        Vocabulary::Credential => &CREDENTIAL_MARKERS,
        Vocabulary::Unpredictable => &UNPREDICTABLE_MARKERS,
    };
    markers.found_in(name)
}

/// The sensitive word `name` is built around (`password` for
/// `DB_PASSWORD`), or `None` when the name is not sensitive.
pub(crate) fn sensitive_word(name: &str, vocabulary: Vocabulary) -> Option<String> {
    if !may_be_sensitive(name, vocabulary) {
        return None;
    }
    let words = merge_pairs(words(name), vocabulary);
    let is_sensitive = |word: &str| {
        is_credential_word(word)
            || (vocabulary == Vocabulary::Unpredictable && is_unpredictable_word(word))
    };
    let last = words.iter().rposition(|word| is_sensitive(word))?;
    let trailing = words.get(last + 1..).unwrap_or_default();
    // The credential word must end the name (`db_password`, `password2`),
    // save for words that still denote the value itself (`password_value`).
    // Anything else describes something about it: `token_placement`,
    // `password_field`, `secret_name`.
    // `password_for_email`: what follows a preposition qualifies the credential.
    let trailing = trailing
        .iter()
        .position(|word| matches!(word.as_str(), "for" | "of" | "to" | "in" | "on"))
        .map_or(trailing, |preposition| {
            trailing.get(..preposition).unwrap_or_default()
        });
    if trailing.iter().any(|word| {
        METADATA_WORDS.contains(&word.as_str())
            || !(VALUE_WORDS.contains(&word.as_str()) || word.chars().all(|c| c.is_ascii_digit()))
    }) {
        return None;
    }
    // `password_key`, `token_keys`: the dictionary key under which a
    // password is stored, not a key itself.
    if trailing.iter().any(|word| word == "key" || word == "keys") {
        return None;
    }
    if vocabulary == Vocabulary::Credential
        && last
            .checked_sub(1)
            .and_then(|previous| words.get(previous))
            .is_some_and(|previous| ACTION_WORDS.contains(&previous.as_str()))
    {
        return None;
    }
    words.get(last).cloned()
}

/// `true` when `name` names a credential or unpredictable value.
pub(crate) fn is_sensitive_name(name: &str, vocabulary: Vocabulary) -> bool {
    sensitive_word(name, vocabulary).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers_into_words() {
        assert_eq!(words("dbPassword"), ["db", "password"]);
        assert_eq!(words("DB_PASSWORD2"), ["db", "password"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("X-Auth-Token"), ["x", "auth", "token"]);
    }

    #[test]
    fn credential_names() {
        for name in [
            "password",
            "EMAIL_PASSWORD",
            "email_pwd",
            "passphrase",
            "my_secret_password_for_email",
            "self_db_password",
            "auth_token",
            "apiKey",
            "API_KEY",
            "SECRET_KEY",
            "client_secret",
            "passwd",
        ] {
            assert!(
                is_sensitive_name(name, Vocabulary::Credential),
                "{name} should be sensitive"
            );
        }
        for name in [
            "token_type",
            "password_field",
            "secret_name",
            "TOKEN_URL",
            "tokenizer",
            "bypass",
            "password_key",
            "pw-algorithm",
            "update_password",
            "password_mechanism",
            "max_tokens",
            "salt",
            "user",
            "compass",
        ] {
            assert!(
                !is_sensitive_name(name, Vocabulary::Credential),
                "{name} should not be sensitive"
            );
        }
    }

    #[test]
    fn unpredictable_names() {
        for name in [
            "salt",
            "nonce",
            "session_id",
            "sessionId",
            "reset_code",
            "csrf_token",
            "encryption_key",
            "otp",
            "generate_token",
            "make_password",
        ] {
            assert!(
                is_sensitive_name(name, Vocabulary::Unpredictable),
                "{name} should be sensitive"
            );
        }
        for name in [
            "key",
            "session",
            "code",
            "tokens",
            "password_length",
            "sample",
        ] {
            assert!(
                !is_sensitive_name(name, Vocabulary::Unpredictable),
                "{name} should not be sensitive"
            );
        }
    }
}
