//! Building [`ModuleSymbols`] in one pass over the top-level statements and
//! class bodies.
//!
//! Every branch of a module-level `if`/`try`/`with`/loop/`match` block is
//! read (so both sides of `try: import a / except ImportError: import b` and
//! the body of `if TYPE_CHECKING:` are recorded); function bodies are not
//! read.

use crate::dotted::{annotation_name, callee_or_value_name, dotted_name};
use crate::module_symbols::ModuleSymbols;
use crate::symbols::{
    Binding, BindingKind, ClassAttribute, ClassSymbol, FunctionKind, FunctionSymbol, Import,
    Parameter, ParameterKind,
};
use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::{self as ast, ExceptHandler, Expr, Operator, Stmt};
use ruff_text_size::TextRange;

/// Deepest nesting of blocks (and of classes in classes) read.
const MAX_BLOCK_DEPTH: usize = 16;

/// Most relative-import levels honoured.
const MAX_RELATIVE_LEVEL: u32 = 64;

impl ModuleSymbols {
    /// Reads the symbols of the module `module_name` (dotted; `""` when the
    /// file has no module name) from its top-level statements. `is_package`
    /// is `true` for an `__init__.py`, so relative imports resolve from the
    /// module itself rather than from its parent.
    #[must_use]
    pub fn from_suite(module_name: impl Into<String>, is_package: bool, suite: &[Stmt]) -> Self {
        let mut collector = Collector {
            symbols: Self {
                name: module_name.into(),
                is_package,
                dunder_all_exact: true,
                ..Self::default()
            },
        };
        collector.module_block(suite, false, 0);
        collector.symbols
    }
}

struct Collector {
    symbols: ModuleSymbols,
}

impl Collector {
    fn bind(&mut self, name: &str, kind: BindingKind, range: TextRange, conditional: bool) {
        let binding = Binding {
            kind,
            range,
            conditional,
        };
        match self.symbols.bindings.get_mut(name) {
            Some(bindings) => bindings.push(binding),
            None => {
                self.symbols.bindings.insert(name.to_owned(), vec![binding]);
                self.symbols.names.push(name.to_owned());
            }
        }
    }

    fn module_block(&mut self, suite: &[Stmt], conditional: bool, depth: usize) {
        if depth > MAX_BLOCK_DEPTH {
            return;
        }
        for stmt in suite {
            self.module_statement(stmt, conditional, depth);
        }
    }

