//! Regex literals meant to match `<script>` elements that miss common
//! variants (upper case, line breaks, `</script >`).

use crate::helpers::regex_literals::{regex_function_names, regex_literal};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_text_size::Ranged;

pub(crate) struct BadTagFilter;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &BadTagFilter;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV845",
    name: "bad-tag-filter",
    cwe: &[116, 185, 186, 20],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags constant regular expressions that match `<script` tags but are case-sensitive, \
              let `.` stop at line breaks, or require the closing tag to be exactly `</script>`.",
    why: "Browsers accept `<SCRIPT>`, `<script\\n>`, `</script >` and `</script foo>`, and a \
          script body may contain line breaks. A regex-based filter that misses any of these \
          variants leaves the script in place, so the 'sanitised' HTML still carries cross-site \
          scripting.",
    insecure_example: "
import re

def strip_scripts(html):
    return re.sub(r\"<script>.*?</script>\", \"\", html)
",
    secure_example: "
import bleach

def strip_scripts(html):
    return bleach.clean(html, tags=[\"p\", \"b\", \"i\", \"a\"], strip=True)
",
    fix: "sanitise HTML with an HTML parser-based sanitiser (bleach, nh3) instead of regular expressions",
    references: &[
        "https://owasp.org/www-community/attacks/xss/",
        "https://docs.python.org/3/library/re.html#re.IGNORECASE",
    ],
};

impl Rule for BadTagFilter {
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
        let Some(regex) = regex_literal(call, cx, |pattern| pattern.contains("<script")) else {
            return;
        };
        let pattern = &regex.pattern;
        let mut misses = Vec::new();
        if !regex.ignore_case {
            misses.push("upper-case tags such as `<SCRIPT>`");
        }
        if !regex.dot_all
            && pattern.contains("</script")
            && (pattern.contains(".*") || pattern.contains(".+"))
        {
            misses.push("script bodies spanning lines (`.` without `re.DOTALL`)");
        }
        if pattern.contains("</script>") {
            misses.push("closing tags with spaces or attributes such as `</script >`");
        }
        if misses.is_empty() {
            return;
        }
        cx.report(
            regex.expr.range(),
            format!("this `<script>` filter misses {}", misses.join(", ")),
        )
        .label("incomplete tag filter");
    }
}
