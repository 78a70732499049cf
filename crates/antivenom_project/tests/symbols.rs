//! What `ModuleSymbols::from_suite` reads from one module.
#![allow(clippy::unwrap_used, missing_docs)]

use antivenom_project::{BindingKind, ModuleSymbols, ProjectIndex};

fn symbols(name: &str, is_package: bool, source: &str) -> ModuleSymbols {
    let parsed = ruff_python_parser::parse_module(source).unwrap();
    ModuleSymbols::from_suite(name, is_package, parsed.suite())
}

#[test]
fn symbols_and_the_index_can_cross_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ModuleSymbols>();
    assert_send_sync::<ProjectIndex>();
    assert_send_sync::<antivenom_project::ModuleLocator>();
}

#[test]
fn imports_and_bindings() {
    let module = symbols(
        "pkg.sub.mod",
        false,
        "import os.path\nimport a.b as ab\nfrom .x import y as z\nfrom .. import top\nfrom . import *\n\
         if TYPE_CHECKING:\n    from typing import Any\n\
         for item in range(3):\n    pass\n\
         first, second = os.getcwd, os.sep\n\
         def f(): pass\nclass C: pass\n",
    );
    let kind = |name: &str| module.bindings(name).first().unwrap().kind.clone();
    assert_eq!(kind("os"), BindingKind::Module("os".to_owned()));
    assert_eq!(kind("ab"), BindingKind::Module("a.b".to_owned()));
    assert_eq!(
        kind("z"),
        BindingKind::ImportFrom {
            module: "pkg.sub.x".to_owned(),
            member: "y".to_owned()
        }
    );
    assert_eq!(
        kind("top"),
        BindingKind::ImportFrom {
            module: "pkg".to_owned(),
            member: "top".to_owned()
        }
    );
    assert_eq!(module.star_imports(), ["pkg.sub"]);
    assert!(module.bindings("Any").first().unwrap().conditional);
    assert_eq!(kind("item"), BindingKind::Opaque);
    assert_eq!(kind("first"), BindingKind::Alias("os.getcwd".to_owned()));
    assert_eq!(kind("second"), BindingKind::Alias("os.sep".to_owned()));
    assert_eq!(kind("f"), BindingKind::Function(0));
    assert_eq!(kind("C"), BindingKind::Class(0));
    assert_eq!(module.package(), "pkg.sub");
    let imported: Vec<(&str, Option<&str>)> = module
        .imports()
        .iter()
        .map(|import| (import.module.as_str(), import.member.as_deref()))
        .collect();
    assert_eq!(
        imported,
        [
            ("os.path", None),
            ("a.b", None),
            ("pkg.sub.x", Some("y")),
            ("pkg", Some("top")),
            ("pkg.sub", None),
            ("typing", Some("Any")),
        ]
    );
}

#[test]
fn definitions_in_blocks_are_read_and_function_bodies_are_not() {
    let module = symbols(
        "m",
        false,
        "try:\n    def a(): pass\nexcept ImportError:\n    def a(): pass\n\
         def outer():\n    import secret\n    def inner(): pass\n\
         class K:\n    if True:\n        def m(self): pass\n    try:\n        x = 1\n    finally:\n        pass\n",
    );
    let names: Vec<&str> = module
        .functions()
        .iter()
        .map(|f| f.qualname.as_str())
        .collect();
    assert_eq!(names, ["a", "a", "outer", "K.m"]);
    assert!(module.bindings("secret").is_empty());
    assert!(module.bindings("inner").is_empty());
    assert_eq!(module.classes()[0].attributes[0].name, "x");
}

#[test]
fn deeply_nested_blocks_are_cut_not_crashed() {
    let mut source = String::new();
    for depth in 0..40 {
        source.push_str(&"    ".repeat(depth));
        source.push_str("if x:\n");
    }
    source.push_str(&"    ".repeat(40));
    source.push_str("import deep\n");
    let module = symbols("m", false, &source);
    assert!(module.bindings("deep").is_empty());
}

#[test]
fn whether_a_function_returns_a_value() {
    let module = symbols(
        "m",
        false,
        "def plain():\n    print(1)\n\
         def bare():\n    return\n\
         def nested_only():\n    def inner():\n        return 1\n    inner()\n\
         def in_a_branch(x):\n    if x:\n        try:\n            return x\n        finally:\n            pass\n\
         class C:\n    def method(self):\n        return self\n",
    );
    let returns = |name: &str| {
        module
            .functions()
            .iter()
            .find(|function| function.name == name)
            .unwrap()
            .returns_value
    };
    assert!(!returns("plain"));
    assert!(!returns("bare"));
    assert!(!returns("nested_only"));
    assert!(returns("in_a_branch"));
    assert!(returns("method"));
}
