//! Name resolution and constant folding on small Python snippets.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use antivenom_semantic::{Constant, FileSemantic, ModuleInfo};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, PySourceType, PythonVersion};
use ruff_python_parser::{ParseOptions, parse_unchecked};
use ruff_text_size::Ranged;
use std::path::Path;

/// Every call in `source` as (callee text, resolved name), in source order.
fn resolve_calls_in(source: &str, module_path: Option<&[String]>) -> Vec<(String, Option<String>)> {
    let options =
        ParseOptions::from(PySourceType::Python).with_target_version(PythonVersion::PY314);
    let parsed = parse_unchecked(source, options).try_into_module().unwrap();
    let info = ModuleInfo {
        path: Path::new("pkg/sub/mod.py"),
        module_path,
        is_package: false,
        is_stub: false,
    };
    let semantic = FileSemantic::build(parsed.suite(), info);
    struct Calls<'s, 'a> {
        source: &'s str,
        semantic: &'s FileSemantic<'a>,
        out: Vec<(String, Option<String>)>,
    }
    impl<'a> Visitor<'a> for Calls<'_, '_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                let text = self.source[call.func.range()].to_owned();
                self.out
                    .push((text, self.semantic.qualified_name(&call.func)));
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut calls = Calls {
        source,
        semantic: &semantic,
        out: Vec::new(),
    };
    calls.visit_body(parsed.suite());
    calls.out
}

fn resolved(source: &str) -> Vec<Option<String>> {
    resolve_calls_in(source, None)
        .into_iter()
        .map(|(_, name)| name)
        .collect()
}

/// The resolved name of the first (outermost) call.
fn first_resolved(source: &str) -> Option<String> {
    resolved(source).into_iter().next().flatten()
}

/// Folds the value of the last top-level expression statement.
fn fold_last(source: &str) -> Option<Constant> {
    let options =
        ParseOptions::from(PySourceType::Python).with_target_version(PythonVersion::PY314);
    let parsed = parse_unchecked(source, options).try_into_module().unwrap();
    let info = ModuleInfo {
        path: Path::new("m.py"),
        module_path: None,
        is_package: false,
        is_stub: false,
    };
    let suite = parsed.suite();
    let semantic = FileSemantic::build(suite, info);
    let Some(ruff_python_ast::Stmt::Expr(last)) = suite.last() else {
        panic!("no expression")
    };
    semantic.constant(&last.value)
}

#[test]
fn import_as_and_from_import_as() {
    assert_eq!(
        first_resolved("import subprocess as sp\nsp.Popen(x)").as_deref(),
        Some("subprocess.Popen")
    );
    assert_eq!(
        first_resolved("from pickle import loads as l\nl(x)").as_deref(),
        Some("pickle.loads")
    );
    assert_eq!(
        first_resolved("import os.path\nos.path.join(a)").as_deref(),
        Some("os.path.join")
    );
    assert_eq!(
        first_resolved("import a.b as c\nc.run(x)").as_deref(),
        Some("a.b.run")
    );
}

#[test]
fn imports_inside_functions_classes_try_and_type_checking() {
    let source = "def f(x):\n    import marshal as m\n    return m.loads(x)\n";
    assert_eq!(first_resolved(source).as_deref(), Some("marshal.loads"));
    let source = "class C:\n    import yaml\n    data = yaml.load(s)\n";
    assert_eq!(first_resolved(source).as_deref(), Some("yaml.load"));
    let source = "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\npickle.loads(d)\n";
    assert_eq!(first_resolved(source).as_deref(), Some("pickle.loads"));
    let source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from os import system\nsystem(c)\n";
    assert_eq!(first_resolved(source).as_deref(), Some("os.system"));
}

#[test]
fn function_bodies_see_later_module_imports() {
    let source = "def f(x):\n    return pickle.loads(x)\nimport pickle\n";
    assert_eq!(first_resolved(source).as_deref(), Some("pickle.loads"));
}

