//! Does a string look randomly generated (a key or token) rather than
//! written by a person (a word, a path, a URL, a format string, a name)?

/// Shortest value judged: shorter random strings are too few to tell.
const SHORTEST: usize = 16;
/// Longest value judged: longer text is a document, not a key.
const LONGEST: usize = 1024;

/// Shannon entropy of `bytes`, in bits per byte.
pub(crate) fn shannon_entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0_u32; 256];
    for &byte in bytes {
        counts[usize::from(byte)] += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let total = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&count| count > 0)
        .map(|&count| {
            let p = f64::from(count) / total;
            -p * p.log2()
        })
        .sum()
}

/// Characters a generated key or token is made of (hex, base32, base62,
/// base64, base64url, and the separators of formatted keys).
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=' | b'_' | b'-' | b'.' | b'~')
}

/// `true` when `value` has the shape and the entropy of a generated
/// secret: one word of 16 to 1024 token characters, with digits and
/// letters, high entropy for its alphabet, and none of the shapes of text
/// people write (dotted or slashed paths of words, identifiers, MIME
/// types, version strings).
pub(crate) fn looks_generated(value: &str) -> bool {
    let bytes = value.as_bytes();
    // Cheap byte checks first: length and alphabet.
    if bytes.len() < SHORTEST || bytes.len() > LONGEST || !bytes.iter().all(|&b| is_token_byte(b)) {
        return false;
    }
    let (mut lower, mut upper, mut digits, mut symbols) = (0_usize, 0_usize, 0_usize, 0_usize);
    for &byte in bytes {
        match byte {
            b'a'..=b'z' => lower += 1,
            b'A'..=b'Z' => upper += 1,
            b'0'..=b'9' => digits += 1,
            _ => symbols += 1,
        }
    }
    if digits == 0 || lower + upper == 0 {
        return false;
    }
    // Paths and dotted names: `django.contrib.auth`, `a/b/c.txt`.
    let separators = bytes.iter().filter(|&&b| matches!(b, b'/' | b'.')).count();
    if separators > 0 && has_word_segments(value) {
        return false;
    }
    let entropy = shannon_entropy(bytes);
    let is_hex = bytes.iter().all(u8::is_ascii_hexdigit) && (lower == 0 || upper == 0);
    if is_hex {
        // Hex digests and keys: at least 128 bits, near-uniform digits.
        return bytes.len() >= 32 && entropy >= 3.3;
    }
    // Mixed alphabets: require upper, lower and digits (or two of them and
    // symbols), and more than 3.5 bits per character, close to what a
    // random base62 string of this length gives.
    let classes = usize::from(lower > 0) + usize::from(upper > 0) + usize::from(digits > 0);
    if classes < 3 && !(classes == 2 && symbols > 0 && bytes.len() >= 24) {
        return false;
    }
    #[allow(clippy::cast_precision_loss)]
    let ceiling = (bytes.len() as f64).log2();
    entropy >= 3.5_f64.min(ceiling * 0.85) && !is_identifier_like(value)
}

/// `true` when one of the `/` or `.`-separated segments of `value` is a
/// lower-case word of at least 3 letters (a path or module name).
fn has_word_segments(value: &str) -> bool {
    value
        .split(['/', '.'])
        .filter(|segment| !segment.is_empty())
        .any(|segment| {
            segment.len() >= 3
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-')
        })
}

/// `true` when `value` reads as an identifier made of words: each of its
/// `_`/`-`-separated parts is a camel-case or upper-case word with at most
/// a trailing number (`MAX_RETRIES_2`, `userName42`, `HTTP_X_API_KEY`).
fn is_identifier_like(value: &str) -> bool {
    value
        .split(['_', '-'])
        .filter(|part| !part.is_empty())
        .all(|part| {
            let letters = part.trim_end_matches(|c: char| c.is_ascii_digit());
            !letters.is_empty()
                && letters.bytes().all(|b| b.is_ascii_alphabetic())
                && (letters.bytes().all(|b| b.is_ascii_uppercase())
                    || letters.bytes().filter(u8::is_ascii_uppercase).count() * 3 <= letters.len())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_values() {
        for value in [
            "Zr4Kq8Lw2Vn7Tx3MpB6s",
            "a8f5f167f44f4964e6c998dee827110c",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9mTKEY",
            "dGhpcyBpcyBhIGtleSBmb3IgdGVzdGluZw==",
        ] {
            assert!(looks_generated(value), "{value}");
        }
    }

    #[test]
    fn written_values() {
        for value in [
            "localhost",
            "utf-8",
            "Bearer",
            "application/json",
            "https://example.com/api/v1",
            "/etc/ssl/private/server.key",
            "django.contrib.auth.backends.ModelBackend",
            "API_KEY",
            "MAX_RETRIES_2",
            "%(asctime)s",
            "aaaaaaaaaaaaaaaaaaaa1",
            "1.2.3-beta.4+build.5",
            "deadbeefdeadbeefdeadbeefdeadbeef",
            "userName42Value",
        ] {
            assert!(!looks_generated(value), "{value}");
        }
    }
}
