//! Every `Markup(...)` whose text is not a string literal written at the
//! call (audit).

use super::markupsafe_markup::MARKUP;
use crate::helpers::inline_literals::is_inline_literal;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct MarkupsafeMarkupCall;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &MarkupsafeMarkupCall;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV980",
    name: "markupsafe-markup-call",
    cwe: &[79],
    severity: Severity::Medium,
    confidence: Confidence::Low,
    category: Category::Web,
    aliases: &["B704", "S704"],
    status: Status::Audit,
    summary: "Flags `markupsafe.Markup` (also `flask.Markup` / `jinja2.Markup`) built from text \
              that is not a string literal written at the call.",
    why: "`Markup` tells Jinja2 and Flask that a string is already safe HTML, so it is rendered \
          without escaping. The stable rule markupsafe-markup (AV905) reports text that is not \
          constant or not escaped. Text kept in a variable or assembled with an f-string, `%` \
          or `.format()` may be constant today, but the call hides what is being trusted and \
          one later edit can let request data through. This audit rule lists every such call.",
    insecure_example: "
from markupsafe import Markup

BANNER = \"<b>Maintenance tonight</b>\"
notice = Markup(f\"{BANNER}\")
",
    secure_example: "
from markupsafe import Markup

notice = Markup(\"<b>{}</b>\").format(message)
",
    fix: "pass `Markup` a literal template and insert values with its `.format()` or `%`, which escape them",
    references: &[
        "https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup",
        "https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping",
    ],
};

impl Rule for MarkupsafeMarkupCall {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(MARKUP.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["markupsafe", "flask", "jinja2"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        if !MARKUP.contains(&name) {
            return;
        }
        let Some(text) = call.argument("object", 0).or_else(|| call.keyword("base")) else {
            return;
        };
        if is_inline_literal(text) {
            return;
        }
        cx.report(
            call.range(),
            format!("`{name}` marks text that is not a literal at the call as safe HTML; check what it contains"),
        )
        .label("text marked safe");
    }
}
