//! Processes started by a program name or relative path instead of an
//! absolute path.

use crate::helpers::process_api::{
    CommandForm, PROCESS_MODULES, ProcessApi, process_api, process_api_names,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;

pub(crate) struct PartialExecutablePath;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &PartialExecutablePath;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV204",
    name: "partial-executable-path",
    cwe: &[426, 78],
    severity: Severity::Low,
    confidence: Confidence::High,
    category: Category::CommandInjection,
    aliases: &["B607", "S607", "start_process_with_partial_path"],
    status: Status::Stable,
    summary: "Flags processes started by a bare program name (`\"git\"`) rather than a path \
              to the binary.",
    why: "A program given by its bare name is looked up in the directories of the `PATH` \
          environment variable. Whoever can change `PATH` or write to a directory early in it \
          decides which binary actually runs, with the privileges of this process. Programs \
          named with a directory (`/usr/bin/git`, `./configure`) are not looked up and are not \
          reported, nor are shell builtins such as `cd` or `echo` run by a shell.",
    insecure_example: "
import subprocess

subprocess.run([\"git\", \"pull\"], check=True)
",
    secure_example: "
import subprocess

subprocess.run([\"/usr/bin/git\", \"pull\"], check=True)
",
    fix: "start the program by its absolute path (resolve it once with `shutil.which` at start-up if it must be configurable)",
    references: &[
        "https://docs.python.org/3/library/subprocess.html#subprocess.Popen",
        "https://docs.python.org/3/library/shutil.html#shutil.which",
    ],
};

impl Rule for PartialExecutablePath {
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
        if api.form == CommandForm::Document {
            return;
        }
        let Some(program) = program_word(&api, call, cx.semantic()) else {
            return;
        };
        // A program named with a directory (`/usr/bin/git`, `./configure`)
        // is not searched for on `PATH`.
        if is_absolute(&program) || program.contains(['/', '\\']) {
            return;
        }
        cx.report(
            call.range(),
            format!(
                "`{program}` is started by a partial path; the binary that runs depends on `PATH`"
            ),
        )
        .label("partial executable path");
    }
}

/// The program the call starts, when it is known and is looked up (not a
/// shell builtin, a variable or a home-relative path).
fn program_word(
    api: &ProcessApi,
    call: &CallSite<'_>,
    semantic: &FileSemantic<'_>,
) -> Option<String> {
    let shell = api.runs_shell(call, semantic);
    let program = api.started_programs(call, semantic).into_iter().next()??;
    let not_looked_up = program.is_empty()
        || program.starts_with(['$', '~', '%'])
        || (shell && is_shell_builtin(&program));
    (!not_looked_up).then_some(program)
}

/// `/usr/bin/git`, `\\server\share\x.exe`, `C:\tools\x.exe`, `C:/tools/x`.
fn is_absolute(program: &str) -> bool {
    let mut chars = program.chars();
    match (chars.next(), chars.next()) {
        (Some('/' | '\\'), _) => true,
        (Some(drive), Some(':')) => drive.is_ascii_alphabetic(),
        _ => false,
    }
}

/// POSIX shell builtins, which a shell runs without a `PATH` search.
fn is_shell_builtin(word: &str) -> bool {
    matches!(
        word,
        "." | ":"
            | "["
            | "alias"
            | "bg"
            | "break"
            | "builtin"
            | "cd"
            | "command"
            | "continue"
            | "declare"
            | "echo"
            | "eval"
            | "exec"
            | "exit"
            | "export"
            | "false"
            | "fg"
            | "getopts"
            | "hash"
            | "jobs"
            | "kill"
            | "let"
            | "local"
            | "printf"
            | "pwd"
            | "read"
            | "readonly"
            | "return"
            | "set"
            | "shift"
            | "source"
            | "test"
            | "times"
            | "trap"
            | "true"
            | "type"
            | "ulimit"
            | "umask"
            | "unalias"
            | "unset"
            | "wait"
    )
}
