//! Trees parsed in arenas equal trees parsed the ordinary way.

use antivenom_arena::{ArenaAllocator, parse_module};
use ruff_python_ast::PySourceType;
use ruff_python_parser::{ParseOptions, parse_unchecked};
use std::alloc::System;

#[global_allocator]
static ALLOCATOR: ArenaAllocator<System> = ArenaAllocator::new(System);

fn options() -> ParseOptions {
    ParseOptions::from(PySourceType::Python)
}

/// The arena tree and the ordinary tree print the same.
fn assert_same_tree(source: &str) {
    let in_arena = parse_module(source, options());
    assert!(in_arena.as_ref().is_some_and(|parsed| parsed.is_in_arena()));
    let ordinary = parse_unchecked(source, options()).try_into_module();
    assert_eq!(
        format!("{:?}", in_arena.as_deref()),
        format!("{ordinary:?}"),
        "{source}"
    );
}

fn generated_module(functions: usize) -> String {
    let mut source = String::from("import os\nfrom subprocess import run\n\n");
    for n in 0..functions {
        source.push_str(&format!(
            "def handler_{n}(request, *args, key={n}, **kwargs):\n    \"\"\"Doc {n}.\"\"\"\n    \
             value = request.args.get('name_{n}', f'default {{key}}')\n    \
             items = [x * {n} for x in range(10) if x % 2]\n    \
             if value and items:\n        run(['echo', value], check=True)\n    \
             return {{'value': value, 'items': items, 'n': {n}}}\n\n"
        ));
    }
    source
}

#[test]
fn small_modules_match() {
    for source in [
        "",
        "x = 1\n",
        "import os\nos.system(input())\n",
        "class A(B, metaclass=M):\n    def f(self, /, a, *, b=2):\n        return lambda c: a + b + c\n",
        "match command:\n    case ['go', direction]: pass\n    case _: pass\n",
        "async def f():\n    async with a as b:\n        await b\n    async for x in y: yield x\n",
        "x = f'{a!r:>{width}} and {b}'\ny = t'{name}'\n",
    ] {
        assert_same_tree(source);
    }
}

#[test]
fn modules_with_syntax_errors_match() {
    for source in [
        "def f(:\n    pass\n",
        "x = (1, 2\ny = 3\n",
        "if True\n    print('a')\nelse:\n",
        "print 'old style'\n",
        "\u{feff}x = 1\r\ny = [\n",
    ] {
        assert_same_tree(source);
    }
}

#[test]
fn large_and_deep_modules_match() {
    // Several standard blocks and large token lists that move as they grow.
    assert_same_tree(&generated_module(600));
    let deep = format!("x = {}1{}\n", "(".repeat(500), ")".repeat(500));
    assert_same_tree(&deep);
}

#[test]
fn trees_parsed_on_many_threads_match() {
    let sources: Vec<String> = (1..=8).map(|n| generated_module(n * 20)).collect();
    std::thread::scope(|scope| {
        for source in &sources {
            scope.spawn(move || {
                for _ in 0..5 {
                    assert_same_tree(source);
                }
            });
        }
    });
}

#[test]
fn a_semantic_model_in_the_tree_arena_resolves_like_an_ordinary_one() {
    use antivenom_arena::SemanticInTree;
    use antivenom_semantic::ModuleInfo;
    use ruff_python_ast::{Expr, Stmt};
    use std::path::Path;

    let source = "import os\nimport subprocess as sp\nfrom pickle import loads as l\n\
                  COMMAND = 'ls ' '-l'\nsp.run(COMMAND, shell=True)\nos.system(COMMAND)\n\
                  l(b'data')\nprint('a' 'b' 'c')\n";
    let info = || ModuleInfo {
        path: Path::new("example.py"),
        module_path: None,
        is_package: false,
        is_stub: false,
    };
    let resolved = |semantic: &antivenom_semantic::FileSemantic<'_>, suite: &[Stmt]| {
        suite
            .iter()
            .filter_map(|statement| match statement {
                Stmt::Expr(statement) => match &*statement.value {
                    Expr::Call(call) => Some((
                        semantic.qualified_name(&call.func),
                        call.arguments
                            .args
                            .first()
                            .and_then(|argument| semantic.constant_str(argument)),
                    )),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let tree = parse_module(source, options());
    let Some(tree) = tree.as_ref() else {
        panic!("module options always produce a module");
    };
    let in_arena = SemanticInTree::build(tree, info());
    assert!(in_arena.is_in_arena());
    let ordinary_tree = parse_unchecked(source, options()).try_into_module();
    let Some(ordinary_tree) = ordinary_tree.as_ref() else {
        panic!("module options always produce a module");
    };
    let ordinary = SemanticInTree::ordinary(ordinary_tree.suite(), info());
    assert!(!ordinary.is_in_arena());
    let from_arena = resolved(&in_arena, tree.suite());
    assert_eq!(from_arena, resolved(&ordinary, ordinary_tree.suite()));
    assert_eq!(from_arena.len(), 4);
}
