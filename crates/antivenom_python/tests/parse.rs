//! Parsing: error recovery, modern syntax, the nesting guard and large files.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use antivenom_python::ast::{Expr, Stmt};
use antivenom_python::{Ranged, SyntaxProblem, TextSize, parse_module};
use std::time::{Duration, Instant};

fn function_names(suite: &[Stmt]) -> Vec<String> {
    suite
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::FunctionDef(def) => Some(def.name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn syntax_error_mid_file_recovers_later_statements() {
    let parsed = parse_module(
        "x = (1, 2\ndef broken(:\n    pass\ndef after(): pass\n",
        false,
    );
    assert!(!parsed.syntax_errors().is_empty());
    assert!(!parsed.was_refused());
    assert!(function_names(parsed.suite()).contains(&"after".to_owned()));
    let first = &parsed.syntax_errors()[0];
    assert!(first.line >= 1 && first.column >= 1);
    // Errors are in source order.
    let starts: Vec<_> = parsed
        .syntax_errors()
        .iter()
        .map(|p| p.range.start())
        .collect();
    assert!(starts.is_sorted());
}

#[test]
fn python2_print_statement_does_not_hide_later_calls() {
    let source = "import os\nprint \"x\"\nos.system(cmd)\n";
    let parsed = parse_module(source, false);
    assert!(!parsed.syntax_errors().is_empty());
    let error = &parsed.syntax_errors()[0];
    assert_eq!(error.line, 2);
    let found_call = parsed.suite().iter().any(|stmt| match stmt {
        Stmt::Expr(expr) => match &*expr.value {
            Expr::Call(call) => &source[call.func.range()] == "os.system",
            _ => false,
        },
        _ => false,
    });
    assert!(found_call, "{:#?}", parsed.suite());
}

#[test]
fn python_314_syntax_parses_cleanly() {
    let source = "\
name = 'x'
template = t\"hello {name}\"
try:
    pass
except ValueError, TypeError:
    pass
type Alias[T] = list[T]
match command:
    case [\"go\", direction]:
        pass
f\"{'nested' + f\"{name!r:>{10}}\"}\"
";
    let parsed = parse_module(source, false);
    assert_eq!(parsed.syntax_errors(), &[], "{:?}", parsed.syntax_errors());
    assert_eq!(parsed.suite().len(), 6);
}

#[test]
fn stubs_parse() {
    let parsed = parse_module("def f(x: int) -> str: ...\nclass C:\n    y: int\n", true);
    assert_eq!(parsed.syntax_errors(), &[]);
    assert_eq!(parsed.suite().len(), 2);
}

#[test]
fn comments_come_from_the_token_stream() {
    let source = "x = 1  # nosec B101\ns = '# not a comment'\n# standalone\n";
    let parsed = parse_module(source, false);
    let comments: Vec<&str> = parsed.comments().map(|range| &source[range]).collect();
    assert_eq!(comments, ["# nosec B101", "# standalone"]);
    assert_eq!(parsed.comment_ranges().len(), 2);
    let (line, column) = parsed.line_index(source).line_column(TextSize::new(7));
    assert_eq!((line, column), (1, 8));
}

fn assert_refused_quickly(source: &str, expected_message: &str) -> SyntaxProblem {
    let start = Instant::now();
    let parsed = parse_module(source, false);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    assert!(parsed.was_refused());
    assert!(parsed.suite().is_empty());
    assert!(parsed.tokens().is_empty());
    let problems = parsed.syntax_errors();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains(expected_message),
        "{problems:?}"
    );
    problems[0].clone()
}

#[test]
fn nesting_guard_refuses_100_000_nested_parentheses() {
    let source = format!(
        "import os\nx = {}1{}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let problem = assert_refused_quickly(&source, "too many nested parentheses");
    // The 201st bracket: after `x = ` and 200 brackets.
    assert_eq!((problem.line, problem.column), (2, 4 + 200 + 1));
}

#[test]
fn nesting_guard_refuses_5_000_nested_blocks() {
    let source: String = (0..5_000)
        .map(|depth| format!("{}if x:\n", " ".repeat(depth)))
        .collect();
    let problem = assert_refused_quickly(&source, "too many levels of indentation");
    assert_eq!((problem.line, problem.column), (101, 101));
}

#[test]
fn nesting_guard_refuses_100_000_operand_chains() {
    for source in [
        format!("x = {}1\n", "1+".repeat(100_000)),
        format!("x = a{}\n", ".b".repeat(100_000)),
        format!("x = {}1\n", "-".repeat(100_000)),
        format!("x = {}1\n", "not ".repeat(100_000)),
        format!("x = a{}\n", "()".repeat(100_000)),
        format!("x = a{}\n", "[0]".repeat(100_000)),
        format!("x = {}1\n", "lambda: ".repeat(100_000)),
        format!("x = {}1\n", "1 if y else ".repeat(100_000)),
        format!("x = {}1\n", "2**".repeat(100_000)),
    ] {
        let problem = assert_refused_quickly(&source, "expression nested too deeply");
        assert_eq!(problem.line, 1);
    }
    // Spread over lines inside brackets, the problem is reported where the
    // estimate crosses the limit.
    let source = format!("x = (1 +\n{}1)\n", "1 +\n".repeat(100_000));
    let problem = assert_refused_quickly(&source, "expression nested too deeply");
    assert!((2_900..3_000).contains(&problem.line), "{problem:?}");
}

#[test]
fn chains_cpython_accepts_are_parsed() {
    // CPython 3.11 compiles up to about 2,990 chained operators.
    let source = format!("x = {}1\n", "1+".repeat(2_900));
    let parsed = parse_module(&source, false);
    assert!(!parsed.was_refused());
    assert_eq!(parsed.suite().len(), 1);
}

#[test]
fn five_megabyte_file_parses_fully() {
    let mut source = String::new();
    for i in 0..90_000 {
        source.push_str(&format!(
            "value_{i} = compute(\"payload number {i}\", key={i}) + other  # note {i}\n"
        ));
    }
    assert!(source.len() > 5_000_000, "{}", source.len());
    let parsed = parse_module(&source, false);
    assert_eq!(parsed.syntax_errors(), &[]);
    assert_eq!(parsed.suite().len(), 90_000);
    assert_eq!(parsed.comments().count(), 90_000);
    assert_eq!(parsed.line_index(&source).line_count(), 90_001);
}
