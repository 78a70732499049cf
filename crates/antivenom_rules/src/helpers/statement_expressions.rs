//! The expressions that belong to one statement itself: its value,
//! targets, test, decorators, defaults, … but not the expressions of the
//! statements nested in its body (the walker hands those to rules as
//! statements of their own). A rule that inspects each statement's own
//! expressions therefore sees every expression of the file exactly once.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

struct Collector<'a> {
    expressions: Vec<&'a Expr>,
}

impl<'a> Visitor<'a> for Collector<'a> {
    fn visit_stmt(&mut self, _stmt: &'a Stmt) {
        // A nested statement: not ours.
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.expressions.push(expr);
    }
}

/// The outermost expressions of `stmt` itself, in source order.
pub(crate) fn own_expressions(stmt: &Stmt) -> Vec<&Expr> {
    let mut collector = Collector {
        expressions: Vec::new(),
    };
    visitor::walk_stmt(&mut collector, stmt);
    collector.expressions
}

/// Finds the statement whose own expressions hold the target expression.
struct Owner<'a, F> {
    range: TextRange,
    is_target: F,
    /// Skip subtrees whose range does not contain the target's.
    prune: bool,
    current: Option<&'a Stmt>,
    found: Option<&'a Stmt>,
}

impl<'a, F: Fn(&Expr) -> bool> Visitor<'a> for Owner<'a, F> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() || (self.prune && !stmt.range().contains_range(self.range)) {
            return;
        }
        let outer = self.current.replace(stmt);
        visitor::walk_stmt(self, stmt);
        self.current = outer;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() || (self.prune && !expr.range().contains_range(self.range)) {
            return;
        }
        if (self.is_target)(expr) {
            self.found = self.current;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

/// The statement of the file whose own expressions (see
/// [`own_expressions`]) hold the expression with `range` for which
/// `is_target` holds: the statement the rule walker is in when it reaches
/// that expression. Meant for the rare nodes that already matched: rules
/// that judge a whole statement look it up instead of walking every
/// statement's expressions a second time.
pub(crate) fn owning_statement<'a>(
    semantic: &FileSemantic<'a>,
    range: TextRange,
    is_target: impl Fn(&Expr) -> bool,
) -> Option<&'a Stmt> {
    let suite = semantic.model().definitions.python_ast()?;
    // Ranges nest, so following them finds the node at once; the full walk
    // is a safety net for trees recovered from syntax errors.
    for prune in [true, false] {
        let mut owner = Owner {
            range,
            is_target: &is_target,
            prune,
            current: None,
            found: None,
        };
        owner.visit_body(suite);
        if owner.found.is_some() {
            return owner.found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;
    use ruff_text_size::Ranged;

    #[test]
    fn skips_nested_statements() {
        let parsed = parse_module("if a(x):\n    b(y)\nelif c:\n    d\n").unwrap();
        let stmt = &parsed.suite()[0];
        let texts: Vec<String> = own_expressions(stmt)
            .iter()
            .map(|expr| format!("{:?}", expr.range()))
            .collect();
        // `a(x)` and the `elif` test `c`.
        assert_eq!(texts.len(), 2, "{texts:?}");
    }
}
