//! `os.system`, `os.popen` and the other functions that always run their
//! command through a shell.

use crate::helpers::process_api::{PROCESS_MODULES, ShellUse, process_api, process_api_names};
use crate::helpers::shell_command::{call_command_taint, report_shell_command};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct StartProcessWithShell;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &StartProcessWithShell;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV202",
    name: "start-process-with-shell",
    cwe: &[78],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::CommandInjection,
    aliases: &["B605", "S605"],
    status: Status::Stable,
    summary: "Flags `os.system`, `os.popen*`, `subprocess.getoutput`/`getstatusoutput`, \
              `asyncio.create_subprocess_shell` and the legacy `commands`/`popen2` functions, \
              which always run their command through a shell; high severity when the command is \
              built at run time, low when it is constant.",
    why: "These functions pass the whole string to `/bin/sh -c` (or `cmd.exe`), so `;`, `|`, \
          `&&`, `$(...)` and backquotes in it start further commands. A command assembled from \
          a file name, a request field or an environment variable lets whoever controls that \
          value run commands of their own. A constant command cannot be injected and is \
          reported with low severity; values wrapped in `shlex.quote` outside any shell quotes \
          count as safe (low severity).",
    insecure_example: "
import os

def convert(upload_name):
    os.system(\"convert \" + upload_name + \" /tmp/out.png\")
",
    secure_example: "
import subprocess

def convert(upload_name):
    subprocess.run([\"/usr/bin/convert\", upload_name, \"/tmp/out.png\"], check=True)
",
    fix: "use `subprocess.run` with a list of arguments and no shell; if a shell is unavoidable, quote every run-time value with `shlex.quote`",
    references: &[
        "https://docs.python.org/3/library/os.html#os.system",
        "https://docs.python.org/3/library/subprocess.html#replacing-older-functions-with-the-subprocess-module",
        "https://docs.python.org/3/library/shlex.html#shlex.quote",
    ],
};

impl Rule for StartProcessWithShell {
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
        if api.shell != ShellUse::Always {
            return;
        }
        let Some(taint) = call_command_taint(cx.semantic(), call, api.command(call)) else {
            return;
        };
        report_shell_command(cx, call, taint, "");
    }
}
