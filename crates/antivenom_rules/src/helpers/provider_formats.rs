//! Credential formats issued by well-known providers: each a prefix, a
//! length and an alphabet (and a structure check where the format has
//! one), so a match is a credential whatever the variable is called.

use super::fake_values::{FakeKind, fake_kind};
use super::secret_entropy::shannon_entropy;
use antivenom_diagnostics::{Confidence, Severity};
use regex::{Captures, Regex};
use std::sync::{LazyLock, OnceLock};

/// A provider credential found in a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProviderMatch {
    /// What it is, for the message (`"a GitHub token"`); never the secret.
    pub(crate) what: &'static str,
    /// How bad a leak of it is.
    pub(crate) severity: Severity,
    /// How sure the format alone makes us.
    pub(crate) confidence: Confidence,
}

/// Extra validation of a regex match; `None` rejects it.
type Validate = fn(&Captures<'_>) -> Option<(Severity, Confidence)>;

/// One credential format.
struct Format {
    /// What it is, for the message.
    what: &'static str,
    /// Text every match contains one of: the regex runs only on text that
    /// has one.
    markers: &'static [&'static str],
    /// The pattern. Capture group `s`, when present, is the generated part
    /// checked for placeholders.
    pattern: &'static str,
    /// The pattern compiled on first use: most runs meet few formats, and
    /// compiling them all up front costs more than scanning a project.
    regex: OnceLock<Option<Regex>>,
    /// Validation beyond the pattern.
    validate: Validate,
}

impl Format {
    /// The compiled pattern; `None` if it does not compile (a programming
    /// error caught by the unit tests, not worth a panic).
    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| Regex::new(self.pattern).ok())
            .as_ref()
    }
}

/// The default validation: the generated part (group `s`, else the whole
/// match) is not a placeholder, not a typed sequence and not made of a
/// handful of characters.
fn generated_part(captures: &Captures<'_>) -> Option<(Severity, Confidence)> {
    let part = captures.name("s").or_else(|| captures.get(0))?.as_str();
    is_generated(part).then_some((Severity::High, Confidence::High))
}

/// `true` unless `part` is a placeholder, a typed sequence or has too few
/// distinct characters to be random.
fn is_generated(part: &str) -> bool {
    if fake_kind(part).is_some() {
        return false;
    }
    let mut seen = [false; 128];
    let mut distinct = 0;
    for byte in part.bytes() {
        if let Some(slot) = seen.get_mut(usize::from(byte & 0x7f))
            && !*slot
        {
            *slot = true;
            distinct += 1;
        }
    }
    distinct >= (part.len() / 4).clamp(4, 10)
}

/// A JWT: the header must decode to a JSON object naming an `alg` other
/// than `none`, and the token must be signed. Medium confidence: many are
/// expired test tokens.
fn jwt(captures: &Captures<'_>) -> Option<(Severity, Confidence)> {
    let header = decode_base64url(captures.name("h")?.as_str())?;
    let header = String::from_utf8(header).ok()?;
    let header = header.trim_start();
    if !header.starts_with('{') || !header.contains("\"alg\"") {
        return None;
    }
    let compact: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.to_ascii_lowercase().contains("\"alg\":\"none\"") {
        return None;
    }
    Some((Severity::Medium, Confidence::Medium))
}

/// Decodes unpadded base64url (or base64) text; `None` if it is not.
fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(((bits >> count) & 0xff) as u8);
        }
    }
    Some(out)
}

/// Hosts of documentation and of this machine.
fn is_example_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    labels.iter().any(|label| {
        matches!(
            *label,
            "example" | "invalid" | "test" | "local" | "localdomain"
        )
    }) || host.ends_with(".example")
        || matches!(
            host.as_str(),
            "host" | "hostname" | "server" | "domain" | "myhost"
        )
}

/// `true` for the hosts of a developer's machine.
fn is_local_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost" || host.starts_with("127.") || host == "0.0.0.0" || host == "[::1]"
}

/// Passwords that stand for "a password goes here" in URLs.
const URL_PLACEHOLDER_PASSWORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "pw",
    "secret",
    "pswd",
    "p",
    "x",
    "mypassword",
    "mypass",
    "mysecret",
    "userpass",
    "pass123",
    "password123",
    "admin",
    "root",
    "guest",
    "postgres",
    "mysql",
    "redis",
    "rabbitmq",
    "mongo",
    "user",
];

