//! Environment variables that decide which code is loaded (`PATH`,
//! `LD_PRELOAD`, `PYTHONPATH`, ...) set from run-time values.

use crate::helpers::settings_modules::is_location_derived;
use crate::helpers::test_code::in_test_code;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct CodeLoadingEnvironmentOverride;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &CodeLoadingEnvironmentOverride;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV810",
    name: "code-loading-environment-override",
    cwe: &[427, 426, 15],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags setting `PATH`, `LD_PRELOAD`, `LD_LIBRARY_PATH`, `PYTHONPATH`, \
              `PYTHONSTARTUP`, `PYTHONHOME`, `DYLD_INSERT_LIBRARIES` or `DYLD_LIBRARY_PATH` \
              (`os.environ[...] = v`, `+=`, `os.environ.update`, `os.environ.setdefault`, \
              `os.putenv`) to a value that is not built from constants and the module's own \
              location.",
    why: "These variables tell the dynamic loader, the shell and Python where to find programs, \
          shared libraries and modules, for this process's children and often for itself. If \
          an attacker chooses the value (from a request, a file, an argument, another \
          environment variable) they choose which code runs next: a `PATH` entry with their \
          `git`, an `LD_PRELOAD` library, a `PYTHONSTARTUP` script. Values built only from \
          constants, `__file__` and path functions (`os.path.join(os.path.dirname(__file__), \
          \"bin\")`), plus the variable's own previous value (prepending to `PATH`), are not \
          reported; neither is test code, which sets these routinely. `LD_PRELOAD` and the \
          `DYLD_*` variables are high severity.",
    insecure_example: "
import os

def run_plugin(plugin_dir):
    os.environ[\"LD_LIBRARY_PATH\"] = plugin_dir
",
    secure_example: "
import os

BUNDLED_LIBS = os.path.join(os.path.dirname(__file__), \"lib\")
os.environ[\"LD_LIBRARY_PATH\"] = BUNDLED_LIBS
",
    fix: "do not let outside input choose search paths: use fixed, absolute, trusted directories, or pass an explicit environment to the child process",
    references: &[
        "https://docs.python.org/3/library/os.html#os.environ",
        "https://docs.python.org/3/using/cmdline.html#environment-variables",
        "https://man7.org/linux/man-pages/man8/ld.so.8.html",
    ],
};

/// Variables that choose which code is loaded.
const VARIABLES: &[&str] = &[
    "PATH",
    "LD_PRELOAD",
    "LD_LIBRARY_PATH",
    "PYTHONPATH",
    "PYTHONSTARTUP",
    "PYTHONHOME",
    "DYLD_INSERT_LIBRARIES",
    "DYLD_LIBRARY_PATH",
];

/// Variables that inject a library into every process started.
const INJECTING: &[&str] = &["LD_PRELOAD", "DYLD_INSERT_LIBRARIES"];

/// `true` when `expr` is `os.environ`.
fn is_environ(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    semantic
        .qualified_name(expr)
        .is_some_and(|name| name == "os.environ")
}

impl CodeLoadingEnvironmentOverride {
    /// Judges `key = value` where `key` is an expression naming the variable.
    fn check_keyed(
        &self,
        key: &Expr,
        value: &Expr,
        range: TextRange,
        cx: &mut RuleContext<'_, '_>,
    ) {
        if let Some(variable) = cx.semantic().constant_str(key) {
            self.check_value(&variable, value, range, cx);
        }
    }

    fn check_value(
        &self,
        variable: &str,
        value: &Expr,
        range: TextRange,
        cx: &mut RuleContext<'_, '_>,
    ) {
        let semantic = cx.semantic();
        let Some(variable) = VARIABLES.iter().find(|known| **known == variable) else {
            return;
        };
        if is_location_derived(semantic, value, Some(variable)) || in_test_code(cx, range) {
            return;
        }
        let severity = if INJECTING.contains(variable) {
            Severity::High
        } else {
            Severity::Medium
        };
        cx.report(
            range,
            format!(
                "`{variable}` is set from a run-time value: whoever controls it chooses which programs, libraries or modules are loaded"
            ),
        )
        .label("search path from run-time value")
        .severity(severity);
    }
}

impl Rule for CodeLoadingEnvironmentOverride {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: true,
            ..Interests::statements(&[NodeKind::StmtAssign, NodeKind::StmtAugAssign])
        }
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec![
            "os.putenv",
            "os.environ.setdefault",
            "os.environ.update",
        ])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["os", "posix"]
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let (targets, value): (&[Expr], &Expr) = match stmt {
            Stmt::Assign(assign) => (&assign.targets, &assign.value),
            Stmt::AugAssign(assign) => (std::slice::from_ref(&*assign.target), &assign.value),
            _ => return,
        };
        for target in targets {
            if let Expr::Subscript(subscript) = target
                && is_environ(cx.semantic(), &subscript.value)
            {
                self.check_keyed(&subscript.slice, value, stmt.range(), cx);
            }
        }
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        match call.name() {
            "os.putenv" | "posix.putenv" | "os.environ.setdefault" => {
                if let (Some(key), Some(value)) =
                    (call.argument("key", 0), call.argument("value", 1))
                {
                    self.check_keyed(key, value, call.range(), cx);
                }
            }
            "os.environ.update" => {
                if let Some(Expr::Dict(dict)) = call.positional(0) {
                    for item in &dict.items {
                        if let Some(key) = &item.key {
                            self.check_keyed(key, &item.value, call.range(), cx);
                        }
                    }
                }
                for keyword in &call.call.arguments.keywords {
                    if let Some(name) = &keyword.arg {
                        self.check_value(name.as_str(), &keyword.value, call.range(), cx);
                    }
                }
            }
            _ => {}
        }
    }
}
