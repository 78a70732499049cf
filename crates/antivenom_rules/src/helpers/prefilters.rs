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
/// import or `getattr`, so those may resolve to anything here
/// ([`antivenom_semantic::FileSemantic::may_resolve_with_last`] also rules
/// out plain names from their bindings).
pub(crate) fn may_resolve_with_last(expr: &Expr, accept: impl Fn(&str) -> bool) -> bool {
    match expr {
        Expr::Attribute(attribute) => accept(attribute.attr.as_str()),
        _ => true,
    }
}

/// `false` when `expr` surely does not fold to a constant `str`: its kind
/// never evaluates to one in Python (numbers, bytes, booleans, `None`,
/// containers, comprehensions, comparisons, unary operators, lambdas), so
/// callers may skip folding it. Any other kind may.
pub(crate) fn may_fold_to_str(expr: &Expr) -> bool {
    !matches!(
        expr,
        Expr::NumberLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::Tuple(_)
            | Expr::List(_)
            | Expr::Set(_)
            | Expr::Dict(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_)
            | Expr::Compare(_)
            | Expr::UnaryOp(_)
            | Expr::Lambda(_)
    )
}

/// `true` when the last dotted segment of `qualified_name` is `last`.
pub(crate) fn has_last_segment(qualified_name: &str, last: &str) -> bool {
    // The byte before the suffix is tested first: it rejects most names
    // without comparing the suffix.
    let (name, last) = (qualified_name.as_bytes(), last.as_bytes());
    let Some(split) = name.len().checked_sub(last.len()) else {
        return false;
    };
    let before = split.checked_sub(1).and_then(|dot| name.get(dot));
    matches!(before, None | Some(b'.')) && name.get(split..) == Some(last)
}

/// A set of lower-case ASCII needles (at least two bytes each, at most
/// 64) to look for in identifiers, ignoring ASCII case. Each position is
/// screened by the byte pair starting there: a table built at compile time
/// maps the pair to the needles starting with it, so most positions cost
/// one lookup and compare no needle.
pub(crate) struct Needles {
    needles: &'static [&'static str],
    /// Indexed by [`pair_slot`]: bit `i` is set when needle `i` starts
    /// with a byte pair of that slot.
    by_pair: [u64; PAIR_SLOTS],
}

/// Number of byte-pair slots: 32 classes for each byte of the pair.
const PAIR_SLOTS: usize = 32 * 32;

/// The slot of the byte pair `(first, second)`. A byte's class is its low
/// five bits, the same for both ASCII cases of a letter (`A` and `a` are
/// `0x41` and `0x61`), so no case conversion is needed; other bytes may
/// share a class with a letter, which only costs a needle comparison.
const fn pair_slot(first: u8, second: u8) -> usize {
    (((first & 31) as usize) << 5) | (second & 31) as usize
}

impl Needles {
    /// The table for `needles`. Fails to compile when a needle is shorter
    /// than two bytes or not lower-case ASCII, or with more than 64 needles.
    pub(crate) const fn new(needles: &'static [&'static str]) -> Self {
        assert!(needles.len() <= 64, "at most 64 needles");
        let mut by_pair = [0; PAIR_SLOTS];
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
            by_pair[pair_slot(needle[0], needle[1])] |= 1 << index;
            index += 1;
        }
        Self { needles, by_pair }
    }

    /// `true` when `haystack` contains one of the needles, ignoring ASCII
    /// case.
    pub(crate) fn found_in(&self, haystack: &str) -> bool {
        let bytes = haystack.as_bytes();
        let Some((&first, rest)) = bytes.split_first() else {
            return false;
        };
        // A tight loop over the pairs; the rare screened ones are compared
        // out of line.
        let mut previous = first;
        for (start, &byte) in rest.iter().enumerate() {
            let candidates = self
                .by_pair
                .get(pair_slot(previous, byte))
                .copied()
                .unwrap_or(0);
            if candidates != 0 && self.starts_at(bytes, start, candidates) {
                return true;
            }
            previous = byte;
        }
        false
    }

    /// `true` when one of the needles of `candidates` (bit `i` for needle
    /// `i`) occurs in `haystack` at `start`, ignoring ASCII case.
    #[inline(never)]
    fn starts_at(&self, haystack: &[u8], start: usize, mut candidates: u64) -> bool {
        while candidates != 0 {
            let index = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let Some(needle) = self.needles.get(index) else {
                continue;
            };
            if haystack
                .get(start..start + needle.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
            {
                return true;
            }
        }
        false
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

    /// The table agrees with a plain substring search, also for needles
    /// sharing a first pair, bytes sharing a class with letters (`_`,
    /// digits, `@`) and non-ASCII text.
    #[test]
    fn agrees_with_plain_search() {
        const NEEDLES: &[&str] = &["pas", "pass_1", "pw", "a_b", "0x", "qz9", "at"];
        const TABLE: Needles = Needles::new(NEEDLES);
        let plain = |haystack: &str| {
            let lower = haystack.to_ascii_lowercase();
            NEEDLES.iter().any(|needle| lower.contains(needle))
        };
        let alphabet = [
            "p", "A", "s", "S", "w", "_", "1", "0", "x", "Q", "z", "9", "@", "\u{e9}", "b", "P",
            "t",
        ];
        // Every string of up to four pieces of the alphabet.
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| alphabet.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        texts.extend(["xPASS_1y", "Pass_1", "pAs", "qZ9", "a_B", "\u{e9}at"].map(str::to_owned));
        for text in &texts {
            assert_eq!(TABLE.found_in(text), plain(text), "{text:?}");
        }
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
