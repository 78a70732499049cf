//! The expressions that belong to one statement itself: its value,
//! targets, test, decorators, defaults, … but not the expressions of the
//! statements nested in its body (the walker hands those to rules as
//! statements of their own). A rule that inspects each statement's own
//! expressions therefore sees every expression of the file exactly once.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};

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
