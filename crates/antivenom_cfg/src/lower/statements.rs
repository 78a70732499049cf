//! Straight-line statements, `if`, `with`, `raise`, `assert`, jumps and the
//! parameters of a function.

use super::{Builder, Jump, MAX_STATEMENT_DEPTH};
use crate::block::EdgeKind;
use crate::ids::BlockId;
use crate::op::{Op, ParameterKind};
use ruff_python_ast::{
    ArgOrKeyword, Expr, Parameters, Stmt, StmtClassDef, StmtFunctionDef, StmtIf, StmtRaise,
    StmtWith,
};

impl<'a> Builder<'a> {
    /// Lowers the statements of a body in order.
    pub(crate) fn lower_suite(&mut self, body: &'a [Stmt]) {
        for stmt in body {
            self.lower_stmt(stmt);
        }
    }

    /// `Op::Parameter` for each parameter, in signature order.
    pub(crate) fn lower_parameters(&mut self, parameters: &'a Parameters) {
        let with_defaults = [
            (ParameterKind::PositionalOnly, &parameters.posonlyargs),
            (ParameterKind::PositionalOrKeyword, &parameters.args),
        ];
        let mut all = Vec::new();
        for (kind, list) in with_defaults {
            for parameter in list {
                all.push((&parameter.parameter, parameter.default(), kind));
            }
        }
        if let Some(parameter) = parameters.vararg.as_deref() {
            all.push((parameter, None, ParameterKind::VarPositional));
        }
        for parameter in &parameters.kwonlyargs {
            all.push((
                &parameter.parameter,
                parameter.default(),
                ParameterKind::KeywordOnly,
            ));
        }
        if let Some(parameter) = parameters.kwarg.as_deref() {
            all.push((parameter, None, ParameterKind::VarKeyword));
        }
        for (index, (parameter, default, kind)) in all.into_iter().enumerate() {
            self.emit(Op::Parameter {
                parameter,
                default,
                kind,
                index: u32::try_from(index).unwrap_or(u32::MAX),
            });
        }
    }

