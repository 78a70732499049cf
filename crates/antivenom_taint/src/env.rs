//! The taint of every variable at one program point.

use crate::tree::{PathElement, TaintTree};
use std::sync::Arc;

/// A variable of the function being analysed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VariableKey {
    /// A named local (parameters and `self` included).
    Local(Arc<str>),
    /// A name bound by a comprehension's `for` (index of the comprehension
    /// in its control-flow graph): it shadows the function's own name.
    Scoped(u32, Arc<str>),
    /// A temporary introduced by the control-flow graph (a comprehension's
    /// result, a loop's iterable).
    Temporary(u32),
}

/// Variables and their taint. Variables not listed are clean, so an
/// environment holds only what is tainted and stays small.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// Sorted by key, at most one entry per key, no clean tree.
    variables: Vec<(VariableKey, TaintTree)>,
}

impl Env {
    /// The environment where nothing is tainted.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// `true` when no variable is tainted.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.variables.is_empty()
    }

    /// The taint of `variable` (clean when absent).
    #[must_use]
    pub fn get(&self, variable: &VariableKey) -> Option<&TaintTree> {
        self.variables
            .binary_search_by(|(key, _)| key.cmp(variable))
            .ok()
            .and_then(|index| self.variables.get(index))
            .map(|(_, tree)| tree)
    }

    /// The taint at `path` under `variable`.
    #[must_use]
    pub fn read(&self, variable: &VariableKey, path: &[PathElement]) -> TaintTree {
        self.get(variable)
            .map_or_else(TaintTree::clean, |tree| tree.read(path))
    }

    /// Stores `value` at `path` under `variable` (see [`TaintTree::write`]).
    pub fn write(
        &mut self,
        variable: &VariableKey,
        path: &[PathElement],
        value: TaintTree,
        strong: bool,
    ) {
        match self
            .variables
            .binary_search_by(|(key, _)| key.cmp(variable))
        {
            Ok(index) => {
                if let Some((_, tree)) = self.variables.get_mut(index) {
                    tree.write(path, value, strong);
                    if tree.is_clean() {
                        self.variables.remove(index);
                    }
                }
            }
            Err(index) => {
                let mut tree = TaintTree::clean();
                tree.write(path, value, strong);
                if !tree.is_clean() {
                    self.variables.insert(index, (variable.clone(), tree));
                }
            }
        }
    }

    /// Forgets `variable` (`del x`, or a rebinding to something clean).
    pub fn remove(&mut self, variable: &VariableKey) {
        if let Ok(index) = self
            .variables
            .binary_search_by(|(key, _)| key.cmp(variable))
        {
            self.variables.remove(index);
        }
    }

    /// Joins `other` into this environment; `true` when it changed.
    pub fn join_with(&mut self, other: &Env) -> bool {
        let mut changed = false;
        for (variable, theirs) in &other.variables {
            match self
                .variables
                .binary_search_by(|(key, _)| key.cmp(variable))
            {
                Ok(index) => {
                    if let Some((_, ours)) = self.variables.get_mut(index) {
                        let before = ours.clone();
                        ours.join_with(theirs);
                        changed |= *ours != before;
                    }
                }
                Err(index) => {
                    self.variables
                        .insert(index, (variable.clone(), theirs.clone()));
                    changed = true;
                }
            }
        }
        changed
    }

    /// The tainted variables.
    pub fn iter(&self) -> impl Iterator<Item = (&VariableKey, &TaintTree)> {
        self.variables.iter().map(|(key, tree)| (key, tree))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taint::Taint;
    use crate::trace::TraceId;

    fn local(name: &str) -> VariableKey {
        VariableKey::Local(Arc::from(name))
    }

    #[test]
    fn reassigning_a_constant_clears_a_variable() {
        let mut env = Env::new();
        env.write(
            &local("x"),
            &[],
            Taint::from_source(0, TraceId::NONE).into(),
            true,
        );
        assert!(!env.is_clean());
        env.write(&local("x"), &[], TaintTree::clean(), true);
        assert!(env.is_clean());
    }

    #[test]
    fn join_reports_change_only_when_something_grows() {
        let mut a = Env::new();
        let mut b = Env::new();
        b.write(
            &local("y"),
            &[],
            Taint::from_source(1, TraceId::NONE).into(),
            true,
        );
        assert!(a.join_with(&b));
        assert!(!a.join_with(&b));
        assert_eq!(a, b);
    }
}
