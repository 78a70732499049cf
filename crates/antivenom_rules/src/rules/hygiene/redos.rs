//! Regex literals with nested unbounded quantifiers (exponential backtracking).

use crate::helpers::regex_literals::{
    Item, ItemKind, parse_regex, regex_function_names, regex_literal,
};
use crate::helpers::test_code::in_test_code;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct Redos;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &Redos;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV846",
    name: "redos",
    cwe: &[1333, 730, 400],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Hygiene,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags constant regular expressions passed to `re` functions that repeat a group whose \
              body can itself match the same text in many ways (`(a+)+`, `(\\w+\\s?)*`, `(x|x)*`).",
    why: "Python's `re` engine backtracks. When an unbounded repetition contains another unbounded \
          repetition that can consume the same characters, a string that almost matches makes the \
          engine try exponentially many ways to split it before failing: a few dozen characters \
          can keep a worker busy for minutes, which is a denial of service from a single request.",
    insecure_example: "
import re

EMAIL = re.compile(r\"^([a-zA-Z0-9]+)*@example\\.com$\")
",
    secure_example: "
import re

EMAIL = re.compile(r\"^[a-zA-Z0-9]+@example\\.com$\")
",
    fix: "remove the nested repetition (`(a+)+` → `a+`), make alternatives disjoint, or bound the input length before matching",
    references: &[
        "https://docs.python.org/3/library/re.html",
        "https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS",
    ],
};

/// A description of the first exponential construct in `items`.
fn exponential(items: &[Item], depth: usize) -> Option<String> {
    if depth > 64 {
        return None;
    }
    for item in items {
        let ItemKind::Group(alternatives) = &item.kind else {
            continue;
        };
        if item.max.is_none() {
            if let [(text, body)] = alternatives.as_slice() {
                // One unbounded element, everything else optional.
                let unbounded = body
                    .iter()
                    .filter(|inner| {
                        inner.max.is_none() && !matches!(inner.kind, ItemKind::ZeroWidth)
                    })
                    .count();
                let required = body.iter().filter(|inner| inner.min > 0).count();
                let inner_required = body
                    .iter()
                    .any(|inner| inner.max.is_none() && inner.min > 0);
                if unbounded == 1 && (required == 0 || (required == 1 && inner_required)) {
                    return Some(format!(
                        "`({text})` repeats a group whose body is itself an unbounded repetition"
                    ));
                }
            } else {
                for (position, (text, _)) in alternatives.iter().enumerate() {
                    if !text.is_empty()
                        && alternatives
                            .iter()
                            .skip(position + 1)
                            .any(|(other, _)| other == text)
                    {
                        return Some(format!(
                            "a repeated group has the same alternative `{text}` twice"
                        ));
                    }
                }
            }
        }
        for (_, body) in alternatives {
            if let Some(found) = exponential(body, depth + 1) {
                return Some(found);
            }
        }
    }
    None
}

impl Rule for Redos {
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
        // Needs a group and two quantifiers.
        let Some(regex) = regex_literal(call, cx, |pattern| {
            pattern.contains(')')
                && pattern
                    .bytes()
                    .filter(|b| matches!(b, b'*' | b'+' | b'{'))
                    .count()
                    >= 2
                || pattern.contains('|')
        }) else {
            return;
        };
        let Some(parsed) = parse_regex(&regex.pattern) else {
            return;
        };
        let found = parsed
            .alternatives
            .iter()
            .find_map(|(_, items)| exponential(items, 0));
        if let Some(reason) = found {
            // Test suites hold pathological patterns on purpose.
            if in_test_code(cx, call.range()) {
                return;
            }
            cx.report(
                regex.expr.range(),
                format!("this regular expression can backtrack exponentially: {reason}"),
            )
            .label("nested repetition");
        }
    }
}

use ruff_text_size::Ranged;