/// Credentials in a URL (`scheme://user:password@host`): the password
/// must not be a placeholder, a template, equal to the user, or on a
/// documentation host. On `localhost` it is a developer default: low
/// severity and confidence.
fn url_credentials(captures: &Captures<'_>) -> Option<(Severity, Confidence)> {
    let user = captures.name("user")?.as_str();
    let password = captures.name("s")?.as_str();
    let host = captures.name("host")?.as_str();
    let lower = password.to_ascii_lowercase();
    if password.len() < 3
        || lower == user.to_ascii_lowercase()
        || URL_PLACEHOLDER_PASSWORDS.contains(&lower.as_str())
        || password.starts_with('$')
        || password.contains(['{', '}', '<', '>', '%', '*'])
        || fake_kind(password) == Some(FakeKind::Placeholder)
        || is_example_host(host)
    {
        return None;
    }
    if is_local_host(host) || fake_kind(password).is_some() {
        return Some((Severity::Low, Confidence::Low));
    }
    Some((Severity::High, Confidence::High))
}

/// An AWS secret access key: 40 base64 characters with real entropy.
pub(crate) fn is_aws_secret_key(text: &str) -> bool {
    text.len() == 40
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
        && text.bytes().any(|b| b.is_ascii_lowercase())
        && text.bytes().any(|b| b.is_ascii_uppercase())
        && text.bytes().any(|b| b.is_ascii_digit())
        && shannon_entropy(text.as_bytes()) >= 4.0
        && is_generated(text)
}

/// The AWS secret access key of an `aws_secret_access_key = ...` pair.
fn aws_secret(captures: &Captures<'_>) -> Option<(Severity, Confidence)> {
    is_aws_secret_key(captures.name("s")?.as_str()).then_some((Severity::High, Confidence::High))
}

/// The well-known account key of Azure's local storage emulator (Azurite),
/// published in Microsoft's documentation.
const AZURITE_KEY_START: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq";

/// An Azure storage account key that is not the emulator's.
fn azure_account_key(captures: &Captures<'_>) -> Option<(Severity, Confidence)> {
    let key = captures.name("s")?.as_str();
    if key.starts_with(AZURITE_KEY_START) {
        return None;
    }
    generated_part(captures)
}

/// A format checked with the default validation.
fn provider(what: &'static str, markers: &'static [&'static str], pattern: &'static str) -> Format {
    provider_with(what, markers, pattern, generated_part)
}

/// A format with its own validation.
fn provider_with(
    what: &'static str,
    markers: &'static [&'static str],
    pattern: &'static str,
    validate: Validate,
) -> Format {
    Format {
        what,
        markers,
        pattern,
        regex: OnceLock::new(),
        validate,
    }
}

/// Length in bytes of the shortest text any format matches
/// (`redis://u:pwd@h.io`).
const SHORTEST_PROVIDER_SECRET: usize = 14;

/// Number of formats in [`FORMATS`] (checked by a unit test).
#[cfg(test)]
const FORMAT_COUNT: usize = 29;

