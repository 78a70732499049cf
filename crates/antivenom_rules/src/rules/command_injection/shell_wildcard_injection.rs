//! A leading `*` glob handed to `tar`, `chown`, `chmod`, `chgrp` or `rsync`
//! through a shell.

use crate::helpers::process_api::{PROCESS_MODULES, process_api, process_api_names};
use crate::helpers::shell_command::{Script, Word, program_basename};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct ShellWildcardInjection;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &ShellWildcardInjection;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV205",
    name: "shell-wildcard-injection",
    cwe: &[155, 88],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::CommandInjection,
    aliases: &["B609", "S609"],
    status: Status::Stable,
    summary: "Flags shell commands that pass a leading `*` or `?` glob to `tar`, `chown`, \
              `chmod`, `chgrp` or `rsync`.",
    why: "The shell expands `*` to the file names in the directory before the program runs. \
          Anyone who can create a file there can name it like an option, for example \
          `--checkpoint-action=exec=sh x.sh` for `tar` or `--reference=evil` for `chown`, and \
          the program will read it as one. Globs prefixed with a path (`./*`) or placed after \
          `--` cannot be read as options and are not reported.",
    insecure_example: "
import os

os.system(\"cd /srv/uploads && tar czf /backups/uploads.tgz *\")
",
    secure_example: "
import os

os.system(\"cd /srv/uploads && tar czf /backups/uploads.tgz -- ./*\")
",
    fix: "prefix the glob with a path (`./*`) or end the options with `--`, or pass an explicit argument list without a shell",
    references: &[
        "https://www.gnu.org/software/tar/manual/html_node/checkpoints.html",
        "https://docs.python.org/3/library/subprocess.html#security-considerations",
    ],
};

/// Programs whose options can run commands or change other files.
const VULNERABLE: &[&str] = &["tar", "chown", "chmod", "chgrp", "rsync"];
/// Programs that run the command that follows them.
const WRAPPERS: &[&str] = &[
    "sudo", "doas", "nice", "nohup", "env", "exec", "time", "command",
];

impl Rule for ShellWildcardInjection {
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
        let Some(script) = api.shell_script(call, cx.semantic()) else {
            return;
        };
        if let Some(program) = wildcard_target(&script) {
            cx.report(
                call.range(),
                format!(
                    "`{program}` receives a shell wildcard; a file named like an option (`--...`) is read as one"
                ),
            )
            .label("wildcard expanded into options");
        }
    }
}

/// The first vulnerable program of `script` that receives a leading glob
/// before any `--`.
fn wildcard_target(script: &Script) -> Option<&'static str> {
    script.programs().find_map(|(program, arguments)| {
        let base = program_basename(program.known()?);
        // `sudo tar ...`: look for the wrapped program among the arguments.
        let (target, rest) = if WRAPPERS.contains(&base) {
            let position = arguments.iter().position(|word| {
                word.known()
                    .is_some_and(|text| VULNERABLE.contains(&program_basename(text)))
            })?;
            let (wrapped, rest) = arguments.get(position..)?.split_first()?;
            (program_basename(wrapped.known()?), rest)
        } else {
            (base, arguments)
        };
        let target = VULNERABLE.iter().copied().find(|name| *name == target)?;
        has_leading_glob(rest).then_some(target)
    })
}

fn has_leading_glob(arguments: &[Word]) -> bool {
    for word in arguments {
        if word.known() == Some("--") {
            return false;
        }
        if word.glob_at_start {
            return true;
        }
    }
    false
}
