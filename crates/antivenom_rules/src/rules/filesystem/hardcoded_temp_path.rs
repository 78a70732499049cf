//! Fixed paths in shared temporary directories.

use crate::helpers::test_code::in_test_code;
use crate::helpers::value_uses::{VALUE_USES, call_values, dict_values, statement_values};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{Expr, FStringPart, InterpolatedStringElement, Operator, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct HardcodedTempPath;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HardcodedTempPath;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV803",
    name: "hardcoded-temp-path",
    cwe: &[377, 379],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &["B108", "S108"],
    status: Status::Stable,
    summary: "Flags path literals under `/tmp`, `/var/tmp` or `/dev/shm` (plain, f-string, \
              concatenated or formatted) passed to a call, assigned, used as a default, stored \
              in a dict or returned.",
    why: "These directories are shared by every local user. A fixed name in them is \
          predictable: another user (or a compromised service) can create the file first, \
          or plant a symlink with that name pointing to a file of yours, and make the \
          application read attacker data or overwrite something else with its privileges. \
          Literals in comparisons and prefix checks (`path.startswith(\"/tmp/\")`) and the \
          `dir=` of `tempfile` functions are not paths being used and are not reported, nor \
          are paths in test code.",
    insecure_example: "
def save_upload(data):
    with open(\"/tmp/upload.bin\", \"wb\") as handle:
        handle.write(data)
",
    secure_example: "
import tempfile

def save_upload(data):
    with tempfile.NamedTemporaryFile(delete=False, suffix=\".bin\") as handle:
        handle.write(data)
        return handle.name
",
    fix: "create temporary files with `tempfile.mkstemp`, `NamedTemporaryFile` or `TemporaryDirectory`, or use a private directory owned by the application",
    references: &[
        "https://docs.python.org/3/library/tempfile.html",
        "https://cwe.mitre.org/data/definitions/377.html",
    ],
};

const TEMP_DIRECTORIES: &[&str] = &["/tmp", "/var/tmp", "/dev/shm"];

/// `str` methods whose arguments are patterns or prefixes, not paths.
const STRING_METHODS: &[&str] = &[
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "replace",
    "split",
    "rsplit",
    "partition",
    "rpartition",
    "strip",
    "lstrip",
    "rstrip",
    "removeprefix",
    "removesuffix",
];

/// Module prefixes whose functions take patterns or safe directories.
const EXEMPT_MODULES: &[&str] = &["tempfile.", "re.", "fnmatch."];

/// The shared temporary directory `text` starts with.
fn temp_directory(text: &str) -> Option<&'static str> {
    TEMP_DIRECTORIES.iter().copied().find(|directory| {
        text.strip_prefix(directory)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The literal text a path expression starts with: a string, the leading
/// text of an f-string, the left side of `+` / `%`, the template of
/// `.format()`.
fn leading_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str().to_owned()),
        Expr::FString(fstring) => {
            let mut text = String::new();
            for part in fstring.value.iter() {
                match part {
                    FStringPart::Literal(literal) => text.push_str(&literal.value),
                    FStringPart::FString(inner) => {
                        for element in &inner.elements {
                            match element {
                                InterpolatedStringElement::Literal(literal) => {
                                    text.push_str(&literal.value);
                                }
                                InterpolatedStringElement::Interpolation(_) => return Some(text),
                            }
                        }
                    }
                }
            }
            Some(text)
        }
        Expr::BinOp(binary) if matches!(binary.op, Operator::Add | Operator::Mod) => {
            leading_literal(&binary.left)
        }
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(attribute) if attribute.attr.as_str() == "format" => {
                leading_literal(&attribute.value)
            }
            _ => None,
        },
        _ => None,
    }
}

/// `false` when the text [`leading_literal`] gives for `expr` surely does
/// not start with `/` (so names no temporary directory), found without
/// building the text.
fn may_start_with_slash(expr: &Expr) -> bool {
    match expr {
        // The first non-empty part starts the text.
        Expr::StringLiteral(literal) => literal
            .value
            .iter()
            .find(|part| !part.value.is_empty())
            .is_some_and(|part| part.value.starts_with('/')),
        Expr::BinOp(binary) if matches!(binary.op, Operator::Add | Operator::Mod) => {
            may_start_with_slash(&binary.left)
        }
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(attribute) if attribute.attr.as_str() == "format" => {
                may_start_with_slash(&attribute.value)
            }
            _ => false,
        },
        // F-strings are rare: their text is built.
        Expr::FString(_) => true,
        _ => false,
    }
}

/// `false` when the argument `value` surely holds no path [`check_value`]
/// would report, itself or (for argument vectors) as an element.
fn may_hold_temp_path(value: &Expr) -> bool {
    match value {
        Expr::List(list) => list.elts.iter().any(may_start_with_slash),
        Expr::Tuple(tuple) => tuple.elts.iter().any(may_start_with_slash),
        other => may_start_with_slash(other),
    }
}

#[inline]
fn check_value(cx: &mut RuleContext<'_, '_>, value: &Expr) {
    if may_start_with_slash(value) {
        report_temp_path(cx, value);
    }
}

/// [`check_value`] for a value that may start with `/`.
#[inline(never)]
fn report_temp_path(cx: &mut RuleContext<'_, '_>, value: &Expr) {
    let Some(text) = leading_literal(value) else {
        return;
    };
    let Some(directory) = temp_directory(&text) else {
        return;
    };
    // Tests use such paths as data (a fake `__file__`, a `HOME`) or for
    // scratch files of their own run.
    if in_test_code(cx, value.range()) {
        return;
    }
    cx.report(
        value.range(),
        format!(
            "`{directory}` is shared by all local users: a fixed path in it can be created or \
             replaced by a symlink before this program uses it"
        ),
    )
    .label("predictable path in a shared temporary directory");
}

/// `true` for calls whose arguments are not paths being used.
fn is_exempt_call(call: &CallSite<'_>) -> bool {
    if let Some(name) = call.qualified_name() {
        return EXEMPT_MODULES.iter().any(|module| name.starts_with(module));
    }
    matches!(call.call.func.as_ref(), Expr::Attribute(attribute)
        if STRING_METHODS.contains(&attribute.attr.as_str()))
}

impl Rule for HardcodedTempPath {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        VALUE_USES
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        // Most calls pass nothing that may start with `/`: skip judging
        // the callee.
        if !call_values(call.call).any(|(value, _)| may_hold_temp_path(value))
            || is_exempt_call(call)
        {
            return;
        }
        for (value, _) in call_values(call.call) {
            match value {
                // Argument vectors: `subprocess.run(["rm", "/tmp/lock"])`.
                Expr::List(list) => list
                    .elts
                    .iter()
                    .for_each(|element| check_value(cx, element)),
                Expr::Tuple(tuple) => tuple
                    .elts
                    .iter()
                    .for_each(|element| check_value(cx, element)),
                other => check_value(cx, other),
            }
        }
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        for (value, _) in statement_values(stmt) {
            check_value(cx, value);
        }
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        for (value, _) in dict_values(expr) {
            check_value(cx, value);
        }
    }
}
