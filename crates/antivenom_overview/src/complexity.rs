//! Functions and their McCabe cyclomatic complexity.
//!
//! A function starts at 1 and gains 1 for every decision point in its own
//! body:
//!
//! * each `if` and `elif` (a plain `else` adds nothing);
//! * each `for` and `while` loop, and 1 more for a loop's `else`;
//! * each `except` handler, and 1 for a `try`'s `else`;
//! * each boolean operator: `a and b or c` adds 2 (operands - 1 per
//!   `and`/`or` expression);
//! * each `for` and each `if` inside a comprehension or generator;
//! * each conditional expression (`a if c else b`);
//! * each `case` of a `match`, except a catch-all (`case _:` or a bare
//!   capture such as `case other:`) without a guard, plus 1 per guard;
//! * each `assert` (a conditional raise).
//!
//! `with`, `finally`, `return`, `break`, `continue` and `raise` add nothing.
//! Lambdas count toward the function they appear in. Nested functions and
//! classes do not: a nested function is reported on its own, qualified by the
//! enclosing names (`outer.inner`, `Class.method`). Decorators, default
//! values and annotations belong to the enclosing scope.

use crate::lines::CodeLines;
use crate::model::FunctionMetrics;
use antivenom_python::LineIndex;
use antivenom_python::Ranged;
use antivenom_python::ast::visitor::{self, Visitor};
use antivenom_python::ast::{self as ast, Expr, Pattern, Stmt};

/// Measures every function and method in `suite`, in source order.
#[must_use]
pub fn measure_functions(
    suite: &[Stmt],
    lines: &CodeLines,
    index: &LineIndex,
) -> Vec<FunctionMetrics> {
    let mut collector = FunctionCollector {
        lines,
        index,
        names: Vec::new(),
        frames: Vec::new(),
        functions: Vec::new(),
    };
    collector.visit_body(suite);
    // Nested functions are finished before their parents: restore source order.
    collector.functions.sort_by_key(|function| function.line);
    collector.functions
}

/// A function being measured.
struct Frame {
    complexity: usize,
}

struct FunctionCollector<'l> {
    lines: &'l CodeLines,
    index: &'l LineIndex,
    /// Names of the enclosing classes and functions.
    names: Vec<String>,
    /// The functions being measured, innermost last.
    frames: Vec<Frame>,
    functions: Vec<FunctionMetrics>,
}

impl FunctionCollector<'_> {
    fn add(&mut self, points: usize) {
        if let Some(frame) = self.frames.last_mut() {
            frame.complexity = frame.complexity.saturating_add(points);
        }
    }

    fn qualified(&self, name: &str) -> String {
        let mut qualified = self.names.join(".");
        if !qualified.is_empty() {
            qualified.push('.');
        }
        qualified.push_str(name);
        qualified
    }

    fn function(&mut self, function: &ast::StmtFunctionDef) {
        // Decorators, parameters (defaults, annotations) and the return
        // annotation are evaluated in the enclosing scope.
        for decorator in &function.decorator_list {
            self.visit_decorator(decorator);
        }
        if let Some(type_params) = &function.type_params {
            self.visit_type_params(type_params);
        }
        self.visit_parameters(&function.parameters);
        if let Some(returns) = &function.returns {
            self.visit_annotation(returns);
        }

        let name = self.qualified(function.name.as_str());
        self.names.push(function.name.to_string());
        self.frames.push(Frame { complexity: 1 });
        self.visit_body(&function.body);
        let complexity = self.frames.pop().map_or(1, |frame| frame.complexity);
        self.names.pop();

        let range = function.range();
        let end = self
            .index
            .line_of(range.end().checked_sub(1.into()).unwrap_or_default());
        self.functions.push(FunctionMetrics {
            name,
            line: self.index.line_of(function.name.range().start()),
            end_line: end,
            code_lines: self.lines.code_in(range, self.index),
            complexity,
        });
    }

    fn class(&mut self, class: &ast::StmtClassDef) {
        for decorator in &class.decorator_list {
            self.visit_decorator(decorator);
        }
        if let Some(type_params) = &class.type_params {
            self.visit_type_params(type_params);
        }
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
        }
        self.names.push(class.name.to_string());
        // The class body is not part of an enclosing function's paths.
        let saved = std::mem::take(&mut self.frames);
        self.visit_body(&class.body);
        self.frames = saved;
        self.names.pop();
    }
}

