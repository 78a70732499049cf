//! Matching declarative rules against calls and imports.

use super::format::DeclarativeRule;
use crate::context::{CallSite, RuleContext, last_segment};
use crate::helpers::prefilters::has_last_segment;
use antivenom_semantic::Constant;
use antivenom_taint::condition_holds;
use ruff_python_ast::Stmt;
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// Name patterns of one kind (calls or imports), indexed for lookup.
#[derive(Default)]
struct NameIndex {
    exact: FxHashMap<String, Vec<usize>>,
    prefixes: Vec<(String, usize)>,
    /// The first dotted segments of the `exact` patterns.
    exact_roots: Vec<String>,
    /// The last dotted segments of the `exact` patterns.
    exact_lasts: FxHashSet<String>,
}

/// The first dotted segment of `name`.
fn root_of(name: &str) -> &str {
    name.split_once('.').map_or(name, |(root, _)| root)
}

impl NameIndex {
    fn add(&mut self, pattern: &str, rule: usize) {
        match pattern.strip_suffix('*') {
            Some(prefix) => self.prefixes.push((prefix.to_owned(), rule)),
            None => {
                self.exact.entry(pattern.to_owned()).or_default().push(rule);
                let root = root_of(pattern);
                if !self.exact_roots.iter().any(|known| known == root) {
                    self.exact_roots.push(root.to_owned());
                }
                self.exact_lasts.insert(last_segment(pattern).to_owned());
            }
        }
    }

    /// `false` when [`Self::lookup_module`] surely finds nothing for
    /// `module.member` (`member` empty: for `module` itself), found
    /// without building the name: an exact pattern naming it or a parent
    /// shares its first segment, and a `*` pattern is a prefix of it.
    fn may_match_module(&self, module: &str, member: &str) -> bool {
        let root = root_of(module);
        self.exact_roots.iter().any(|known| known == root)
            || self.prefixes.iter().any(|(prefix, _)| {
                if member.is_empty() {
                    return module.starts_with(prefix.as_str());
                }
                // Is `prefix` a prefix of `module.member`?
                match prefix.strip_prefix(module) {
                    Some(rest) => {
                        rest.is_empty()
                            || rest
                                .strip_prefix('.')
                                .is_some_and(|rest| member.starts_with(rest))
                    }
                    None => module.starts_with(prefix.as_str()),
                }
            })
    }

    /// `false` when [`Self::lookup`] surely finds nothing for a name whose
    /// last dotted segment is `last`.
    fn may_match_last(&self, last: &str) -> bool {
        !self.prefixes.is_empty() || self.exact_lasts.contains(last)
    }

    fn lookup<'s>(&'s self, name: &'s str) -> impl Iterator<Item = usize> + 's {
        let exact = self.exact.get(name).into_iter().flatten().copied();
        let prefixed = self
            .prefixes
            .iter()
            .filter(move |(prefix, _)| name.starts_with(prefix.as_str()))
            .map(|(_, rule)| *rule);
        exact.chain(prefixed)
    }

