//! The compact text dump of a graph, used by tests and for debugging.

use crate::block::{Block, Edge, EdgeKind};
use crate::cfg::Cfg;
use crate::ids::BlockId;
use crate::op::{Op, ParameterKind};
use ruff_python_ast::Stmt;
use ruff_text_size::{Ranged, TextRange};
use std::fmt::{self, Write};

/// A [`Cfg`] printed one block per line; see [`Cfg::display`].
pub struct CfgDisplay<'c, 'a> {
    cfg: &'c Cfg<'a>,
    source: &'c str,
}

impl<'c, 'a> CfgDisplay<'c, 'a> {
    pub(crate) const fn new(cfg: &'c Cfg<'a>, source: &'c str) -> Self {
        Self { cfg, source }
    }

    /// The source text of `range`, whitespace runs collapsed to one space.
    fn text(&self, range: TextRange) -> String {
        let slice = self
            .source
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or("?");
        slice.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn write_block(
        &self,
        f: &mut fmt::Formatter<'_>,
        id: BlockId,
        block: &Block<'a>,
    ) -> fmt::Result {
        write!(f, "{id}")?;
        if id == self.cfg.exit() {
            f.write_str(" (exit)")?;
        }
        if id == self.cfg.raise_exit() {
            f.write_str(" (raise)")?;
        }
        if let Some(scope) = block.scope {
            write!(f, " ({scope})")?;
        }
        f.write_char(':')?;
        for (position, op) in block.ops.iter().enumerate() {
            f.write_str(if position == 0 { " " } else { "; " })?;
            f.write_str(&self.op(op))?;
        }
        for (position, edge) in block.successors.iter().enumerate() {
            f.write_str(if position == 0 { " -> " } else { ", " })?;
            f.write_str(&self.edge(edge))?;
        }
        Ok(())
    }

    fn op(&self, op: &Op<'_>) -> String {
        let t = |range: TextRange| self.text(range);
        match op {
            Op::Parameter {
                parameter,
                default,
                kind,
                ..
            } => {
                let stars = match kind {
                    ParameterKind::VarPositional => "*",
                    ParameterKind::VarKeyword => "**",
                    _ => "",
                };
                let default = default.map_or(String::new(), |d| format!("={}", t(d.range())));
                format!("param {stars}{}{default}", parameter.name.id)
            }
            Op::Assign { targets, value, .. } => {
                let mut out = String::new();
                for target in *targets {
                    out.push_str(&t(target.range()));
                    out.push_str(" = ");
                }
                out.push_str(&t(value.range()));
                out
            }
            Op::AugAssign {
                target, op, value, ..
            } => format!(
                "{} {}= {}",
                t(target.range()),
                op.as_str(),
                t(value.range())
            ),
            Op::NamedExpr { expr, conditional } => format!(
                "walrus{} {} := {}",
                if *conditional { "?" } else { "" },
                t(expr.target.range()),
                t(expr.value.range())
            ),
            Op::Store { temp, value } => format!("{temp} = {}", t(value.range())),
            Op::IterationBind {
                target,
                source,
                is_async,
                ..
            } => format!(
                "{}bind {} <- {source}",
                if *is_async { "async " } else { "" },
                t(target.range())
            ),
            Op::WithEnter {
                context,
                target,
                is_async,
            } => format!(
                "{}with {}{}",
                if *is_async { "async " } else { "" },
                t(context.range()),
                target.map_or(String::new(), |v| format!(" as {}", t(v.range())))
            ),
            Op::ExceptBind { name, type_, .. } => format!(
                "except{}{}",
                type_.map_or(String::new(), |e| format!(" {}", t(e.range()))),
                name.map_or(String::new(), |n| format!(" as {}", n.id))
            ),
            Op::MatchBind {
                source, pattern, ..
            } => format!("match {} <- {source}", t(pattern.range())),
            Op::Evaluate(expr) => format!("eval {}", t(expr.range())),
            Op::Return { value, .. } => match value {
                Some(value) => format!("return {}", t(value.range())),
                None => "return".to_string(),
            },
            Op::Raise { exc, cause, .. } => format!(
                "raise{}{}",
                exc.map_or(String::new(), |e| format!(" {}", t(e.range()))),
                cause.map_or(String::new(), |c| format!(" from {}", t(c.range())))
            ),
            Op::Delete(target) => format!("del {}", t(target.range())),
            Op::Define { name, stmt } => {
                let keyword = if matches!(stmt, Stmt::ClassDef(_)) {
                    "class"
                } else {
                    "def"
                };
                format!("{keyword} {}", name.id)
            }
            Op::TypeAlias(alias) => format!("type {}", t(alias.name.range())),
            Op::Import(stmt) | Op::Declare(stmt) => t(stmt.range()),
            Op::ComprehensionStart {
                comprehension,
                result,
                ..
            } => format!("{result} = {comprehension}()"),
            Op::Accumulate {
                result,
                element,
                key,
                ..
            } => match key {
                Some(key) => format!("{result}[{}] <- {}", t(key.range()), t(element.range())),
                None => format!("{result} <- {}", t(element.range())),
            },
            Op::ComprehensionEnd { comprehension, .. } => format!("end {comprehension}"),
        }
    }

    fn edge(&self, edge: &Edge<'_>) -> String {
        let target = edge.target;
        match &edge.kind {
            EdgeKind::Normal => target.to_string(),
            EdgeKind::Condition { test, holds } => format!(
                "{target} [cond {} {}]",
                self.text(test.range()),
                if *holds { "holds" } else { "fails" }
            ),
            EdgeKind::Pattern {
                pattern, matched, ..
            } => format!(
                "{target} [case {} {}]",
                self.text(pattern.range()),
                if *matched { "matched" } else { "unmatched" }
            ),
            EdgeKind::Iteration { source, more } => {
                format!(
                    "{target} [{} {source}]",
                    if *more { "more" } else { "done" }
                )
            }
            EdgeKind::Exception => format!("{target} [exc]"),
        }
    }
}

impl fmt::Display for CfgDisplay<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "entry {}, exit {}, raise {}",
            self.cfg.entry(),
            self.cfg.exit(),
            self.cfg.raise_exit()
        )?;
        if self.cfg.is_truncated() {
            f.write_str(" (truncated)")?;
        }
        for (id, block) in self.cfg.block_ids().zip(self.cfg.blocks()) {
            f.write_char('\n')?;
            self.write_block(f, id, block)?;
        }
        Ok(())
    }
}
