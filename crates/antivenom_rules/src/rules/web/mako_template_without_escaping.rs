//! Mako templates without an HTML-escaping default filter.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::Constant;

pub(crate) struct MakoTemplateWithoutEscaping;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &MakoTemplateWithoutEscaping;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV903",
    name: "mako-template-without-escaping",
    cwe: &[79, 116],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &["B702", "S702"],
    status: Status::Stable,
    summary: "Flags Mako `Template` and `TemplateLookup` objects created without the `h` \
              (HTML escape) filter in `default_filters`.",
    why: "Mako inserts `${...}` expressions as they are, without HTML escaping, unless each \
          expression uses `| h` or the template is created with `default_filters=[\"h\"]`. \
          A single forgotten filter on a value that comes from a user is a cross-site scripting \
          hole. Templates given a constant `default_filters` that includes `h` are not reported; \
          `**kwargs` and non-constant filter lists are not reported either.",
    insecure_example: "
from mako.template import Template

page = Template(\"<p>Hello ${name}</p>\")
html = page.render(name=request_name)
",
    secure_example: "
from mako.template import Template

page = Template(\"<p>Hello ${name}</p>\", default_filters=[\"h\"])
html = page.render(name=request_name)
",
    fix: "create templates and lookups with `default_filters=[\"h\"]` (add `n` only to expressions that are already safe HTML)",
    references: &[
        "https://docs.makotemplates.org/en/latest/filtering.html",
        "https://docs.makotemplates.org/en/latest/usage.html",
    ],
};

const MAKO_TEMPLATES: &[&str] = &["mako.template.Template", "mako.lookup.TemplateLookup"];

impl Rule for MakoTemplateWithoutEscaping {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(MAKO_TEMPLATES.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["mako"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        if !MAKO_TEMPLATES.contains(&name) {
            return;
        }
        match call.keyword("default_filters") {
            Some(filters) => {
                let escapes = match cx.semantic().constant(filters) {
                    Some(Constant::Sequence(items)) => items
                        .iter()
                        .any(|item| matches!(item.as_str(), Some("h" | "html_escape"))),
                    Some(_) => false,
                    // Built at run time: assume it was configured on purpose.
                    None => true,
                };
                if escapes {
                    return;
                }
            }
            None if call.has_unpacking() => return,
            None => {}
        }
        let short = name.rsplit('.').next().unwrap_or(name);
        cx.report(
            call.range(),
            format!(
                "this Mako `{short}` does not HTML-escape `${{...}}` expressions by default: a value \
                 from a user can inject markup and scripts"
            ),
        )
        .label("Mako output not escaped");
    }
}
