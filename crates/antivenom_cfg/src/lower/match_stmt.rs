//! `match` statements: arms tried in order, with captures and guards.

use super::Builder;
use crate::block::EdgeKind;
use crate::op::Op;
use ruff_python_ast::StmtMatch;

impl<'a> Builder<'a> {
    /// ```text
    /// pre:    <ops of subject>; %t = subject -> test0
    /// testI:                     -> armI [case P matched], testI+1 [case P unmatched]
    /// armI:   match P <- %t; <ops of guard>; eval guard
    ///                            -> bodyI [cond guard holds], testI+1 [cond guard fails]
    /// bodyI:  <body>             -> after
    /// testN:                     -> after   (no arm matched)
    /// ```
    /// An irrefutable pattern has no unmatched edge; without a guard, the
    /// arms after it are unreachable.
    pub(super) fn lower_match(&mut self, match_stmt: &'a StmtMatch) {
        let subject = &*match_stmt.subject;
        self.lower_nested(subject, false);
        let source = self.new_temp();
        self.emit(Op::Store {
            temp: source,
            value: subject,
        });
        let mut test = Some(self.ensure_current());
        self.current = None;
        let after = self.new_block();

        for case in &match_stmt.cases {
            let from = match test {
                Some(block) => block,
                None => self.new_block(),
            };
            let arm = self.new_block();
            let pattern = &case.pattern;
            self.add_edge(
                from,
                arm,
                EdgeKind::Pattern {
                    subject,
                    source,
                    pattern,
                    matched: true,
                },
            );
            let irrefutable = pattern.is_irrefutable();
            let next = (!irrefutable || case.guard.is_some()).then(|| self.new_block());
            if let Some(next) = next
                && !irrefutable
            {
                self.add_edge(
                    from,
                    next,
                    EdgeKind::Pattern {
                        subject,
                        source,
                        pattern,
                        matched: false,
                    },
                );
            }

            self.current = Some(arm);
            self.emit(Op::MatchBind {
                subject,
                source,
                pattern,
            });
            if let (Some(guard), Some(next)) = (case.guard.as_deref(), next) {
                let body = self.new_block();
                self.branch_to(guard, body, next);
                self.current = Some(body);
            }
            self.lower_suite(&case.body);
            self.jump(after);
            test = next;
        }
        if let Some(unmatched) = test {
            self.current = Some(unmatched);
        }
        self.goto(after);
    }
}
