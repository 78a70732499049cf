//! Regex literals with character ranges that span letters, digits and the
//! punctuation between them (`[A-z]`).

use crate::helpers::regex_literals::{parse_regex, regex_function_names, regex_literal};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_text_size::Ranged;

pub(crate) struct OverlyLargeRegexRange;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &OverlyLargeRegexRange;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV844",
    name: "overly-large-regex-range",
    cwe: &[20, 185],
    severity: Severity::Low,
    confidence: Confidence::High,
    category: Category::Hygiene,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags constant regular expressions with a character range from one kind of character \
              to another (`[A-z]`, `[0-z]`, `[0-Z]`), which also matches the punctuation between them.",
    why: "Ranges follow code points, not the alphabet: `A-z` includes `[`, `\\`, `]`, `^`, `_` and \
          the backtick, and `0-z` adds `:`, `;`, `<`, `=`, `>`, `?` and `@`. A validator meant to \
          accept only letters or digits then lets characters through that matter to paths, shells, \
          HTML or SQL.",
    insecure_example: "
import re

USERNAME = re.compile(r\"^[A-z0-9]+$\")
",
    secure_example: "
import re

USERNAME = re.compile(r\"^[A-Za-z0-9]+$\")
",
    fix: "split the range into the intended ones (`A-Za-z`, `0-9a-z`)",
    references: &["https://docs.python.org/3/library/re.html#regular-expression-syntax"],
};

/// 0: digit, 1: upper-case ASCII letter, 2: lower-case ASCII letter.
fn kind(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        Some(0)
    } else if c.is_ascii_uppercase() {
        Some(1)
    } else if c.is_ascii_lowercase() {
        Some(2)
    } else {
        None
    }
}

impl Rule for OverlyLargeRegexRange {
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
            pattern.contains('-') && pattern.contains('[')
        }) else {
            return;
        };
        let Some(parsed) = parse_regex(&regex.pattern) else {
            return;
        };
        let odd = parsed
            .ranges
            .iter()
            .find(|(start, end)| matches!((kind(*start), kind(*end)), (Some(a), Some(b)) if a < b));
        if let Some((start, end)) = odd {
            cx.report(
                regex.expr.range(),
                format!("the range `{start}-{end}` also matches the punctuation between `{start}` and `{end}`"),
            )
            .label("overly large range");
        }
    }
}
