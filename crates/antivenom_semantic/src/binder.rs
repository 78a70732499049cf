//! Our binder: one walk over a module that drives `SemanticModel`.
//!
//! The model does not traverse the AST itself. This walker creates a binding
//! for every import, assignment, definition, parameter, loop / `with` /
//! `except` / `match` target and comprehension target, pushes and pops
//! scopes, and resolves every name load so that the model remembers which
//! binding each `ExprName` refers to. As in Python (and in Ruff's checker),
//! function and lambda bodies are visited after the enclosing scope is
//! complete, so a function body sees module-level names defined after it.

use crate::star_imports::exported_names;
use crate::stdlib_modules::is_stdlib_module;
use ruff_python_ast::helpers::collect_import_from_member;
use ruff_python_ast::name::QualifiedName;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    self as ast, Comprehension, ExceptHandler, Expr, ExprContext, Parameters, Pattern, Stmt,
};
use ruff_python_semantic::{
    BindingFlags, BindingId, BindingKind, FromImport, GeneratorKind, Import, ReadResult, ScopeKind,
    SemanticModel, Snapshot, SubmoduleImport,
};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};

/// A function or lambda body waiting to be visited.
enum Deferred<'a> {
    Function(&'a ast::StmtFunctionDef),
    Lambda(&'a ast::ExprLambda),
}

/// What the binder learned besides the model itself.
#[derive(Default)]
pub(crate) struct BindingFacts<'a> {
    /// The value assigned by a plain `name = value` (or `name: T = value`).
    pub(crate) assigned_values: FxHashMap<BindingId, &'a Expr>,
    /// Names that some function declares `global` (so module-level
    /// assignments to them may be overwritten at run time).
    pub(crate) declared_global: FxHashSet<&'a str>,
    /// The top-level module of every absolute import (`os` for
    /// `import os.path` and for `from os import path`).
    pub(crate) imported_roots: FxHashSet<&'a str>,
    /// The file names `__import__` or `import_module` somewhere, so it may
    /// import modules whose names only a constant argument tells.
    pub(crate) dynamic_imports: bool,
    /// The calls that may be dynamic imports (`__import__(...)`,
    /// `importlib.import_module(...)`, an alias of either), whose constant
    /// module names the file may import.
    pub(crate) dynamic_import_calls: Vec<&'a ast::ExprCall>,
    /// Standard-library module names used without any binding in reach
    /// (`subprocess.call(...)` with no `import subprocess`): they can only
    /// come from a star import or injected globals, and are taken to be
    /// those modules.
    pub(crate) unbound_modules: FxHashSet<&'a str>,
}

/// Names through which code imports a module chosen at run time.
fn is_dynamic_import_name(name: &str) -> bool {
    matches!(name, "__import__" | "import_module")
}

/// The first segment of a dotted module name.
fn root_of(module: &str) -> &str {
    module.split('.').next().unwrap_or(module)
}

pub(crate) struct Binder<'m, 'a> {
    semantic: &'m mut SemanticModel<'a>,
    facts: BindingFacts<'a>,
    deferred: Vec<(Snapshot, Deferred<'a>)>,
}

impl<'m, 'a> Binder<'m, 'a> {
    pub(crate) fn new(semantic: &'m mut SemanticModel<'a>) -> Self {
        Self {
            semantic,
            facts: BindingFacts::default(),
            deferred: Vec::new(),
        }
    }

