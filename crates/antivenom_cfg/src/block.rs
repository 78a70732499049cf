//! Basic blocks and the edges between them.

use crate::ids::{BlockId, ComprehensionId, TempId};
use crate::op::Op;
use ruff_python_ast::{Expr, Pattern};

/// A basic block: ops run in order, then control moves along one of the
/// successor edges.
///
/// Edges carry the state at the *end* of the block (after its last op), as
/// usual for a forward analysis. Inside `try` bodies every op therefore gets a
/// block of its own, so that the state before each op can leave along an
/// [`EdgeKind::Exception`] edge.
#[derive(Clone, Debug, Default)]
pub struct Block<'a> {
    /// The ops, in execution order.
    pub ops: Vec<Op<'a>>,
    /// Where control may go next. A block with no successors ends the graph
    /// (the two exits) or is the dead end of unreachable code.
    pub successors: Vec<Edge<'a>>,
    /// The innermost comprehension whose scope the block's ops (and its
    /// outgoing edges' tests) run in; `None` for the function or module scope.
    /// Resolve a name read or bound here with [`crate::Cfg::resolve_name`].
    pub scope: Option<ComprehensionId>,
}

/// A control-flow edge.
#[derive(Clone, Debug)]
pub struct Edge<'a> {
    /// The block control moves to.
    pub target: BlockId,
    /// Why control moves there, so the analysis can refine its state.
    pub kind: EdgeKind<'a>,
}

/// Why control moves along an [`Edge`].
#[derive(Clone, Debug)]
pub enum EdgeKind<'a> {
    /// Unconditional: fall through, loop back, `break`, `continue`, `return`
    /// to the exit or to a `finally`, end of a `finally`.
    Normal,
    /// `test` was evaluated (by the [`Op::Evaluate`] that ends the block) and
    /// was truthy (`holds`) or falsy. Emitted for `if`/`elif`, `while`,
    /// `assert`, `case` guards and comprehension `if` clauses. The analysis
    /// refines its state on it (sanitiser guards) and may drop an edge whose
    /// test folds to a constant.
    Condition {
        /// The test expression (already evaluated; do not evaluate it again
        /// for effects).
        test: &'a Expr,
        /// `true` on the edge taken when the test is truthy.
        holds: bool,
    },
    /// A `case` pattern is tried against the subject kept in `source`:
    /// `matched` leads to the arm ([`Op::MatchBind`] then its guard, if any,
    /// as a [`EdgeKind::Condition`]), otherwise to the next arm. Irrefutable
    /// patterns have no unmatched edge.
    Pattern {
        /// The subject expression, for constant folding and locations.
        subject: &'a Expr,
        /// The temporary holding the evaluated subject.
        source: TempId,
        /// The pattern tried.
        pattern: &'a Pattern,
        /// `true` on the edge taken when the pattern matches.
        matched: bool,
    },
    /// A `for` loop (or comprehension `for` clause) over the iterable kept in
    /// `source` either has another element (`more`: on to the
    /// [`Op::IterationBind`]) or is exhausted (to `else`, after the loop, or
    /// the enclosing `for` clause).
    Iteration {
        /// The temporary holding the iterable.
        source: TempId,
        /// `true` on the edge into the loop body.
        more: bool,
    },
    /// An exception leaves the block: to an `except` dispatch, a handler, a
    /// `finally`, or [`crate::Cfg::raise_exit`].
    Exception,
}
