//! Call hooks grouped by the callee names their rules act on (see
//! [`crate::Rule::callee_names`]), so that a call costs a lookup or two
//! instead of one hook call per rule.

use crate::context::{CallSite, last_segment};
use crate::dispatch_tables::is_active;
use crate::registry::Hook;
use ruff_python_ast::Expr;
use rustc_hash::FxHashMap;

/// A set of call hooks: bit `i` stands for the `i`-th call hook of a rule
/// set (rule order).
pub(crate) type HookBits = Box<[u64]>;

/// An empty set able to hold `hooks` hooks.
fn empty_bits(hooks: usize) -> HookBits {
    vec![0; hooks.div_ceil(64)].into_boxed_slice()
}

/// Adds hook `position` to `bits`.
fn insert(bits: &mut [u64], position: usize) {
    if let Some(word) = bits.get_mut(position / 64) {
        *word |= 1 << (position % 64);
    }
}

/// The call hooks of a rule set by callee name, built once per set.
#[derive(Default)]
pub(crate) struct CallNames {
    /// The hooks of rules that declare no names: called on every call.
    always: HookBits,
    /// Last name segment -> the hooks of the rules that declare it.
    by_name: FxHashMap<&'static str, HookBits>,
}

impl CallNames {
    /// Groups `hooks` (the call hooks of a set, in rule order) by the
    /// names their rules declare.
    pub(crate) fn new(hooks: &[Hook]) -> Self {
        let mut always = empty_bits(hooks.len());
        let mut by_name: FxHashMap<&'static str, HookBits> = FxHashMap::default();
        for (position, hook) in hooks.iter().enumerate() {
            match hook.rule.callee_names() {
                None => insert(&mut always, position),
                Some(names) => {
                    for name in names {
                        let bits = by_name
                            .entry(last_segment(name))
                            .or_insert_with(|| empty_bits(hooks.len()));
                        insert(bits, position);
                    }
                }
            }
        }
        Self { always, by_name }
    }
}

/// The call hooks of one file: those of rules that can match in it (see
/// [`crate::Rule::modules`]), by callee name.
pub(crate) struct FileCallHooks<'s> {
    hooks: &'s [Hook],
    names: &'s CallNames,
    /// The hooks that can match in this file.
    active: HookBits,
    /// The active hooks called on every call.
    always: HookBits,
    /// The hooks to call on the current call (reused from call to call).
    current: HookBits,
}

impl<'s> FileCallHooks<'s> {
    /// `true` when no call hook can match in the file.
    pub(crate) fn is_empty(&self) -> bool {
        self.active.iter().all(|word| *word == 0)
    }

    /// The hooks of `hooks` (grouped in `names`) whose rules can match in
    /// the file (`active_rules`, indexed by rule index).
    pub(crate) fn new(hooks: &'s [Hook], names: &'s CallNames, active_rules: &[bool]) -> Self {
        let mut active = empty_bits(hooks.len());
        for (position, hook) in hooks.iter().enumerate() {
            if is_active(hook, active_rules) {
                insert(&mut active, position);
            }
        }
        let always: HookBits = active
            .iter()
            .zip(names.always.iter())
            .map(|(active, always)| active & always)
            .collect();
        Self {
            hooks,
            names,
            current: empty_bits(hooks.len()),
            active,
            always,
        }
    }

