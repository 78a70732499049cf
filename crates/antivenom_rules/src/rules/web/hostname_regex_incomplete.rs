//! Regex literals for host names with an unescaped `.` before a top-level
//! domain (`"^https?://example.com"`), which matches any character there.

use crate::helpers::regex_literals::{regex_function_names, regex_literal};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_text_size::Ranged;

pub(crate) struct HostnameRegexIncomplete;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HostnameRegexIncomplete;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV843",
    name: "hostname-regex-incomplete",
    cwe: &[20, 185],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags constant regular expressions passed to `re` functions that spell a host name \
              with an unescaped `.` before a common top-level domain (`example.com`).",
    why: "In a regular expression `.` matches any character, so `example.com` also matches \
          `examplexcom` and `example-com.attacker.net` can be registered by anyone. A host \
          allow-list (redirect targets, CORS origins, webhook destinations) written this way \
          accepts domains the attacker owns.",
    insecure_example: "
import re

TRUSTED = re.compile(r\"^https://(www\\.)?example.com/\")
",
    secure_example: "
import re

TRUSTED = re.compile(r\"^https://(www\\.)?example\\.com/\")
",
    fix: "escape every literal dot (`\\.`) and anchor the host (`^https://example\\.com(/|$)`), or compare parsed host names instead",
    references: &[
        "https://docs.python.org/3/library/re.html#re.escape",
        "https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit",
    ],
};

const TLDS: &[&str] = &["com", "org", "net", "edu", "gov", "io"];

/// The host-like text around the first unescaped `.` that precedes a TLD.
fn unescaped_tld_dot(pattern: &str) -> Option<String> {
    let bytes = pattern.as_bytes();
    let mut escaped = false;
    let mut in_class = false;
    for (index, &byte) in bytes.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match byte {
            b'\\' => escaped = true,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'.' if !in_class => {
                let label_before = index >= 2
                    && bytes.get(index - 2..index).is_some_and(|pair| {
                        pair.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
                    });
                if !label_before {
                    continue;
                }
                let after = pattern.get(index + 1..).unwrap_or_default();
                let tld = TLDS.iter().find(|tld| {
                    after.starts_with(**tld)
                        && !after
                            .as_bytes()
                            .get(tld.len())
                            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                });
                if let Some(tld) = tld {
                    let start = pattern
                        .get(..index)
                        .unwrap_or_default()
                        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .map_or(0, |position| position + 1);
                    return pattern
                        .get(start..index)
                        .map(|label| format!("{label}.{tld}"));
                }
            }
            _ => {}
        }
    }
    None
}

impl Rule for HostnameRegexIncomplete {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(regex_function_names())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["re"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(regex) = regex_literal(call, cx, |pattern| {
            TLDS.iter().any(|tld| pattern.contains(tld)) && pattern.contains('.')
        }) else {
            return;
        };
        let Some(host) = unescaped_tld_dot(&regex.pattern) else {
            return;
        };
        cx.report(
            regex.expr.range(),
            format!("the `.` in `{host}` is not escaped: it matches any character, so attacker-registered hosts can match"),
        )
        .label("unescaped dot in host name");
    }
}
