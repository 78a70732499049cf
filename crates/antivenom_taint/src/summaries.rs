//! Stage 2 within a file: what a function of the file does with its
//! parameters, computed on demand (when a call to it is met) by analysing
//! it with each parameter seeded with a symbolic label, and memoised.
//!
//! A helper that passes its parameter to `subprocess.run(..., shell=True)`
//! becomes a sink for that parameter, one that returns `html.escape(x)` a
//! sanitizer, one that returns `request.args` a source. Recursion is cut:
//! a call to a function whose summary is being computed is treated as a
//! call without a model.

use crate::taint::Taint;
use crate::trace::TraceId;
use crate::tree::TaintTree;
use antivenom_taint_models::VulnerabilityClass;
use ruff_python_ast::{Stmt, StmtFunctionDef};
use ruff_text_size::TextSize;
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

/// Most classes searched for an inherited method.
const MAX_BASES_SEARCHED: usize = 32;

/// Deepest chain of summaries computed inside one another.
const MAX_SUMMARY_DEPTH: usize = 8;

/// What a function does with its parameters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Summary {
    /// Taint of the value it returns: concrete sources (a wrapper of the
    /// request), and parameter labels for parameters passed through, with
    /// what they were cleared for on the way.
    pub(crate) returns: TaintTree,
    /// Parameters that reach a sink inside.
    pub(crate) parameter_sinks: Vec<SinkReached>,
    /// For a method: what its receiver (`self`) holds when it returns,
    /// attributes included; a constructor's object is built from it
    /// (`self.cmd = cmd` in `__init__` makes the object carry `cmd`).
    pub(crate) receiver_writes: Taint,
}

/// A parameter of the function being summarised that reaches a sink.
#[derive(Debug, Clone)]
pub(crate) struct SinkReached {
    /// The parameter, by position.
    pub(crate) parameter: u8,
    /// The vulnerability it reaches.
    pub(crate) class: VulnerabilityClass,
    /// The dangerous call, as messages name it.
    pub(crate) callee: String,
    /// The last step of the path from the parameter to the sink.
    pub(crate) trace: TraceId,
}

impl Summary {
    /// Records that `parameter` reaches a sink (once per parameter, class
    /// and callee: the first path is kept).
    pub(crate) fn add_sink(&mut self, reached: SinkReached) {
        if !self.parameter_sinks.iter().any(|known| {
            known.parameter == reached.parameter
                && known.class == reached.class
                && known.callee == reached.callee
        }) {
            self.parameter_sinks.push(reached);
        }
    }
}

/// A function of the file that calls can be resolved to.
#[derive(Clone, Copy)]
pub(crate) struct Callable<'a> {
    pub(crate) def: &'a StmtFunctionDef,
    /// The class it is a method of.
    pub(crate) class: Option<&'a str>,
}

impl Callable<'_> {
    /// Parameter names in the order the control-flow graph numbers them.
    pub(crate) fn parameter_names(&self) -> Vec<&str> {
        let parameters = &self.def.parameters;
        let mut names: Vec<&str> = parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .map(|parameter| parameter.parameter.name.as_str())
            .collect();
        if let Some(vararg) = &parameters.vararg {
            names.push(vararg.name.as_str());
        }
        names.extend(
            parameters
                .kwonlyargs
                .iter()
                .map(|parameter| parameter.parameter.name.as_str()),
        );
        if let Some(kwarg) = &parameters.kwarg {
            names.push(kwarg.name.as_str());
        }
        names
    }

    /// `true` for a method called through an instance (its first parameter
    /// is the receiver).
    pub(crate) fn takes_receiver(&self) -> bool {
        self.class.is_some()
            && !self.def.decorator_list.iter().any(|decorator| {
                matches!(&decorator.expression, ruff_python_ast::Expr::Name(name) if name.id.as_str() == "staticmethod")
            })
    }
}

