//! Temporary: checks that code accepted by `check_nesting` is not deeper than the limit.
#![allow(missing_docs, clippy::unwrap_used)]
use antivenom_python::ast::visitor::{self, Visitor};
use antivenom_python::ast::{self as ast, Expr, Stmt};
use antivenom_python::{check_nesting, parse_module};
use std::io::BufRead;

#[derive(Default)]
struct Depth {
    cur: usize,
    max: usize,
}
impl Depth {
    fn enter(&mut self) {
        self.cur += 1;
        self.max = self.max.max(self.cur);
    }
}
impl<'a> Visitor<'a> for Depth {
    fn visit_expr(&mut self, e: &'a Expr) {
        self.enter();
        visitor::walk_expr(self, e);
        self.cur -= 1;
    }
    fn visit_stmt(&mut self, s: &'a Stmt) {
        self.enter();
        visitor::walk_stmt(self, s);
        self.cur -= 1;
    }
    fn visit_keyword(&mut self, k: &'a ast::Keyword) {
        self.enter();
        visitor::walk_keyword(self, k);
        self.cur -= 1;
    }
    fn visit_comprehension(&mut self, c: &'a ast::Comprehension) {
        self.enter();
        visitor::walk_comprehension(self, c);
        self.cur -= 1;
    }
    fn visit_parameters(&mut self, p: &'a ast::Parameters) {
        self.enter();
        visitor::walk_parameters(self, p);
        self.cur -= 1;
    }
    fn visit_pattern(&mut self, p: &'a ast::Pattern) {
        self.enter();
        visitor::walk_pattern(self, p);
        self.cur -= 1;
    }
    fn visit_arguments(&mut self, a: &'a ast::Arguments) {
        self.enter();
        visitor::walk_arguments(self, a);
        self.cur -= 1;
    }
    fn visit_interpolated_string_element(&mut self, e: &'a ast::InterpolatedStringElement) {
        self.enter();
        visitor::walk_interpolated_string_element(self, e);
        self.cur -= 1;
    }
}

fn main() {
    let h = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(|| {
            let stdin = std::io::stdin();
            let mut worst = (0usize, String::new());
            let (mut passed, mut refused) = (0, 0);
            for line in stdin.lock().lines() {
                let src = line.unwrap().replace("\\n", "\n");
                if check_nesting(&src).is_some() {
                    refused += 1;
                    continue;
                }
                passed += 1;
                let parsed = parse_module(&src, false);
                let mut d = Depth::default();
                d.visit_body(parsed.suite());
                if d.max > worst.0 {
                    worst = (d.max, src.chars().take(120).collect());
                }
            }
            println!(
                "passed {passed} refused {refused} worst depth {} for {:?}",
                worst.0, worst.1
            );
        })
        .unwrap();
    h.join().unwrap();
}
