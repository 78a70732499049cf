//! The tables that pick the hooks to call at each node of one file. They
//! depend only on which rules can match in the file, and most files of a
//! run share one of a few such sets: the tables are built once per set and
//! shared.

use crate::NodeKinds;
use crate::registry::Hook;
use ruff_python_ast::NodeKind;
use std::sync::{Arc, Mutex, PoisonError};

/// Most distinct sets of active rules whose tables are kept; files with
/// any further set get tables of their own.
const MAX_SHARED_TABLES: usize = 64;

/// Statement or expression hooks grouped by the node kind they look at,
/// so that a node costs one lookup instead of a test per hook.
pub(crate) struct KindDispatch {
    /// Indexed by `NodeKind as usize` (every kind fits, see `NodeKinds`):
    /// the hooks for that kind, in rule order.
    by_kind: Box<[Vec<Hook>; NodeKinds::CAPACITY]>,
}

impl KindDispatch {
    fn new<'h>(hooks: impl Iterator<Item = &'h Hook>) -> Self {
        let mut by_kind: Box<[Vec<Hook>; NodeKinds::CAPACITY]> =
            Box::new(std::array::from_fn(|_| Vec::new()));
        for hook in hooks {
            for position in hook.kinds.positions() {
                if let Some(for_kind) = by_kind.get_mut(position as usize) {
                    for_kind.push(*hook);
                }
            }
        }
        Self { by_kind }
    }

    /// `true` when no hook looks at any kind.
    pub(crate) fn is_empty(&self) -> bool {
        self.by_kind.iter().all(Vec::is_empty)
    }

    /// The hooks looking at `kind`.
    pub(crate) fn hooks(&self, kind: NodeKind) -> &[Hook] {
        self.by_kind.get(kind as usize).map_or(&[], Vec::as_slice)
    }
}

/// The hooks to call in a file, for one set of active rules.
pub(crate) struct FileDispatch {
    /// Module hooks, in rule order.
    pub(crate) modules: Vec<Hook>,
    /// Statement hooks by node kind.
    pub(crate) statements: KindDispatch,
    /// Expression hooks by node kind.
    pub(crate) expressions: KindDispatch,
}

/// `true` when `hook`'s rule can match in the file (`active`, indexed by
/// rule index; see [`crate::module_roots::ModuleRoots::active_rules`]).
pub(crate) fn is_active(hook: &Hook, active: &[bool]) -> bool {
    active.get(hook.index).copied().unwrap_or(true)
}

/// The hook lists of a rule set.
pub(crate) struct HookLists<'h> {
    /// Module hooks.
    pub(crate) modules: &'h [Hook],
    /// Statement hooks.
    pub(crate) statements: &'h [Hook],
    /// Expression hooks.
    pub(crate) expressions: &'h [Hook],
}

/// The hooks of `hooks` whose rules are `active`.
fn active_in<'h>(hooks: &'h [Hook], active: &'h [bool]) -> impl Iterator<Item = &'h Hook> {
    hooks.iter().filter(|hook| is_active(hook, active))
}

impl FileDispatch {
    /// The hooks of `lists` whose rules are `active`.
    fn new(lists: &HookLists<'_>, active: &[bool]) -> Self {
        Self {
            modules: active_in(lists.modules, active).copied().collect(),
            statements: KindDispatch::new(active_in(lists.statements, active)),
            expressions: KindDispatch::new(active_in(lists.expressions, active)),
        }
    }
}

/// [`FileDispatch`] tables built so far, by set of active rules.
#[derive(Default)]
pub(crate) struct DispatchTables {
    built: Mutex<Vec<(Vec<bool>, Arc<FileDispatch>)>>,
}

impl DispatchTables {
    /// The tables for the rules of `lists` that are `active`: shared with
    /// earlier files of the same set, or built now.
    pub(crate) fn for_active(&self, lists: &HookLists<'_>, active: &[bool]) -> Arc<FileDispatch> {
        let found = self
            .built
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|(set, _)| set.as_slice() == active)
            .map(|(_, tables)| Arc::clone(tables));
        if let Some(tables) = found {
            return tables;
        }
        // Built outside the lock; two threads may build the same set once.
        let tables = Arc::new(FileDispatch::new(lists, active));
        let mut built = self.built.lock().unwrap_or_else(PoisonError::into_inner);
        if built.len() < MAX_SHARED_TABLES {
            built.push((active.to_vec(), Arc::clone(&tables)));
        }
        tables
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_ast::NodeKind;

    #[test]
    fn files_with_the_same_active_rules_share_their_tables() {
        let Some(&rule) = crate::rules::BUILTIN_RULES.first() else {
            panic!("no built-in rule");
        };
        let hook = |index| Hook {
            index,
            rule,
            kinds: NodeKinds::of(&[NodeKind::StmtAssign]),
            modules: &[],
        };
        let statements = [hook(0), hook(1)];
        let lists = HookLists {
            modules: &[],
            statements: &statements,
            expressions: &[],
        };
        let tables = DispatchTables::default();
        let both = tables.for_active(&lists, &[true, true]);
        let again = tables.for_active(&lists, &[true, true]);
        let first_only = tables.for_active(&lists, &[true, false]);
        assert!(Arc::ptr_eq(&both, &again));
        assert!(!Arc::ptr_eq(&both, &first_only));
        let indexes = |dispatch: &FileDispatch| -> Vec<usize> {
            let hooks = dispatch.statements.hooks(NodeKind::StmtAssign);
            hooks.iter().map(|hook| hook.index).collect()
        };
        assert_eq!(indexes(&both), vec![0, 1]);
        assert_eq!(indexes(&first_only), vec![0]);
        assert!(first_only.expressions.is_empty());
        assert!(first_only.modules.is_empty());
    }
}
