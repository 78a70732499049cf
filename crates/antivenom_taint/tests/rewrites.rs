//! Verdicts do not depend on how code is written: renaming the local
//! variables of a function, or moving call arguments into temporaries,
//! leaves the findings of every fixture unchanged (by function and class).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_semantic::{FileSemantic, ModuleInfo};
use antivenom_taint::{Engine, ModuleContext};
use antivenom_taint_models::Models;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprContext, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Findings as (enclosing function, class) → count.
fn verdicts(engine: &Engine, source: &str) -> BTreeMap<(String, String), usize> {
    let parsed = ruff_python_parser::parse_module(source).expect("parses");
    let info = ModuleInfo {
        path: Path::new("fixture.py"),
        module_path: None,
        is_package: false,
        is_stub: false,
    };
    let semantic = FileSemantic::build(parsed.suite(), info);
    let analysis = engine.analyze_module(
        parsed.suite(),
        &semantic,
        source,
        ModuleContext {
            local_sources: true,
            ..ModuleContext::default()
        },
    );
    let functions: Vec<(TextRange, String)> = parsed
        .suite()
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::FunctionDef(function) => Some((function.range(), function.name.to_string())),
            _ => None,
        })
        .collect();
    let mut verdicts = BTreeMap::new();
    for finding in &analysis.findings {
        let function = functions
            .iter()
            .find(|(range, _)| range.contains_range(finding.sink))
            .map_or_else(String::new, |(_, name)| name.clone());
        *verdicts
            .entry((function, finding.class.as_str().to_owned()))
            .or_insert(0) += 1;
    }
    verdicts
}

/// Names a function binds by assignment or as parameters.
struct Stored<'a> {
    names: BTreeSet<&'a str>,
}

impl<'a> Visitor<'a> for Stored<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr
            && name.ctx == ExprContext::Store
        {
            self.names.insert(name.id.as_str());
        }
        visitor::walk_expr(self, expr);
    }
}

/// Every use of `names` inside the function.
struct Uses<'n> {
    names: &'n BTreeSet<&'n str>,
    ranges: Vec<TextRange>,
}

impl<'a> Visitor<'a> for Uses<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr
            && self.names.contains(name.id.as_str())
        {
            self.ranges.push(name.range());
        }
        visitor::walk_expr(self, expr);
    }
}

/// Renames the variables each top-level function assigns (and its
/// parameters) to `renamed_<name>`.
fn rename_locals(source: &str) -> String {
    let parsed = ruff_python_parser::parse_module(source).unwrap();
    let mut edits: Vec<(TextRange, String)> = Vec::new();
    for stmt in parsed.suite() {
        let Stmt::FunctionDef(function) = stmt else {
            continue;
        };
        let mut stored = Stored {
            names: BTreeSet::new(),
        };
        stored.visit_body(&function.body);
        let StmtFunctionDef { parameters, .. } = function;
        for parameter in parameters.iter_non_variadic_params() {
            stored.names.insert(parameter.parameter.name.as_str());
            let range = parameter.parameter.name.range();
            edits.push((range, format!("renamed_{}", parameter.parameter.name)));
        }
        let mut uses = Uses {
            names: &stored.names,
            ranges: Vec::new(),
        };
        uses.visit_body(&function.body);
        for range in uses.ranges {
            edits.push((range, format!("renamed_{}", &source[range])));
        }
    }
    apply(source, edits)
}

/// Moves the arguments of calls that are whole expression statements into
/// temporaries assigned on the lines before.
fn hoist_arguments(source: &str) -> String {
    let parsed = ruff_python_parser::parse_module(source).unwrap();
    let mut edits: Vec<(TextRange, String)> = Vec::new();
    let mut counter = 0;
    let mut statements: Vec<&Stmt> = Vec::new();
    for stmt in parsed.suite() {
        if let Stmt::FunctionDef(function) = stmt {
            statements.extend(function.body.iter());
        }
    }
    for stmt in statements {
        let Stmt::Expr(expression) = stmt else {
            continue;
        };
        let Expr::Call(call) = &*expression.value else {
            continue;
        };
        let line_start = source[..stmt.start().to_usize()]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let indent = &source[line_start..stmt.start().to_usize()];
        if !indent.chars().all(|c| c == ' ') {
            continue;
        }
        let mut before = String::new();
        for argument in &call.arguments.args {
            if matches!(argument, Expr::Starred(_) | Expr::Name(_)) {
                continue;
            }
            counter += 1;
            let name = format!("hoisted_{counter}");
            before.push_str(&format!("{name} = {}\n{indent}", &source[argument.range()]));
            edits.push((argument.range(), name));
        }
        if !before.is_empty() {
            edits.push((TextRange::empty(stmt.start()), before));
        }
    }
    apply(source, edits)
}

fn apply(source: &str, mut edits: Vec<(TextRange, String)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start(), range.end()));
    let mut output = String::new();
    let mut position = 0;
    for (range, text) in edits {
        output.push_str(&source[position..range.start().to_usize()]);
        output.push_str(&text);
        position = range.end().to_usize();
    }
    output.push_str(&source[position..]);
    output
}

#[test]
fn renaming_and_temporaries_do_not_change_verdicts() {
    let engine = Engine::new(Models::builtin().unwrap());
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "py") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let original = verdicts(&engine, &source);
        assert!(!original.is_empty(), "{}", path.display());
        let renamed = rename_locals(&source);
        assert_ne!(renamed, source, "nothing renamed in {}", path.display());
        assert_eq!(
            verdicts(&engine, &renamed),
            original,
            "renamed {}:\n{renamed}",
            path.display()
        );
        let hoisted = hoist_arguments(&source);
        assert_ne!(hoisted, source, "nothing hoisted in {}", path.display());
        assert_eq!(
            verdicts(&engine, &hoisted),
            original,
            "hoisted {}:\n{hoisted}",
            path.display()
        );
    }
}
