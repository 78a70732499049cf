//! Facts about the whole file that rules ask about many times, worked out
//! on first use and kept for the rest of the file's walk.

use crate::helpers::test_code;
use antivenom_semantic::FileSemantic;
use ruff_text_size::TextRange;
use std::cell::{OnceCell, RefCell};

/// The file-level answers, one set per file (held by the rule context).
#[derive(Default)]
pub(crate) struct FileFacts {
    /// Whether the file imports a test framework.
    imports_test_framework: OnceCell<bool>,
    /// The ranges of the file's test functions and test classes.
    test_scopes: OnceCell<Vec<TextRange>>,
    /// [`FileSemantic::may_import`] answers asked so far, by root.
    imports: RefCell<Vec<(&'static str, bool)>>,
}

impl FileFacts {
    /// [`test_code::imports_test_framework`], worked out once.
    pub(crate) fn imports_test_framework(&self, semantic: &FileSemantic<'_>) -> bool {
        *self
            .imports_test_framework
            .get_or_init(|| test_code::imports_test_framework(semantic))
    }

    /// [`test_code::test_scopes`], worked out once.
    pub(crate) fn test_scopes(&self, semantic: &FileSemantic<'_>) -> &[TextRange] {
        self.test_scopes
            .get_or_init(|| test_code::test_scopes(semantic))
    }

    /// [`FileSemantic::may_import`], asked once per root.
    pub(crate) fn may_import(&self, semantic: &FileSemantic<'_>, root: &'static str) -> bool {
        let mut imports = self.imports.borrow_mut();
        if let Some(&(_, known)) = imports.iter().find(|(asked, _)| *asked == root) {
            return known;
        }
        let answer = semantic.may_import(root);
        imports.push((root, answer));
        answer
    }
}
