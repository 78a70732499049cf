//! The lowered graph and the queries the analysis runs on it.

use crate::block::Block;
use crate::display::CfgDisplay;
use crate::ids::{BlockId, ComprehensionId, TempId};
use ruff_python_ast::Expr;
use ruff_text_size::TextRange;

/// Which container a comprehension builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComprehensionKind {
    /// `[elt for ...]`
    List,
    /// `{elt for ...}`
    Set,
    /// `{key: value for ...}`
    Dict,
    /// `(elt for ...)`: lowered eagerly, where it is written, like the others
    /// (its elements really run when it is consumed).
    Generator,
}

/// A comprehension lowered as an inner loop, and the scope it opens.
#[derive(Clone, Debug)]
pub struct ComprehensionInfo<'a> {
    /// The comprehension expression.
    pub expr: &'a Expr,
    /// The container it builds.
    pub kind: ComprehensionKind,
    /// The temporary that holds its value once its loop is done.
    pub result: TempId,
    /// The comprehension it is nested in (whose scope encloses this one).
    pub parent: Option<ComprehensionId>,
    /// The names its `for` targets bind: local to the comprehension, they
    /// shadow the enclosing scope's names and vanish after it. (Walrus
    /// targets are not here: they bind in the function scope.) Sorted,
    /// without duplicates.
    pub bound_names: Vec<&'a str>,
}

/// A control-flow graph of one function body, module body or class body.
///
/// Three blocks are always present: [`Cfg::entry`], [`Cfg::exit`] (normal
/// completion and every `return`) and [`Cfg::raise_exit`] (exceptions that
/// nothing in the body catches). Blocks without predecessors other than the
/// entry hold unreachable code; [`Cfg::reverse_postorder`] leaves them out.
#[derive(Clone, Debug)]
pub struct Cfg<'a> {
    pub(crate) blocks: Vec<Block<'a>>,
    pub(crate) entry: BlockId,
    pub(crate) exit: BlockId,
    pub(crate) raise_exit: BlockId,
    pub(crate) comprehensions: Vec<ComprehensionInfo<'a>>,
    /// `(range, id)` of every comprehension, sorted by range for lookup.
    pub(crate) comprehension_ranges: Vec<(TextRange, ComprehensionId)>,
    pub(crate) temp_count: u32,
    pub(crate) truncated: bool,
}

impl<'a> Cfg<'a> {
    /// Where execution starts.
    #[must_use]
    pub const fn entry(&self) -> BlockId {
        self.entry
    }

    /// Where normal completion and `return` end (no ops, no successors).
    #[must_use]
    pub const fn exit(&self) -> BlockId {
        self.exit
    }

    /// Where uncaught exceptions end (no ops, no successors).
    #[must_use]
    pub const fn raise_exit(&self) -> BlockId {
        self.raise_exit
    }

    /// All blocks; a block's [`BlockId::index`] is its position here.
    #[must_use]
    pub fn blocks(&self) -> &[Block<'a>] {
        &self.blocks
    }