#[test]
fn relative_imports_resolve_against_the_module_path() {
    let module_path: Vec<String> = ["pkg", "sub", "mod"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let calls = resolve_calls_in(
        "from . import sibling\nfrom ..util import run\nsibling.go()\nrun()\n",
        Some(&module_path),
    );
    assert_eq!(calls[0].1.as_deref(), Some("pkg.sub.sibling.go"));
    assert_eq!(calls[1].1.as_deref(), Some("pkg.util.run"));
}

#[test]
fn local_variables_shadow_builtins() {
    assert_eq!(first_resolved("eval(x)").as_deref(), Some("eval"));
    assert_eq!(first_resolved("def f(eval):\n    eval(x)\n"), None);
    assert_eq!(
        first_resolved("def input():\n    pass\ninput()\n").as_deref(),
        Some("mod.input")
    );
    assert_eq!(first_resolved("eval = print\neval(x)\n"), None);
    // A comprehension variable shadows only inside the comprehension.
    assert_eq!(
        resolved("[eval(y) for eval in fs]\neval(z)\n"),
        vec![None, Some("eval".to_owned())]
    );
}

#[test]
fn dynamic_imports_and_getattr_with_constant_names() {
    assert_eq!(
        first_resolved("__import__('os').system(c)").as_deref(),
        Some("os.system")
    );
    assert_eq!(
        first_resolved("import importlib\nimportlib.import_module('pickle').loads(d)").as_deref(),
        Some("pickle.loads")
    );
    assert_eq!(
        first_resolved("import os\ngetattr(os, 'system')(c)").as_deref(),
        Some("os.system")
    );
    assert_eq!(
        first_resolved("import os\nNAME = 'system'\ngetattr(os, NAME)(c)").as_deref(),
        Some("os.system")
    );
    assert_eq!(
        resolved("import importlib\nm = importlib.import_module('marshal')\nm.loads(d)")
            .pop()
            .flatten()
            .as_deref(),
        Some("marshal.loads")
    );
    assert_eq!(first_resolved("import os\ngetattr(os, name)(c)"), None);
}

#[test]
fn star_imports_of_known_stdlib_modules() {
    assert_eq!(
        first_resolved("from os import *\nsystem(c)").as_deref(),
        Some("os.system")
    );
    assert_eq!(
        first_resolved("from subprocess import *\nPopen(c, shell=True)").as_deref(),
        Some("subprocess.Popen")
    );
    assert_eq!(first_resolved("from somewhere import *\nsystem(c)"), None);
}

#[test]
fn folds_literals_and_operators() {
    assert_eq!(fold_last("'a' 'b'"), Some(Constant::Str("ab".into())));
    assert_eq!(
        fold_last("'a' + 'b' * 2"),
        Some(Constant::Str("abb".into()))
    );
    assert_eq!(
        fold_last("'SELECT %s' % 'x'"),
        Some(Constant::Str("SELECT x".into()))
    );
    assert_eq!(
        fold_last("'{} {k}'.format(1, k=None)"),
        Some(Constant::Str("1 None".into()))
    );
    assert_eq!(
        fold_last("x = 3\nf'v={x!r}'"),
        Some(Constant::Str("v=3".into()))
    );
    assert_eq!(fold_last("0o777 & ~0o022"), Some(Constant::Int(0o755)));
    assert_eq!(
        fold_last("import stat\nstat.S_IRWXU | stat.S_IWOTH"),
        Some(Constant::Int(0o702))
    );
    assert_eq!(
        fold_last("(1, 'a', None, True)").map(|c| matches!(c, Constant::Sequence(_))),
        Some(true)
    );
    assert_eq!(fold_last("-1.5"), Some(Constant::Float(-1.5)));
}

#[test]
fn folds_names_assigned_once() {
    assert_eq!(
        fold_last("Q = 'SELECT 1'\nQ"),
        Some(Constant::Str("SELECT 1".into()))
    );
    assert_eq!(fold_last("Q = 'a'\nQ = input()\nQ"), None);
    assert_eq!(fold_last("Q = 'a'\nQ += 'b'\nQ"), None);
    assert_eq!(fold_last("for Q in xs: pass\nQ"), None);
    assert_eq!(
        fold_last("Q = 'a'\ndef f():\n    global Q\n    Q = input()\nQ"),
        None
    );
    assert_eq!(fold_last("x = y\nx"), None);
    assert_eq!(fold_last("'a' % (b,)"), None);
    assert_eq!(fold_last("f'{user}'"), None);
    // Lists can be appended to after the assignment.
    assert_eq!(
        fold_last("parts = ['a']\nparts.append(user)\n' '.join(parts)"),
        None
    );
    assert_eq!(
        fold_last("parts = ('a', 'b')\n' '.join(parts)"),
        Some(Constant::Str("a b".into()))
    );
}

/// `may_import` for each root, in a file at `pkg/sub/mod.py` (module path
/// given or not).
fn may_import(source: &str, module_path: Option<&[String]>, roots: &[&str]) -> Vec<bool> {
    let options =
        ParseOptions::from(PySourceType::Python).with_target_version(PythonVersion::PY314);
    let parsed = parse_unchecked(source, options).try_into_module().unwrap();
    let info = ModuleInfo {
        path: Path::new("pkg/sub/mod.py"),
        module_path,
        is_package: false,
        is_stub: false,
    };
    let semantic = FileSemantic::build(parsed.suite(), info);
    roots.iter().map(|root| semantic.may_import(root)).collect()
}

#[test]
fn may_import_follows_static_imports_anywhere_in_the_file() {
    let source = "import os.path as p\nfrom ssl import CERT_NONE\ndef f():\n    import pickle\n";
    assert_eq!(
        may_import(source, None, &["os", "ssl", "pickle", "path", "yaml"]),
        [true, true, true, false, false]
    );
}

#[test]
fn may_import_counts_the_files_own_module_and_package() {
    // Outside a package the module is named after the file.
    assert_eq!(may_import("x = 1\n", None, &["mod", "pkg"]), [true, false]);
    let path = ["pkg".to_owned(), "sub".to_owned(), "mod".to_owned()];
    assert_eq!(
        may_import("from . import helpers\n", Some(&path), &["pkg", "helpers"]),
        [true, false]
    );
}

#[test]
fn may_import_counts_constant_dynamic_imports() {
    for source in [
        "__import__('yaml').load(data)\n",
        "import importlib\nm = importlib.import_module('yaml.loader')\n",
        "from importlib import import_module as load\nNAME = 'yaml'\nload(NAME)\n",
        "import importlib\nimportlib.import_module(name='yaml')\n",
    ] {
        assert_eq!(
            may_import(source, None, &["yaml", "json"]),
            [true, false],
            "{source}"
        );
    }
    // A module name known only at run time resolves no name under a module.
    assert_eq!(
        may_import(
            "import importlib\nimportlib.import_module(name)\n",
            None,
            &["yaml"]
        ),
        [false]
    );
}

#[test]
fn unbound_standard_library_names_are_taken_as_those_modules() {
    // Without an import in reach, `subprocess` can only come from a star
    // import or injected globals.
    assert_eq!(
        first_resolved("subprocess.call(cmd)\n").as_deref(),
        Some("subprocess.call")
    );
    assert_eq!(
        first_resolved("from helpers import *\nos.system(cmd)\n").as_deref(),
        Some("os.system")
    );
    assert_eq!(
        may_import("subprocess.call(cmd)\n", None, &["subprocess"]),
        [true]
    );
    // Not for names that are bound, nor for names that are not stdlib modules.
    assert_eq!(
        first_resolved("subprocess = make()\nsubprocess.call(cmd)\n"),
        None
    );
    assert_eq!(first_resolved("requests.get(url)\n"), None);
}
