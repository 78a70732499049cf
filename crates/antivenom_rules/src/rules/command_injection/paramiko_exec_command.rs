//! Remote commands run with paramiko's `SSHClient.exec_command`.

use crate::helpers::receivers::{constructor, file_imports};
use crate::helpers::shell_command::{CommandTaint, call_command_taint};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct ParamikoExecCommand;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &ParamikoExecCommand;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV207",
    name: "paramiko-exec-command",
    cwe: &[78],
    severity: Severity::High,
    confidence: Confidence::Medium,
    category: Category::CommandInjection,
    aliases: &["B601", "S601"],
    status: Status::Stable,
    summary: "Flags paramiko `exec_command` calls; high severity when the remote command is \
              built at run time, low when it is constant.",
    why: "`SSHClient.exec_command` hands its string to the login shell of the remote account, \
          which interprets `;`, `|`, `$(...)` and backquotes. A command assembled from user \
          input lets that user run anything on the remote host with the account's rights, \
          often a deployment or administration account.",
    insecure_example: "
import paramiko

def tail_log(host, name):
    client = paramiko.SSHClient()
    client.connect(host)
    client.exec_command(\"tail -n 100 /var/log/\" + name)
",
    secure_example: "
import posixpath

import paramiko

def read_log(host, name):
    client = paramiko.SSHClient()
    client.connect(host)
    # No remote shell: read the file over SFTP.
    with client.open_sftp() as sftp, sftp.open(\"/var/log/\" + posixpath.basename(name)) as log:
        return log.read()
",
    fix: "prefer SFTP or a fixed command; otherwise quote every run-time value with `shlex.quote` (outside any quotes) or check it against an allow-list",
    references: &[
        "https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.exec_command",
        "https://docs.python.org/3/library/shlex.html#shlex.quote",
    ],
};

impl Rule for ParamikoExecCommand {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["exec_command"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["paramiko"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Expr::Attribute(method) = call.call.func.as_ref() else {
            return;
        };
        if method.attr.as_str() != "exec_command" {
            return;
        }
        // A method of something imported from another library.
        if call
            .qualified_name()
            .is_some_and(|name| !name.starts_with("paramiko."))
        {
            return;
        }
        let semantic = cx.semantic();
        let confidence = match constructor(semantic, &method.value) {
            Some(built_by) if built_by.starts_with("paramiko.") => Confidence::High,
            Some(_) => return,
            // An unknown receiver in a file that uses paramiko (`self.ssh`).
            None if file_imports(semantic, "paramiko") => Confidence::Medium,
            None => return,
        };
        let Some(taint) = call_command_taint(semantic, call, call.argument("command", 0)) else {
            return;
        };
        let found = if taint == CommandTaint::Dynamic {
            cx.report(
                call.range(),
                "`exec_command` runs a command built at run time in the remote shell; shell syntax in it will be executed",
            )
            .label("non-constant remote command")
        } else {
            cx.report(
                call.range(),
                "`exec_command` runs a command in the remote shell",
            )
            .label("remote shell command")
            .severity(Severity::Low)
        };
        found.confidence(confidence);
    }
}
