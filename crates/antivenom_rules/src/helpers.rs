//! Checks shared by several rules.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;

/// `true` when `expr` is a constant `True`-like value (folded).
pub(crate) fn is_truthy_constant(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    semantic
        .constant(expr)
        .is_some_and(|value| value.is_truthy())
}

/// Fixed lists of callee names with a cheap screen on their last segments.
pub(crate) mod callee_names;
/// The function or module body around a node, its calls and exclusive branches (privilege rules).
pub(crate) mod enclosing_scope;
/// Questions about `except` clauses (hygiene rules).
pub(crate) mod exception_handlers;
/// Placeholders, examples and trivial test values where secrets go (secrets rules).
pub(crate) mod fake_values;
/// The `requests` API (HTTP client rules).
pub(crate) mod http_clients;
/// Import statements of a given module (cleartext-protocol rules).
pub(crate) mod imports;
/// Whether an argument is literal text written at the call (audit rules that mirror Bandit).
pub(crate) mod inline_literals;
/// Constant byte strings (`b"\0" * 16`, `bytes(16)`) and dict entries (cryptography and authentication rules).
pub(crate) mod literal_values;
/// Cheap necessary conditions checked before costly work (all rules).
pub(crate) mod prefilters;
/// Which calls start processes, and where their command is (command-injection rules).
pub(crate) mod process_api;
/// Credential formats of well-known providers (secrets rules).
pub(crate) mod provider_formats;
/// What a receiver was built from and which modules a file imports (network, filesystem and web rules).
pub(crate) mod receivers;
/// Constant `re` patterns, their flags and a small parser (regex rules).
pub(crate) mod regex_literals;
/// The name a literal is bound to where it is written (secrets rules).
pub(crate) mod secret_bindings;
/// Whether a string looks randomly generated (secrets rules).
pub(crate) mod secret_entropy;
/// Plausible hard-coded secrets and provider credential formats (secrets rules).
pub(crate) mod secret_values;
/// Does an identifier name a credential or a value that must be unpredictable (secrets, cryptography rules).
pub(crate) mod sensitive_names;
/// Module-level settings assignments and Django settings modules (web settings rules).
pub(crate) mod settings_modules;
/// What is statically known about a shell command line (command-injection rules).
pub(crate) mod shell_command;
/// Calls of functions other than the known process APIs that pass `shell=True` (command-injection rules).
pub(crate) mod shell_keyword_calls;
/// Strings built at run time and whether they are SQL from untrusted parts (sql-injection rules).
pub(crate) mod sql_query;
/// Calls that run SQL text and where their query is (sql-injection rules).
pub(crate) mod sql_sinks;
/// The expressions a statement owns, without those of nested statements.
pub(crate) mod statement_expressions;
/// Whether markup handed to `mark_safe` / `Markup` is trusted (web rules).
/// The taint rules' shared implementation (taint rules).
pub(crate) mod taint_rule;
/// Whether code is test code (hygiene rules).
pub(crate) mod test_code;
pub(crate) mod trusted_markup;
/// The host of a literal URL and whether it is public (network, web rules).
pub(crate) mod url_hosts;
/// Where an expression is used as a value: arguments, assignments, defaults (network, filesystem rules).
pub(crate) mod value_uses;
