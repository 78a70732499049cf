//! Cheap necessary conditions that let rules skip costly work (resolving
//! names, folding constants, allocating) on the many nodes that cannot
//! match. Each check may answer `true` for a node that does not match in
//! the end, never `false` for one that does.

use ruff_python_ast::Expr;

/// `false` when `expr` surely does not resolve to a qualified name whose
/// last segment passes `accept`.
///
/// An attribute access `x.attr` resolves, if at all, to a name ending in
/// `attr` (`ssl.CERT_NONE`, `m.loads` for `m = importlib.import_module(..)`
/// gives `pickle.loads`), so its attribute decides. A plain name may be an
/// alias (`from random import choice as pick`) and a call may be a dynamic
/// import or `getattr`, so those may resolve to anything.
pub(crate) fn may_resolve_with_last(expr: &Expr, accept: impl Fn(&str) -> bool) -> bool {
    match expr {
        Expr::Attribute(attribute) => accept(attribute.attr.as_str()),
        _ => true,
    }
}

/// `true` when the last dotted segment of `qualified_name` is `last`.
pub(crate) fn has_last_segment(qualified_name: &str, last: &str) -> bool {
    qualified_name
        .strip_suffix(last)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// A set of lower-case ASCII needles (at least two bytes each) to look
/// for in identifiers, ignoring ASCII case. Positions are screened by their
/// first two bytes with a small bit table built at compile time, so most
/// never compare a needle.
pub(crate) struct Needles {
    needles: &'static [&'static str],
    /// Bit `pair_slot(a, b)` is set for the first two bytes of each needle.
    pairs: [u64; PAIR_WORDS],
}

/// Size of the pair table, in 64-bit words.
const PAIR_WORDS: usize = 16;

/// Where the byte pair `(first, second)`, lower-cased, sits in the table.
const fn pair_slot(first: u8, second: u8) -> usize {
    let first = first.to_ascii_lowercase() as usize;
    let second = second.to_ascii_lowercase() as usize;
    (first * 31 + second) % (PAIR_WORDS * 64)
}

impl Needles {
    /// The table for `needles`. Fails to compile when a needle is shorter
    /// than two bytes or not lower-case ASCII.
    pub(crate) const fn new(needles: &'static [&'static str]) -> Self {
        let mut pairs = [0; PAIR_WORDS];
        let mut index = 0;
        while index < needles.len() {
            let needle = needles[index].as_bytes();
            assert!(needle.len() >= 2, "needles need two bytes");
            let mut byte = 0;
            while byte < needle.len() {
                assert!(
                    needle[byte].is_ascii() && !needle[byte].is_ascii_uppercase(),
                    "needles are lower-case ASCII"
                );
                byte += 1;
            }
            let slot = pair_slot(needle[0], needle[1]);
            pairs[slot / 64] |= 1 << (slot % 64);
            index += 1;
        }
        Self { needles, pairs }
    }

    /// `true` when `haystack` contains one of the needles, ignoring ASCII
    /// case.
    pub(crate) fn found_in(&self, haystack: &str) -> bool {
        let haystack = haystack.as_bytes();
        haystack.windows(2).enumerate().any(|(start, pair)| {
            let [first, second] = pair else {
                return false;
            };
            let slot = pair_slot(*first, *second);
            let screened = self
                .pairs
                .get(slot / 64)
                .is_some_and(|word| word & (1 << (slot % 64)) != 0);
            screened
                && self.needles.iter().any(|needle| {
                    haystack
                        .get(start..start + needle.len())
                        .is_some_and(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
                })
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use antivenom_semantic::{FileSemantic, ModuleInfo};
    use ruff_python_ast::visitor::{self, Visitor};
    use ruff_python_parser::parse_module;
    use std::path::Path;

    #[test]
    fn text_checks() {
        const HOST: Needles = Needles::new(&["host"]);
        const SECRETS: Needles = Needles::new(&["pw", "token"]);
        assert!(HOST.found_in("SERVER_HOST"));
        assert!(HOST.found_in("host"));
        assert!(!HOST.found_in("hos"));
        assert!(!HOST.found_in("h\u{e9}ost"));
        assert!(SECRETS.found_in("x_Token"));
        assert!(SECRETS.found_in("PW"));
        assert!(!SECRETS.found_in("tokes"));
        assert!(!SECRETS.found_in(""));
        assert!(!SECRETS.found_in("p"));
        assert!(has_last_segment("ssl.CERT_NONE", "CERT_NONE"));
        assert!(has_last_segment("eval", "eval"));
        assert!(!has_last_segment("ssl.XCERT_NONE", "CERT_NONE"));
    }

    /// Checks the premise of [`may_resolve_with_last`] on every attribute.
    struct Attributes<'s, 'a> {
        semantic: &'s FileSemantic<'a>,
        resolved: usize,
    }

    impl<'a> Visitor<'a> for Attributes<'_, 'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Attribute(attribute) = expr
                && let Some(name) = self.semantic.qualified_name(expr)
            {
                assert!(has_last_segment(&name, attribute.attr.as_str()), "{name}");
                self.resolved += 1;
            }
            visitor::walk_expr(self, expr);
        }
    }

    #[test]
    fn attributes_resolve_to_names_ending_in_the_attribute() {
        let source = r#"
import os, os.path as osp, importlib, builtins, ssl
from ssl import VerifyMode as VM
from . import sibling
import xml.etree.ElementTree
m = importlib.import_module("pickle")
m.loads
__import__("os").system
__import__("os.path").path.join
getattr(os, "system").__name__
importlib.import_module("random").choice
osp.join
sibling.thing.other
builtins.isinstance
ssl.VerifyMode.CERT_NONE
VM.CERT_NONE
xml.etree.ElementTree.fromstring
"#;
        let parsed = parse_module(source).unwrap();
        let module_path = ["pkg".to_owned(), "module".to_owned()];
        let semantic = FileSemantic::build(
            parsed.suite(),
            ModuleInfo {
                path: Path::new("pkg/module.py"),
                module_path: Some(&module_path),
                is_package: false,
                is_stub: false,
            },
        );
        let mut attributes = Attributes {
            semantic: &semantic,
            resolved: 0,
        };
        attributes.visit_body(parsed.suite());
        assert!(attributes.resolved >= 10, "{}", attributes.resolved);
    }
}
