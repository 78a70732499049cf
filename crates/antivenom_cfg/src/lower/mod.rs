//! The builder that lowers statements into blocks.
//!
//! The builder keeps a *current* block that ops are appended to; after a jump
//! (`return`, `raise`, `break`, `continue`) there is none, and the next op
//! opens a fresh block without predecessors (unreachable code is kept).
//! Two stacks describe where control goes when it leaves the straight line:
//! exception targets (`except` dispatch blocks, `finally` entries) and jump
//! frames (loops for `break`/`continue`, `finally` blocks that `return`,
//! `break` and `continue` must run first).

mod comprehension;
mod expressions;
mod loops;
mod match_stmt;
mod statements;
mod try_stmt;

use crate::block::{Block, Edge, EdgeKind};
use crate::cfg::{Cfg, ComprehensionInfo};
use crate::ids::{BlockId, ComprehensionId, TempId};
use crate::op::Op;
use std::collections::HashMap;

/// Most blocks one graph may have; statements past it are not lowered and
/// the graph is marked truncated. Lowering is linear in the size of the
/// body, so only huge generated code comes near.
const MAX_BLOCKS: usize = 250_000;

/// Deepest statement nesting lowered (the scanner already refuses 100
/// levels of indentation).
const MAX_STATEMENT_DEPTH: usize = 200;

/// Deepest comprehension nesting lowered; deeper comprehensions are left
/// to the analysis as opaque values.
const MAX_COMPREHENSION_DEPTH: usize = 32;

/// `finally` bodies are lowered twice (a copy for normal completion and
/// jumps, a copy for exceptions) while fewer than this many `finally`
/// bodies enclose them; deeper ones share one copy, so the size stays
/// within 2^3 times the source.
const MAX_FINALLY_COPY_DEPTH: usize = 3;

/// Where an exception raised at the current point goes.
#[derive(Clone, Copy)]
struct ExceptionTarget {
    block: BlockId,
    /// The `finally` frame whose exceptional entry `block` is, if any.
    finally: Option<usize>,
}

/// What a `break`, `continue` or `return` crosses on its way out.
#[derive(Clone, Copy)]
enum JumpFrame {
    Loop {
        header: BlockId,
        after: BlockId,
    },
    /// Index into `Builder::finally_frames`.
    Finally(usize),
}

/// A jump statement.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Jump {
    Return,
    Break,
    Continue,
}

/// How a `finally` body is entered: which exits its end must lead to.
#[derive(Clone, Copy)]
struct FinallyFrame {
    /// Entry for normal completion and jumps.
    normal_entry: BlockId,
    /// Entry for exceptions (equal to `normal_entry` when merged).
    exception_entry: BlockId,
    normal: bool,
    exceptional: bool,
    returns: bool,
    breaks: bool,
    continues: bool,
}

/// Lowers one body into a [`Cfg`].
pub(crate) struct Builder<'a> {
    blocks: Vec<Block<'a>>,
    current: Option<BlockId>,
    /// Scope of the blocks created now.
    scope: Option<ComprehensionId>,
    entry: BlockId,
    exit: BlockId,
    raise_exit: BlockId,
    /// Innermost last; empty means exceptions go to `raise_exit` and are
    /// only modelled for explicit `raise`/`assert`.
    exception_targets: Vec<ExceptionTarget>,
    jumps: Vec<JumpFrame>,
    /// Never popped, so indices stay valid.
    finally_frames: Vec<FinallyFrame>,
    comprehensions: Vec<ComprehensionInfo<'a>>,
    /// Comprehension ids by `(start, end)` of their range: a comprehension
    /// lowered twice (in both copies of a `finally`) keeps one id.
    comprehension_ids: HashMap<(u32, u32), ComprehensionId>,
    temps: u32,
    statement_depth: usize,
    comprehension_depth: usize,
    finally_depth: usize,
    truncated: bool,
}

impl<'a> Builder<'a> {
    /// A builder with the entry, exit and raise-exit blocks.
    pub(crate) fn new() -> Self {
        let mut builder = Self {
            blocks: Vec::new(),
            current: None,
            scope: None,
            entry: BlockId::from_index(0),
            exit: BlockId::from_index(1),
            raise_exit: BlockId::from_index(2),
            exception_targets: Vec::new(),
            jumps: Vec::new(),
            finally_frames: Vec::new(),
            comprehensions: Vec::new(),
            comprehension_ids: HashMap::new(),
            temps: 0,
            statement_depth: 0,
            comprehension_depth: 0,
            finally_depth: 0,
            truncated: false,
        };
        builder.entry = builder.new_block();
        builder.exit = builder.new_block();
        builder.raise_exit = builder.new_block();
        builder.current = Some(builder.entry);
        builder
    }