    /// The hooks to call on `site`, in rule order, each once: those called
    /// on every call, and those declaring the last segment of the resolved
    /// name or the callee's own last name (an alias or a method of an
    /// unknown receiver). Only a callee that is not an attribute access is
    /// resolved for this (see [`CallSite::resolved_last_segment`]).
    pub(crate) fn for_call(
        &mut self,
        site: &CallSite<'_>,
    ) -> impl Iterator<Item = &'s Hook> + use<'s, '_> {
        self.current.copy_from_slice(&self.always);
        let written = match site.call.func.as_ref() {
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            Expr::Name(name) => Some(name.id.as_str()),
            _ => None,
        };
        if !self.names.by_name.is_empty() {
            let mut add = |name: &str| {
                if let Some(bits) = self.names.by_name.get(name) {
                    for ((current, named), active) in self
                        .current
                        .iter_mut()
                        .zip(bits.iter())
                        .zip(self.active.iter())
                    {
                        *current |= named & active;
                    }
                }
            };
            let resolved = site.resolved_last_segment();
            if let Some(resolved) = resolved {
                add(resolved);
            }
            if let Some(written) = written
                && resolved != Some(written)
            {
                add(written);
            }
        }
        let hooks = self.hooks;
        self.current
            .iter()
            .enumerate()
            .flat_map(|(word_index, &word)| {
                let mut bits = word;
                std::iter::from_fn(move || {
                    if bits == 0 {
                        return None;
                    }
                    let bit = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    Some(word_index * 64 + bit)
                })
            })
            .filter_map(move |position| hooks.get(position))
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::{Registry, Selection};
    use antivenom_semantic::{FileSemantic, ModuleInfo};
    use ruff_python_ast::{Expr, Stmt};
    use ruff_python_parser::parse_module;
    use std::cell::OnceCell;
    use std::path::Path;

    use super::*;

    /// The rule names [`FileCallHooks::for_call`] gives for the call that
    /// is the last statement of `source`, with every rule enabled.
    fn hooks_for_last_call(source: &str) -> Vec<String> {
        let registry = Registry::builtin().unwrap();
        let rules = registry
            .rule_set(&Selection {
                select: vec!["ALL".to_owned()],
                ..Selection::default()
            })
            .unwrap();
        let parsed = parse_module(source).unwrap();
        let semantic = FileSemantic::build(
            parsed.suite(),
            ModuleInfo {
                path: Path::new("module.py"),
                module_path: None,
                is_package: false,
                is_stub: false,
            },
        );
        let Some(Stmt::Expr(statement)) = parsed.suite().last() else {
            panic!("no call");
        };
        let Expr::Call(call) = statement.value.as_ref() else {
            panic!("no call");
        };
        let expr = statement.value.as_ref();
        let resolved = OnceCell::new();
        let site = CallSite::new(call, expr, &semantic, &resolved);
        let active = rules.module_roots().active_rules(&semantic);
        let mut hooks = FileCallHooks::new(rules.call_hooks(), rules.call_names(), &active);
        let found: Vec<&Hook> = hooks.for_call(&site).collect();
        let indices: Vec<usize> = found.iter().map(|hook| hook.index).collect();
        assert!(indices.is_sorted_by(|a, b| a < b), "rule order, each once");
        found
            .iter()
            .map(|hook| rules.metas()[hook.index].name.clone())
            .collect()
    }

    #[test]
    fn an_alias_reaches_the_rules_of_the_name_it_resolves_to() {
        let hooks = hooks_for_last_call("from subprocess import Popen as P\nP(cmd, shell=True)\n");
        assert!(
            hooks.iter().any(|name| name == "subprocess-shell-true"),
            "{hooks:?}"
        );
        // Rules that look at every call are still called.
        assert!(
            hooks
                .iter()
                .any(|name| name == "hardcoded-password-argument")
        );
        assert!(!hooks.iter().any(|name| name == "formatted-sql-query"));
    }

    #[test]
    fn a_method_of_an_unknown_receiver_reaches_the_rules_of_its_name() {
        let hooks = hooks_for_last_call("cursor.execute(query)\n");
        assert!(
            hooks.iter().any(|name| name == "formatted-sql-query"),
            "{hooks:?}"
        );
        assert!(!hooks.iter().any(|name| name == "subprocess-shell-true"));
    }

    #[test]
    fn rules_about_modules_the_file_does_not_import_are_left_out() {
        let hooks = hooks_for_last_call("Popen(cmd, shell=True)\n");
        assert!(
            !hooks.iter().any(|name| name == "subprocess-shell-true"),
            "{hooks:?}"
        );
    }

    #[test]
    fn declared_name_lists_are_not_empty() {
        for hook in Registry::builtin()
            .unwrap()
            .rule_set(&Selection {
                select: vec!["ALL".to_owned()],
                ..Selection::default()
            })
            .unwrap()
            .call_hooks()
        {
            if let Some(names) = hook.rule.callee_names() {
                assert!(!names.is_empty(), "{}", hook.rule.meta().name);
                assert!(names.iter().all(|name| !last_segment(name).is_empty()));
            }
        }
    }
}
