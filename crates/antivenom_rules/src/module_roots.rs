//! Which rules can match in a file, from the top-level modules they are
//! about (see [`crate::Rule::modules`]), worked out once per file.

use antivenom_semantic::FileSemantic;
use rustc_hash::FxHashMap;

/// The module roots the rules of a set are about, numbered once per set.
#[derive(Default)]
pub(crate) struct ModuleRoots {
    /// Root -> its number.
    ids: FxHashMap<&'static str, usize>,
    /// Indexed by rule index: the numbers of the rule's roots; empty for a
    /// rule that runs on every file.
    by_rule: Vec<Vec<usize>>,
}

impl ModuleRoots {
    /// Records that rule `index` is about `modules` (empty: any file).
    pub(crate) fn add_rule(&mut self, index: usize, modules: &'static [&'static str]) {
        if self.by_rule.len() <= index {
            self.by_rule.resize_with(index + 1, Vec::new);
        }
        let mut roots = Vec::with_capacity(modules.len());
        for module in modules {
            let next = self.ids.len();
            roots.push(*self.ids.entry(module).or_insert(next));
        }
        if let Some(slot) = self.by_rule.get_mut(index) {
            *slot = roots;
        }
    }

    /// Indexed by rule index: `false` for a rule about modules none of
    /// which the file may import (see [`FileSemantic::may_import`]).
    pub(crate) fn active_rules(&self, semantic: &FileSemantic<'_>) -> Vec<bool> {
        let mut imported = vec![false; self.ids.len()];
        // The file's few roots, rather than every rule's.
        for root in semantic.possible_import_roots() {
            if let Some(slot) = self.ids.get(root).and_then(|&id| imported.get_mut(id)) {
                *slot = true;
            }
        }
        self.by_rule
            .iter()
            .map(|roots| {
                roots.is_empty()
                    || roots
                        .iter()
                        .any(|&id| imported.get(id).copied().unwrap_or(true))
            })
            .collect()
    }
}
