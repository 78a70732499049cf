//! `for` and `while` loops, with `else`, `break` and `continue`.

use super::{Builder, JumpFrame};
use crate::block::EdgeKind;
use crate::op::Op;
use ruff_python_ast::{StmtFor, StmtWhile};

impl<'a> Builder<'a> {
    /// ```text
    /// pre:    <ops of iter>; %t = iter      -> header
    /// header:                                -> body [more %t], else [done %t]
    /// body:   bind target <- %t; <body>      -> header   (continue: header)
    /// else:   <orelse>                       -> after    (break: after)
    /// ```
    /// Without an `else`, the exhausted edge leads straight to `after`.
    pub(super) fn lower_for(&mut self, for_stmt: &'a StmtFor) {
        self.lower_nested(&for_stmt.iter, false);
        let source = self.new_temp();
        self.emit(Op::Store {
            temp: source,
            value: &for_stmt.iter,
        });
        let header = self.new_block();
        self.goto(header);
        let body = self.new_block();
        let orelse = self.new_block();
        let after = if for_stmt.orelse.is_empty() {
            orelse
        } else {
            self.new_block()
        };
        self.add_edge(header, body, EdgeKind::Iteration { source, more: true });
        self.add_edge(
            header,
            orelse,
            EdgeKind::Iteration {
                source,
                more: false,
            },
        );

        self.current = Some(body);
        self.lower_nested(&for_stmt.target, false);
        self.emit(Op::IterationBind {
            target: &for_stmt.target,
            source,
            iter: &for_stmt.iter,
            is_async: for_stmt.is_async,
        });
        self.jumps.push(JumpFrame::Loop { header, after });
        self.lower_suite(&for_stmt.body);
        self.jumps.pop();
        self.jump(header);

        self.current = Some(orelse);
        if after != orelse {
            self.lower_suite(&for_stmt.orelse);
            self.goto(after);
        }
    }

    /// ```text
    /// header: <ops of test>; eval test -> body [cond holds], else [cond fails]
    /// body:   <body>                   -> header   (continue: header)
    /// else:   <orelse>                 -> after    (break: after)
    /// ```
    /// The test is evaluated again on every iteration, so its ops (walrus,
    /// comprehensions) live in the header.
    pub(super) fn lower_while(&mut self, while_stmt: &'a StmtWhile) {
        let header = self.new_block();
        self.goto(header);
        let (body, orelse) = self.branch(&while_stmt.test);
        let after = if while_stmt.orelse.is_empty() {
            orelse
        } else {
            self.new_block()
        };

        self.current = Some(body);
        self.jumps.push(JumpFrame::Loop { header, after });
        self.lower_suite(&while_stmt.body);
        self.jumps.pop();
        self.jump(header);

        self.current = Some(orelse);
        if after != orelse {
            self.lower_suite(&while_stmt.orelse);
            self.goto(after);
        }
    }
}
