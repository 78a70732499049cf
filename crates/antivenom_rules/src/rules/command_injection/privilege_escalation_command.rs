//! Commands run through `sudo`, `su`, `doas` or `pkexec`.

use crate::helpers::process_api::{PROCESS_MODULES, process_api, process_api_names};
use crate::helpers::shell_command::{CommandTaint, analyze_command, program_basename, shell_taint};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct PrivilegeEscalationCommand;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &PrivilegeEscalationCommand;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV206",
    name: "privilege-escalation-command",
    cwe: &[250, 269],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::CommandInjection,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags processes started through `sudo`, `su`, `doas` or `pkexec`; high severity \
              when a shell runs an elevated command built at run time.",
    why: "Raising privileges from application code means the process (or its user) can run \
          commands as root, usually without a password prompt thanks to a `NOPASSWD` rule. \
          Any flaw in how the command is assembled, or in the program it runs, then yields \
          root access, and the grant tends to be broader than the one task that needed it.",
    insecure_example: "
import subprocess

def restart(service):
    subprocess.run([\"sudo\", \"systemctl\", \"restart\", service], check=True)
",
    secure_example: "
import subprocess

def restart():
    # A narrowly scoped helper installed by the administrator, run unprivileged.
    subprocess.run([\"/usr/local/bin/restart-web\"], check=True)
",
    fix: "run the privileged step outside the application (a service, a narrowly scoped setuid helper or polkit rule) instead of calling sudo/su from code",
    references: &[
        "https://cwe.mitre.org/data/definitions/250.html",
        "https://www.sudo.ws/docs/man/sudoers.man/",
    ],
};

/// Programs that run a command with another user's privileges.
const ELEVATORS: &[&str] = &["sudo", "su", "doas", "pkexec"];

impl Rule for PrivilegeEscalationCommand {
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
        let Some(api) = process_api(call.name()) else {
            return;
        };
        let semantic = cx.semantic();
        let Some(elevator) = api
            .started_programs(call, semantic)
            .into_iter()
            .flatten()
            .find_map(|program| {
                let base = program_basename(&program);
                ELEVATORS.iter().copied().find(|name| *name == base)
            })
        else {
            return;
        };
        // Run-time values a shell interprets: injection runs as root.
        let dynamic = api.runs_shell(call, semantic)
            && api.command(call).is_some_and(|command| {
                shell_taint(&analyze_command(semantic, command)) == CommandTaint::Dynamic
            });
        let found = cx
            .report(
                call.range(),
                format!("the command is run with elevated privileges through `{elevator}`"),
            )
            .label(format!("`{elevator}` from application code"));
        if dynamic {
            found
                .severity(Severity::High)
                .label(format!("`{elevator}` with a command built at run time"));
        }
    }
}