    /// Binds a whole module, then every deferred body, and returns the facts.
    pub(crate) fn bind_module(mut self, suite: &'a [Stmt]) -> BindingFacts<'a> {
        let start = self.semantic.snapshot();
        self.visit_body(suite);
        // Bodies can defer further bodies; a work list keeps this iterative.
        while let Some((snapshot, deferred)) = self.deferred.pop() {
            self.semantic.restore(snapshot);
            match deferred {
                Deferred::Function(function) => {
                    self.bind_parameters(&function.parameters);
                    self.visit_body(&function.body);
                }
                Deferred::Lambda(lambda) => {
                    if let Some(parameters) = &lambda.parameters {
                        self.bind_parameters(parameters);
                    }
                    self.visit_expr(&lambda.body);
                }
            }
        }
        self.semantic.restore(start);
        self.facts
    }

    fn bind(&mut self, name: &'a str, range: TextRange, kind: BindingKind<'a>) -> BindingId {
        let flags = match kind {
            BindingKind::Import(_)
            | BindingKind::FromImport(_)
            | BindingKind::SubmoduleImport(_) => BindingFlags::EXTERNAL,
            _ => BindingFlags::empty(),
        };
        let id = self.semantic.push_binding(name, range, kind, flags);
        self.semantic.current_scope_mut().add(name, id);
        id
    }

    fn bind_parameters(&mut self, parameters: &'a Parameters) {
        for parameter in parameters.iter() {
            let name = parameter.name();
            self.bind(name.as_str(), name.range(), BindingKind::Argument);
        }
    }

    /// Binds every name stored by an assignment target.
    fn bind_target(&mut self, target: &'a Expr, kind: fn() -> BindingKind<'a>) {
        match target {
            Expr::Name(name) => {
                self.bind(name.id.as_str(), name.range, kind());
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.bind_target(element, kind);
                }
            }
            Expr::Starred(ast::ExprStarred { value, .. }) => self.bind_target(value, kind),
            // `a.b = ...` and `a[i] = ...` bind nothing but load `a` (and `i`).
            other => self.visit_expr(other),
        }
    }

    fn bind_import(&mut self, import: &'a ast::StmtImport) {
        for alias in &import.names {
            let module = alias.name.as_str();
            self.facts.imported_roots.insert(root_of(module));
            let qualified_name = Box::new(QualifiedName::user_defined(module));
            if let Some(asname) = &alias.asname {
                let kind = BindingKind::Import(Import { qualified_name });
                self.bind(asname.as_str(), alias.range, kind);
            } else if module.contains('.') {
                let head = root_of(module);
                let kind = BindingKind::SubmoduleImport(SubmoduleImport { qualified_name });
                self.bind(head, alias.range, kind);
            } else {
                let kind = BindingKind::Import(Import { qualified_name });
                self.bind(module, alias.range, kind);
            }
        }
    }

    fn bind_import_from(&mut self, import: &'a ast::StmtImportFrom) {
        let module = import.module.as_ref().map(ast::Identifier::as_str);
        if let Some(module) = module.filter(|_| import.level == 0) {
            self.facts.imported_roots.insert(root_of(module));
        }
        for alias in &import.names {
            let member = alias.name.as_str();
            if is_dynamic_import_name(member) {
                self.facts.dynamic_imports = true;
            }
            if member == "*" {
                self.bind_star_import(import.level, module, alias.range);
                continue;
            }
            let qualified_name = Box::new(collect_import_from_member(import.level, module, member));
            let kind = BindingKind::FromImport(FromImport { qualified_name });
            let bound = alias
                .asname
                .as_ref()
                .map_or(member, ast::Identifier::as_str);
            self.bind(bound, alias.range, kind);
        }
    }

    /// `true` for a call of `__import__`, `importlib.import_module` or
    /// `importlib.__import__`, directly or through an alias.
    fn may_be_dynamic_import(&self, call: &ast::ExprCall) -> bool {
        match call.func.as_ref() {
            Expr::Attribute(attribute) => is_dynamic_import_name(attribute.attr.as_str()),
            Expr::Name(name) if is_dynamic_import_name(name.id.as_str()) => true,
            func @ Expr::Name(_) => {
                self.semantic
                    .resolve_qualified_name(func)
                    .is_some_and(|name| {
                        name.segments()
                            .last()
                            .is_some_and(|last| is_dynamic_import_name(last))
                    })
            }
            _ => false,
        }
    }

    /// `from os import *`: binds the names a known stdlib module exports.
    fn bind_star_import(&mut self, level: u32, module: Option<&'a str>, range: TextRange) {
        let Some(module) = module.filter(|_| level == 0) else {
            return;
        };
        let Some(names) = exported_names(module) else {
            return;
        };
        for &member in names {
            let qualified_name = Box::new(collect_import_from_member(0, Some(module), member));
            let kind = BindingKind::FromImport(FromImport { qualified_name });
            self.bind(member, range, kind);
        }
    }