static FORMATS: LazyLock<Vec<Format>> = LazyLock::new(|| {
    vec![
        // AWS: long-term (AKIA), temporary (ASIA), bearer (ABIA) and
        // context (ACCA) access key ids; base32 body. The other AWS ids
        // (AIDA user, AROA role, ...) name principals and are not secrets.
        provider_with(
            "an AWS access key pair",
            &["AKIA", "ASIA"],
            r"(?s)(?:^|[^0-9A-Z])(?:AKIA|ASIA)[A-Z2-7]{16}[^0-9A-Za-z/+](?:.{0,200}?[^0-9A-Za-z/+])?(?P<s>[0-9A-Za-z/+]{40})(?:$|[^0-9A-Za-z/+=])",
            aws_secret,
        ),
        provider(
            "an AWS access key id",
            &["AKIA", "ASIA", "ABIA", "ACCA"],
            r"(?:^|[^0-9A-Z])(?:AKIA|ASIA|ABIA|ACCA)(?P<s>[A-Z2-7]{16})(?:$|[^0-9A-Z])",
        ),
        provider_with(
            "an AWS secret access key",
            &[
                "ecret_access_key",
                "ecretAccessKey",
                "ECRET_ACCESS_KEY",
                "ecret_key",
            ],
            r#"(?i)aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?(?P<s>[0-9A-Za-z/+]{40})(?:$|[^0-9A-Za-z/+=])"#,
            aws_secret,
        ),
        provider(
            "a Google API key",
            &["AIza"],
            r"(?:^|[^0-9A-Za-z_-])AIza(?P<s>[0-9A-Za-z_-]{35})(?:$|[^0-9A-Za-z_-])",
        ),
        provider(
            "a Google OAuth client secret",
            &["GOCSPX-"],
            r"(?:^|[^0-9A-Za-z_-])GOCSPX-(?P<s>[0-9A-Za-z_-]{28})(?:$|[^0-9A-Za-z_-])",
        ),
        provider_with(
            "an Azure storage account key",
            &["AccountKey="],
            r"AccountKey=(?P<s>[0-9A-Za-z+/]{86}==)",
            azure_account_key,
        ),
        provider(
            "an Azure shared access signature",
            &["sig="],
            r"(?:^|[?&;=])s[ve]=[0-9]{4}-[0-9]{2}-[0-9]{2}[^&]*&(?:.*?&)?sig=(?P<s>[0-9A-Za-z%+/]{40,})",
        ),
        provider(
            "an Azure shared access signature",
            &["sig="],
            r"(?:^|[?&;=])sig=(?P<s>[0-9A-Za-z%+/]{40,})(?:%3D|=)*&(?:.*?&)?s[ve]=[0-9]{4}-[0-9]{2}-[0-9]{2}",
        ),
        provider(
            "a GitHub token",
            &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
            r"(?:^|[^0-9A-Za-z_])gh[pousr]_(?P<s>[0-9A-Za-z]{36})(?:$|[^0-9A-Za-z_])",
        ),
        provider(
            "a GitHub fine-grained token",
            &["github_pat_"],
            r"(?:^|[^0-9A-Za-z_])github_pat_(?P<s>[0-9A-Za-z]{22}_[0-9A-Za-z]{59})(?:$|[^0-9A-Za-z_])",
        ),
        provider(
            "a GitLab token",
            &[
                "glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glimt-", "glsoat-", "glagent-",
                "gloas-", "glcbt-", "glffct-",
            ],
            r"(?:^|[^0-9A-Za-z_-])gl(?:pat|dt|rt|ptt|ft|imt|soat|agent|oas|cbt|ffct)-(?P<s>[0-9A-Za-z_-]{20,})(?:$|[^0-9A-Za-z_-])",
        ),
        provider(
            "a Slack token",
            &["xox"],
            r"(?:^|[^0-9A-Za-z])xox[abeoprs]-(?:[0-9]{6,}-)+(?P<s>[0-9A-Za-z]{8,}(?:-[0-9A-Za-z]+)*)",
        ),
        provider(
            "a Slack app token",
            &["xapp-"],
            r"(?:^|[^0-9A-Za-z])xapp-[0-9]-[0-9A-Z]{6,}-[0-9]{6,}-(?P<s>[0-9a-f]{32,})",
        ),
        provider(
            "a Slack webhook URL",
            &["hooks.slack.com/"],
            r"https://hooks\.slack\.com/(?:services|workflows)/T[0-9A-Z]{6,}/[AB][0-9A-Z]{6,}/(?P<s>[0-9A-Za-z]{20,})",
        ),
        provider(
            "a Stripe live secret key",
            &["k_live_"],
            r"(?:^|[^0-9A-Za-z_])[rs]k_live_(?P<s>[0-9A-Za-z]{20,})(?:$|[^0-9A-Za-z_])",
        ),
        provider(
            "a SendGrid API key",
            &["SG."],
            r"(?:^|[^0-9A-Za-z_.-])SG\.(?P<s>[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?:$|[^0-9A-Za-z_-])",
        ),
        // Legacy OpenAI keys embed `T3BlbkFJ` (base64 of "OpenAI"); project,
        // service-account and admin keys have their own prefix.
        provider(
            "an OpenAI API key",
            &["T3BlbkFJ"],
            r"(?:^|[^0-9A-Za-z_-])sk-(?:(?:proj|svcacct|admin)-)?(?P<s>[0-9A-Za-z_-]{20,}T3BlbkFJ[0-9A-Za-z_-]{20,})(?:$|[^0-9A-Za-z_-])",
        ),
        provider(
            "an OpenAI API key",
            &["sk-proj-", "sk-svcacct-", "sk-admin-"],
            r"(?:^|[^0-9A-Za-z_-])sk-(?:proj|svcacct|admin)-(?P<s>[0-9A-Za-z_-]{40,})(?:$|[^0-9A-Za-z_-])",
        ),
        provider(
            "an Anthropic API key",
            &["sk-ant-"],
            r"(?:^|[^0-9A-Za-z_-])sk-ant-(?:api|admin|oat|sid)[0-9]{2}-(?P<s>[0-9A-Za-z_-]{32,})(?:$|[^0-9A-Za-z_-])",
        ),
        provider(
            "a Hugging Face token",
            &["hf_", "api_org_"],
            r"(?:^|[^0-9A-Za-z_])(?:hf_|api_org_)(?P<s>[A-Za-z]{34})(?:$|[^0-9A-Za-z_])",
        ),
        provider(
            "a PyPI upload token",
            &["pypi-AgEIcHlwaS5vcmc"],
            r"(?:^|[^0-9A-Za-z_-])pypi-AgEIcHlwaS5vcmc(?P<s>[0-9A-Za-z_-]{50,})",
        ),
        provider(
            "an npm access token",
            &["npm_"],
            r"(?:^|[^0-9A-Za-z_])npm_(?P<s>[0-9A-Za-z]{36})(?:$|[^0-9A-Za-z_])",
        ),
        provider(
            "a Shopify access token",
            &["shpat_", "shpca_", "shppa_", "shpss_"],
            r"(?:^|[^0-9A-Za-z_])shp(?:at|ca|pa|ss)_(?P<s>[0-9a-fA-F]{32})(?:$|[^0-9A-Za-z_])",
        ),
        provider(
            "a DigitalOcean token",
            &["dop_v1_", "doo_v1_", "dor_v1_"],
            r"(?:^|[^0-9A-Za-z_])do[opr]_v1_(?P<s>[0-9a-f]{64})(?:$|[^0-9A-Za-z_])",
        ),
        provider(
            "a Twilio API key",
            &["wilio", "WILIO"],
            r"(?i:twilio).{0,200}?(?:^|[^0-9A-Za-z])SK(?P<s>[0-9a-f]{32})(?:$|[^0-9A-Za-z])",
        ),
        provider(
            "a private key (PEM block)",
            &["-----BEGIN "],
            r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 )?PRIVATE KEY(?: BLOCK)?-----\s*(?:Proc-Type:|Version:|Comment:|(?P<s>[A-Za-z0-9+/=]{32,}))",
        ),
        provider_with(
            "a JSON Web Token",
            &["eyJ"],
            r"(?:^|[^0-9A-Za-z_-])(?P<h>eyJ[0-9A-Za-z_-]{10,})\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{16,}(?:$|[^0-9A-Za-z_.-])",
            jwt,
        ),
        provider_with(
            "a database URL with a password",
            &["://"],
            r"(?i)(?:^|[^0-9A-Za-z+])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|oracle|cockroachdb)(?:\+[0-9a-z]+)?://(?P<user>[^:/@\s]*):(?P<s>[^@/\s]+)@(?P<host>[^/:?#@\s]+)",
            url_credentials,
        ),
        provider_with(
            "a URL with a password",
            &["://"],
            r"(?i)(?:^|[^0-9A-Za-z+])https?://(?P<user>[^:/@\s]+):(?P<s>[^@/\s]+)@(?P<host>[^/:?#@\s]+)",
            url_credentials,
        ),
    ]
});

