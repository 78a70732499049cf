//! Graph queries and robustness on large or deeply nested input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_cfg::BlockId;
use common::with_module;

fn indices(blocks: &[BlockId]) -> Vec<usize> {
    blocks.iter().map(|block| block.index()).collect()
}

#[test]
fn predecessors_and_reverse_postorder_of_a_loop() {
    let source = "\
while c:
    if d:
        a()
    else:
        b()
e()
";
    // B0 -> B3 (header); B3 -> B4 body / B5 after; B4 -> B6 / B7; both -> B8 -> B3.
    with_module(source, |cfg| {
        let predecessors = cfg.predecessors();
        assert_eq!(indices(&predecessors[3]), vec![0, 8]);
        assert_eq!(indices(&predecessors[8]), vec![6, 7]);
        assert_eq!(indices(&predecessors[cfg.exit().index()]), vec![5]);
        assert!(predecessors[cfg.entry().index()].is_empty());

        let order = cfg.reverse_postorder();
        assert_eq!(order.first(), Some(&cfg.entry()));
        let position = |id: BlockId| order.iter().position(|&other| other == id).unwrap();
        // Every forward edge goes later in the order; only the back edge
        // (B8 -> B3) goes earlier.
        for &from in &order {
            for edge in &cfg.block(from).unwrap().successors {
                let backwards = position(edge.target) <= position(from);
                assert_eq!(
                    backwards,
                    from.index() == 8,
                    "edge {from} -> {}",
                    edge.target
                );
            }
        }
        // The raise exit is unreachable here.
        assert!(!order.contains(&cfg.raise_exit()));
    });
}

#[test]
fn deep_expression_chains_are_walked_without_recursion() {
    // A left-deep chain of 2,500 additions with a walrus at the bottom.
    let mut source = String::from("x = (w := 1)");
    source.push_str(&" + 1".repeat(2_500));
    source.push('\n');
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || with_module(&source, |cfg| cfg.blocks()[cfg.entry().index()].ops.len()))
        .unwrap();
    assert_eq!(handle.join().unwrap(), 2);
}

#[test]
fn deep_statement_nesting_is_capped() {
    // 250 nested `if`s: the lowering stops at 200 levels and says so.
    let mut source = String::new();
    for depth in 0..250 {
        source.push_str(&" ".repeat(depth));
        source.push_str("if c:\n");
    }
    source.push_str(&" ".repeat(250));
    source.push_str("f()\n");
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || with_module(&source, |cfg| (cfg.is_truncated(), cfg.blocks().len())))
        .unwrap();
    let (truncated, blocks) = handle.join().unwrap();
    assert!(truncated);
    assert!(blocks > 400);
}

#[test]
fn lowering_199_nested_statements_fits_a_small_stack() {
    // The lowering recurses once per statement level; the scanner lets 99
    // levels through. Twice that, mixing every compound statement, must fit
    // in 1 MiB of stack (worker threads usually have 2 MiB).
    let kinds = [
        "for x in xs:",
        "try:",
        "with m() as v:",
        "while c:",
        "if c:",
        "match s:",
        "async for y in ys:",
    ];
    let mut source = String::from("async def f():\n");
    let mut closers = Vec::new();
    let mut indent = 1;
    for depth in 1..200 {
        let kind = kinds[depth % kinds.len()];
        source.push_str(&format!("{}{kind}\n", " ".repeat(indent)));
        if kind == "try:" {
            closers.push(indent);
        }
        if kind == "match s:" {
            indent += 1;
            source.push_str(&format!("{}case [a]:\n", " ".repeat(indent)));
        }
        indent += 1;
    }
    source.push_str(&format!("{}return g()\n", " ".repeat(indent)));
    for indent in closers.into_iter().rev() {
        let indent = " ".repeat(indent);
        source.push_str(&format!("{indent}finally:\n{indent} h()\n"));
    }
    let big = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let parsed = ruff_python_parser::parse_module(&source).unwrap();
            let ruff_python_ast::Stmt::FunctionDef(def) = &parsed.syntax().body[0] else {
                panic!("a function");
            };
            let blocks = std::thread::scope(|scope| {
                std::thread::Builder::new()
                    .stack_size(1024 * 1024)
                    .spawn_scoped(scope, || antivenom_cfg::lower_function(def).blocks().len())
                    .unwrap()
                    .join()
                    .unwrap()
            });
            (blocks, parsed)
        })
        .unwrap();
    let (blocks, parsed) = big.join().unwrap();
    assert!(blocks > 600, "{blocks}");
    // Dropping the deep tree needs the big stack too.
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || drop(parsed))
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn long_straight_line_module_is_one_block() {
    let source = "x = f(x)\n".repeat(20_000);
    with_module(&source, |cfg| {
        assert_eq!(cfg.blocks().len(), 3);
        assert_eq!(cfg.blocks()[0].ops.len(), 20_000);
        assert!(!cfg.is_truncated());
    });
}
