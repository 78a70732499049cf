//! `Markup(...)` on text that is not known to be safe.

use crate::helpers::trusted_markup::is_trusted_markup;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct MarkupsafeMarkup;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &MarkupsafeMarkup;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV905",
    name: "markupsafe-markup",
    cwe: &[79],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &["B704", "S704"],
    status: Status::Stable,
    summary: "Flags `markupsafe.Markup` (also as `flask.Markup` / `jinja2.Markup`) built from \
              text that is not a constant or made only of escaped parts.",
    why: "`Markup` declares a string to be safe HTML, so Jinja2 and Flask insert it without \
          escaping. Wrapping text that contains user input (`Markup(f\"<b>{name}</b>\")`) lets \
          that input inject tags and scripts: cross-site scripting. Use `Markup` on a constant \
          template and let its `.format()` / `%` escape the values, or escape them first. \
          Constants and text built from `escape(...)` / `bleach.clean(...)` results are not \
          reported.",
    insecure_example: "
from markupsafe import Markup

def badge(name):
    return Markup(f\"<span class=badge>{name}</span>\")
",
    secure_example: "
from markupsafe import Markup

def badge(name):
    return Markup(\"<span class=badge>{}</span>\").format(name)  # name is escaped
",
    fix: "keep the template constant and pass values through `Markup(template).format(...)` or `markupsafe.escape`",
    references: &[
        "https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup",
        "https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping",
    ],
};

/// The names `Markup` is reachable under.
pub(crate) const MARKUP: &[&str] = &[
    "markupsafe.Markup",
    "flask.Markup",
    "jinja2.Markup",
    "jinja2.utils.Markup",
];

impl Rule for MarkupsafeMarkup {
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
        if is_trusted_markup(cx.semantic(), text) {
            return;
        }
        cx.report(
            call.range(),
            format!(
                "`{name}` marks text built at run time as safe HTML: any markup in it is rendered \
                 unescaped"
            ),
        )
        .label("unescaped text marked safe");
    }
}