/// Finds any marker of any format in one pass (the regex engine searches
/// literal alternatives with SIMD). `None` if it could not be built, which
/// only costs speed.
static ANY_MARKER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alternatives: Vec<String> = FORMATS
        .iter()
        .flat_map(|format| format.markers.iter().map(|marker| regex::escape(marker)))
        .collect();
    Regex::new(&alternatives.join("|")).ok()
});

/// Each distinct marker with the formats (bit `i` for `FORMATS[i]`) that
/// list it.
static MARKER_FORMATS: LazyLock<Vec<(&'static str, u64)>> = LazyLock::new(|| {
    let mut markers: Vec<(&'static str, u64)> = Vec::new();
    for (index, format) in FORMATS.iter().enumerate() {
        for &marker in format.markers {
            let bit = 1u64 << index;
            match markers.iter_mut().find(|(known, _)| *known == marker) {
                Some((_, formats)) => *formats |= bit,
                None => markers.push((marker, bit)),
            }
        }
    }
    markers
});

/// The formats (bit `i` for `FORMATS[i]`) with a marker in `text`.
fn formats_marked_in(text: &str) -> u64 {
    let Some(any_marker) = ANY_MARKER.as_ref() else {
        // Without the combined pattern, look for each marker.
        return MARKER_FORMATS
            .iter()
            .filter(|(marker, _)| text.contains(marker))
            .fold(0, |found, (_, formats)| found | formats);
    };
    // Every occurrence of every marker: no marker starts another (a unit
    // test checks), so at most one matches at a position, and searching
    // again one byte after each match start finds all of them. Markers are
    // ASCII, so that byte ends a character.
    let mut found = 0;
    let mut start = 0;
    while let Some(marker) = any_marker.find_at(text, start) {
        if let Some((_, formats)) = MARKER_FORMATS
            .iter()
            .find(|(known, _)| *known == marker.as_str())
        {
            found |= formats;
        }
        start = marker.start() + 1;
    }
    found
}

