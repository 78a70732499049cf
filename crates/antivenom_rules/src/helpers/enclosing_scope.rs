//! The function (or module) body a node sits in, the calls made directly
//! in that body, and whether two places of the body lie on branches that
//! never both run. Meant for rules that judge a rare call by what the rest
//! of its function does: they look the body up only when such a call
//! matched, so the shared walk stays the only pass over the file.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, ExceptHandler, Expr, Stmt};
use ruff_python_semantic::ScopeKind;
use ruff_text_size::{Ranged, TextRange};

/// The body whose statements run in the same frame as a node.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EnclosingScope<'a> {
    /// The statements of the function, or of the module.
    pub(crate) body: &'a [Stmt],
    /// The innermost function around the node; `None` at module level.
    pub(crate) function: Option<&'a ast::StmtFunctionDef>,
}

/// The innermost function whose body holds `range`, or the module when
/// no function does. (Class bodies count as part of the module or function
/// around them; lambdas as part of the function they are written in.)
pub(crate) fn enclosing_scope<'a>(
    semantic: &FileSemantic<'a>,
    range: TextRange,
) -> Option<EnclosingScope<'a>> {
    let model = semantic.model();
    let function = model
        .scopes
        .iter()
        .filter_map(|scope| match scope.kind {
            ScopeKind::Function(function) => Some(function),
            _ => None,
        })
        .filter(|function| {
            function
                .body
                .iter()
                .any(|stmt| stmt.range().contains_range(range))
        })
        // Nested functions have the shorter ranges.
        .min_by_key(|function| function.range().len());
    match function {
        Some(function) => Some(EnclosingScope {
            body: &function.body,
            function: Some(function),
        }),
        None => Some(EnclosingScope {
            body: model.definitions.python_ast()?,
            function: None,
        }),
    }
}

/// Collects the calls of a body, without entering nested functions.
struct ScopeCalls<'a> {
    calls: Vec<&'a ast::ExprCall>,
}

impl<'a> Visitor<'a> for ScopeCalls<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        // Nested functions run in frames of their own (a class body runs
        // at once, where it is written; its methods are functions).
        if matches!(stmt, Stmt::FunctionDef(_)) {
            return;
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            self.calls.push(call);
        }
        visitor::walk_expr(self, expr);
    }
}

/// The calls written in `body` itself (including inside lambdas, class
/// bodies and compound statements, not inside nested `def`s), in source
/// order.
pub(crate) fn scope_calls(body: &[Stmt]) -> Vec<&ast::ExprCall> {
    let mut collector = ScopeCalls { calls: Vec::new() };
    collector.visit_body(body);
    collector.calls
}

/// How a clause of a compound statement runs relative to its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Branch {
    /// One of several alternatives (`if`/`elif`/`else` clauses, `match`
    /// cases, `except` handlers): at most one of them runs.
    Alternative(usize),
    /// The normal path (a `try` body or its `else`, a loop body, a `with` body).
    Main,
    /// Runs whatever happened before (`finally`, a loop's `else`).
    Always,
}

impl Branch {
    fn excludes(self, other: Self) -> bool {
        match (self, other) {
            (Self::Alternative(first), Self::Alternative(second)) => first != second,
            // An `except` handler runs when the `try` body failed.
            (Self::Alternative(_), Self::Main) | (Self::Main, Self::Alternative(_)) => true,
            _ => false,
        }
    }
}

/// The clauses of a compound statement with how each runs.
fn clauses(stmt: &Stmt) -> Vec<(&[Stmt], Branch)> {
    match stmt {
        Stmt::If(node) => std::iter::once(node.body.as_slice())
            .chain(
                node.elif_else_clauses
                    .iter()
                    .map(|clause| clause.body.as_slice()),
            )
            .enumerate()
            .map(|(index, body)| (body, Branch::Alternative(index)))
            .collect(),
        Stmt::Match(node) => node
            .cases
            .iter()
            .enumerate()
            .map(|(index, case)| (case.body.as_slice(), Branch::Alternative(index)))
            .collect(),
        Stmt::Try(node) => {
            let mut clauses = vec![(node.body.as_slice(), Branch::Main)];
            clauses.extend(node.handlers.iter().enumerate().map(|(index, handler)| {
                let ExceptHandler::ExceptHandler(handler) = handler;
                (handler.body.as_slice(), Branch::Alternative(index))
            }));
            clauses.push((node.orelse.as_slice(), Branch::Main));
            clauses.push((node.finalbody.as_slice(), Branch::Always));
            clauses
        }
        Stmt::For(node) => vec![
            (node.body.as_slice(), Branch::Main),
            (node.orelse.as_slice(), Branch::Always),
        ],
        Stmt::While(node) => vec![
            (node.body.as_slice(), Branch::Main),
            (node.orelse.as_slice(), Branch::Always),
        ],
        Stmt::With(node) => vec![(node.body.as_slice(), Branch::Main)],
        _ => Vec::new(),
    }
}

/// `true` when the code at `first` and at `second`, both inside `body`,
/// sit on branches of which at most one runs: different clauses of an
/// `if` or `match`, or a `try` body and one of its `except` handlers.
pub(crate) fn on_exclusive_branches(body: &[Stmt], first: TextRange, second: TextRange) -> bool {
    let holds = |suite: &[Stmt], range: TextRange| {
        suite.iter().any(|stmt| stmt.range().contains_range(range))
    };
    let mut suite = body;
    // Walk down the statements holding both places, one level at a time.
    loop {
        let Some(stmt) = suite.iter().find(|stmt| stmt.range().contains_range(first)) else {
            return false;
        };
        if !stmt.range().contains_range(second) {
            return false;
        }
        let clauses = clauses(stmt);
        let clause_of =
            |range: TextRange| clauses.iter().position(|(clause, _)| holds(clause, range));
        let (Some(first_clause), Some(second_clause)) = (clause_of(first), clause_of(second))
        else {
            // One of them is in the statement's header (a test, a target).
            return false;
        };
        let (Some(&(inner, first_branch)), Some(&(_, second_branch))) =
            (clauses.get(first_clause), clauses.get(second_clause))
        else {
            return false;
        };
        if first_clause != second_clause {
            return first_branch.excludes(second_branch);
        }
        suite = inner;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    /// The range of the first occurrence of `needle` in `source`.
    fn range_of(source: &str, needle: &str) -> TextRange {
        let start = source.find(needle).unwrap();
        TextRange::at(
            u32::try_from(start).unwrap().into(),
            u32::try_from(needle.len()).unwrap().into(),
        )
    }

    #[test]
    fn if_clauses_and_handlers_exclude_each_other() {
        let source = "\
if a:
    first()
elif b:
    second()
try:
    third()
except OSError:
    fourth()
finally:
    fifth()
sixth()
";
        let parsed = parse_module(source).unwrap();
        let body = parsed.suite();
        let at = |needle| range_of(source, needle);
        assert!(on_exclusive_branches(body, at("first()"), at("second()")));
        assert!(on_exclusive_branches(body, at("third()"), at("fourth()")));
        assert!(!on_exclusive_branches(body, at("third()"), at("fifth()")));
        assert!(!on_exclusive_branches(body, at("first()"), at("sixth()")));
        assert!(!on_exclusive_branches(body, at("first()"), at("third()")));
    }

    #[test]
    fn scope_calls_skip_nested_functions() {
        let source = "a()\ndef f():\n    b()\nclass C:\n    c()\nif x:\n    d(e())\n";
        let parsed = parse_module(source).unwrap();
        assert_eq!(scope_calls(parsed.suite()).len(), 4);
    }
}
