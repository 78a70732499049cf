//! Jinja2 environments that do not escape HTML.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

pub(crate) struct Jinja2AutoescapeFalse;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &Jinja2AutoescapeFalse;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV902",
    name: "jinja2-autoescape-false",
    cwe: &[79, 116],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &["B701", "S701"],
    status: Status::Stable,
    summary: "Flags Jinja2 `Environment` / `SandboxedEnvironment` created with `autoescape` set \
              to a false constant, or without `autoescape` (medium confidence).",
    why: "Jinja2 does not escape variables unless autoescaping is on, and it is off by \
          default. Any value rendered into an HTML template (a user name, a search term, a \
          comment) can then carry `<script>` or event-handler attributes: stored or reflected \
          cross-site scripting. `select_autoescape(...)`, `True` and non-constant settings \
          (a callable choosing per template) are not reported. `jinja2.Template(...)` is not \
          reported either: it is mostly used for plain-text output.",
    insecure_example: "
from jinja2 import Environment, FileSystemLoader

env = Environment(loader=FileSystemLoader(\"templates\"))
",
    secure_example: "
from jinja2 import Environment, FileSystemLoader, select_autoescape

env = Environment(loader=FileSystemLoader(\"templates\"), autoescape=select_autoescape())
",
    fix: "pass `autoescape=select_autoescape()` (or `True`) when the environment renders HTML or XML",
    references: &[
        "https://jinja.palletsprojects.com/en/stable/api/#autoescaping",
        "https://jinja.palletsprojects.com/en/stable/api/#jinja2.select_autoescape",
    ],
};

const ENVIRONMENTS: &[&str] = &[
    "jinja2.Environment",
    "jinja2.environment.Environment",
    "jinja2.sandbox.SandboxedEnvironment",
    "jinja2.sandbox.ImmutableSandboxedEnvironment",
];

impl Rule for Jinja2AutoescapeFalse {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(ENVIRONMENTS.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["jinja2"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        if !ENVIRONMENTS.contains(&name) {
            return;
        }
        let semantic = cx.semantic();
        match call.keyword("autoescape") {
            None => {
                if call.has_unpacking() {
                    return;
                }
                cx.report(
                    call.range(),
                    format!(
                        "`{name}` is created without `autoescape`: Jinja2 then does not escape \
                         HTML, so rendered values can inject markup and scripts"
                    ),
                )
                .label("autoescaping off by default")
                .confidence(Confidence::Medium);
            }
            Some(value) => {
                let Some(setting) = semantic.constant(value) else {
                    // A helper other than `select_autoescape` decides at run
                    // time; a setting read from a name is configuration.
                    if let Expr::Call(helper) = value
                        && !semantic
                            .qualified_name(&helper.func)
                            .is_some_and(|helper| helper.ends_with("select_autoescape"))
                    {
                        cx.report(
                            call.range(),
                            format!(
                                "`{name}` takes `autoescape` from a call other than \
                                 `select_autoescape`: escaping may be off for HTML templates"
                            ),
                        )
                        .label("autoescaping decided at run time")
                        .severity(Severity::Medium)
                        .confidence(Confidence::Low);
                    }
                    return;
                };
                if setting.is_truthy() {
                    return;
                }
                let shown = match value {
                    Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => {
                        format!("`{}`", cx.text(value.range()))
                    }
                    _ => "a false value".to_owned(),
                };
                cx.report(
                    call.range(),
                    format!(
                        "`{name}` is created with `autoescape` set to {shown}: rendered values can \
                         inject HTML and scripts"
                    ),
                )
                .label("autoescaping disabled");
            }
        }
    }
}
