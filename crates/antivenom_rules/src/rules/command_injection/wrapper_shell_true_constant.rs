//! `shell=True` passed to a function other than the standard process APIs,
//! with a constant (or fully quoted) command: listed for review only.

use crate::helpers::shell_command::CommandTaint;
use crate::helpers::shell_keyword_calls::{callee_label, wrapper_shell_call};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct WrapperShellTrueConstant;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &WrapperShellTrueConstant;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV273",
    name: "wrapper-shell-true-constant",
    cwe: &[78],
    severity: Severity::Low,
    confidence: Confidence::Low,
    category: Category::CommandInjection,
    aliases: &["B604", "S604"],
    status: Status::Audit,
    summary: "Flags calls of functions other than the standard process APIs that pass \
              `shell=True` with a constant command (or none).",
    why: "A helper that accepts `shell=True` most likely runs its command through `/bin/sh`. \
          With a constant command nothing can be injected today, which is why the stable rule \
          wrapper-shell-true (AV272) stays silent; but the call depends on the shell and on \
          `PATH`, and the habit of passing `shell=True` spreads to calls whose command is later \
          built from input. This audit rule lists those calls for review.",
    insecure_example: "
from ops import utils

utils.execute(\"rm -rf /var/cache/app/*\", shell=True)
",
    secure_example: "
import shutil

shutil.rmtree(\"/var/cache/app\")
",
    fix: "call the helper with an argument list and `shell=False`, or use a Python API instead of a shell command",
    references: &["https://docs.python.org/3/library/subprocess.html#security-considerations"],
};

impl Rule for WrapperShellTrueConstant {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        match wrapper_shell_call(call, cx.semantic()) {
            Some(CommandTaint::Constant | CommandTaint::Sanitized) => {}
            Some(CommandTaint::Dynamic) | None => return,
        }
        let name = callee_label(call, cx.source());
        cx.report(
            call.range(),
            format!("`{name}` is called with `shell=True`; its command is constant or quoted"),
        )
        .label("shell=True outside the process APIs");
    }
}
