//! `globals()[key]` / `locals()[key]` with a key chosen at run time that is
//! called, and `globals()` / `locals()` handed to a Django
//! template as its context.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, NodeKind};
use ruff_text_size::Ranged;

pub(crate) struct DangerousGlobalsUse;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DangerousGlobalsUse;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV141",
    name: "dangerous-globals-use",
    cwe: &[96, 94, 470],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::CodeExecution,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `globals()[key]` / `locals()[key]` with a non-constant key whose value is \
              called, and `globals()` / `locals()` passed as a Django template context.",
    why: "Looking a callable up in the module namespace by a name that arrives at run time lets the \
          caller pick and call any function or class the module can see (imported modules' \
          functions, private helpers), not only the ones meant to be reachable. Handing the whole namespace \
          to a template exposes every variable and callable in scope to the template author.",
    insecure_example: "
def dispatch(request):
    handler = request.GET[\"action\"]
    return globals()[handler](request)
",
    secure_example: "
HANDLERS = {\"list\": list_items, \"show\": show_item}

def dispatch(request):
    return HANDLERS[request.GET[\"action\"]](request)
",
    fix: "look callables up in an explicit dictionary of allowed names, and pass templates an explicit context dictionary",
    references: &[
        "https://docs.python.org/3/library/functions.html#globals",
        "https://docs.djangoproject.com/en/stable/topics/http/shortcuts/#render",
    ],
};

/// Django functions that take a template context, and its (position, keyword).
const TEMPLATE_CONTEXTS: &[(&str, usize, &str)] = &[
    ("django.shortcuts.render", 2, "context"),
    ("django.shortcuts.render_to_response", 1, "context"),
    ("django.template.loader.render_to_string", 1, "context"),
    ("django.template.Context", 0, "dict_"),
    ("django.template.context.Context", 0, "dict_"),
    ("django.template.RequestContext", 1, "dict_"),
    ("django.template.context.RequestContext", 1, "dict_"),
];

/// `globals` or `locals` when `expr` is a call of that builtin with no argument.
fn namespace_call(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<&'static str> {
    let Expr::Call(call) = expr else {
        return None;
    };
    if !call.arguments.is_empty() {
        return None;
    }
    // Cheap filter before resolving: only the bare names can be the builtins.
    let Expr::Name(name) = &*call.func else {
        return None;
    };
    if !matches!(name.id.as_str(), "globals" | "locals") {
        return None;
    }
    match semantic.qualified_name(&call.func)?.as_str() {
        "globals" => Some("globals"),
        "locals" => Some("locals"),
        _ => None,
    }
}

impl Rule for DangerousGlobalsUse {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: true,
            ..Interests::expressions(&[NodeKind::ExprSubscript])
        }
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(TEMPLATE_CONTEXTS.iter().map(|(name, _, _)| *name).collect())
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        let Expr::Subscript(subscript) = expr else {
            return;
        };
        let Some(namespace) = namespace_call(cx.semantic(), &subscript.value) else {
            return;
        };
        if cx.semantic().is_constant(&subscript.slice) {
            return;
        }
        let called = matches!(
            cx.parent_expression(),
            Some(Expr::Call(call)) if call.func.range() == subscript.range
        );
        // Assignments (`globals()[name] = value`) are the usual way modules
        // define generated names (hashlib, crypt): not reported.
        if !called {
            return;
        }
        let message =
            format!("calls whatever `{namespace}()[...]` holds under a key chosen at run time");
        cx.report(subscript.range, message)
            .label("dynamic namespace key");
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let Some(&(_, position, keyword)) = TEMPLATE_CONTEXTS
            .iter()
            .find(|(candidate, _, _)| *candidate == name)
        else {
            return;
        };
        let Some(context) = call.argument(keyword, position) else {
            return;
        };
        let Some(namespace) = namespace_call(cx.semantic(), context) else {
            return;
        };
        cx.report(
            call.range(),
            format!("passes `{namespace}()` as the template context: every variable in scope becomes visible to the template"),
        )
        .label("namespace as template context")
        .severity(Severity::Low);
    }
}
