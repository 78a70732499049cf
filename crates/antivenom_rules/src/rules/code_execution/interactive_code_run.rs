//! `code.InteractiveConsole` / `InteractiveInterpreter`
//! objects that run source that is not a constant.

use crate::helpers::receivers::constructor;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct InteractiveCodeRun;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &InteractiveCodeRun;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV140",
    name: "interactive-code-run",
    cwe: &[95, 94],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::CodeExecution,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags the `push`, `runsource` and `runcode` methods of \
              `code.InteractiveConsole` / `code.InteractiveInterpreter` objects, when they run source \
              that is not a constant.",
    why: "The `code` module is a full Python interpreter: `interact()` reads statements from standard \
          input and `push`/`runsource`/`runcode` compile and run the text they are given, with the \
          privileges of the process. Left in a service (a debug console, a 'shell' endpoint) it gives \
          whoever reaches the input the ability to run any code. Constant source is not flagged.",
    insecure_example: "
import code

console = code.InteractiveConsole(locals={\"app\": app})

def debug_endpoint(request):
    console.push(request.POST[\"line\"])
",
    secure_example: "
import code

console = code.InteractiveConsole()
console.push(\"print('ready')\")  # constant source
",
    fix: "remove interactive consoles from code reachable by users, or gate them behind local-only, authenticated debugging tools",
    references: &[
        "https://docs.python.org/3/library/code.html#code.InteractiveInterpreter.runsource",
    ],
};

const CONSOLE_CLASSES: &[&str] = &["code.InteractiveConsole", "code.InteractiveInterpreter"];

impl Rule for InteractiveCodeRun {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // Methods of a console object.
        Some(vec!["push", "runsource", "runcode"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["code"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Expr::Attribute(attribute) = &*call.call.func else {
            return;
        };
        let source_argument = match attribute.attr.as_str() {
            "push" => "line",
            "runsource" => "source",
            "runcode" => "code",
            _ => return,
        };
        let Some(class) = constructor(cx.semantic(), &attribute.value) else {
            return;
        };
        if !CONSOLE_CLASSES.contains(&class.as_str()) {
            return;
        }
        let method = attribute.attr.as_str();
        let Some(source) = call.argument(source_argument, 0) else {
            return;
        };
        if cx.semantic().is_constant(source) {
            return;
        }
        cx.report(
            call.range(),
            format!("`{class}.{method}` runs Python source built at run time"),
        )
        .label("non-constant source");
    }
}
