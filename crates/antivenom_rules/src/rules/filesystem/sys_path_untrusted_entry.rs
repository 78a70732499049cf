//! Module search path entries (`sys.path`) from run-time values.

use crate::helpers::settings_modules::is_location_derived;
use crate::helpers::test_code::in_test_code;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct SysPathUntrustedEntry;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SysPathUntrustedEntry;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV811",
    name: "sys-path-untrusted-entry",
    cwe: &[427, 426],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `sys.path.insert`, `sys.path.append`, `sys.path.extend` and \
              `site.addsitedir` with a directory that is not built from constants and the \
              module's own location.",
    why: "Every later `import` searches the directories on `sys.path`. A directory chosen at run \
          time by someone else (from an argument, a request, a configuration file, the \
          environment, the current working directory) lets them place a module named like one \
          the program imports (`json.py`, `requests/`) and have it run inside the process. \
          Constant paths and paths derived only from `__file__` with path functions \
          (`os.path.dirname(os.path.abspath(__file__))`, `Path(__file__).parent`) are not \
          reported, as they name the program's own files; neither is test code.",
    insecure_example: "
import sys

def load_plugins(plugin_dir):
    sys.path.insert(0, plugin_dir)
",
    secure_example: "
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), \"vendor\"))
",
    fix: "import plugins from fixed, trusted directories (or load them by explicit file path with `importlib.util.spec_from_file_location` after validating them) instead of extending the search path with outside input",
    references: &[
        "https://docs.python.org/3/library/sys.html#sys.path",
        "https://docs.python.org/3/library/site.html#site.addsitedir",
    ],
};

impl Rule for SysPathUntrustedEntry {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec![
            "sys.path.insert",
            "sys.path.append",
            "sys.path.extend",
            "site.addsitedir",
        ])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["sys", "site"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let entry: Option<&Expr> = match call.name() {
            "sys.path.insert" => call.argument("object", 1),
            "sys.path.append" | "sys.path.extend" => call.argument("object", 0),
            "site.addsitedir" => call.argument("sitedir", 0),
            _ => return,
        };
        let semantic = cx.semantic();
        let Some(entry) = entry else {
            return;
        };
        if entry.is_starred_expr()
            || is_location_derived(semantic, entry, None)
            || in_test_code(cx, call.range())
        {
            return;
        }
        cx.report(
            call.range(),
            "a run-time directory is added to the module search path: whoever controls it can shadow any module the program imports",
        )
        .label("import path from run-time value");
    }
}
