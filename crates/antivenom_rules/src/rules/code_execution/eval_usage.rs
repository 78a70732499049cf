//! `eval` / `exec` / `compile` on a non-constant source.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct EvalUsage;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &EvalUsage;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV101",
    name: "dynamic-code-execution",
    cwe: &[95, 94],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::CodeExecution,
    aliases: &["B307", "S307", "B102", "S102"],
    status: Status::Stable,
    summary: "Flags `eval`, `exec` and `compile` called on source code that is not a constant.",
    why: "These builtins run arbitrary Python. When any part of the source can be influenced \
          by a user, a file, the network or the environment, an attacker can run code with the \
          privileges of the process. A constant source is not flagged.",
    insecure_example: "
def calculate(expression):
    return eval(expression)
",
    secure_example: "
import ast

def parse_literal(text):
    return ast.literal_eval(text)  # only Python literals, no code
",
    fix: "parse data with `ast.literal_eval`, `json.loads` or a dedicated parser; never run code built from input",
    references: &["https://docs.python.org/3/library/functions.html#eval"],
};

impl Rule for EvalUsage {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let (argument_name, what) = match call.name() {
            "eval" => ("source", "eval"),
            "exec" => ("source", "exec"),
            "compile" => ("source", "compile"),
            _ => return,
        };
        let Some(source) = call.argument(argument_name, 0) else {
            return;
        };
        if cx.semantic().is_constant(source) {
            return;
        }
        cx.report(call.range(), format!("`{what}` runs code built at run time; if any part of it comes from outside, this is code injection"))
            .label("non-constant code");
    }
}
