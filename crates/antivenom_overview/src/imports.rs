//! The absolute imports of a file.
//!
//! Every `import` and `from ... import` counts, wherever it is (inside
//! functions, `try`/`except ImportError`, `if TYPE_CHECKING:`). Relative
//! imports are the project's own code and are left out. Dynamic imports
//! (`importlib.import_module`) are not followed.

use antivenom_python::ast::visitor::{self, Visitor};
use antivenom_python::ast::{Expr, Stmt};

/// The dotted names a file imports, as written: `a.b` for `import a.b`, and
/// `a.b.c` for `from a.b import c` (the imported name may be a module).
#[must_use]
pub fn imported_names(suite: &[Stmt]) -> Vec<String> {
    let mut collector = ImportCollector::default();
    collector.visit_body(suite);
    collector.names.sort();
    collector.names.dedup();
    collector.names
}

#[derive(Default)]
struct ImportCollector {
    names: Vec<String>,
}

impl<'a> Visitor<'a> for ImportCollector {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.names.push(alias.name.to_string());
                }
            }
            Stmt::ImportFrom(import) if import.level == 0 => {
                if let Some(module) = &import.module {
                    for alias in &import.names {
                        if alias.name.as_str() == "*" {
                            self.names.push(module.to_string());
                        } else {
                            self.names.push(format!("{module}.{}", alias.name));
                        }
                    }
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    // Imports are statements; expressions cannot contain them.
    fn visit_expr(&mut self, _expr: &'a Expr) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use antivenom_python::parse_module;

    #[test]
    fn collects_absolute_imports_everywhere() {
        let text = "\
import os, yaml.constructor as yc
from requests import Session
from . import sibling
from .pkg import thing
try:
    import ujson as json
except ImportError:
    import json
def f():
    from google.protobuf import message
from x import *
";
        let parsed = parse_module(text, false);
        assert_eq!(
            imported_names(parsed.suite()),
            [
                "google.protobuf.message",
                "json",
                "os",
                "requests.Session",
                "ujson",
                "x",
                "yaml.constructor",
            ]
        );
    }
}