/// The functions of a file and their summaries.
#[derive(Default)]
pub(crate) struct Summaries<'a> {
    /// Module-level functions by name.
    functions: FxHashMap<&'a str, Callable<'a>>,
    /// Methods by (class, name).
    methods: FxHashMap<(&'a str, &'a str), Callable<'a>>,
    /// Base classes of each module-level class that are classes of the
    /// file, by name, in declaration order.
    bases: FxHashMap<&'a str, Vec<&'a str>>,
    memo: FxHashMap<TextSize, Rc<Summary>>,
    in_progress: FxHashSet<TextSize>,
    pub(crate) depth: usize,
    /// Calls met, without a project view, that may go to another module
    /// of the project (fully qualified names).
    pub(crate) outgoing: FxHashSet<String>,
}

impl<'a> Summaries<'a> {
    /// The module-level functions and the methods of module-level classes.
    pub(crate) fn new(suite: &'a [Stmt]) -> Self {
        let mut summaries = Self::default();
        for stmt in suite {
            match stmt {
                Stmt::FunctionDef(def) => {
                    summaries
                        .functions
                        .insert(def.name.as_str(), Callable { def, class: None });
                }
                Stmt::ClassDef(class) => {
                    let bases = class
                        .bases()
                        .iter()
                        .filter_map(|base| match base {
                            ruff_python_ast::Expr::Name(name) => Some(name.id.as_str()),
                            _ => None,
                        })
                        .collect();
                    summaries.bases.insert(class.name.as_str(), bases);
                    for item in &class.body {
                        if let Stmt::FunctionDef(def) = item {
                            summaries.methods.insert(
                                (class.name.as_str(), def.name.as_str()),
                                Callable {
                                    def,
                                    class: Some(class.name.as_str()),
                                },
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        summaries
    }

    pub(crate) fn function(&self, name: &str) -> Option<Callable<'a>> {
        self.functions.get(name).copied()
    }

    pub(crate) fn method(&self, class: &str, name: &str) -> Option<Callable<'a>> {
        self.methods.get(&(class, name)).copied()
    }

    /// `true` when `name` is a module-level class of the file.
    pub(crate) fn is_class(&self, name: &str) -> bool {
        self.bases.contains_key(name)
    }

    /// The constructor a call of `name` runs when `name` is a class of the
    /// file: its `__init__`, inherited or not.
    pub(crate) fn constructor(&self, name: &str) -> Option<Callable<'a>> {
        if !self.is_class(name) {
            return None;
        }
        self.inherited_method(name, "__init__")
    }

    /// The method `name` of `class` or of the first of its base classes,
    /// depth first in declaration order (a simple MRO), that are classes
    /// of this file and define it.
    pub(crate) fn inherited_method(&self, class: &str, name: &str) -> Option<Callable<'a>> {
        let mut pending = vec![class];
        let mut seen: Vec<&str> = Vec::new();
        while let Some(current) = pending.pop() {
            if seen.contains(&current) || seen.len() > MAX_BASES_SEARCHED {
                continue;
            }
            seen.push(current);
            if let Some(method) = self.method(current, name) {
                return Some(method);
            }
            if let Some(bases) = self.bases.get(current) {
                pending.extend(bases.iter().rev());
            }
        }
        None
    }

    /// The memoised summary of `def`, if computed.
    pub(crate) fn memoised(&self, def: &StmtFunctionDef) -> Option<Rc<Summary>> {
        self.memo.get(&def.range.start()).cloned()
    }

    /// Marks `def` as being summarised; `false` when it already is (a
    /// recursive call) or the chain is too deep.
    pub(crate) fn enter(&mut self, def: &StmtFunctionDef) -> bool {
        if self.depth >= MAX_SUMMARY_DEPTH || !self.in_progress.insert(def.range.start()) {
            return false;
        }
        self.depth += 1;
        true
    }

    /// Stores the summary of `def`.
    pub(crate) fn leave(&mut self, def: &StmtFunctionDef, summary: Summary) -> Rc<Summary> {
        self.in_progress.remove(&def.range.start());
        self.depth = self.depth.saturating_sub(1);
        let summary = Rc::new(summary);
        self.memo.insert(def.range.start(), Rc::clone(&summary));
        summary
    }
}
