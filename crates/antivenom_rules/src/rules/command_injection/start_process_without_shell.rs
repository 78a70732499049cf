//! `os.exec*`, `os.spawn*`, `os.posix_spawn*` and `os.startfile`.

use crate::helpers::process_api::{
    CommandForm, PROCESS_MODULES, ShellUse, process_api, process_api_names,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;

pub(crate) struct StartProcessWithoutShell;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &StartProcessWithoutShell;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV203",
    name: "start-process-without-shell",
    cwe: &[78, 88],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    category: Category::CommandInjection,
    aliases: &["B606", "S606"],
    status: Status::Stable,
    summary: "Flags processes started directly with `os.exec*`, `os.spawn*`, `os.posix_spawn*` \
              and `os.startfile`; medium severity when the program (or document) is chosen at \
              run time, low otherwise.",
    why: "No shell parses the arguments, so metacharacters are inert, but the call still runs \
          whatever program it is given with the process's privileges. When the program path \
          or the opened document comes from outside, an attacker picks what runs; run-time \
          arguments can also smuggle options (`--output=...`) into the program. Starting the \
          current interpreter (`sys.executable`) counts as a constant program.",
    insecure_example: "
import os

def open_attachment(path):
    os.startfile(path)
",
    secure_example: "
import subprocess

def show_version():
    subprocess.run([\"/usr/bin/git\", \"--version\"], check=True)
",
    fix: "start a fixed program by absolute path, validate run-time arguments (and end options with `--`), or use `subprocess.run` with an argument list",
    references: &[
        "https://docs.python.org/3/library/os.html#os.execv",
        "https://docs.python.org/3/library/os.html#os.spawnv",
        "https://docs.python.org/3/library/os.html#os.startfile",
    ],
};

impl Rule for StartProcessWithoutShell {
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
        if api.shell != ShellUse::Never {
            return;
        }
        let what = if api.form == CommandForm::Document {
            "document"
        } else {
            "program"
        };
        let chosen_at_run_time = match api.command(call) {
            Some(program) => !is_fixed_program(cx.semantic(), program),
            None => call.has_unpacking(),
        };
        if chosen_at_run_time {
            cx.report(
                call.range(),
                format!("`{name}` starts a {what} chosen at run time"),
            )
            .label(format!("non-constant {what}"))
            .severity(Severity::Medium);
        } else {
            cx.report(
                call.range(),
                format!("`{name}` starts a process without a shell"),
            )
            .label("process started without a shell");
        }
    }
}

/// `true` for a constant program or the running interpreter.
fn is_fixed_program(semantic: &FileSemantic<'_>, program: &Expr) -> bool {
    semantic.is_constant(program)
        || semantic
            .qualified_name(program)
            .is_some_and(|name| name == "sys.executable")
}