    /// Falls through to the exit and returns the graph.
    pub(crate) fn finish(mut self) -> Cfg<'a> {
        let exit = self.exit;
        self.jump(exit);
        let mut comprehension_ranges: Vec<_> = self
            .comprehensions
            .iter()
            .enumerate()
            .map(|(index, info)| {
                (
                    ruff_text_size::Ranged::range(info.expr),
                    ComprehensionId::from_index(index),
                )
            })
            .collect();
        comprehension_ranges.sort_by_key(|(range, _)| (range.start(), range.end()));
        Cfg {
            blocks: self.blocks,
            entry: self.entry,
            exit: self.exit,
            raise_exit: self.raise_exit,
            comprehensions: self.comprehensions,
            comprehension_ranges,
            temp_count: self.temps,
            truncated: self.truncated,
        }
    }

    /// `true` once the graph reached its size limit (and marks it truncated).
    fn over_budget(&mut self) -> bool {
        let over = self.blocks.len() >= MAX_BLOCKS;
        if over {
            self.truncated = true;
        }
        over
    }

    fn new_block(&mut self) -> BlockId {
        let id = BlockId::from_index(self.blocks.len());
        self.blocks.push(Block {
            ops: Vec::new(),
            successors: Vec::new(),
            scope: self.scope,
        });
        id
    }

    fn new_temp(&mut self) -> TempId {
        let temp = TempId::new(self.temps);
        self.temps = self.temps.saturating_add(1);
        temp
    }

    fn add_edge(&mut self, from: BlockId, target: BlockId, kind: EdgeKind<'a>) {
        let Some(block) = self.blocks.get_mut(from.index()) else {
            return;
        };
        // Plain and exception edges to the same block say nothing new twice.
        let duplicate = matches!(kind, EdgeKind::Normal | EdgeKind::Exception)
            && block.successors.iter().any(|edge| {
                edge.target == target
                    && std::mem::discriminant(&edge.kind) == std::mem::discriminant(&kind)
            });
        if !duplicate {
            block.successors.push(Edge { target, kind });
        }
    }

    /// The current block, opening an unreachable one after a jump.
    fn ensure_current(&mut self) -> BlockId {
        match self.current {
            Some(block) => block,
            None => {
                let block = self.new_block();
                self.current = Some(block);
                block
            }
        }
    }

    /// Falls through from the current block (if reachable) into `target`,
    /// which becomes current.
    fn goto(&mut self, target: BlockId) {
        if let Some(current) = self.current {
            self.add_edge(current, target, EdgeKind::Normal);
        }
        self.current = Some(target);
    }

    /// Jumps from the current block (if any) to `target`; nothing is current
    /// afterwards.
    fn jump(&mut self, target: BlockId) {
        if let Some(current) = self.current.take() {
            self.add_edge(current, target, EdgeKind::Normal);
        }
    }

    /// Appends `op` to the current block. Inside a `try` body, handler or
    /// `else` covered by a handler or `finally`, the op gets a block of its
    /// own and the state before it may leave along an exception edge.
    fn emit(&mut self, op: Op<'a>) {
        if !self.exception_targets.is_empty() {
            let before = self.ensure_current();
            self.exception_edge(before);
            let block = self.new_block();
            self.add_edge(before, block, EdgeKind::Normal);
            self.current = Some(block);
        }
        let current = self.ensure_current();
        if let Some(block) = self.blocks.get_mut(current.index()) {
            block.ops.push(op);
        }
    }

    /// Adds an exception edge from `from` to the innermost exception target.
    fn exception_edge(&mut self, from: BlockId) {
        let (target, finally) = match self.exception_targets.last() {
            Some(target) => (target.block, target.finally),
            None => (self.raise_exit, None),
        };
        if let Some(frame) = finally.and_then(|index| self.finally_frames.get_mut(index)) {
            frame.exceptional = true;
        }
        self.add_edge(from, target, EdgeKind::Exception);
    }

    /// Where `jump` leads from here: its loop, the exit, or the first
    /// `finally` on the way (which remembers to continue the jump).
    /// `None` for `break`/`continue` outside a loop.
    fn resolve_jump(&mut self, jump: Jump) -> Option<BlockId> {
        for frame in self.jumps.iter().rev() {
            match *frame {
                JumpFrame::Loop { header, after } => match jump {
                    Jump::Break => return Some(after),
                    Jump::Continue => return Some(header),
                    Jump::Return => {}
                },
                JumpFrame::Finally(index) => {
                    let frame = self.finally_frames.get_mut(index)?;
                    match jump {
                        Jump::Return => frame.returns = true,
                        Jump::Break => frame.breaks = true,
                        Jump::Continue => frame.continues = true,
                    }
                    return Some(frame.normal_entry);
                }
            }
        }
        (jump == Jump::Return).then_some(self.exit)
    }

    /// Lowers a jump statement whose ops (if any) were just emitted.
    fn lower_jump(&mut self, jump: Jump) {
        if self.current.is_none() {
            // Unreachable jump: nothing flows along it.
            return;
        }
        match self.resolve_jump(jump) {
            Some(target) => self.jump(target),
            None => self.current = None,
        }
    }
}