    /// The block `id`, if it belongs to this graph.
    #[must_use]
    pub fn block(&self, id: BlockId) -> Option<&Block<'a>> {
        self.blocks.get(id.index())
    }

    /// Ids of all blocks, in index order.
    pub fn block_ids(&self) -> impl Iterator<Item = BlockId> + use<'_, 'a> {
        (0..self.blocks.len()).map(BlockId::from_index)
    }

    /// How many synthetic temporaries the ops use ([`TempId`]s are below it).
    #[must_use]
    pub const fn temp_count(&self) -> u32 {
        self.temp_count
    }

    /// `true` when the body was too large or too deeply nested to lower
    /// completely: statements past the limit are missing (the graph is still
    /// well formed) and some comprehensions may not be lowered
    /// ([`Cfg::comprehension_temp`] is `None` for them). The analysis should
    /// treat its result for this body as incomplete.
    #[must_use]
    pub const fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// For each block (by index), the distinct blocks with an edge to it.
    #[must_use]
    pub fn predecessors(&self) -> Vec<Vec<BlockId>> {
        let mut predecessors = vec![Vec::new(); self.blocks.len()];
        for (index, block) in self.blocks.iter().enumerate() {
            let from = BlockId::from_index(index);
            for edge in &block.successors {
                if let Some(list) = predecessors.get_mut(edge.target.index()) {
                    // Edges of one block are visited together: checking the
                    // last entry is enough to keep the list distinct.
                    if list.last() != Some(&from) {
                        list.push(from);
                    }
                }
            }
        }
        predecessors
    }

    /// The blocks reachable from the entry, in reverse postorder of a
    /// depth-first search (every block before its successors, loop back
    /// edges aside): the order a forward worklist should start from.
    /// Iterative; linear in the size of the graph.
    #[must_use]
    pub fn reverse_postorder(&self) -> Vec<BlockId> {
        let mut visited = vec![false; self.blocks.len()];
        let mut postorder = Vec::with_capacity(self.blocks.len());
        // (block, index of the next successor to visit)
        let mut stack: Vec<(BlockId, usize)> = Vec::new();
        if let Some(seen) = visited.get_mut(self.entry.index()) {
            *seen = true;
            stack.push((self.entry, 0));
        }
        while let Some((block, next)) = stack.pop() {
            let successor = self
                .block(block)
                .and_then(|b| b.successors.get(next))
                .map(|edge| edge.target);
            match successor {
                Some(target) => {
                    stack.push((block, next + 1));
                    if let Some(seen) = visited.get_mut(target.index())
                        && !*seen
                    {
                        *seen = true;
                        stack.push((target, 0));
                    }
                }
                None => postorder.push(block),
            }
        }
        postorder.reverse();
        postorder
    }

    /// Every lowered comprehension, in the order the lowering met them.
    #[must_use]
    pub fn comprehensions(&self) -> &[ComprehensionInfo<'a>] {
        &self.comprehensions
    }

    /// The comprehension `id`, if it belongs to this graph.
    #[must_use]
    pub fn comprehension(&self, id: ComprehensionId) -> Option<&ComprehensionInfo<'a>> {
        self.comprehensions.get(id.index())
    }

    /// The comprehension whose expression spans exactly `range`, if it was
    /// lowered.
    #[must_use]
    pub fn comprehension_at(&self, range: TextRange) -> Option<ComprehensionId> {
        let found = self
            .comprehension_ranges
            .binary_search_by(|(candidate, _)| {
                (candidate.start(), candidate.end()).cmp(&(range.start(), range.end()))
            })
            .ok()?;
        self.comprehension_ranges.get(found).map(|(_, id)| *id)
    }

    /// The temporary holding the value of the comprehension that spans
    /// exactly `range`: what the analysis reads when it meets that
    /// comprehension while evaluating an expression. `None` when it was not
    /// lowered (inside a lambda, or past the nesting limit): evaluate it as
    /// an opaque value then.
    #[must_use]
    pub fn comprehension_temp(&self, range: TextRange) -> Option<TempId> {
        let id = self.comprehension_at(range)?;
        self.comprehension(id).map(|info| info.result)
    }

    /// The scope a name used in `scope` (a block's [`Block::scope`]) refers
    /// to: the innermost enclosing comprehension that binds it, or `None` for
    /// the function (or module) scope.
    #[must_use]
    pub fn resolve_name(
        &self,
        scope: Option<ComprehensionId>,
        name: &str,
    ) -> Option<ComprehensionId> {
        let mut current = scope;
        // Parents always have smaller ids, so the chain is at most this long.
        for _ in 0..=self.comprehensions.len() {
            let id = current?;
            let info = self.comprehension(id)?;
            if info.bound_names.binary_search(&name).is_ok() {
                return Some(id);
            }
            current = info.parent;
        }
        None
    }

    /// A compact, line-per-block text form, with expressions shown as their
    /// source text (`source` must be the text the AST was parsed from):
    ///
    /// ```text
    /// entry B0, exit B1, raise B2
    /// B0: param x; eval f(x) -> B3 [cond x holds], B4 [cond x fails]
    /// ```
    #[must_use]
    pub fn display<'c>(&'c self, source: &'c str) -> CfgDisplay<'c, 'a> {
        CfgDisplay::new(self, source)
    }
}
