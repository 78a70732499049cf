//! Django `mark_safe` on text that is not known to be safe.

use crate::helpers::trusted_markup::is_trusted_markup;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct DjangoMarkSafe;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoMarkSafe;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV904",
    name: "django-mark-safe",
    cwe: &[79, 80],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &["B308", "B703", "S308"],
    status: Status::Stable,
    summary: "Flags Django `mark_safe`, `SafeString`, `SafeText`, `SafeUnicode` and `SafeBytes` \
              applied to text that is not a constant or built only from escaped parts.",
    why: "`mark_safe` tells the template engine not to escape a string. If any part of it \
          comes from a user, a database row or another untrusted source, the markup it \
          contains is rendered as HTML and can run scripts in other users' browsers \
          (cross-site scripting). Constants, translated constants, and strings built only from \
          constants and the output of `escape`, `conditional_escape`, `format_html`, \
          `render_to_string` or `bleach.clean` are not reported.",
    insecure_example: "
from django.utils.safestring import mark_safe

def greeting(user):
    return mark_safe(\"<b>Hello \" + user.first_name + \"</b>\")
",
    secure_example: "
from django.utils.html import format_html

def greeting(user):
    return format_html(\"<b>Hello {}</b>\", user.first_name)
",
    fix: "build HTML with `format_html` (or escape each value with `conditional_escape`) instead of marking raw text safe",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe",
        "https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html",
    ],
};

const MARK_SAFE: &[&str] = &[
    "django.utils.safestring.mark_safe",
    "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText",
    "django.utils.safestring.SafeUnicode",
    "django.utils.safestring.SafeBytes",
    "django.utils.html.mark_safe",
];

impl Rule for DjangoMarkSafe {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(MARK_SAFE.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["django"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        if !MARK_SAFE.contains(&name) {
            return;
        }
        let Some(text) = call.positional(0).or_else(|| {
            call.call
                .arguments
                .keywords
                .first()
                .map(|keyword| &keyword.value)
        }) else {
            return;
        };
        if is_trusted_markup(cx.semantic(), text) {
            return;
        }
        let short = name.rsplit('.').next().unwrap_or(name);
        cx.report(
            call.range(),
            format!(
                "`{short}` disables HTML escaping for text built at run time: any markup in it \
                 reaches the page"
            ),
        )
        .label("unescaped text marked safe");
    }
}