    fn module_statement(&mut self, stmt: &Stmt, conditional: bool, depth: usize) {
        match stmt {
            Stmt::FunctionDef(function) => {
                let index = self.function(function, None, "");
                self.bind(
                    &function.name.id,
                    BindingKind::Function(index),
                    function.range,
                    conditional,
                );
            }
            Stmt::ClassDef(class) => {
                let index = self.class(class, None, "", depth);
                self.bind(
                    &class.name.id,
                    BindingKind::Class(index),
                    class.range,
                    conditional,
                );
            }
            Stmt::Import(import) => self.import(import, conditional),
            Stmt::ImportFrom(import) => self.import_from(import, conditional),
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    self.assign(target, Some(&assign.value), assign.range, conditional);
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    self.assign(&assign.target, Some(value), assign.range, conditional);
                }
            }
            Stmt::AugAssign(assign) => {
                if is_dunder_all(&assign.target) && assign.op == Operator::Add {
                    self.extend_all(&assign.value);
                } else if let Expr::Name(name) = &*assign.target {
                    self.bind(&name.id, BindingKind::Opaque, assign.range, conditional);
                }
            }
            Stmt::Expr(expression) => self.all_mutation(&expression.value),
            Stmt::TypeAlias(alias) => {
                if let Expr::Name(name) = &*alias.name {
                    self.bind(&name.id, BindingKind::Opaque, alias.range, conditional);
                }
            }
            Stmt::If(branch) => {
                self.module_block(&branch.body, true, depth + 1);
                for clause in &branch.elif_else_clauses {
                    self.module_block(&clause.body, true, depth + 1);
                }
            }
            Stmt::Try(attempt) => {
                self.module_block(&attempt.body, true, depth + 1);
                for handler in &attempt.handlers {
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(name) = &handler.name {
                        self.bind(&name.id, BindingKind::Opaque, handler.range, true);
                    }
                    self.module_block(&handler.body, true, depth + 1);
                }
                self.module_block(&attempt.orelse, true, depth + 1);
                self.module_block(&attempt.finalbody, true, depth + 1);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    if let Some(target) = &item.optional_vars {
                        self.assign(target, None, with.range, conditional);
                    }
                }
                self.module_block(&with.body, conditional, depth + 1);
            }
            Stmt::For(loop_) => {
                self.assign(&loop_.target, None, loop_.range, true);
                self.module_block(&loop_.body, true, depth + 1);
                self.module_block(&loop_.orelse, true, depth + 1);
            }
            Stmt::While(loop_) => {
                self.module_block(&loop_.body, true, depth + 1);
                self.module_block(&loop_.orelse, true, depth + 1);
            }
            Stmt::Match(match_) => {
                for case in &match_.cases {
                    self.module_block(&case.body, true, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// `import a.b.c` binds `a`; `import a.b.c as d` binds `d` to `a.b.c`.
    fn import(&mut self, import: &ast::StmtImport, conditional: bool) {
        for alias in &import.names {
            let module = alias.name.id.as_str();
            let (bound, target) = match &alias.asname {
                Some(asname) => (asname.id.as_str(), module),
                None => {
                    let first = module.split('.').next().unwrap_or(module);
                    (first, first)
                }
            };
            self.bind(
                bound,
                BindingKind::Module(target.to_owned()),
                alias.range,
                conditional,
            );
            self.symbols.imports.push(Import {
                module: module.to_owned(),
                member: None,
                bound_as: Some(bound.to_owned()),
                range: alias.range,
                conditional,
            });
        }
    }

    fn import_from(&mut self, import: &ast::StmtImportFrom, conditional: bool) {
        let module = import.module.as_ref().map(|module| module.id.as_str());
        let absolute = if import.level == 0 {
            module.map(str::to_owned)
        } else {
            resolve_relative(
                self.symbols.package(),
                import.level.min(MAX_RELATIVE_LEVEL),
                module,
            )
        };
        for alias in &import.names {
            let member = alias.name.id.as_str();
            if member == "*" {
                if let Some(absolute) = &absolute {
                    self.symbols.star_imports.push(absolute.clone());
                    self.symbols.imports.push(Import {
                        module: absolute.clone(),
                        member: None,
                        bound_as: None,
                        range: import.range,
                        conditional,
                    });
                }
                continue;
            }
            let bound = alias.asname.as_ref().map_or(member, |asname| &asname.id);
            let kind = match &absolute {
                Some(absolute) => {
                    self.symbols.imports.push(Import {
                        module: absolute.clone(),
                        member: Some(member.to_owned()),
                        bound_as: Some(bound.to_owned()),
                        range: alias.range,
                        conditional,
                    });
                    BindingKind::ImportFrom {
                        module: absolute.clone(),
                        member: member.to_owned(),
                    }
                }
                None => BindingKind::Opaque,
            };
            self.bind(bound, kind, alias.range, conditional);
        }
    }

    /// A module-level assignment to `target` of `value` (`None` when the
    /// value is not an expression we can read: a loop or `with` target).
    fn assign(&mut self, target: &Expr, value: Option<&Expr>, range: TextRange, conditional: bool) {
        match target {
            Expr::Name(name) => {
                if name.id.as_str() == "__all__"
                    && let Some(value) = value
                {
                    self.symbols.dunder_all = Some(Vec::new());
                    self.symbols.dunder_all_exact = true;
                    self.extend_all(value);
                }
                let kind = value
                    .and_then(dotted_name)
                    .map_or(BindingKind::Opaque, BindingKind::Alias);
                self.bind(&name.id, kind, range, conditional);
            }
            Expr::Tuple(ast::ExprTuple { elts: targets, .. })
            | Expr::List(ast::ExprList { elts: targets, .. }) => {
                let values = match value {
                    Some(Expr::Tuple(ast::ExprTuple { elts, .. }))
                    | Some(Expr::List(ast::ExprList { elts, .. }))
                        if elts.len() == targets.len() =>
                    {
                        Some(elts)
                    }
                    _ => None,
                };
                for (position, target) in targets.iter().enumerate() {
                    let value = values.and_then(|values| values.get(position));
                    self.assign(target, value, range, conditional);
                }
            }
            Expr::Starred(starred) => self.assign(&starred.value, None, range, conditional),
            _ => {}
        }
    }

    /// `__all__.extend([...])`, `__all__.append("x")`.
    fn all_mutation(&mut self, expr: &Expr) {
        let Expr::Call(call) = expr else { return };
        let Expr::Attribute(attribute) = &*call.func else {
            return;
        };
        if !is_dunder_all(&attribute.value) {
            return;
        }
        let [argument] = &*call.arguments.args else {
            self.symbols.dunder_all_exact = false;
            return;
        };
        match attribute.attr.id.as_str() {
            "extend" => self.extend_all(argument),
            "append" => match argument {
                Expr::StringLiteral(literal) => {
                    let name = literal.value.to_str().to_owned();
                    self.symbols.dunder_all.get_or_insert_default().push(name);
                }
                _ => self.symbols.dunder_all_exact = false,
            },
            _ => {}
        }
    }

    /// Adds the string literals of `value` (a list, tuple or sum of them)
    /// to `__all__`; anything else makes `__all__` inexact.
    fn extend_all(&mut self, value: &Expr) {
        let mut pending = vec![value];
        let mut visited = 0;
        while let Some(expr) = pending.pop() {
            visited += 1;
            if visited > 4096 {
                self.symbols.dunder_all_exact = false;
                break;
            }
            match expr {
                Expr::List(ast::ExprList { elts, .. })
                | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                    for element in elts {
                        match element {
                            Expr::StringLiteral(literal) => {
                                let name = literal.value.to_str().to_owned();
                                self.symbols.dunder_all.get_or_insert_default().push(name);
                            }
                            _ => self.symbols.dunder_all_exact = false,
                        }
                    }
                }
                Expr::BinOp(binary) if binary.op == Operator::Add => {
                    // Right first on the stack so the left side is read first.
                    pending.push(&binary.right);
                    pending.push(&binary.left);
                }
                _ => {
                    self.symbols.dunder_all.get_or_insert_default();
                    self.symbols.dunder_all_exact = false;
                }
            }
        }
    }

    /// Records a function (or method of `class`, whose qualified name is
    /// `prefix`) and returns its index.
    fn function(
        &mut self,
        function: &ast::StmtFunctionDef,
        class: Option<usize>,
        prefix: &str,
    ) -> usize {
        let decorators: Vec<String> = function
            .decorator_list
            .iter()
            .filter_map(|decorator| callee_or_value_name(&decorator.expression))
            .collect();
        let name = function.name.id.as_str();
        let kind = match class {
            None => FunctionKind::Function,
            Some(_) => method_kind(name, &decorators),
        };
        let index = self.symbols.functions.len();
        self.symbols.functions.push(FunctionSymbol {
            name: name.to_owned(),
            qualname: qualify(prefix, name),
            range: function.range,
            name_range: function.name.range,
            kind,
            is_async: function.is_async,
            parameters: parameters(&function.parameters),
            decorators,
            returns: function.returns.as_deref().and_then(annotation_name),
            returns_value: returns_value(&function.body),
            class,
        });
        index
    }

    /// Records a class (nested in `parent`, whose qualified name is
    /// `prefix`), its methods, attributes and nested classes, and returns
    /// its index.
    fn class(
        &mut self,
        class: &ast::StmtClassDef,
        parent: Option<usize>,
        prefix: &str,
        depth: usize,
    ) -> usize {
        let index = self.symbols.classes.len();
        let qualname = qualify(prefix, &class.name.id);
        self.symbols.classes.push(ClassSymbol {
            name: class.name.id.to_string(),
            qualname: qualname.clone(),
            range: class.range,
            name_range: class.name.range,
            bases: class
                .bases()
                .iter()
                .filter_map(callee_or_value_name)
                .collect(),
            decorators: class
                .decorator_list
                .iter()
                .filter_map(|decorator| callee_or_value_name(&decorator.expression))
                .collect(),
            methods: Vec::new(),
            attributes: Vec::new(),
            nested: Vec::new(),
            parent,
        });
        self.class_block(&class.body, index, &qualname, depth + 1);
        index
    }

    fn class_block(&mut self, suite: &[Stmt], class: usize, qualname: &str, depth: usize) {
        if depth > MAX_BLOCK_DEPTH {
            return;
        }
        for stmt in suite {
            match stmt {
                Stmt::FunctionDef(function) => {
                    let method = self.function(function, Some(class), qualname);
                    if let Some(symbol) = self.symbols.classes.get_mut(class) {
                        symbol.methods.push(method);
                    }
                }
                Stmt::ClassDef(nested) => {
                    let nested = self.class(nested, Some(class), qualname, depth);
                    if let Some(symbol) = self.symbols.classes.get_mut(class) {
                        symbol.nested.push(nested);
                    }
                }
                Stmt::Assign(assign) => {
                    for target in &assign.targets {
                        self.class_attribute(class, target, Some(&assign.value), assign.range);
                    }
                }
                Stmt::AnnAssign(assign) => self.class_attribute(
                    class,
                    &assign.target,
                    assign.value.as_deref(),
                    assign.range,
                ),
                Stmt::If(branch) => {
                    self.class_block(&branch.body, class, qualname, depth + 1);
                    for clause in &branch.elif_else_clauses {
                        self.class_block(&clause.body, class, qualname, depth + 1);
                    }
                }
                Stmt::Try(attempt) => {
                    self.class_block(&attempt.body, class, qualname, depth + 1);
                    for handler in &attempt.handlers {
                        let ExceptHandler::ExceptHandler(handler) = handler;
                        self.class_block(&handler.body, class, qualname, depth + 1);
                    }
                    self.class_block(&attempt.orelse, class, qualname, depth + 1);
                    self.class_block(&attempt.finalbody, class, qualname, depth + 1);
                }
                _ => {}
            }
        }
    }

    fn class_attribute(
        &mut self,
        class: usize,
        target: &Expr,
        value: Option<&Expr>,
        range: TextRange,
    ) {
        let Some(symbol) = self.symbols.classes.get_mut(class) else {
            return;
        };
        let mut add = |name: &str, value: Option<&Expr>| {
            symbol.attributes.push(ClassAttribute {
                name: name.to_owned(),
                value: value.and_then(attribute_value),
                range,
            });
        };
        match target {
            Expr::Name(name) => add(&name.id, value),
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    if let Expr::Name(name) = element {
                        add(&name.id, None);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A class attribute's value as a dotted name: the name itself, or the
/// function wrapped by `staticmethod(f)`, `classmethod(f)`, `property(f)`.
fn attribute_value(value: &Expr) -> Option<String> {
    if let Expr::Call(call) = value {
        let callee = dotted_name(&call.func)?;
        if matches!(callee.as_str(), "staticmethod" | "classmethod" | "property")
            && let [argument] = &*call.arguments.args
        {
            return dotted_name(argument);
        }
        return None;
    }
    dotted_name(value)
}

fn method_kind(name: &str, decorators: &[String]) -> FunctionKind {
    for decorator in decorators {
        let last = decorator.rsplit('.').next().unwrap_or(decorator);
        match decorator.as_str() {
            "staticmethod" => return FunctionKind::StaticMethod,
            "classmethod" => return FunctionKind::ClassMethod,
            "property" => return FunctionKind::Property,
            _ if last == "cached_property"
                || (decorator.contains('.') && matches!(last, "setter" | "getter" | "deleter")) =>
            {
                return FunctionKind::Property;
            }
            _ => {}
        }
    }
    match name {
        // Implicitly static / class methods (Python data model).
        "__new__" => FunctionKind::StaticMethod,
        "__init_subclass__" | "__class_getitem__" => FunctionKind::ClassMethod,
        _ => FunctionKind::Method,
    }
}

fn parameters(parameters: &ast::Parameters) -> Vec<Parameter> {
    let mut out = Vec::new();
    let with_default = |kind: ParameterKind, parameter: &ast::ParameterWithDefault| Parameter {
        name: parameter.parameter.name.id.to_string(),
        kind,
        has_default: parameter.default.is_some(),
        annotation: parameter
            .parameter
            .annotation
            .as_deref()
            .and_then(annotation_name),
        range: parameter.range,
    };
    let variadic = |kind: ParameterKind, parameter: &ast::Parameter| Parameter {
        name: parameter.name.id.to_string(),
        kind,
        has_default: false,
        annotation: parameter.annotation.as_deref().and_then(annotation_name),
        range: parameter.range,
    };
    for parameter in &parameters.posonlyargs {
        out.push(with_default(ParameterKind::PositionalOnly, parameter));
    }
    for parameter in &parameters.args {
        out.push(with_default(ParameterKind::PositionalOrKeyword, parameter));
    }
    if let Some(parameter) = &parameters.vararg {
        out.push(variadic(ParameterKind::VarPositional, parameter));
    }
    for parameter in &parameters.kwonlyargs {
        out.push(with_default(ParameterKind::KeywordOnly, parameter));
    }
    if let Some(parameter) = &parameters.kwarg {
        out.push(variadic(ParameterKind::VarKeyword, parameter));
    }
    out
}

fn is_dunder_all(expr: &Expr) -> bool {
    matches!(expr, Expr::Name(name) if name.id.as_str() == "__all__")
}

fn qualify(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The absolute module of `from <level dots><module> import ...` in a module
/// whose package is `package` (`""` for a top-level module), or `None` when
/// the dots climb above the top-level package.
pub(crate) fn resolve_relative(package: &str, level: u32, module: Option<&str>) -> Option<String> {
    let mut parts: Vec<&str> = if package.is_empty() {
        Vec::new()
    } else {
        package.split('.').collect()
    };
    for _ in 1..level {
        parts.pop()?;
    }
    if let Some(module) = module {
        parts.extend(module.split('.'));
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("."))
}

/// `true` when `body` holds a `return` with a value, outside nested
/// function and class definitions.
fn returns_value(body: &[Stmt]) -> bool {
    struct Finder {
        found: bool,
    }
    impl StatementVisitor<'_> for Finder {
        fn visit_stmt(&mut self, stmt: &Stmt) {
            match stmt {
                Stmt::Return(ast::StmtReturn { value: Some(_), .. }) => self.found = true,
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                _ if !self.found => walk_stmt(self, stmt),
                _ => {}
            }
        }
    }
    let mut finder = Finder { found: false };
    finder.visit_body(body);
    finder.found
}
