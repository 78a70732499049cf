//! The standard-library (and legacy Python 2) functions that start a
//! process, and where each takes its command.

use crate::context::CallSite;
use crate::helpers::shell_command::{Command, Script, analyze_command, constant_text, lex_pieces};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;

/// Whether a process-starting function runs its command through a shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShellUse {
    /// Always (`os.system`, `os.popen`, `subprocess.getoutput`).
    Always,
    /// Only when called with a truthy `shell=` (`subprocess.run`).
    WhenShellTrue,
    /// Never (`os.execv`, `os.spawnl`, `os.startfile`).
    Never,
}

/// What the command argument of a process-starting function is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CommandForm {
    /// A command line: a string, or (for `subprocess`) an argument list.
    CommandLine,
    /// The path of the program to run; its arguments are passed separately.
    ProgramPath,
    /// A document opened with its associated application (`os.startfile`).
    Document,
}

/// How one process-starting function is called.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProcessApi {
    /// Shell use.
    pub(crate) shell: ShellUse,
    /// What the command argument is.
    pub(crate) form: CommandForm,
    /// Keyword name of the command argument, when it may be passed by keyword.
    keyword: Option<&'static str>,
    /// Position of the command argument.
    position: usize,
}

impl ProcessApi {
    const fn new(
        shell: ShellUse,
        form: CommandForm,
        keyword: Option<&'static str>,
        position: usize,
    ) -> Self {
        Self {
            shell,
            form,
            keyword,
            position,
        }
    }

    /// The command (or program) argument of `site`.
    pub(crate) fn command<'e>(&self, site: &CallSite<'e>) -> Option<&'e Expr> {
        match self.keyword {
            Some(keyword) => site.argument(keyword, self.position),
            None => site.positional(self.position),
        }
    }

    /// `true` when this call of the function runs its command through a shell.
    pub(crate) fn runs_shell(&self, site: &CallSite<'_>, semantic: &FileSemantic<'_>) -> bool {
        match self.shell {
            ShellUse::Always => true,
            ShellUse::WhenShellTrue => shell_keyword_enabled(site, semantic),
            ShellUse::Never => false,
        }
    }

    /// The programs this call starts, in order: with a shell, the program
    /// word of each simple command of the command line; without one, the
    /// single program (`executable=` when given). `None` marks a program
    /// that is not known statically. Empty when there is no command.
    pub(crate) fn started_programs(
        &self,
        site: &CallSite<'_>,
        semantic: &FileSemantic<'_>,
    ) -> Vec<Option<String>> {
        if self.form == CommandForm::Document {
            return Vec::new();
        }
        if let Some(script) = self.shell_script(site, semantic) {
            return script
                .programs()
                .map(|(program, _)| program.known().map(str::to_owned))
                .collect();
        }
        // Without a shell, `executable=` names the program that actually runs.
        if self.shell == ShellUse::WhenShellTrue
            && let Some(executable) = site.keyword("executable")
        {
            return vec![semantic.constant_str(executable)];
        }
        let Some(command) = self.command(site) else {
            return Vec::new();
        };
        let program = match self.form {
            CommandForm::CommandLine => match analyze_command(semantic, command) {
                Command::Argv(items) => items.first().and_then(|first| constant_text(first)),
                // Split like Windows does (on POSIX the whole string would be
                // the program name, which rarely exists).
                Command::Line(pieces) => lex_pieces(&pieces)
                    .commands
                    .first()
                    .and_then(|words| words.first())
                    .and_then(|word| word.known().map(str::to_owned)),
            },
            CommandForm::ProgramPath | CommandForm::Document => semantic.constant_str(command),
        };
        vec![program]
    }

    /// The command line this call hands to a shell, lexed; `None` when it
    /// runs no shell or has no command.
    pub(crate) fn shell_script(
        &self,
        site: &CallSite<'_>,
        semantic: &FileSemantic<'_>,
    ) -> Option<Script> {
        if !self.runs_shell(site, semantic) {
            return None;
        }
        Some(match analyze_command(semantic, self.command(site)?) {
            Command::Line(pieces) => lex_pieces(&pieces),
            // With a list, only the first element is the shell's command line.
            Command::Argv(items) => lex_pieces(items.first()?),
        })
    }
}