impl<'a> Visitor<'a> for FunctionCollector<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => return self.function(function),
            Stmt::ClassDef(class) => return self.class(class),
            Stmt::If(statement) => {
                let elifs = statement
                    .elif_else_clauses
                    .iter()
                    .filter(|clause| clause.test.is_some())
                    .count();
                self.add(1 + elifs);
            }
            Stmt::For(ast::StmtFor { orelse, .. }) | Stmt::While(ast::StmtWhile { orelse, .. }) => {
                self.add(1 + usize::from(!orelse.is_empty()));
            }
            Stmt::Try(statement) => {
                self.add(statement.handlers.len() + usize::from(!statement.orelse.is_empty()));
            }
            Stmt::Match(statement) => {
                let points: usize = statement
                    .cases
                    .iter()
                    .map(|case| {
                        usize::from(case.guard.is_some() || !is_catch_all(&case.pattern))
                            + usize::from(case.guard.is_some())
                    })
                    .sum();
                self.add(points);
            }
            Stmt::Assert(_) => self.add(1),
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::BoolOp(operation) => self.add(operation.values.len().saturating_sub(1)),
            Expr::If(_) => self.add(1),
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_comprehension(&mut self, comprehension: &'a ast::Comprehension) {
        self.add(1 + comprehension.ifs.len());
        visitor::walk_comprehension(self, comprehension);
    }
}

/// `case _:` or `case name:`: matches anything.
fn is_catch_all(pattern: &Pattern) -> bool {
    matches!(
        pattern,
        Pattern::MatchAs(ast::PatternMatchAs { pattern: None, .. })
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use antivenom_python::parse_module;

    fn measure(text: &str) -> Vec<(String, usize, usize)> {
        let parsed = parse_module(text, false);
        assert!(
            parsed.syntax_errors().is_empty(),
            "{:?}",
            parsed.syntax_errors()
        );
        let index = LineIndex::new(text);
        let lines = CodeLines::new(text, &parsed, &index);
        measure_functions(parsed.suite(), &lines, &index)
            .into_iter()
            .map(|function| (function.name, function.complexity, function.code_lines))
            .collect()
    }

    #[test]
    fn straight_line_function_is_one() {
        assert_eq!(
            measure("def f():\n    # comment\n\n    return 1\n"),
            [("f".to_owned(), 1, 2)]
        );
    }

    #[test]
    fn branches_loops_and_handlers() {
        let text = "\
def f(a, b):
    if a:
        pass
    elif b:
        pass
    else:
        pass
    for x in a:
        pass
    else:
        pass
    while b:
        break
    try:
        pass
    except ValueError:
        pass
    except Exception:
        pass
    else:
        pass
    finally:
        pass
    with open(a) as handle:
        pass
    assert a
";
        // 1 + if/elif 2 + for/else 2 + while 1 + 2 handlers + try-else 1 + assert 1
        assert_eq!(measure(text)[0].1, 10);
    }

    #[test]
    fn expressions() {
        let text = "\
def f(a, b, c):
    x = a and b or c
    y = [i for i in a if i if not i for j in b]
    z = 1 if a else 2
    g = lambda q: q if q else None
    return x, y, z, g
";
        // 1 + bool ops 2 (`a and b` inside `... or c`: 1 + 1) + comprehension (2 fors
        // + 2 ifs) 4 + ternary 1 + lambda's ternary 1
        assert_eq!(measure(text)[0].1, 9);
    }

    #[test]
    fn match_cases() {
        let text = "\
def f(command):
    match command:
        case 'go':
            pass
        case 'stop' | 'halt':
            pass
        case other if other:
            pass
        case _:
            pass
";
        // 1 + two literal cases + guarded capture (case 1 + guard 1); `case _` free.
        assert_eq!(measure(text)[0].1, 5);
    }

    #[test]
    fn nested_functions_and_methods_are_separate() {
        let text = "\
class Service:
    def handle(self, request):
        def check(x):
            return x and request
        if request:
            return check(request)

    class Inner:
        def run(self):
            return [x for x in self]
";
        assert_eq!(
            measure(text),
            [
                ("Service.handle".to_owned(), 2, 5),
                ("Service.handle.check".to_owned(), 2, 2),
                ("Service.Inner.run".to_owned(), 2, 2),
            ]
        );
    }

    #[test]
    fn decorators_count_toward_the_enclosing_scope() {
        let text = "\
def outer():
    @decorate(a or b)
    def inner():
        pass
    return inner
";
        let measured = measure(text);
        assert_eq!(measured[0], ("outer".to_owned(), 2, 5));
        assert_eq!(measured[1], ("outer.inner".to_owned(), 1, 3));
    }
}
