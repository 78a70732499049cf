//! `try` / `except` / `else` / `finally`.
//!
//! ```text
//! body ops, each in its own block   -[exc]-> dispatch (or the finally)
//! dispatch                          -[exc]-> each handler, and on (unless a bare `except:`)
//! handler: except E as e; <body>    -> finally (or after)
//! body end: <orelse>                -> finally (or after)
//! finally (normal copy): <finalbody> -> after, and the targets of the
//!                                       return/break/continue that entered it
//! finally (exception copy): <finalbody> -[exc]-> enclosing handler / raise exit
//! ```

use super::{Builder, ExceptionTarget, FinallyFrame, Jump, JumpFrame, MAX_FINALLY_COPY_DEPTH};
use crate::block::EdgeKind;
use crate::ids::BlockId;
use crate::op::Op;
use ruff_python_ast::{ExceptHandler, Stmt, StmtTry};

impl<'a> Builder<'a> {
    pub(super) fn lower_try(&mut self, try_stmt: &'a StmtTry) {
        let after = self.new_block();
        let finally = (!try_stmt.finalbody.is_empty()).then(|| self.open_finally());
        if let Some(index) = finally {
            self.jumps.push(JumpFrame::Finally(index));
        }
        let normal_target = finally
            .and_then(|index| self.finally_frames.get(index))
            .map_or(after, |frame| frame.normal_entry);

        let dispatch = (!try_stmt.handlers.is_empty()).then(|| self.new_block());
        if let Some(block) = dispatch {
            self.exception_targets.push(ExceptionTarget {
                block,
                finally: None,
            });
        }
        self.lower_suite(&try_stmt.body);
        if dispatch.is_some() {
            self.exception_targets.pop();
        }
        // `else` runs after the body completes; its exceptions skip the
        // handlers.
        self.lower_suite(&try_stmt.orelse);
        let mut completes = self.complete_to(normal_target, finally);

        if let Some(dispatch) = dispatch {
            for handler in &try_stmt.handlers {
                let ExceptHandler::ExceptHandler(handler) = handler;
                let entry = self.new_block();
                self.add_edge(dispatch, entry, EdgeKind::Exception);
                self.current = Some(entry);
                self.emit(Op::ExceptBind {
                    name: handler.name.as_ref(),
                    type_: handler.type_.as_deref(),
                    range: handler.range,
                });
                self.lower_suite(&handler.body);
                completes |= self.complete_to(normal_target, finally);
            }
            // No handler may match: the exception goes on (to the finally).
            // `except*` may leave part of an exception group unhandled.
            let catch_all = !try_stmt.is_star
                && try_stmt.handlers.iter().any(|handler| {
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    handler.type_.is_none()
                });
            if !catch_all {
                self.exception_edge(dispatch);
            }
        }

        if let Some(index) = finally {
            self.jumps.pop();
            self.exception_targets.pop();
            completes = self.lower_finally(index, &try_stmt.finalbody, after);
        }
        // When every path returns, raises or jumps, the code after the `try`
        // is unreachable: it gets a block without predecessors.
        self.current = completes.then_some(after);
    }

    /// Registers a `finally` frame and makes its exception entry the target
    /// of exceptions until [`Builder::lower_finally`].
    fn open_finally(&mut self) -> usize {
        let normal_entry = self.new_block();
        let exception_entry = if self.finally_depth < MAX_FINALLY_COPY_DEPTH {
            self.new_block()
        } else {
            normal_entry
        };
        let index = self.finally_frames.len();
        self.finally_frames.push(FinallyFrame {
            normal_entry,
            exception_entry,
            normal: false,
            exceptional: false,
            returns: false,
            breaks: false,
            continues: false,
        });
        self.exception_targets.push(ExceptionTarget {
            block: exception_entry,
            finally: Some(index),
        });
        index
    }

    /// Falls from the current block into `target` (the finally's normal
    /// entry or the code after the `try`), recording a normal entry.
    /// Returns whether there was a current block to fall from.
    fn complete_to(&mut self, target: BlockId, finally: Option<usize>) -> bool {
        if self.current.is_none() {
            return false;
        }
        if let Some(frame) = finally.and_then(|index| self.finally_frames.get_mut(index)) {
            frame.normal = true;
        }
        self.jump(target);
        true
    }

    /// Lowers the `finally` body once per way in (see the module docs); the
    /// jump and exception stacks are already those around the `try`.
    /// Returns whether control may continue after the `try`.
    fn lower_finally(&mut self, index: usize, body: &'a [Stmt], after: BlockId) -> bool {
        let Some(frame) = self.finally_frames.get(index).copied() else {
            return false;
        };
        let mut completes = false;
        let merged = frame.normal_entry == frame.exception_entry;
        self.finally_depth += 1;

        // Normal copy: always lowered, so the body is in the graph even when
        // nothing reaches it.
        self.current = Some(frame.normal_entry);
        self.lower_suite(body);
        if let Some(end) = self.current.take() {
            if frame.normal {
                self.add_edge(end, after, EdgeKind::Normal);
                completes = true;
            }
            if merged && frame.exceptional {
                self.exception_edge(end);
            }
            for (pending, jump) in [
                (frame.returns, Jump::Return),
                (frame.breaks, Jump::Break),
                (frame.continues, Jump::Continue),
            ] {
                if pending && let Some(target) = self.resolve_jump(jump) {
                    self.add_edge(end, target, EdgeKind::Normal);
                }
            }
        }

        if !merged && frame.exceptional {
            self.current = Some(frame.exception_entry);
            self.lower_suite(body);
            if let Some(end) = self.current.take() {
                self.exception_edge(end);
            }
        }
        self.finally_depth -= 1;
        completes
    }
}
