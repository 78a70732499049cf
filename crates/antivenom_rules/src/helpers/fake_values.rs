//! Is a would-be secret a placeholder, an example or a test value rather
//! than a real credential? Shared by the secrets rules.

/// How a value that sits where a secret goes should be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FakeKind {
    /// "Fill this in": `changeme`, `<your-key>`, `${VAR}`, `xxxx`, `***`,
    /// `YOUR_API_KEY`, anything mentioning `example` or `placeholder`.
    /// Never reported.
    Placeholder,
    /// A real but trivial value, typical of tests and demos: `1234`,
    /// `abcdef`, `qwerty`, or a value with `test`, `fake` or `sample` as a
    /// word. Reported, if at all, with low confidence.
    Trivial,
}

/// Words that, anywhere in a value (any case), mark it as a placeholder.
/// Long and distinctive enough not to appear by chance in random text.
const PLACEHOLDER_SUBSTRINGS: &[&str] = &[
    "example",
    "placeholder",
    "redacted",
    "changeme",
    "change-me",
    "change_me",
    "changeit",
    "replaceme",
    "replace-me",
    "replace_me",
    "dummy",
    "xxxx",
    "****",
    "your-",
    "your_",
    "yourkey",
    "yoursecret",
    "yourtoken",
    "yourpassword",
    "<your",
    "insert-",
    "insert_",
    "notarealsecret",
    "notreal",
];

/// Words that, as a whole word of the value, mark it as a test value.
const TRIVIAL_WORDS: &[&str] = &[
    "test", "tests", "testing", "fake", "sample", "mock", "demo", "foo", "bar", "baz", "qux",
];

/// Runs of characters that are typed, not generated.
const SEQUENCES: &[&str] = &[
    "0123456789",
    "1234567890",
    "9876543210",
    "abcdefghijklmnopqrstuvwxyz",
    "zyxwvutsrqponmlkjihgfedcba",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
];

/// Shortest run of a [`SEQUENCES`] entry that marks a value as typed.
const SHORTEST_SEQUENCE: usize = 6;

/// `true` when `value` contains a run of [`SHORTEST_SEQUENCE`] characters
/// of a keyboard row, the alphabet or the digits (any case), or when
/// `value` (at least 4 characters) is entirely such a run (`1234`).
fn has_typed_sequence(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let is_run_of = |run: &[u8]| {
        SEQUENCES.iter().any(|sequence| {
            sequence
                .as_bytes()
                .windows(run.len())
                .any(|window| window == run)
        })
    };
    if bytes.len() >= 4 && bytes.len() < SHORTEST_SEQUENCE && is_run_of(bytes) {
        return true;
    }
    bytes
        .windows(SHORTEST_SEQUENCE)
        .any(|window| window.iter().all(u8::is_ascii_alphanumeric) && is_run_of(window))
}

/// The words of `value`: runs of letters or of digits, split at case
/// changes (`AKIAIOSFODNN7EXAMPLE` gives `akiaiosfodnn`, `7`, `example`;
/// `myTestKey` gives `my`, `test`, `key`), lower-cased.
fn value_words(value: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in value.chars() {
        let boundary = match previous {
            None => false,
            Some(p) => {
                !c.is_alphanumeric()
                    || !p.is_alphanumeric()
                    || c.is_ascii_digit() != p.is_ascii_digit()
                    || (p.is_lowercase() && c.is_uppercase())
            }
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        }
        previous = Some(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words.into_iter()
}

/// `true` when `value` is a template or a reference to where the real
/// value lives: `${VAR}`, `$VAR`, `{{ var }}`, `%(name)s`, `%s`, `{}`,
/// `{name}`, `<secret>`.
pub(crate) fn is_template(value: &str) -> bool {
    let trimmed = value.trim();
    trimmed.contains("${")
        || trimmed.contains("{{")
        || trimmed.contains("%(")
        || trimmed.contains("%s")
        || (trimmed.starts_with('$')
            && trimmed
                .get(1..)
                .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')))
        || (trimmed.starts_with('{') && trimmed.ends_with('}'))
        || (trimmed.starts_with('<') && trimmed.ends_with('>'))
        || (trimmed.starts_with('[') && trimmed.ends_with(']'))
}

/// Whether `value` is a placeholder or a trivial test value, or neither
/// (`None`). Cheap: a few passes over the value, which callers only pass
/// once it already looks like a secret.
pub(crate) fn fake_kind(value: &str) -> Option<FakeKind> {
    let trimmed = value.trim();
    if is_template(trimmed) || !trimmed.chars().any(char::is_alphanumeric) {
        return Some(FakeKind::Placeholder);
    }
    let lower = trimmed.to_ascii_lowercase();
    if PLACEHOLDER_SUBSTRINGS
        .iter()
        .any(|placeholder| lower.contains(placeholder))
        || lower.starts_with("your")
    {
        return Some(FakeKind::Placeholder);
    }
    // `xxxxxxxx`, `00000000`, `aaaa-aaaa`: one repeated character.
    let mut alphanumerics = lower.chars().filter(|c| c.is_alphanumeric());
    if let Some(first) = alphanumerics.next() {
        let mut count = 1;
        let mut same = true;
        for c in alphanumerics {
            count += 1;
            same &= c == first;
        }
        if same && count >= 3 {
            return Some(FakeKind::Placeholder);
        }
    }
    if has_typed_sequence(&lower)
        || value_words(trimmed).any(|word| TRIVIAL_WORDS.contains(&word.as_str()))
    {
        return Some(FakeKind::Trivial);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for value in [
            "changeme",
            "change-me",
            "xxxxxxxxxxxx",
            "***",
            "<your-key>",
            "${VAR}",
            "$API_KEY",
            "{{ var }}",
            "%(name)s",
            "YOUR_API_KEY",
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "my-dummy-token",
            "REDACTED",
            "{password}",
        ] {
            assert_eq!(fake_kind(value), Some(FakeKind::Placeholder), "{value}");
        }
    }

    #[test]
    fn trivial_values() {
        for value in [
            "1234567890",
            "1234",
            "abcdef",
            "test-secret-9f8e",
            "myFakeKey1",
            "qwerty12",
        ] {
            assert_eq!(fake_kind(value), Some(FakeKind::Trivial), "{value}");
        }
    }

    #[test]
    fn real_looking_values() {
        for value in [
            "hunter2",
            "s3cr3t-pa55",
            "9f8e7d6c5b4a",
            "Zr4Kq8Lw2Vn7Tx3M",
            "latest-contest-token",
            "d6s$f9g!j8mg7hw?n&2",
        ] {
            assert_eq!(fake_kind(value), None, "{value}");
        }
    }
}
