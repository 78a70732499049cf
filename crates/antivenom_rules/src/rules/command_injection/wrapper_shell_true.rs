//! `shell=True` passed to a function other than the standard process APIs,
//! with a command built at run time.

use crate::helpers::shell_command::CommandTaint;
use crate::helpers::shell_keyword_calls::{callee_label, wrapper_shell_call};
use crate::helpers::test_code::in_test_code;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct WrapperShellTrue;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &WrapperShellTrue;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV272",
    name: "wrapper-shell-true",
    cwe: &[78],
    severity: Severity::Medium,
    confidence: Confidence::Low,
    category: Category::CommandInjection,
    aliases: &["B604", "S604"],
    status: Status::Stable,
    summary: "Flags calls of functions other than the standard process APIs that pass \
              `shell=True` together with a command built at run time.",
    why: "Projects often wrap `subprocess` in helpers (`utils.execute(cmd, shell=True)`, \
          `run_command(...)`) that forward `shell=` to `Popen`. When such a helper receives \
          `shell=True`, its command line is most likely interpreted by `/bin/sh`, so a value \
          from a request, a file or the environment inside it can append commands of its own. \
          The helper's body is not analysed, hence the low confidence. Calls whose command \
          folds to a constant (or whose run-time parts are quoted with `shlex.quote`) are left \
          to the audit rule wrapper-shell-true-constant, and string values of `shell=` (the \
          path of a shell, as in Invoke or Fabric) are not reported.",
    insecure_example: "
from ops import utils

def restart(service):
    utils.execute(f\"systemctl restart {service}\", shell=True)
",
    secure_example: "
from ops import utils

def restart(service):
    utils.execute([\"systemctl\", \"restart\", service], shell=False)
",
    fix: "pass the command as an argument list with `shell=False`; if the helper needs a shell, quote every run-time value with `shlex.quote`",
    references: &[
        "https://docs.python.org/3/library/subprocess.html#security-considerations",
        "https://docs.python.org/3/library/shlex.html#shlex.quote",
    ],
};

impl Rule for WrapperShellTrue {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if wrapper_shell_call(call, cx.semantic()) != Some(CommandTaint::Dynamic)
            || in_test_code(cx, call.range())
        {
            return;
        }
        let name = callee_label(call, cx.source());
        cx.report(
            call.range(),
            format!(
                "`{name}` is called with `shell=True` and a command built at run time; \
                 shell syntax in it may be executed"
            ),
        )
        .label("run-time command with shell=True");
    }
}
