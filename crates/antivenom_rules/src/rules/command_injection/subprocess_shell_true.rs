//! `subprocess` calls with `shell=True`.

use crate::helpers::process_api::{
    PROCESS_MODULES, ShellUse, process_api, process_api_names, shell_keyword_enabled,
};
use crate::helpers::shell_command::{call_command_taint, report_shell_command};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct SubprocessShellTrue;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SubprocessShellTrue;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV201",
    name: "subprocess-shell-true",
    cwe: &[78],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::CommandInjection,
    aliases: &["B602", "S602", "subprocess_popen_with_shell_equals_true"],
    status: Status::Stable,
    summary: "Flags `subprocess` calls that run their command through a shell with `shell=True`; \
              high severity when the command is built at run time, low when it is constant.",
    why: "With `shell=True` the command line is handed to `/bin/sh` (or `cmd.exe`), which \
          interprets `;`, `|`, `&&`, `$(...)`, backquotes and globs. If any part of the command \
          comes from a user, a file or the environment, it can append commands of its own. \
          A constant command cannot be injected, but it still depends on the shell and `PATH`, \
          so it is reported with low severity. Values wrapped in `shlex.quote` outside any shell \
          quotes are treated as safe (low severity).",
    insecure_example: "
import subprocess

def archive(name):
    subprocess.run(f\"tar czf /backups/{name}.tgz /srv/data\", shell=True)
",
    secure_example: "
import subprocess

def archive(name):
    subprocess.run([\"/usr/bin/tar\", \"czf\", f\"/backups/{name}.tgz\", \"/srv/data\"], check=True)
",
    fix: "pass the command as a list of arguments without `shell=True`; if a shell is unavoidable, quote every run-time value with `shlex.quote`",
    references: &[
        "https://docs.python.org/3/library/subprocess.html#security-considerations",
        "https://docs.python.org/3/library/shlex.html#shlex.quote",
    ],
};

impl Rule for SubprocessShellTrue {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(process_api_names().collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        PROCESS_MODULES
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let Some(api) = process_api(name) else {
            return;
        };
        if api.shell != ShellUse::WhenShellTrue || !shell_keyword_enabled(call, cx.semantic()) {
            return;
        }
        let Some(taint) = call_command_taint(cx.semantic(), call, api.command(call)) else {
            return;
        };
        report_shell_command(cx, call, taint, " (`shell=True`)");
    }
}
