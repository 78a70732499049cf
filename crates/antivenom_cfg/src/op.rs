//! The statement-level operations a block executes, in order.

use crate::ids::{ComprehensionId, TempId};
use ruff_python_ast::{
    Expr, ExprNamed, Identifier, Operator, Parameter, Pattern, Stmt, StmtTypeAlias,
};
use ruff_text_size::{Ranged, TextRange};

/// How a function parameter receives its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParameterKind {
    /// Before `/`: positional only.
    PositionalOnly,
    /// An ordinary parameter: positional or keyword.
    PositionalOrKeyword,
    /// `*args`: the tuple of extra positional arguments.
    VarPositional,
    /// After `*` or `*args`: keyword only.
    KeywordOnly,
    /// `**kwargs`: the dict of extra keyword arguments.
    VarKeyword,
}

/// One operation of a basic block.
///
/// Expressions stay Ruff AST expressions; the analysis evaluates them. Before
/// the op that evaluates an expression, the lowering has already emitted
/// ([`crate::lower_body`] explains the order):
/// * one [`Op::NamedExpr`] per walrus inside it, and
/// * the whole inner loop of every comprehension inside it, which leaves the
///   comprehension's value in a temporary ([`crate::Cfg::comprehension_temp`]).
///
/// So while evaluating an expression the analysis must *read* a walrus's
/// target and a comprehension's temporary instead of evaluating them again
/// (evaluating again would report their sinks twice). Lambda bodies are not
/// lowered: a lambda is a value.
#[derive(Clone, Debug)]
pub enum Op<'a> {
    /// A parameter of the lowered function receives its argument (only in the
    /// entry block of [`crate::lower_function`], in signature order).
    Parameter {
        /// The parameter: name and annotation.
        parameter: &'a Parameter,
        /// Its default value. Defaults are evaluated once, in the *enclosing*
        /// scope, when the `def` runs (that evaluation is an
        /// [`Op::Evaluate`] before the [`Op::Define`] there); it is repeated
        /// here so the analysis can tell which parameters may be omitted and
        /// recognise constant defaults.
        default: Option<&'a Expr>,
        /// How the argument is passed.
        kind: ParameterKind,
        /// Position in the signature counting every parameter (`*args` and
        /// `**kwargs` included); for positional parameters this is also the
        /// positional index.
        index: u32,
    },
    /// `t1 = t2 = value` (also an annotated assignment with a value, as a
    /// single target). Targets stay AST: tuples, lists, starred elements,
    /// attributes and subscripts are unpacked by the analysis. `value` is
    /// evaluated once, then assigned to each target left to right.
    Assign {
        /// The targets, left to right.
        targets: &'a [Expr],
        /// The assigned value.
        value: &'a Expr,
        /// The whole statement.
        range: TextRange,
    },
    /// `target op= value`.
    AugAssign {
        /// The target, read then written.
        target: &'a Expr,
        /// The operator (`+` for `+=`).
        op: Operator,
        /// The right-hand side.
        value: &'a Expr,
        /// The whole statement.
        range: TextRange,
    },
    /// A walrus `(target := value)`: evaluate `value`, bind `target`. The
    /// target always binds in the function (or module) scope, even inside a
    /// comprehension (PEP 572).
    NamedExpr {
        /// The walrus expression.
        expr: &'a ExprNamed,
        /// The walrus sits in an operand that may be skipped (the right side
        /// of `and`/`or`, a branch of `x if c else y`, a later link of a
        /// chained comparison), so it may not run although its op is on the
        /// path: the analysis should join (weak update), not overwrite.
        conditional: bool,
    },
    /// Evaluate `value` once and keep it in `temp`: a `for` loop's iterable
    /// (read by [`Op::IterationBind`] on every iteration) and a `match`
    /// subject (read by each arm's [`EdgeKind::Pattern`](crate::EdgeKind)
    /// and [`Op::MatchBind`]).
    Store {
        /// The temporary written.
        temp: TempId,
        /// The expression evaluated.
        value: &'a Expr,
    },
    /// `for target in iter` (and a comprehension's `for` clause): bind
    /// `target` to the next element of the iterable kept in `source`.
    IterationBind {
        /// The loop target (a name, tuple, attribute...).
        target: &'a Expr,
        /// The temporary holding the iterable.
        source: TempId,
        /// The iterable expression, for locations only: it is not evaluated
        /// again.
        iter: &'a Expr,
        /// `async for`.
        is_async: bool,
    },
    /// One item of `with context as target` (each item of a multi-item
    /// `with` is its own op, left to right). The analysis decides what
    /// `__enter__` returns.
    WithEnter {
        /// The context manager expression.
        context: &'a Expr,
        /// The `as` target, if any.
        target: Option<&'a Expr>,
        /// `async with`.
        is_async: bool,
    },
    /// The start of an `except` handler: `type_` is evaluated and the caught
    /// exception is bound to `name`.
    ExceptBind {
        /// The `as` name, if any.
        name: Option<&'a Identifier>,
        /// The exception type expression; `None` for a bare `except:`.
        type_: Option<&'a Expr>,
        /// The handler.
        range: TextRange,
    },
    /// A `case` pattern matched: bind its captures from the subject kept in
    /// `source`.
    MatchBind {
        /// The subject expression, for locations and constant folding only.
        subject: &'a Expr,
        /// The temporary holding the evaluated subject.
        source: TempId,
        /// The pattern that matched.
        pattern: &'a Pattern,
    },
    /// Evaluate an expression for its effects (calls, sinks) and drop the
    /// value: expression statements, `if`/`while`/`assert`/guard/comprehension
    /// tests (evaluated once here; the [`EdgeKind::Condition`](crate::EdgeKind)
    /// edges that follow only refine), decorators, default values and class
    /// bases, assert messages. Yields are ordinary expressions inside it.
    Evaluate(&'a Expr),
    /// `return value`: the returned value is recorded here; the edge that
    /// follows leads to the exit, or to a `finally` first.
    Return {
        /// The returned expression.
        value: Option<&'a Expr>,
        /// The statement.
        range: TextRange,
    },
    /// `raise exc from cause` (a bare `raise` re-raises). Followed by an
    /// exception edge.
    Raise {
        /// The raised expression.
        exc: Option<&'a Expr>,
        /// The `from` expression.
        cause: Option<&'a Expr>,
        /// The statement.
        range: TextRange,
    },
    /// `del target` (one op per target).
    Delete(&'a Expr),
    /// A `def` or `class` statement binds `name`. Its decorators, defaults and
    /// bases were evaluated just before, by [`Op::Evaluate`] ops. The body is
    /// lowered separately, on request ([`crate::lower_function`],
    /// [`crate::lower_body`]).
    Define {
        /// The bound name.
        name: &'a Identifier,
        /// The `def` or `class` statement.
        stmt: &'a Stmt,
    },
    /// `type Name = value`: binds a name to a lazily evaluated type.
    TypeAlias(&'a StmtTypeAlias),
    /// `import ...` or `from ... import ...`: binds names.
    Import(&'a Stmt),
    /// `global ...` or `nonlocal ...`.
    Declare(&'a Stmt),
    /// A comprehension starts: its result temporary becomes an empty
    /// container. Emitted in the enclosing scope, after the first iterable's
    /// own nested ops and before the [`Op::Store`] of that iterable.
    ComprehensionStart {
        /// The comprehension (also its scope).
        comprehension: ComprehensionId,
        /// Its result temporary.
        result: TempId,
        /// The comprehension expression.
        range: TextRange,
    },
    /// One element enters a comprehension's result: `element` (the value of
    /// a dict comprehension, whose `key` is then set).
    Accumulate {
        /// The comprehension.
        comprehension: ComprehensionId,
        /// Its result temporary.
        result: TempId,
        /// The element (dict comprehension: the value).
        element: &'a Expr,
        /// The key of a dict comprehension.
        key: Option<&'a Expr>,
    },
    /// A comprehension is done: the names bound in its scope are dead (the
    /// analysis may drop them); its result temporary stays readable.
    ComprehensionEnd {
        /// The comprehension.
        comprehension: ComprehensionId,
        /// Its result temporary.
        result: TempId,
        /// The comprehension expression.
        range: TextRange,
    },
}

impl Op<'_> {
    /// The source range the op stands for, for locations in traces.
    #[must_use]
    pub fn range(&self) -> TextRange {
        match self {
            Op::Parameter { parameter, .. } => parameter.range(),
            Op::Assign { range, .. }
            | Op::AugAssign { range, .. }
            | Op::ExceptBind { range, .. }
            | Op::Return { range, .. }
            | Op::Raise { range, .. }
            | Op::ComprehensionStart { range, .. }
            | Op::ComprehensionEnd { range, .. } => *range,
            Op::NamedExpr { expr, .. } => expr.range(),
            Op::Store { value, .. } => value.range(),
            Op::IterationBind { target, .. } => target.range(),
            Op::WithEnter { context, .. } => context.range(),
            Op::MatchBind { pattern, .. } => pattern.range(),
            Op::Evaluate(expr) | Op::Delete(expr) => expr.range(),
            Op::Accumulate { element, key, .. } => match key {
                Some(key) => key.range().cover(element.range()),
                None => element.range(),
            },
            Op::Define { stmt, .. } | Op::Import(stmt) | Op::Declare(stmt) => stmt.range(),
            Op::TypeAlias(stmt) => stmt.range(),
        }
    }
}
