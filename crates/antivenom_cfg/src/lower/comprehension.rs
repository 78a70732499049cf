//! Comprehensions as inner loops writing into a temporary.
//!
//! ```text
//! pre:     <ops of iter0>; %r = cN(); %i0 = iter0      -> h0        (enclosing scope)
//! h0:                                   -> b0 [more %i0], exit [done %i0]   (scope cN)
//! b0:      bind target0 <- %i0; <ops of if>; eval if
//!                                       -> next [cond holds], h0 [cond fails]
//! ...      <ops of iter1>; %i1 = iter1  -> h1; h1 -> b1 [more %i1], h0 [done %i1]
//! inner:   <ops of elt>; %r <- elt      -> innermost header
//! exit:    end cN                                          (enclosing scope)
//! ```

use super::{Builder, MAX_COMPREHENSION_DEPTH};
use crate::block::EdgeKind;
use crate::cfg::{ComprehensionInfo, ComprehensionKind};
use crate::ids::ComprehensionId;
use crate::op::Op;
use ruff_python_ast::{Comprehension, Expr};
use ruff_text_size::Ranged;

impl<'a> Builder<'a> {
    /// Lowers `expr` if it is a comprehension; returns `false` otherwise.
    /// A comprehension past the nesting or size limit is left unlowered
    /// (and the graph marked truncated).
    pub(super) fn lower_comprehension(&mut self, expr: &'a Expr) -> bool {
        let (kind, generators, element, key) = match expr {
            Expr::ListComp(comp) => (ComprehensionKind::List, &comp.generators, &*comp.elt, None),
            Expr::SetComp(comp) => (ComprehensionKind::Set, &comp.generators, &*comp.elt, None),
            Expr::Generator(comp) => (
                ComprehensionKind::Generator,
                &comp.generators,
                &*comp.elt,
                None,
            ),
            Expr::DictComp(comp) => (
                ComprehensionKind::Dict,
                &comp.generators,
                &*comp.value,
                comp.key.as_deref(),
            ),
            _ => return false,
        };
        if self.comprehension_depth >= MAX_COMPREHENSION_DEPTH || self.over_budget() {
            self.truncated = true;
            return true;
        }
        // A comprehension always has a `for` clause, except in recovered
        // syntax errors: nothing to lower then.
        let Some(first) = generators.first() else {
            return true;
        };
        self.comprehension_depth += 1;

        let id = self.register_comprehension(expr, kind, generators);
        let result = self
            .comprehensions
            .get(id.index())
            .map(|info| info.result)
            .unwrap_or_else(|| self.new_temp());
        let range = expr.range();

        // The first iterable is evaluated in the enclosing scope.
        self.lower_nested(&first.iter, false);
        self.emit(Op::ComprehensionStart {
            comprehension: id,
            result,
            range,
        });
        let first_source = self.new_temp();
        self.emit(Op::Store {
            temp: first_source,
            value: &first.iter,
        });
        let exit = self.new_block();
        let enclosing_scope = self.scope.replace(id);

        let mut exhausted = exit;
        for (position, generator) in generators.iter().enumerate() {
            let source = if position == 0 {
                first_source
            } else {
                self.lower_nested(&generator.iter, false);
                let source = self.new_temp();
                self.emit(Op::Store {
                    temp: source,
                    value: &generator.iter,
                });
                source
            };
            let header = self.new_block();
            self.goto(header);
            let body = self.new_block();
            self.add_edge(header, body, EdgeKind::Iteration { source, more: true });
            self.add_edge(
                header,
                exhausted,
                EdgeKind::Iteration {
                    source,
                    more: false,
                },
            );
            self.current = Some(body);
            self.lower_nested(&generator.target, false);
            self.emit(Op::IterationBind {
                target: &generator.target,
                source,
                iter: &generator.iter,
                is_async: generator.is_async,
            });
            for test in &generator.ifs {
                let holds = self.new_block();
                self.branch_to(test, holds, header);
                self.current = Some(holds);
            }
            exhausted = header;
        }

        if let Some(key) = key {
            self.lower_nested(key, false);
        }
        self.lower_nested(element, false);
        self.emit(Op::Accumulate {
            comprehension: id,
            result,
            element,
            key,
        });
        self.jump(exhausted);

        self.scope = enclosing_scope;
        self.current = Some(exit);
        self.emit(Op::ComprehensionEnd {
            comprehension: id,
            result,
            range,
        });
        self.comprehension_depth -= 1;
        true
    }

    /// The comprehension's id, reusing the one it got if it is lowered again
    /// (in the second copy of a `finally`).
    fn register_comprehension(
        &mut self,
        expr: &'a Expr,
        kind: ComprehensionKind,
        generators: &'a [Comprehension],
    ) -> ComprehensionId {
        let range = expr.range();
        let key = (range.start().to_u32(), range.end().to_u32());
        if let Some(id) = self.comprehension_ids.get(&key) {
            return *id;
        }
        let id = ComprehensionId::from_index(self.comprehensions.len());
        let result = self.new_temp();
        let mut bound_names = Vec::new();
        for generator in generators {
            collect_bound_names(&generator.target, &mut bound_names);
        }
        bound_names.sort_unstable();
        bound_names.dedup();
        self.comprehensions.push(ComprehensionInfo {
            expr,
            kind,
            result,
            parent: self.scope,
            bound_names,
        });
        self.comprehension_ids.insert(key, id);
        id
    }
}

/// The names a `for` target binds (through tuples, lists and starred
/// elements; attributes and subscripts bind no name).
fn collect_bound_names<'a>(target: &'a Expr, names: &mut Vec<&'a str>) {
    let mut stack = vec![target];
    while let Some(expr) = stack.pop() {
        match expr {
            Expr::Name(name) => names.push(name.id.as_str()),
            Expr::Tuple(tuple) => stack.extend(tuple.elts.iter().rev()),
            Expr::List(list) => stack.extend(list.elts.iter().rev()),
            Expr::Starred(starred) => stack.push(&starred.value),
            _ => {}
        }
    }
}