/// The provider credential `text` contains, if any. Placeholders
/// (`xoxb-your-token`), AWS's documentation keys (`...EXAMPLE`), typed
/// sequences and values with few distinct characters are not matches.
pub(crate) fn find_provider_secret(text: &str) -> Option<ProviderMatch> {
    // Most strings are short or lack every marker: no pattern runs for them.
    if text.len() < SHORTEST_PROVIDER_SECRET {
        return None;
    }
    let marked = formats_marked_in(text);
    if marked == 0 {
        return None;
    }
    FORMATS.iter().enumerate().find_map(|(index, format)| {
        if marked & (1 << index) == 0 {
            return None;
        }
        format.regex()?.captures_iter(text).find_map(|captures| {
            let (severity, confidence) = (format.validate)(&captures)?;
            Some(ProviderMatch {
                what: format.what,
                severity,
                confidence,
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(text: &str) -> Option<&'static str> {
        find_provider_secret(text).map(|found| found.what)
    }

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(FORMATS.len(), FORMAT_COUNT);
        for format in FORMATS.iter() {
            assert!(format.regex().is_some(), "{} does not compile", format.what);
        }
        assert!(ANY_MARKER.is_some());
    }

    #[test]
    fn markers_find_their_formats() {
        assert!(FORMATS.len() <= 64);
        for (marker, _) in MARKER_FORMATS.iter() {
            assert!(marker.is_ascii(), "{marker}");
            for (other, _) in MARKER_FORMATS.iter() {
                assert!(
                    marker == other || !other.starts_with(marker),
                    "{marker} starts {other}"
                );
            }
        }
        // Overlapping and repeated markers are all found.
        let text = "xAKIASIA://hf_ghp_sig=xox sig=";
        let expected = MARKER_FORMATS
            .iter()
            .filter(|(marker, _)| text.contains(marker))
            .fold(0, |found, (_, formats)| found | formats);
        assert_eq!(formats_marked_in(text), expected);
        assert_ne!(expected, 0);
        assert_eq!(formats_marked_in("nothing to see here"), 0);
    }

    #[test]
    fn recognises_formats() {
        let body = "Zr4Kq8Lw2Vn7Tx3MpB6sYc9Hd5Jf1Gg0Ra";
        assert_eq!(what(&format!("ghp_{body}Qe")), Some("a GitHub token"));
        assert_eq!(
            what("key=AKIAZR4KQ6LW2VN7TX3M;"),
            Some("an AWS access key id")
        );
        assert_eq!(
            what("AKIAZR4KQ6LW2VN7TX3M wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9mTKEYq2"),
            Some("an AWS access key pair")
        );
        assert_eq!(what(&format!("AIza{body}p")), Some("a Google API key"));
        assert_eq!(
            what("postgres://app:Zr4Kq8Lw2V@db.internal/app"),
            Some("a database URL with a password")
        );
        assert_eq!(
            what("https://bob:Zr4Kq8Lw2V@api.acme.io/x"),
            Some("a URL with a password")
        );
        let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        let jwt =
            format!("{header}.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Zr4Kq8Lw2Vn7Tx3MpB6sYc9Hd5Jf1Gg0Ra");
        assert_eq!(what(&jwt), Some("a JSON Web Token"));
        assert_eq!(
            find_provider_secret(&jwt).map(|m| m.confidence),
            Some(Confidence::Medium)
        );
    }

    #[test]
    fn rejects_placeholders_and_near_misses() {
        for text in [
            "AKIAIOSFODNN7EXAMPLE",
            "-----BEGIN RSA PRIVATE KEY-----",
            "xoxb-your-token-here",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "AKIAQWERTYUIOPASDFGH",
            "postgres://user:password@localhost/db",
            "postgres://postgres:postgres@db/app",
            "mysql://app:${DB_PASSWORD}@db/app",
            "https://user:secret@example.com/",
            "https://www.python.org/downloads/",
            "sk_test_Zr4Kq8Lw2Vn7Tx3MpB6sYc9H",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.",
        ] {
            assert_eq!(what(text), None, "{text}");
        }
        assert_eq!(
            find_provider_secret("redis://:Zr4Kq8Lw2V@localhost:6379").map(|m| m.severity),
            Some(Severity::Low)
        );
    }
}