    fn visit_function_def(&mut self, function: &'a ast::StmtFunctionDef) {
        for decorator in &function.decorator_list {
            self.visit_decorator(decorator);
        }
        // Defaults and annotations are evaluated in the enclosing scope.
        for parameter in function.parameters.iter() {
            if let Some(annotation) = parameter.annotation() {
                self.visit_annotation(annotation);
            }
        }
        for parameter in function.parameters.iter_non_variadic_params() {
            if let Some(default) = parameter.default() {
                self.visit_expr(default);
            }
        }
        if let Some(returns) = &function.returns {
            self.visit_annotation(returns);
        }
        self.semantic.push_scope(ScopeKind::Function(function));
        let scope_id = self.semantic.scope_id;
        self.deferred
            .push((self.semantic.snapshot(), Deferred::Function(function)));
        self.semantic.pop_scope();
        let name = &function.name;
        self.bind(
            name.as_str(),
            name.range(),
            BindingKind::FunctionDefinition(scope_id),
        );
    }

    fn visit_class_def(&mut self, class: &'a ast::StmtClassDef) {
        for decorator in &class.decorator_list {
            self.visit_decorator(decorator);
        }
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
        }
        self.semantic.push_scope(ScopeKind::Class(class));
        let scope_id = self.semantic.scope_id;
        self.visit_body(&class.body);
        self.semantic.pop_scope();
        let name = &class.name;
        self.bind(
            name.as_str(),
            name.range(),
            BindingKind::ClassDefinition(scope_id),
        );
    }

    fn visit_comprehensions(&mut self, generators: &'a [Comprehension], kind: GeneratorKind) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        self.semantic.push_scope(ScopeKind::Generator {
            kind,
            is_async: false,
        });
        for (index, generator) in generators.iter().enumerate() {
            if index > 0 {
                self.visit_expr(&generator.iter);
            }
            self.bind_target(&generator.target, || BindingKind::LoopVar);
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
    }

    fn bind_pattern(&mut self, pattern: &'a Pattern) {
        match pattern {
            Pattern::MatchAs(ast::PatternMatchAs { pattern, name, .. }) => {
                if let Some(pattern) = pattern {
                    self.bind_pattern(pattern);
                }
                if let Some(name) = name {
                    self.bind(name.as_str(), name.range(), BindingKind::Assignment);
                }
            }
            Pattern::MatchStar(ast::PatternMatchStar {
                name: Some(name), ..
            }) => {
                self.bind(name.as_str(), name.range(), BindingKind::Assignment);
            }
            Pattern::MatchMapping(ast::PatternMatchMapping {
                keys,
                patterns,
                rest,
                ..
            }) => {
                for key in keys {
                    self.visit_expr(key);
                }
                for pattern in patterns {
                    self.bind_pattern(pattern);
                }
                if let Some(rest) = rest {
                    self.bind(rest.as_str(), rest.range(), BindingKind::Assignment);
                }
            }
            Pattern::MatchSequence(ast::PatternMatchSequence { patterns, .. })
            | Pattern::MatchOr(ast::PatternMatchOr { patterns, .. }) => {
                for pattern in patterns {
                    self.bind_pattern(pattern);
                }
            }
            Pattern::MatchClass(ast::PatternMatchClass { cls, arguments, .. }) => {
                self.visit_expr(cls);
                for pattern in &arguments.patterns {
                    self.bind_pattern(pattern);
                }
                for keyword in &arguments.keywords {
                    self.bind_pattern(&keyword.pattern);
                }
            }
            Pattern::MatchValue(ast::PatternMatchValue { value, .. }) => self.visit_expr(value),
            Pattern::MatchSingleton(_) | Pattern::MatchStar(_) => {}
        }
    }
}

