//! `eval` / `exec` / `compile` on a non-constant source.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, ExprCall, Operator};
use ruff_text_size::Ranged;

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
          privileges of the process. A constant source is not flagged, nor `repr(x)` evaluated \
          back (a round trip of the program's own value), nor `compile` with \
          `ast.PyCF_ONLY_AST`, which only parses. `exec(compile(src, ...))` is one finding, \
          judged on `src`.",
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

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["eval", "exec", "compile"])
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let what = match call.name() {
            "eval" => "eval",
            "exec" => "exec",
            "compile" => "compile",
            _ => return,
        };
        let Some(mut source) = call.argument("source", 0) else {
            return;
        };
        let semantic = cx.semantic();
        if what == "compile" && parses_only(semantic, call.call) {
            return;
        }
        // `exec(compile(src, ...))`: one construct, one finding, judged on `src`.
        if let Some(compiled) = compile_call(semantic, source) {
            cx.skip_subtree(compiled.range());
            match compiled.arguments.find_argument_value("source", 0) {
                Some(inner) => source = inner,
                None => return,
            }
        }
        if semantic.is_constant(source) || is_repr(semantic, source) {
            return;
        }
        cx.report(call.range(), format!("`{what}` runs code built at run time; if any part of it comes from outside, this is code injection"))
            .label("non-constant code");
    }
}

/// `compile(...)` written in place as the source of `exec` / `eval`.
fn compile_call<'e>(semantic: &FileSemantic<'_>, source: &'e Expr) -> Option<&'e ExprCall> {
    let Expr::Call(inner) = source else {
        return None;
    };
    (semantic.qualified_name(&inner.func).as_deref() == Some("compile")).then_some(inner)
}

/// `repr(x)` or `x.__repr__()`: the text of a value the program already
/// holds, evaluated back (a round-trip check), not code from outside.
fn is_repr(semantic: &FileSemantic<'_>, source: &Expr) -> bool {
    let Expr::Call(inner) = source else {
        return false;
    };
    match inner.func.as_ref() {
        Expr::Attribute(attribute) => {
            attribute.attr.as_str() == "__repr__" && inner.arguments.is_empty()
        }
        func => semantic.qualified_name(func).as_deref() == Some("repr"),
    }
}

/// `ast.PyCF_ONLY_AST`: `compile` returns a syntax tree and runs nothing.
const PYCF_ONLY_AST: i64 = 0x400;

/// `true` when the `flags` of a `compile` call include `PyCF_ONLY_AST`.
fn parses_only(semantic: &FileSemantic<'_>, call: &ExprCall) -> bool {
    call.arguments
        .find_argument_value("flags", 3)
        .is_some_and(|flags| has_only_ast_flag(semantic, flags, 0))
}

fn has_only_ast_flag(semantic: &FileSemantic<'_>, flags: &Expr, depth: usize) -> bool {
    if let Some(Constant::Int(value)) = semantic.constant(flags) {
        return value & PYCF_ONLY_AST != 0;
    }
    if semantic
        .qualified_name(flags)
        .is_some_and(|name| matches!(name.as_str(), "ast.PyCF_ONLY_AST" | "_ast.PyCF_ONLY_AST"))
    {
        return true;
    }
    // `ast.PyCF_ONLY_AST | ast.PyCF_TYPE_COMMENTS`; bounded for deep chains.
    match flags {
        Expr::BinOp(binary) if binary.op == Operator::BitOr && depth < 16 => {
            has_only_ast_flag(semantic, &binary.left, depth + 1)
                || has_only_ast_flag(semantic, &binary.right, depth + 1)
        }
        _ => false,
    }
}
