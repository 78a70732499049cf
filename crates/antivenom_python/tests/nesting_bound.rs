//! The nesting estimate is an upper bound: code that `check_nesting`
//! accepts never parses into a tree deeper than the limit, however broken.
//! Inputs are generated token soups (one motif repeated, like the
//! pathological files an attacker could plant in a repository).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use antivenom_python::ast::visitor::{self, Visitor};
use antivenom_python::ast::{self, Expr, Stmt};
use antivenom_python::{MAX_EXPRESSION_DEPTH, check_nesting, parse_module};

/// Depth of the recursion a visitor goes through.
#[derive(Default)]
struct Depth {
    current: usize,
    max: usize,
}

impl Depth {
    fn enter(&mut self) {
        self.current += 1;
        self.max = self.max.max(self.current);
    }
}

impl<'a> Visitor<'a> for Depth {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.enter();
        visitor::walk_stmt(self, stmt);
        self.current -= 1;
    }
    fn visit_expr(&mut self, expr: &'a Expr) {
        self.enter();
        visitor::walk_expr(self, expr);
        self.current -= 1;
    }
    fn visit_arguments(&mut self, arguments: &'a ast::Arguments) {
        self.enter();
        visitor::walk_arguments(self, arguments);
        self.current -= 1;
    }
    fn visit_keyword(&mut self, keyword: &'a ast::Keyword) {
        self.enter();
        visitor::walk_keyword(self, keyword);
        self.current -= 1;
    }
    fn visit_comprehension(&mut self, comprehension: &'a ast::Comprehension) {
        self.enter();
        visitor::walk_comprehension(self, comprehension);
        self.current -= 1;
    }
    fn visit_parameters(&mut self, parameters: &'a ast::Parameters) {
        self.enter();
        visitor::walk_parameters(self, parameters);
        self.current -= 1;
    }
    fn visit_interpolated_string_element(&mut self, element: &'a ast::InterpolatedStringElement) {
        self.enter();
        visitor::walk_interpolated_string_element(self, element);
        self.current -= 1;
    }
}

const TOKENS: &[&str] = &[
    "x",
    "1",
    " + ",
    " - ",
    "-",
    "not ",
    " or ",
    " and ",
    " < ",
    " is not ",
    " not in ",
    " in ",
    "lambda a, b=1: ",
    "lambda: ",
    " if y else ",
    " if ",
    " else ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "f(",
    "a.",
    ".b",
    "await ",
    "(yield ",
    "*",
    "**",
    " ~",
    ", ",
    ": ",
    ":= ",
    "k=",
    "f'{",
    "}'",
    "f\"{x:{",
    "}}\"",
    " for i in ",
    "[0]",
    "()",
    " @ ",
    " | ",
    " >> ",
    "'s' ",
    "# c\n",
    "\\\n",
    "\n",
    "t'{",
    "1.",
    "...",
    "=",
    " == ",
    "yield ",
    ", yield ",
    "0x1f",
    "if x:\n ",
    "*a, ",
    "**k, ",
    "{a: ",
    "[x for x in ",
    "@dec\n",
    "class C:\n ",
    "def f(a=",
    "->",
    "print ",
    "\t",
    "'''",
    "rb'",
];

/// A small deterministic generator (64-bit LCG).
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap() % bound
    }
}

#[test]
fn accepted_code_is_never_deeper_than_the_limit() {
    // Deep trees need a big stack to be measured (and dropped) in debug builds.
    let worker = std::thread::Builder::new().stack_size(512 << 20).spawn(|| {
        let mut random = Random(0x5eed);
        let mut accepted = 0;
        for round in 0..1_200 {
            let motifs: Vec<String> = (0..1 + random.below(3))
                .map(|_| {
                    (0..1 + random.below(4))
                        .map(|_| TOKENS[random.below(TOKENS.len())])
                        .collect()
                })
                .collect();
            let repeats = 200 + random.below(4_000);
            let prefix = ["x = ", "", "f(", "["][random.below(4)];
            // Half the inputs repeat one motif, half mix several at random.
            let body: String = if round % 2 == 0 {
                motifs[0].repeat(repeats)
            } else {
                (0..repeats)
                    .map(|_| motifs[random.below(motifs.len())].as_str())
                    .collect()
            };
            let source = format!("{prefix}{body}x");
            let motif = motifs.join(" | ");
            if check_nesting(&source).is_some() {
                continue;
            }
            accepted += 1;
            let parsed = parse_module(&source, false);
            let mut depth = Depth::default();
            depth.visit_body(parsed.suite());
            assert!(
                depth.max <= MAX_EXPRESSION_DEPTH,
                "depth {} for {motif:?} x {repeats}",
                depth.max
            );
        }
        assert!(accepted > 50, "only {accepted} accepted");
    });
    worker.unwrap().join().unwrap();
}