    fn lower_stmt(&mut self, stmt: &'a Stmt) {
        if self.over_budget() || self.statement_depth >= MAX_STATEMENT_DEPTH {
            self.truncated = true;
            return;
        }
        self.statement_depth += 1;
        match stmt {
            Stmt::FunctionDef(def) => self.lower_function_def(def, stmt),
            Stmt::ClassDef(def) => self.lower_class_def(def, stmt),
            Stmt::Return(ret) => {
                let value = ret.value.as_deref();
                if let Some(value) = value {
                    self.lower_nested(value, false);
                }
                self.emit(Op::Return {
                    value,
                    range: ret.range,
                });
                self.lower_jump(Jump::Return);
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    self.lower_nested(target, false);
                    self.emit(Op::Delete(target));
                }
            }
            Stmt::TypeAlias(alias) => self.emit(Op::TypeAlias(alias)),
            Stmt::Assign(assign) => {
                self.lower_nested(&assign.value, false);
                for target in &assign.targets {
                    self.lower_nested(target, false);
                }
                self.emit(Op::Assign {
                    targets: &assign.targets,
                    value: &assign.value,
                    range: assign.range,
                });
            }
            Stmt::AugAssign(assign) => {
                self.lower_nested(&assign.target, false);
                self.lower_nested(&assign.value, false);
                self.emit(Op::AugAssign {
                    target: &assign.target,
                    op: assign.op,
                    value: &assign.value,
                    range: assign.range,
                });
            }
            Stmt::AnnAssign(assign) => {
                // Without a value only the annotation is there: nothing runs.
                if let Some(value) = assign.value.as_deref() {
                    self.lower_nested(value, false);
                    self.lower_nested(&assign.target, false);
                    self.emit(Op::Assign {
                        targets: std::slice::from_ref(&*assign.target),
                        value,
                        range: assign.range,
                    });
                }
            }
            Stmt::For(for_stmt) => self.lower_for(for_stmt),
            Stmt::While(while_stmt) => self.lower_while(while_stmt),
            Stmt::If(if_stmt) => self.lower_if(if_stmt),
            Stmt::With(with) => self.lower_with(with),
            Stmt::Match(match_stmt) => self.lower_match(match_stmt),
            Stmt::Raise(raise) => self.lower_raise(raise),
            Stmt::Try(try_stmt) => self.lower_try(try_stmt),
            Stmt::Assert(assert) => {
                let (holds, fails) = self.branch(&assert.test);
                self.current = Some(fails);
                if let Some(message) = assert.msg.as_deref() {
                    self.evaluate(message);
                }
                let from = self.ensure_current();
                self.exception_edge(from);
                self.current = Some(holds);
            }
            Stmt::Import(_) | Stmt::ImportFrom(_) => self.emit(Op::Import(stmt)),
            Stmt::Global(_) | Stmt::Nonlocal(_) => self.emit(Op::Declare(stmt)),
            Stmt::Expr(expr) => self.evaluate(&expr.value),
            Stmt::Break(_) => self.lower_jump(Jump::Break),
            Stmt::Continue(_) => self.lower_jump(Jump::Continue),
            Stmt::Pass(_) | Stmt::IpyEscapeCommand(_) => {}
        }
        self.statement_depth -= 1;
    }

    /// Decorators, then defaults (Python's order), then the binding.
    fn lower_function_def(&mut self, def: &'a StmtFunctionDef, stmt: &'a Stmt) {
        for decorator in &def.decorator_list {
            self.evaluate(&decorator.expression);
        }
        let parameters = &def.parameters;
        for parameter in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            if let Some(default) = parameter.default() {
                self.evaluate(default);
            }
        }
        self.emit(Op::Define {
            name: &def.name,
            stmt,
        });
    }

    /// Decorators, then bases and keywords, then the binding.
    fn lower_class_def(&mut self, def: &'a StmtClassDef, stmt: &'a Stmt) {
        for decorator in &def.decorator_list {
            self.evaluate(&decorator.expression);
        }
        if let Some(arguments) = def.arguments.as_deref() {
            for argument in arguments.iter_source_order() {
                let value = match argument {
                    ArgOrKeyword::Arg(expr) => expr,
                    ArgOrKeyword::Keyword(keyword) => &keyword.value,
                };
                self.evaluate(value);
            }
        }
        self.emit(Op::Define {
            name: &def.name,
            stmt,
        });
    }

    /// `if`/`elif`/`else`: each test in its own block, reached when the
    /// previous tests failed. Without an `else`, the last test's failing
    /// block is the block after the statement.
    fn lower_if(&mut self, if_stmt: &'a StmtIf) {
        let (then_block, else_block) = self.branch(&if_stmt.test);
        let mut ends = Vec::new();
        self.current = Some(then_block);
        self.lower_suite(&if_stmt.body);
        ends.extend(self.current.take());
        self.current = Some(else_block);
        for clause in &if_stmt.elif_else_clauses {
            match &clause.test {
                Some(test) => {
                    let (then_block, else_block) = self.branch(test);
                    self.current = Some(then_block);
                    self.lower_suite(&clause.body);
                    ends.extend(self.current.take());
                    self.current = Some(else_block);
                }
                None => {
                    self.lower_suite(&clause.body);
                    break;
                }
            }
        }
        let after = match self.current {
            Some(block)
                if self
                    .blocks
                    .get(block.index())
                    .is_some_and(|b| b.ops.is_empty()) =>
            {
                block
            }
            _ => {
                let after = self.new_block();
                self.goto(after);
                after
            }
        };
        for end in ends {
            self.add_edge(end, after, EdgeKind::Normal);
        }
        self.current = Some(after);
    }

    /// Each item enters in order; the body runs with them entered. An
    /// exception in the body propagates to the enclosing handler (the
    /// lowering assumes `__exit__` does not swallow it).
    fn lower_with(&mut self, with: &'a StmtWith) {
        for item in &with.items {
            self.lower_nested(&item.context_expr, false);
            if let Some(target) = item.optional_vars.as_deref() {
                self.lower_nested(target, false);
            }
            self.emit(Op::WithEnter {
                context: &item.context_expr,
                target: item.optional_vars.as_deref(),
                is_async: with.is_async,
            });
        }
        self.lower_suite(&with.body);
    }

    fn lower_raise(&mut self, raise: &'a StmtRaise) {
        let exc = raise.exc.as_deref();
        let cause = raise.cause.as_deref();
        for expr in [exc, cause].into_iter().flatten() {
            self.lower_nested(expr, false);
        }
        self.emit(Op::Raise {
            exc,
            cause,
            range: raise.range,
        });
        let from = self.ensure_current();
        self.exception_edge(from);
        self.current = None;
    }

    /// Evaluates an expression for its effects.
    pub(super) fn evaluate(&mut self, expr: &'a Expr) {
        self.lower_nested(expr, false);
        self.emit(Op::Evaluate(expr));
    }

    /// Evaluates `test` and splits on it: returns the (fresh) blocks reached
    /// when it holds and when it fails.
    pub(super) fn branch(&mut self, test: &'a Expr) -> (BlockId, BlockId) {
        self.evaluate(test);
        let holds = self.new_block();
        let fails = self.new_block();
        self.split(test, holds, fails);
        (holds, fails)
    }

    /// Evaluates `test` and splits on it towards the given blocks; nothing is
    /// current afterwards.
    pub(super) fn branch_to(&mut self, test: &'a Expr, holds: BlockId, fails: BlockId) {
        self.evaluate(test);
        self.split(test, holds, fails);
    }

    /// The two condition edges out of the current block.
    fn split(&mut self, test: &'a Expr, holds: BlockId, fails: BlockId) {
        let from = self.ensure_current();
        self.add_edge(from, holds, EdgeKind::Condition { test, holds: true });
        self.add_edge(from, fails, EdgeKind::Condition { test, holds: false });
        self.current = None;
    }
}
