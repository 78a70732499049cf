//! The trait every Rust rule implements.

use crate::context::{CallSite, RuleContext};
use crate::static_meta::StaticRuleMeta;
use ruff_python_ast::{Expr, Stmt};

/// Which hooks of a rule the walker must call. The registry builds one
/// dispatch list per hook from these, so a rule costs nothing on nodes it
/// does not look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Interests {
    /// [`Rule::check_call`] on every call, with its resolved callee.
    pub calls: bool,
    /// [`Rule::check_stmt`] on every statement.
    pub statements: bool,
    /// [`Rule::check_expr`] on every expression.
    pub expressions: bool,
}

impl Interests {
    /// Calls only.
    pub const CALLS: Self = Self {
        calls: true,
        statements: false,
        expressions: false,
    };
    /// Statements only.
    pub const STATEMENTS: Self = Self {
        calls: false,
        statements: true,
        expressions: false,
    };
    /// Expressions only.
    pub const EXPRESSIONS: Self = Self {
        calls: false,
        statements: false,
        expressions: true,
    };
}

/// A rule written in Rust. Hooks report through the context and return
/// nothing; a rule that finds nothing stays silent.
pub trait Rule: Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static StaticRuleMeta;

    /// Which hooks to call.
    fn interests(&self) -> Interests;

    /// Called for every call expression when `interests().calls`.
    fn check_call(&self, _call: &CallSite<'_>, _cx: &mut RuleContext<'_, '_>) {}

    /// Called for every statement when `interests().statements`.
    fn check_stmt(&self, _stmt: &Stmt, _cx: &mut RuleContext<'_, '_>) {}

    /// Called for every expression when `interests().expressions`.
    fn check_expr(&self, _expr: &Expr, _cx: &mut RuleContext<'_, '_>) {}
}
