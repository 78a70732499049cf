//! Stage 2 within a file: what a function of the file does with its
//! parameters, computed on demand (when a call to it is met) by analysing
//! it with each parameter seeded with a symbolic label, and memoised.
//!
//! A helper that passes its parameter to `subprocess.run(..., shell=True)`
//! becomes a sink for that parameter, one that returns `html.escape(x)` a
//! sanitizer, one that returns `request.args` a source. Recursion is cut:
//! a call to a function whose summary is being computed is treated as a
//! call without a model.

use crate::tree::TaintTree;
use antivenom_taint_models::VulnerabilityClass;
use ruff_python_ast::{Stmt, StmtFunctionDef};
use ruff_text_size::TextSize;
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

/// Deepest chain of summaries computed inside one another.
const MAX_SUMMARY_DEPTH: usize = 8;

/// What a function does with its parameters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Summary {
    /// Taint of the value it returns: concrete sources (a wrapper of the
    /// request), and parameter labels for parameters passed through, with
    /// what they were cleared for on the way.
    pub(crate) returns: TaintTree,
    /// Parameters that reach a sink inside: (parameter index, class, the
    /// sink's callee).
    pub(crate) parameter_sinks: Vec<(u8, VulnerabilityClass, String)>,
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
    memo: FxHashMap<TextSize, Rc<Summary>>,
    in_progress: FxHashSet<TextSize>,
    pub(crate) depth: usize,
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