/// The modules whose functions start processes.
pub(crate) const PROCESS_MODULES: &[&str] = &[
    "subprocess",
    "os",
    "popen2",
    "commands",
    "platform",
    "asyncio",
];

/// Every process-starting function, by qualified name, with how it takes
/// its command.
const PROCESS_APIS: &[(&str, ProcessApi)] = {
    use CommandForm::{CommandLine, Document, ProgramPath};
    use ShellUse::{Always, Never, WhenShellTrue};
    const SUBPROCESS: ProcessApi = ProcessApi::new(WhenShellTrue, CommandLine, Some("args"), 0);
    const SHELL_CMD: ProcessApi = ProcessApi::new(Always, CommandLine, Some("cmd"), 0);
    const EXEC: ProcessApi = ProcessApi::new(Never, ProgramPath, None, 0);
    const SPAWN: ProcessApi = ProcessApi::new(Never, ProgramPath, None, 1);
    &[
        ("subprocess.Popen", SUBPROCESS),
        ("subprocess.call", SUBPROCESS),
        ("subprocess.check_call", SUBPROCESS),
        ("subprocess.check_output", SUBPROCESS),
        ("subprocess.run", SUBPROCESS),
        (
            "subprocess.getoutput",
            ProcessApi::new(Always, CommandLine, Some("cmd"), 0),
        ),
        (
            "subprocess.getstatusoutput",
            ProcessApi::new(Always, CommandLine, Some("cmd"), 0),
        ),
        (
            "os.system",
            ProcessApi::new(Always, CommandLine, Some("command"), 0),
        ),
        ("os.popen", SHELL_CMD),
        ("os.popen2", SHELL_CMD),
        ("os.popen3", SHELL_CMD),
        ("os.popen4", SHELL_CMD),
        ("os.execl", EXEC),
        ("os.execle", EXEC),
        ("os.execlp", EXEC),
        ("os.execlpe", EXEC),
        ("os.execv", EXEC),
        ("os.execve", EXEC),
        ("os.execvp", EXEC),
        ("os.execvpe", EXEC),
        ("os.posix_spawn", EXEC),
        ("os.posix_spawnp", EXEC),
        ("os.spawnl", SPAWN),
        ("os.spawnle", SPAWN),
        ("os.spawnlp", SPAWN),
        ("os.spawnlpe", SPAWN),
        ("os.spawnv", SPAWN),
        ("os.spawnve", SPAWN),
        ("os.spawnvp", SPAWN),
        ("os.spawnvpe", SPAWN),
        (
            "os.startfile",
            ProcessApi::new(Never, Document, Some("filepath"), 0),
        ),
        ("popen2.popen2", SHELL_CMD),
        ("popen2.popen3", SHELL_CMD),
        ("popen2.popen4", SHELL_CMD),
        ("popen2.Popen3", SHELL_CMD),
        ("popen2.Popen4", SHELL_CMD),
        ("commands.getoutput", SHELL_CMD),
        ("commands.getstatusoutput", SHELL_CMD),
        ("platform.popen", SHELL_CMD),
        ("asyncio.create_subprocess_shell", SHELL_CMD),
    ]
};

/// The process-starting function `qualified_name` names, if any.
pub(crate) fn process_api(qualified_name: &str) -> Option<ProcessApi> {
    PROCESS_APIS
        .iter()
        .find(|(name, _)| *name == qualified_name)
        .map(|(_, api)| *api)
}

/// The qualified names of the process-starting functions (for
/// [`crate::Rule::callee_names`] of rules built on [`process_api`]).
pub(crate) fn process_api_names() -> impl Iterator<Item = &'static str> {
    PROCESS_APIS.iter().map(|(name, _)| *name)
}

/// `true` when the call passes a `shell=` keyword that is true: a truthy
/// constant, or a non-empty dict literal. A value that cannot be known
/// statically counts as false, so `shell=flag` is not reported.
pub(crate) fn shell_keyword_enabled(site: &CallSite<'_>, semantic: &FileSemantic<'_>) -> bool {
    let Some(value) = site.keyword("shell") else {
        return false;
    };
    match semantic.constant(value) {
        Some(constant) => constant.is_truthy(),
        None => matches!(value, Expr::Dict(dict) if !dict.items.is_empty()),
    }
}