    /// Rules whose pattern names `module` or one of its parent packages
    /// (`xml.sax` matches `xml.sax.expatreader`, not `xml.saxutils`), or
    /// whose `*` pattern is a prefix of it. Each rule appears once.
    fn lookup_module(&self, module: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .prefixes
            .iter()
            .filter(|(prefix, _)| module.starts_with(prefix.as_str()))
            .map(|(_, rule)| *rule)
            .collect();
        let parents = module
            .match_indices('.')
            .map(|(dot, _)| module.get(..dot).unwrap_or_default())
            .chain(std::iter::once(module));
        for parent in parents {
            if let Some(rules) = self.exact.get(parent) {
                found.extend(rules.iter().copied());
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }
}

/// Functions that import the module named by their first argument.
const IMPORT_FUNCTIONS: [&str; 3] = [
    "__import__",
    "importlib.import_module",
    "importlib.__import__",
];

/// The enabled declarative rules of a run.
#[derive(Default)]
pub struct DeclarativeSet {
    /// (index in the rule set, rule)
    rules: Vec<(usize, Arc<DeclarativeRule>)>,
    calls: NameIndex,
    imports: NameIndex,
}

impl DeclarativeSet {
    /// `true` when no declarative rule is enabled.
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub(crate) fn add(&mut self, index: usize, rule: Arc<DeclarativeRule>) {
        let position = self.rules.len();
        for pattern in &rule.calls {
            self.calls.add(pattern, position);
        }
        for pattern in &rule.imports {
            self.imports.add(pattern, position);
        }
        self.rules.push((index, rule));
    }

    pub(crate) fn check_call(&self, site: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        // Rejected before resolving the callee when its last segment is
        // that of no call pattern and of no import function.
        let may_match = |last: &str| {
            self.calls.may_match_last(last)
                || (!self.imports.is_empty()
                    && IMPORT_FUNCTIONS
                        .iter()
                        .any(|function| has_last_segment(function, last)))
        };
        if site
            .resolved_last_segment()
            .is_some_and(|last| !may_match(last))
        {
            return;
        }
        let Some(name) = site.qualified_name() else {
            return;
        };
        if !self.imports.is_empty() && IMPORT_FUNCTIONS.contains(&name) {
            self.check_dynamic_import(site, cx);
        }
        for position in self.calls.lookup(name) {
            let Some((index, rule)) = self.rules.get(position) else {
                continue;
            };
            let semantic = cx.semantic();
            let applies = rule
                .when
                .iter()
                .all(|condition| condition_holds(condition, site.call, semantic))
                && !rule
                    .unless
                    .iter()
                    .any(|condition| condition_holds(condition, site.call, semantic));
            if applies {
                report(cx, *index, rule, site.range(), name);
            }
        }
    }

    /// Import rules on `import` and absolute `from ... import` statements.
    /// Relative imports name the project's own modules and never match.
    /// Each rule reports at most once per statement, like Bandit.
    pub(crate) fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        if self.imports.is_empty() {
            return;
        }
        let mut reported = Vec::new();
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.check_import(alias.name.as_str(), alias.range(), &mut reported, cx);
                }
            }
            Stmt::ImportFrom(import) if import.level == 0 => {
                let Some(module) = &import.module else {
                    return;
                };
                // A matching module is reported on the whole statement.
                self.check_import(module.as_str(), import.range(), &mut reported, cx);
                for alias in &import.names {
                    if alias.name.as_str() == "*"
                        || !self.imports.may_match_module(module, alias.name.as_str())
                    {
                        continue;
                    }
                    let full = format!("{}.{}", module.as_str(), alias.name.as_str());
                    self.check_import(&full, alias.range(), &mut reported, cx);
                }
            }
            _ => {}
        }
    }

    /// `__import__("m")`, `importlib.import_module("m")`: checked like
    /// `import m` when the name folds to a constant, at the call's range.
    fn check_dynamic_import(&self, site: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(argument) = site.argument("name", 0) else {
            return;
        };
        let semantic = cx.semantic();
        let Some(module) = semantic.constant_str(argument) else {
            return;
        };
        // `import_module(".x", package)` is relative to the caller's package.
        if module.is_empty() || module.starts_with('.') {
            return;
        }
        // `__import__(name, globals, locals, fromlist, level)`: a level
        // other than 0 (or unknown) makes the import relative.
        if site.name() != "importlib.import_module"
            && let Some(level) = site.argument("level", 4)
            && semantic.constant(level) != Some(Constant::Int(0))
        {
            return;
        }
        self.check_import(&module, site.range(), &mut Vec::new(), cx);
    }

    /// Reports every import rule matching `module` that has not reported
    /// yet for this statement (`reported` holds their positions).
    fn check_import(
        &self,
        module: &str,
        range: TextRange,
        reported: &mut Vec<usize>,
        cx: &mut RuleContext<'_, '_>,
    ) {
        if !self.imports.may_match_module(module, "") {
            return;
        }
        for position in self.imports.lookup_module(module) {
            if reported.contains(&position) {
                continue;
            }
            if let Some((index, rule)) = self.rules.get(position) {
                report(cx, *index, rule, range, module);
                reported.push(position);
            }
        }
    }
}

fn report(
    cx: &mut RuleContext<'_, '_>,
    index: usize,
    rule: &DeclarativeRule,
    range: TextRange,
    name: &str,
) {
    cx.current_rule = index;
    let message = rule.message.replace("{name}", name);
    let found = cx.report(range, message);
    if let Some(label) = &rule.label {
        found.label(label.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_prefilter_agrees_with_lookup() {
        let mut index = NameIndex::default();
        index.add("xml.sax", 0);
        index.add("pickle", 1);
        index.add("lxml.etree*", 2);
        index.add("Crypto*", 3);
        let cases = [
            ("xml", "sax"),
            ("xml", "saxutils"),
            ("xml.sax", "handler"),
            ("xmlrpc", "client"),
            ("pickle", ""),
            ("pickletools", ""),
            ("lxml", "etree"),
            ("lxml", "etreeX"),
            ("lxml", "html"),
            ("lxml.etree", "fromstring"),
            ("lxml.e", "tree"),
            ("Crypto", "Cipher"),
            ("CryptoX", ""),
            ("os", "path"),
            ("os", ""),
        ];
        for (module, member) in cases {
            let full = if member.is_empty() {
                module.to_owned()
            } else {
                format!("{module}.{member}")
            };
            let found = !index.lookup_module(&full).is_empty();
            assert!(
                index.may_match_module(module, member) || !found,
                "{module} {member}"
            );
        }
        assert!(!index.may_match_module("os", "path"));
        assert!(!index.may_match_module("lxml", "html"));
    }
}