impl<'a> Visitor<'a> for Binder<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.semantic.push_node(stmt);
        match stmt {
            Stmt::Import(import) => self.bind_import(import),
            Stmt::ImportFrom(import) => self.bind_import_from(import),
            Stmt::FunctionDef(function) => self.visit_function_def(function),
            Stmt::ClassDef(class) => self.visit_class_def(class),
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                for target in &assign.targets {
                    self.bind_target(target, || BindingKind::Assignment);
                }
                if let [Expr::Name(name)] = assign.targets.as_slice()
                    && let Some(id) = self.semantic.current_scope().get(name.id.as_str())
                {
                    self.facts.assigned_values.insert(id, &assign.value);
                }
            }
            Stmt::AnnAssign(assign) => {
                self.visit_annotation(&assign.annotation);
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                    self.bind_target(&assign.target, || BindingKind::Assignment);
                    if let Expr::Name(name) = assign.target.as_ref()
                        && let Some(id) = self.semantic.current_scope().get(name.id.as_str())
                    {
                        self.facts.assigned_values.insert(id, value);
                    }
                } else {
                    self.bind_target(&assign.target, || BindingKind::Annotation);
                }
            }
            Stmt::AugAssign(assign) => {
                self.visit_expr(&assign.value);
                if let Expr::Name(name) = assign.target.as_ref() {
                    self.semantic.resolve_load(name);
                }
                self.bind_target(&assign.target, || BindingKind::Assignment);
            }
            Stmt::For(for_stmt) => {
                self.visit_expr(&for_stmt.iter);
                self.bind_target(&for_stmt.target, || BindingKind::LoopVar);
                self.visit_body(&for_stmt.body);
                self.visit_body(&for_stmt.orelse);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(vars) = &item.optional_vars {
                        self.bind_target(vars, || BindingKind::WithItemVar);
                    }
                }
                self.visit_body(&with.body);
            }
            Stmt::Try(try_stmt) => {
                self.visit_body(&try_stmt.body);
                for handler in &try_stmt.handlers {
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(type_) = &handler.type_ {
                        self.visit_expr(type_);
                    }
                    if let Some(name) = &handler.name {
                        self.bind(name.as_str(), name.range(), BindingKind::Assignment);
                    }
                    self.visit_body(&handler.body);
                }
                self.visit_body(&try_stmt.orelse);
                self.visit_body(&try_stmt.finalbody);
            }
            Stmt::Match(match_stmt) => {
                self.visit_expr(&match_stmt.subject);
                for case in &match_stmt.cases {
                    self.bind_pattern(&case.pattern);
                    if let Some(guard) = &case.guard {
                        self.visit_expr(guard);
                    }
                    self.visit_body(&case.body);
                }
            }
            Stmt::Global(global) => {
                for name in &global.names {
                    self.facts.declared_global.insert(name.as_str());
                }
            }
            Stmt::TypeAlias(alias) => {
                self.visit_expr(&alias.value);
                self.bind_target(&alias.name, || BindingKind::Assignment);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.semantic.pop_node();
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => match name.ctx {
                ExprContext::Load => {
                    if is_dynamic_import_name(name.id.as_str()) {
                        self.facts.dynamic_imports = true;
                    }
                    let result = self.semantic.resolve_load(name);
                    if matches!(result, ReadResult::NotFound | ReadResult::WildcardImport)
                        && is_stdlib_module(name.id.as_str())
                    {
                        self.facts.unbound_modules.insert(name.id.as_str());
                        self.facts.imported_roots.insert(name.id.as_str());
                    }
                }
                ExprContext::Store => {
                    self.bind(name.id.as_str(), name.range, BindingKind::Assignment);
                }
                ExprContext::Del | ExprContext::Invalid => {}
            },
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                self.bind_target(&named.target, || BindingKind::NamedExprAssignment);
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    for parameter in parameters.iter_non_variadic_params() {
                        if let Some(default) = parameter.default() {
                            self.visit_expr(default);
                        }
                    }
                }
                self.semantic.push_scope(ScopeKind::Lambda(lambda));
                self.deferred
                    .push((self.semantic.snapshot(), Deferred::Lambda(lambda)));
                self.semantic.pop_scope();
            }
            Expr::ListComp(comp) => {
                self.visit_comprehensions(&comp.generators, GeneratorKind::ListComprehension);
                self.visit_expr(&comp.elt);
                self.semantic.pop_scope();
            }
            Expr::SetComp(comp) => {
                self.visit_comprehensions(&comp.generators, GeneratorKind::SetComprehension);
                self.visit_expr(&comp.elt);
                self.semantic.pop_scope();
            }
            Expr::Generator(comp) => {
                self.visit_comprehensions(&comp.generators, GeneratorKind::Generator);
                self.visit_expr(&comp.elt);
                self.semantic.pop_scope();
            }
            Expr::DictComp(comp) => {
                self.visit_comprehensions(&comp.generators, GeneratorKind::DictComprehension);
                if let Some(key) = &comp.key {
                    self.visit_expr(key);
                }
                self.visit_expr(&comp.value);
                self.semantic.pop_scope();
            }
            Expr::Attribute(attribute) => {
                if is_dynamic_import_name(attribute.attr.as_str()) {
                    self.facts.dynamic_imports = true;
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Call(call) => {
                visitor::walk_expr(self, expr);
                // After the callee is resolved (an alias of `import_module`
                // is found through its binding).
                if self.facts.dynamic_imports && self.may_be_dynamic_import(call) {
                    self.facts.dynamic_import_calls.push(call);
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}
