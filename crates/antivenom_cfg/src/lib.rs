//! Control-flow graphs lowered from Ruff's Python AST, for the taint engine's
//! forward worklist analysis.
//!
//! [`lower_body`] (module and class bodies) and [`lower_function`] turn a body
//! into a [`Cfg`]: basic blocks of statement-level [`Op`]s that borrow the AST,
//! joined by typed [`Edge`]s. Expressions stay Ruff expressions; the analysis
//! evaluates them. The crate knows nothing about names beyond syntax (no
//! semantic model, no models of calls).
//!
//! # What the lowering does
//!
//! * **Order.** Ops run in Python's evaluation order. For a statement, the
//!   ops hidden in its expressions come first, in evaluation order: each
//!   walrus as an [`Op::NamedExpr`] after its value, each comprehension as an
//!   inner loop (below). Then the statement's own op. `x = [f(y) for y in
//!   ys]` gives `%t0 = c0(); %t1 = ys; (loop: bind y <- %t1; %t0 <- f(y));
//!   end c0; x = [...]`, and the analysis reads `%t0` when it meets the
//!   comprehension inside the assignment.
//! * **Branches** become [`EdgeKind::Condition`] edges after an
//!   [`Op::Evaluate`] of the test (`if`/`elif`, `while`, `assert`, `case`
//!   guards, comprehension `if`s); `match` arms become
//!   [`EdgeKind::Pattern`] edges; `for` loops [`EdgeKind::Iteration`] edges
//!   over an iterable evaluated once into a [`TempId`].
//! * **Comprehensions** (list, set, dict, generator) are inner loops that
//!   build their value in a temporary ([`Cfg::comprehension_temp`]). Their
//!   blocks carry the comprehension as [`Block::scope`]: names bound by their
//!   `for` targets are local to them ([`Cfg::resolve_name`]); walrus targets
//!   are not (PEP 572). Generator expressions are lowered eagerly, where they
//!   are written.
//! * **Exceptions.** Wherever a handler or `finally` could catch an
//!   exception (a `try` body; a handler, `else` or `finally` body inside an
//!   outer `try` or before its own `finally`) each op sits in a block of its
//!   own, and the state *before* each op flows along an
//!   [`EdgeKind::Exception`] edge to a dispatch block, which leads to every
//!   handler and (unless there is a bare `except:`) on to the `finally` or
//!   the enclosing target. Outside any `try`, only `raise` and failed
//!   `assert`s lead to [`Cfg::raise_exit`]: implicit exceptions are modelled
//!   only where a handler or `finally` could observe the state.
//! * **`finally`** is lowered twice: one copy entered by normal completion
//!   and by `return`/`break`/`continue`, whose end leads to the code after
//!   the `try` and to the targets of the jumps that entered it (all of them:
//!   a state that came in by `break` may also flow on to the code after);
//!   one copy entered by exceptions, which re-raises. Below three nested
//!   `finally` bodies the two copies share one.
//! * **Jumps and dead code.** `return` records its value with an
//!   [`Op::Return`] and goes to [`Cfg::exit`] (through any `finally`). Code
//!   after a jump is kept in blocks without predecessors.
//!
//! # Approximations
//!
//! * `with` assumes `__exit__` does not swallow exceptions: the body's
//!   exceptions go to the enclosing handler.
//! * An exception inside an op (between two of its effects) is not
//!   modelled; the state before the op is what a handler sees.
//! * The name bound by `except E as e` is not deleted at the end of the
//!   handler.
//! * A walrus in a short-circuited operand is emitted unconditionally but
//!   marked `conditional` so the analysis joins instead of overwriting.
//! * Lambda bodies are not lowered. Comprehensions nested deeper than 32,
//!   statements nested deeper than 200 and bodies beyond 250,000 blocks are
//!   not lowered ([`Cfg::is_truncated`]).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod block;
mod cfg;
mod display;
mod ids;
mod lower;
mod op;

pub use block::{Block, Edge, EdgeKind};
pub use cfg::{Cfg, ComprehensionInfo, ComprehensionKind};
pub use display::CfgDisplay;
pub use ids::{BlockId, ComprehensionId, TempId};
pub use op::{Op, ParameterKind};

use ruff_python_ast::{Stmt, StmtFunctionDef};

/// Lowers a module body or a class body (or any list of statements run as a
/// unit).
#[must_use]
pub fn lower_body(body: &[Stmt]) -> Cfg<'_> {
    let mut builder = lower::Builder::new();
    builder.lower_suite(body);
    builder.finish()
}

/// Lowers a function's body. The entry block starts with one
/// [`Op::Parameter`] per parameter, in signature order. Decorators and
/// default values are not evaluated here: they run in the enclosing body,
/// before its [`Op::Define`].
#[must_use]
pub fn lower_function(def: &StmtFunctionDef) -> Cfg<'_> {
    let mut builder = lower::Builder::new();
    builder.lower_parameters(&def.parameters);
    builder.lower_suite(&def.body);
    builder.finish()
}
