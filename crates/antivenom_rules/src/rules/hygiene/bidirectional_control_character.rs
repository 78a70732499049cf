//! Unicode bidirectional control characters in source code ("Trojan Source").

use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_text_size::{TextRange, TextSize};

pub(crate) struct BidirectionalControlCharacter;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &BidirectionalControlCharacter;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV950",
    name: "bidirectional-control-character",
    cwe: &[838],
    severity: Severity::High,
    confidence: Confidence::Medium,
    category: Category::Hygiene,
    aliases: &["B613"],
    status: Status::Stable,
    summary: "Flags lines of source code that contain Unicode bidirectional control characters \
              (embeddings, overrides and isolates).",
    why: "Bidirectional control characters change the order in which an editor or a code review \
          tool displays text, but not the order in which Python reads it. Inside a comment or a \
          string they can make code look like it does something else than it does: a condition \
          that seems to compare against one value, or a statement that seems commented out \
          (\"Trojan Source\", CVE-2021-42574). Source code almost never needs them; text that \
          does can spell them as escapes (`\\u202e`).",
    insecure_example: "
access_level = \"user\"
if access_level != \"none\u{202e}\u{2066}\":  # Check if admin \u{2069}\u{2066}\" and access_level != \"user
    grant_admin()
",
    secure_example: "
access_level = \"user\"
RIGHT_TO_LEFT_OVERRIDE = \"\\u202e\"  # spelled as an escape, visible in review
if access_level == \"admin\":
    grant_admin()
",
    fix: "remove the control characters, or write them as `\\u` escapes in string literals",
    references: &[
        "https://trojansource.codes/",
        "https://www.unicode.org/reports/tr9/",
        "https://cwe.mitre.org/data/definitions/838.html",
    ],
};

/// The explicit bidirectional formatting characters of Unicode (UAX #9):
/// embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069),
/// which reorder whole runs of text. The implicit marks (U+200E, U+200F,
/// U+061C) only set the direction of neighbouring punctuation and are normal
/// in right-to-left text (Django's Arabic and Persian date formats).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Lead byte of the UTF-8 encodings of those characters: only text around
/// it needs decoding.
const LEAD_BYTE: u8 = 0xE2;

impl Rule for BidirectionalControlCharacter {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::MODULE
    }

    /// One finding per line that holds such characters, at the first one.
    fn check_module(&self, cx: &mut RuleContext<'_, '_>) {
        let source = cx.source();
        let bytes = source.as_bytes();
        let mut found = Vec::new();
        let mut last_line_start = None;
        for position in memchr::memchr_iter(LEAD_BYTE, bytes) {
            let Some(c) = source.get(position..).and_then(|rest| rest.chars().next()) else {
                continue;
            };
            if !is_bidi_control(c) {
                continue;
            }
            let before = source.get(..position).unwrap_or_default();
            let line_start = before.rfind(['\n', '\r']).map_or(0, |index| index + 1);
            if last_line_start == Some(line_start) {
                continue;
            }
            last_line_start = Some(line_start);
            let (Ok(start), Ok(length)) = (u32::try_from(position), u32::try_from(c.len_utf8()))
            else {
                continue;
            };
            found.push((
                TextRange::at(TextSize::new(start), TextSize::new(length)),
                c,
            ));
        }
        for (range, c) in found {
            cx.report(
                range,
                format!(
                    "this line contains the invisible bidirectional control character U+{:04X}: \
                     the code may read differently from how it is displayed",
                    u32::from(c)
                ),
            )
            .label("bidirectional control character");
        }
    }
}
