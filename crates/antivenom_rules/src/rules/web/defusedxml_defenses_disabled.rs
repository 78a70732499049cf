//! defusedxml parsers with their protections switched off.

use crate::helpers::literal_values::is_falsy_constant;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct DefusedxmlDefensesDisabled;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DefusedxmlDefensesDisabled;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV745",
    name: "defusedxml-defenses-disabled",
    cwe: &[611, 776],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags defusedxml parse functions and parsers called with `forbid_entities=False` \
              or `forbid_external=False`.",
    why: "defusedxml exists to refuse entity declarations (billion laughs, quadratic blowup) \
          and external entities or DTDs (XXE: reading local files, reaching internal URLs). \
          Turning those refusals off gives back the attacks the library is used to stop, \
          while the import still suggests the parsing is safe. `forbid_dtd=False` is the \
          default and is not reported.",
    insecure_example: "
from defusedxml.ElementTree import fromstring

root = fromstring(request.body, forbid_entities=False)
",
    secure_example: "
from defusedxml.ElementTree import fromstring

root = fromstring(request.body)
",
    fix: "keep the defaults (`forbid_entities=True`, `forbid_external=True`); if a document needs entities, expand them in a trusted preprocessing step",
    references: &[
        "https://github.com/tiran/defusedxml#readme",
        "https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
    ],
};

const DEFENSES: &[&str] = &["forbid_entities", "forbid_external"];

impl Rule for DefusedxmlDefensesDisabled {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn modules(&self) -> &'static [&'static str] {
        &["defusedxml"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        if !name.starts_with("defusedxml.") {
            return;
        }
        let semantic = cx.semantic();
        let Some(defense) = DEFENSES.iter().find(|defense| {
            call.keyword(defense)
                .is_some_and(|value| is_falsy_constant(semantic, value))
        }) else {
            return;
        };
        cx.report(
            call.range(),
            format!("`{name}` is called with `{defense}=False`, disabling a defusedxml protection"),
        )
        .label("XML protection disabled");
    }
}
