//! Helpers shared by the lowering tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use antivenom_cfg::{Cfg, lower_body, lower_function};
use ruff_python_ast::Stmt;
use ruff_python_parser::parse_module;

/// Parses `source` and runs `check` on the module body's graph.
pub fn with_module<R>(source: &str, check: impl FnOnce(&Cfg<'_>) -> R) -> R {
    let parsed = parse_module(source).expect("test source parses");
    let cfg = lower_body(&parsed.syntax().body);
    check(&cfg)
}

/// Parses `source` and runs `check` on the graph of its first function.
pub fn with_function<R>(source: &str, check: impl FnOnce(&Cfg<'_>) -> R) -> R {
    let parsed = parse_module(source).expect("test source parses");
    let def = parsed
        .syntax()
        .body
        .iter()
        .find_map(|stmt| match stmt {
            Stmt::FunctionDef(def) => Some(def),
            _ => None,
        })
        .expect("a function");
    let cfg = lower_function(def);
    check(&cfg)
}

/// The dump of the module body's graph.
pub fn module(source: &str) -> String {
    with_module(source, |cfg| cfg.display(source).to_string())
}

/// The dump of the first function's graph.
pub fn function(source: &str) -> String {
    with_function(source, |cfg| cfg.display(source).to_string())
}

/// Asserts a dump line by line, with a readable diff on failure.
pub fn assert_dump(actual: &str, expected: &str) {
    let expected = expected
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        actual, expected,
        "\n--- actual ---\n{actual}\n--- expected ---\n{expected}\n"
    );
}
