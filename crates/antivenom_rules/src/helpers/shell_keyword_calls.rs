//! Calls that pass `shell=True` to a function that is not one of the known
//! process-starting APIs: project helpers such as `utils.execute(cmd,
//! shell=True)` that wrap `subprocess` and forward the flag.

use crate::context::CallSite;
use crate::helpers::process_api::process_api;
use crate::helpers::shell_command::{CommandTaint, call_command_taint};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

/// Keyword names under which wrappers commonly take their command.
const COMMAND_KEYWORDS: &[&str] = &["cmd", "command", "args", "argv", "cmdline"];

/// How much of the command of a `shell=True` wrapper call is known.
/// `None` when `site` is not such a call: no `shell=` that is the constant
/// `True` (or a non-zero number), or a callee that is a known process API
/// (reported by the process rules) or that lives in `subprocess`.
///
/// Strings are not accepted as "true": several libraries (Invoke, Fabric)
/// take the path of the shell to use in `shell=`.
pub(crate) fn wrapper_shell_call(
    site: &CallSite<'_>,
    semantic: &FileSemantic<'_>,
) -> Option<CommandTaint> {
    let shell = site.keyword("shell")?;
    let enabled = match semantic.constant(shell)? {
        Constant::Bool(flag) => flag,
        Constant::Int(number) => number != 0,
        _ => false,
    };
    if !enabled {
        return None;
    }
    if let Some(name) = site.qualified_name()
        && (process_api(name).is_some()
            || name.starts_with("subprocess.")
            || name.starts_with("asyncio."))
    {
        return None;
    }
    let command = site.positional(0).or_else(|| {
        COMMAND_KEYWORDS
            .iter()
            .find_map(|keyword| site.keyword(keyword))
    });
    // No command at all (`helper(shell=True)`): nothing run-time is known
    // to reach the shell.
    Some(call_command_taint(semantic, site, command).unwrap_or(CommandTaint::Constant))
}

/// A short name for the callee of `site` for messages: the resolved name,
/// or the source text of the callee when it is short.
pub(crate) fn callee_label(site: &CallSite<'_>, source: &str) -> String {
    if let Some(name) = site.qualified_name() {
        return name.to_owned();
    }
    let func: &Expr = &site.call.func;
    let text = source.get(func.range().start().to_usize()..func.range().end().to_usize());
    match text {
        Some(text) if text.len() <= 60 && !text.contains('\n') => text.to_owned(),
        _ => "this function".to_owned(),
    }
}
