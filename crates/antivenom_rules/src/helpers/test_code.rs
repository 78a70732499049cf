//! Whether code is test code, for rules that only matter in production
//! code (an `assert` in a test is the point of the test).

use super::receivers::file_imports;
use crate::context::RuleContext;
use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;
use ruff_python_semantic::ScopeKind;
use ruff_text_size::{Ranged, TextRange};

/// Modules whose import marks a file as a test module.
const TEST_FRAMEWORKS: &[&str] = &["pytest", "unittest", "hypothesis", "nose", "nose2"];

fn is_test_function(name: &str) -> bool {
    name.starts_with("test")
        || matches!(
            name,
            "setUp" | "tearDown" | "setUpClass" | "tearDownClass" | "setup_method"
        )
}

fn is_test_class(class: &ruff_python_ast::StmtClassDef) -> bool {
    let name = class.name.as_str();
    name.starts_with("Test")
        || name.ends_with("Test")
        || name.ends_with("Tests")
        || class.bases().iter().any(|base| {
            let last = match base {
                Expr::Name(name) => name.id.as_str(),
                Expr::Attribute(attribute) => attribute.attr.as_str(),
                _ => "",
            };
            last.ends_with("TestCase")
        })
}

/// `true` when `range` lies in test code: the file imports a test framework
/// (`pytest`, `unittest`, …, or `django.test`), or `range` is inside a
/// `test*` function or a `Test*` / `*TestCase` class. Both are worked out
/// once per file.
pub(crate) fn in_test_code(cx: &RuleContext<'_, '_>, range: TextRange) -> bool {
    let semantic = cx.semantic();
    // The enclosing scopes first: most code asked about in a test module
    // is in a test function, and looking for the imports costs more.
    cx.facts()
        .test_scopes(semantic)
        .iter()
        .any(|scope| scope.contains_range(range))
        || cx.facts().imports_test_framework(semantic)
}

/// The ranges of the file's `test*` functions and `Test*` / `*TestCase`
/// classes (see [`in_test_code`]).
pub(crate) fn test_scopes(semantic: &FileSemantic<'_>) -> Vec<TextRange> {
    semantic
        .model()
        .scopes
        .iter()
        .filter_map(|scope| match scope.kind {
            ScopeKind::Function(function) if is_test_function(function.name.as_str()) => {
                Some(function.range())
            }
            ScopeKind::Class(class) if is_test_class(class) => Some(class.range()),
            _ => None,
        })
        .collect()
}

/// `true` when the whole file is test code: it imports a test framework
/// (the file-level half of [`in_test_code`], cheap enough to ask first).
pub(crate) fn imports_test_framework(semantic: &FileSemantic<'_>) -> bool {
    TEST_FRAMEWORKS
        .iter()
        .any(|module| file_imports(semantic, module))
        || imports_django_test(semantic)
}

fn imports_django_test(semantic: &FileSemantic<'_>) -> bool {
    use ruff_python_semantic::Imported;
    if !semantic.may_import("django") {
        return false;
    }
    semantic.model().bindings.iter().any(|binding| {
        binding.as_any_import().is_some_and(|import| {
            matches!(import.qualified_name().segments(), ["django", "test", ..])
        })
    })
}
