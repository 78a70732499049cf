//! The semantic view of one file that rules query.

use crate::binder::{Binder, BindingFacts};
use crate::constant::{Constant, brace_format, percent_format};
use crate::constant_ops;
use ruff_python_ast::{
    self as ast, ConversionFlag, Expr, FStringPart, InterpolatedStringElement, Number, Operator,
    PySourceType, PythonVersion, Stmt, UnaryOp,
};
use ruff_python_semantic::{
    BindingKind, FromImport, Import, Module, ModuleKind, ModuleSource, SemanticModel,
    SubmoduleImport,
};
use rustc_hash::FxHashSet;
use std::path::Path;

/// How deep constant folding may recurse before giving up.
const MAX_FOLD_DEPTH: usize = 48;

/// Where a file sits, for resolving relative imports.
#[derive(Debug, Clone, Copy)]
pub struct ModuleInfo<'a> {
    /// The file.
    pub path: &'a Path,
    /// Dotted module path (`["pkg", "sub", "mod"]`) when the file is part of
    /// a package; relative imports resolve against it.
    pub module_path: Option<&'a [String]>,
    /// `true` for a package's `__init__.py`.
    pub is_package: bool,
    /// `true` for a `.pyi` stub.
    pub is_stub: bool,
}

/// A bound module: the semantic model plus what the binder learned.
pub struct FileSemantic<'a> {
    model: SemanticModel<'a>,
    facts: BindingFacts<'a>,
    /// The top-level name of the file's own module (its package's root, or
    /// its own name outside a package): the file's own definitions and its
    /// relative imports resolve under it.
    own_root: Option<&'a str>,
    /// Top-level modules named by constant dynamic imports.
    dynamic_roots: FxHashSet<String>,
}

impl<'a> FileSemantic<'a> {
    /// Binds every name in `suite`.
    #[must_use]
    pub fn build(suite: &'a [Stmt], info: ModuleInfo<'a>) -> Self {
        let source = match info.module_path {
            Some(path) => ModuleSource::Path(path),
            None => ModuleSource::File(info.path),
        };
        let module = Module {
            kind: if info.is_package {
                ModuleKind::Package
            } else {
                ModuleKind::Module
            },
            source,
            python_ast: suite,
            name: info.path.file_stem().and_then(|stem| stem.to_str()),
        };
        let source_type = if info.is_stub {
            PySourceType::Stub
        } else {
            PySourceType::Python
        };
        let mut model = SemanticModel::new(
            &[],
            &[],
            PythonVersion::PY314,
            source_type,
            info.path,
            module,
        );
        let facts = Binder::new(&mut model).bind_module(suite);
        let own_root = match info.module_path {
            Some(segments) => segments.first().map(String::as_str),
            None => info.path.file_stem().and_then(|stem| stem.to_str()),
        };
        let mut semantic = Self {
            model,
            facts,
            own_root,
            dynamic_roots: FxHashSet::default(),
        };
        // Only a constant module name makes names resolve under a module
        // (see `dynamic_module`), so only those can be imported for rules.
        let roots: FxHashSet<String> = semantic
            .facts
            .dynamic_import_calls
            .iter()
            .filter_map(|call| {
                let module =
                    semantic.constant_str(call.arguments.find_argument_value("name", 0)?)?;
                Some(module.split('.').next().unwrap_or_default().to_owned())
            })
            .collect();
        semantic.dynamic_roots = roots;
        semantic
    }

    /// `false` when no name in the file can resolve under the top-level
    /// module `root` (`"ssl"`, `"django"`): the file does not import it, is
    /// not part of it (its own definitions resolve under its module name),
    /// and names it in no `__import__` / `import_module` call with a constant
    /// name (only those resolve to names under a module). Rules about
    /// `root`'s API then skip the file.
    #[must_use]
    pub fn may_import(&self, root: &str) -> bool {
        self.facts.imported_roots.contains(root)
            || self.own_root == Some(root)
            || self.dynamic_roots.contains(root)
    }

    /// Every `root` for which [`Self::may_import`] is `true` (possibly more
    /// than once), for callers asking about many roots: going through the
    /// file's few roots costs less than asking for each of theirs.
    pub fn possible_import_roots(&self) -> impl Iterator<Item = &str> {
        self.facts
            .imported_roots
            .iter()
            .copied()
            .chain(self.own_root)
            .chain(self.dynamic_roots.iter().map(String::as_str))
    }

    /// The underlying Ruff model.
    #[must_use]
    pub fn model(&self) -> &SemanticModel<'a> {
        &self.model
    }

    /// The expression `expr` stands for: a name bound by a plain assignment
    /// or by a `with … as name` item gives the assigned (context) expression,
    /// as bound at this use; any other expression is returned unchanged.
    /// `None` for names bound in other ways (parameters, loops, imports).
    #[must_use]
    pub fn bound_value<'x>(&self, expr: &'x Expr) -> Option<&'x Expr>
    where
        'a: 'x,
    {
        let Expr::Name(name) = expr else {
            return Some(expr);
        };
        let model = &self.model;
        let binding = model.binding(model.resolve_name(name)?);
        if !matches!(
            binding.kind,
            BindingKind::Assignment | BindingKind::WithItemVar
        ) {
            return None;
        }
        let is_this_binding =
            |target: &Expr| matches!(target, Expr::Name(target) if target.range == binding.range);
        match binding.statement(model)? {
            Stmt::Assign(assign) => assign
                .targets
                .iter()
                .any(is_this_binding)
                .then_some(&*assign.value),
            Stmt::AnnAssign(assign) if is_this_binding(&assign.target) => assign.value.as_deref(),
            Stmt::With(with) => with
                .items
                .iter()
                .find(|item| item.optional_vars.as_deref().is_some_and(is_this_binding))
                .map(|item| &item.context_expr),
            _ => None,
        }
    }

    /// The qualified name of the callable whose result `expr` is:
    /// `tarfile.open` for `tarfile.open(p)`, `await tarfile.open(p)`, or a
    /// name bound from either.
    #[must_use]
    pub fn constructor(&self, expr: &Expr) -> Option<String> {
        let value = match self.bound_value(expr)? {
            Expr::Await(awaited) => &*awaited.value,
            other => other,
        };
        let Expr::Call(call) = value else {
            return None;
        };
        self.qualified_name(&call.func)
    }

    /// The fully-qualified name `expr` refers to, such as `os.system` for
    /// `from os import system as run; run`, `eval` for the builtin, or
    /// `pickle.loads` for `importlib.import_module("pickle").loads`.
    /// `None` for local variables and anything not imported or builtin.
    #[must_use]
    pub fn qualified_name(&self, expr: &Expr) -> Option<String> {
        self.qualified_name_at_depth(expr, 0)
    }

    /// The last dotted segment of the qualified name of the plain name
    /// `name` (see [`Self::qualified_name`]), when it can be told without
    /// resolving the name; `name` itself when it has no qualified name.
    /// Known for a name bound by an absolute import (the imported name's
    /// last segment) and for one bound by anything but an import or an
    /// assignment (a builtin, a function or class of the module, a local
    /// variable: the name itself or nothing); `None` when only resolving
    /// tells (a relative import may not resolve, an assignment may bind a
    /// dynamic import, an unbound name may be a module).
    #[must_use]
    pub fn known_last_segment<'n>(&'n self, name: &'n ast::ExprName) -> Option<&'n str> {
        let binding = self.model.binding(self.model.resolve_name(name)?);
        match &binding.kind {
            // The imported name's segments, then the (empty) attribute
            // chain; only the first segment of a submodule import counts.
            BindingKind::Import(Import { qualified_name }) => {
                qualified_name.segments().last().copied()
            }
            BindingKind::SubmoduleImport(SubmoduleImport { qualified_name }) => {
                qualified_name.segments().first().copied()
            }
            BindingKind::FromImport(FromImport { qualified_name }) => {
                let segments = qualified_name.segments();
                if segments.first() == Some(&".") {
                    return None;
                }
                segments.last().copied()
            }
            // Only reachable through a dynamic import, if the file has one.
            BindingKind::Assignment if self.facts.dynamic_imports => None,
            _ => Some(name.id.as_str()),
        }
    }

    /// `false` when `expr` surely does not resolve to a qualified name
    /// whose last segment passes `accept`, told without resolving it: an
    /// attribute access `x.attr` resolves, if at all, to a name ending in
    /// `attr`; a plain name's last segment is often known from its binding
    /// (see [`Self::known_last_segment`]). Anything else (a call may be a
    /// dynamic import or `getattr`) may resolve to any name.
    pub fn may_resolve_with_last(&self, expr: &Expr, accept: impl Fn(&str) -> bool) -> bool {
        match expr {
            Expr::Attribute(attribute) => accept(attribute.attr.as_str()),
            Expr::Name(name) => self.known_last_segment(name).is_none_or(accept),
            _ => true,
        }
    }

    fn qualified_name_at_depth(&self, expr: &Expr, depth: usize) -> Option<String> {
        if depth > MAX_FOLD_DEPTH {
            return None;
        }
        match expr {
            Expr::Name(_) | Expr::Attribute(_) => {
                if let Some(name) = self.model.resolve_qualified_name(expr) {
                    return Some(normalize_qualified_name(name.segments()));
                }
                // Not an import or builtin by itself: the head of the chain
                // may still be a dynamic import (`__import__("os").system`,
                // `m = importlib.import_module("pickle"); m.loads`).
                let mut head = expr;
                while let Expr::Attribute(attribute) = head {
                    head = &attribute.value;
                }
                let base = match head {
                    // A standard-library module used without an import in reach.
                    Expr::Name(name)
                        if self.facts.unbound_modules.contains(name.id.as_str())
                            && self.model.resolve_name(name).is_none() =>
                    {
                        name.id.to_string()
                    }
                    // Only a dynamic import can bind a module to a plain name.
                    Expr::Name(_) if !self.facts.dynamic_imports => return None,
                    Expr::Name(name) => {
                        let value = self.single_assigned_value(name)?;
                        self.dynamic_module(value, depth + 1)?
                    }
                    Expr::Call(_) => self.qualified_name_at_depth(head, depth + 1)?,
                    _ => return None,
                };
                let mut attributes = Vec::new();
                let mut link = expr;
                while let Expr::Attribute(attribute) = link {
                    attributes.push(attribute.attr.as_str());
                    link = &attribute.value;
                }
                let mut qualified = base;
                for attribute in attributes.iter().rev() {
                    qualified.push('.');
                    qualified.push_str(attribute);
                }
                Some(qualified)
            }
            Expr::Call(call) => self.dynamic_module(expr, depth).or_else(|| {
                // `getattr(os, "system")`
                if self.qualified_name_at_depth(&call.func, depth + 1)? != "getattr" {
                    return None;
                }
                let [object, attribute, ..] = &*call.arguments.args else {
                    return None;
                };
                let attribute = self.constant(attribute)?;
                let base = self.qualified_name_at_depth(object, depth + 1)?;
                Some(format!("{base}.{}", attribute.as_str()?))
            }),
            _ => None,
        }
    }

    /// The module a `__import__("x")` / `importlib.import_module("x")` call
    /// returns, when the name is a constant.
    fn dynamic_module(&self, expr: &Expr, depth: usize) -> Option<String> {
        let Expr::Call(call) = expr else {
            return None;
        };
        let callee = self.qualified_name_at_depth(&call.func, depth + 1)?;
        let module = self.constant(call.arguments.find_argument_value("name", 0)?)?;
        let module = module.as_str()?;
        match callee.as_str() {
            // Without `fromlist`, `__import__("a.b")` returns the package `a`.
            "__import__" if call.arguments.find_argument_value("fromlist", 3).is_none() => {
                Some(module.split('.').next().unwrap_or(module).to_owned())
            }
            "__import__" | "importlib.import_module" | "importlib.__import__" => {
                Some(module.to_owned())
            }
            _ => None,
        }
    }

    /// The value of `name` when it is bound exactly once in its scope by a
    /// plain assignment (`QUERY = "..."`), else `None`.
    #[must_use]
    pub fn single_assigned_value(&self, name: &ast::ExprName) -> Option<&'a Expr> {
        let id = self.model.resolve_name(name)?;
        let binding = self.model.binding(id);
        if !matches!(binding.kind, BindingKind::Assignment) {
            return None;
        }
        let scope = &self.model.scopes[binding.scope];
        if scope.get_all(name.id.as_str()).count() != 1 {
            return None;
        }
        if scope.kind.is_module() && self.facts.declared_global.contains(name.id.as_str()) {
            return None;
        }
        self.facts.assigned_values.get(&id).copied()
    }

    /// The constant `expr` evaluates to, if it can be known statically.
    #[must_use]
    pub fn constant(&self, expr: &Expr) -> Option<Constant> {
        self.fold(expr, 0)
    }

    /// `true` when `expr` folds to a constant.
    #[must_use]
    pub fn is_constant(&self, expr: &Expr) -> bool {
        self.constant(expr).is_some()
    }

    /// The string `expr` folds to, if it is a constant `str`.
    #[must_use]
    pub fn constant_str(&self, expr: &Expr) -> Option<String> {
        match self.constant(expr)? {
            Constant::Str(text) => Some(text),
            _ => None,
        }
    }

    fn fold(&self, expr: &Expr, depth: usize) -> Option<Constant> {
        if depth > MAX_FOLD_DEPTH {
            return None;
        }
        let depth = depth + 1;
        Some(match expr {
            Expr::StringLiteral(literal) => Constant::Str(literal.value.to_str().to_owned()),
            Expr::BytesLiteral(literal) => Constant::Bytes(literal.value.bytes().collect()),
            Expr::NumberLiteral(number) => match &number.value {
                Number::Int(value) => Constant::Int(value.as_i64()?),
                Number::Float(value) => Constant::Float(*value),
                Number::Complex { .. } => return None,
            },
            Expr::BooleanLiteral(literal) => Constant::Bool(literal.value),
            Expr::NoneLiteral(_) => Constant::None,
            Expr::EllipsisLiteral(_) => Constant::Ellipsis,
            Expr::Tuple(ast::ExprTuple { elts, .. })
            | Expr::List(ast::ExprList { elts, .. })
            | Expr::Set(ast::ExprSet { elts, .. }) => Constant::Sequence(
                elts.iter()
                    .map(|element| self.fold(element, depth))
                    .collect::<Option<_>>()?,
            ),
            Expr::FString(fstring) => Constant::Str(self.fold_fstring(fstring, depth)?),
            Expr::BinOp(binary) => {
                let left = self.fold(&binary.left, depth)?;
                let right = self.fold(&binary.right, depth)?;
                fold_binary(left, binary.op, right)?
            }
            Expr::UnaryOp(unary) => {
                let operand = self.fold(&unary.operand, depth)?;
                match (unary.op, operand) {
                    (UnaryOp::USub, Constant::Int(value)) => Constant::Int(value.checked_neg()?),
                    (UnaryOp::USub, Constant::Float(value)) => Constant::Float(-value),
                    (UnaryOp::UAdd, value @ (Constant::Int(_) | Constant::Float(_))) => value,
                    (UnaryOp::Invert, value) => Constant::Int(!value.as_int()?),
                    (UnaryOp::Not, value) => Constant::Bool(!value.is_truthy()),
                    _ => return None,
                }
            }
            Expr::If(ternary) => {
                let test = self.fold(&ternary.test, depth)?;
                if test.is_truthy() {
                    self.fold(&ternary.body, depth)?
                } else {
                    self.fold(&ternary.orelse, depth)?
                }
            }
            Expr::Name(name) => {
                let value = self.single_assigned_value(name)?;
                // A list or set bound to a name can be mutated later
                // (`clauses.append(user_input)`): not a constant.
                if matches!(value, Expr::List(_) | Expr::Set(_)) {
                    return None;
                }
                self.fold(value, depth)?
            }
            // Every known constant's name starts `S_`; an attribute
            // resolves, if at all, to a name ending in itself.
            Expr::Attribute(attribute) if attribute.attr.as_str().starts_with("S_") => {
                known_module_constant(&self.qualified_name(expr)?)?
            }
            Expr::Call(call) => self.fold_call(call, depth)?,
            Expr::Compare(compare) => {
                // `a < b < c` holds when every link does.
                let mut left = self.fold(&compare.left, depth)?;
                for (op, comparator) in compare.ops.iter().zip(&compare.comparators) {
                    let right = self.fold(comparator, depth)?;
                    if !constant_ops::compare(&left, *op, &right)? {
                        return Some(Constant::Bool(false));
                    }
                    left = right;
                }
                Constant::Bool(true)
            }
            Expr::BoolOp(boolean) => {
                // `a and b` is the first falsy operand (else the last);
                // `a or b` the first truthy one (else the last).
                let stop_when_truthy = matches!(boolean.op, ast::BoolOp::Or);
                let mut last = None;
                for value in &boolean.values {
                    let value = self.fold(value, depth)?;
                    if value.is_truthy() == stop_when_truthy {
                        return Some(value);
                    }
                    last = Some(value);
                }
                last?
            }
            Expr::Subscript(subscript) => {
                let value = self.fold(&subscript.value, depth)?;
                match subscript.slice.as_ref() {
                    Expr::Slice(range) if range.step.is_none() => {
                        let bound = |part: &Option<Box<Expr>>| -> Option<Option<i64>> {
                            match part {
                                None => Some(None),
                                Some(part) => Some(Some(self.fold(part, depth)?.as_int()?)),
                            }
                        };
                        constant_ops::slice(&value, bound(&range.lower)?, bound(&range.upper)?)?
                    }
                    key => constant_ops::index(&value, self.fold(key, depth)?.as_int()?)?,
                }
            }
            _ => return None,
        })
    }

    fn fold_fstring(&self, fstring: &ast::ExprFString, depth: usize) -> Option<String> {
        let mut text = String::new();
        for part in fstring.value.iter() {
            match part {
                FStringPart::Literal(literal) => text.push_str(&literal.value),
                FStringPart::FString(inner) => {
                    for element in &inner.elements {
                        match element {
                            InterpolatedStringElement::Literal(literal) => {
                                text.push_str(&literal.value);
                            }
                            InterpolatedStringElement::Interpolation(interpolation) => {
                                let value = self.fold(&interpolation.expression, depth)?;
                                let rendered = match interpolation.conversion {
                                    ConversionFlag::Repr | ConversionFlag::Ascii => {
                                        value.to_python_repr()?
                                    }
                                    ConversionFlag::Str | ConversionFlag::None => {
                                        value.to_python_str()?
                                    }
                                };
                                text.push_str(&rendered);
                            }
                        }
                    }
                }
            }
        }
        Some(text)
    }

    fn fold_call(&self, call: &ast::ExprCall, depth: usize) -> Option<Constant> {
        let arguments = &call.arguments;
        if let Expr::Attribute(attribute) = call.func.as_ref() {
            let method = attribute.attr.as_str();
            if matches!(method, "format" | "join" | "upper" | "lower" | "strip")
                && let Some(Constant::Str(receiver)) = self.fold(&attribute.value, depth)
            {
                return match method {
                    "format" => {
                        let positional = arguments
                            .args
                            .iter()
                            .map(|argument| self.fold(argument, depth))
                            .collect::<Option<Vec<_>>>()?;
                        let keywords = arguments
                            .keywords
                            .iter()
                            .map(|keyword| {
                                Some((
                                    keyword.arg.as_ref()?.as_str(),
                                    self.fold(&keyword.value, depth)?,
                                ))
                            })
                            .collect::<Option<Vec<_>>>()?;
                        Some(Constant::Str(brace_format(
                            &receiver,
                            &positional,
                            &keywords,
                        )?))
                    }
                    "join" => {
                        let [items] = &*arguments.args else {
                            return None;
                        };
                        let Constant::Sequence(items) = self.fold(items, depth)? else {
                            return None;
                        };
                        let parts = items
                            .iter()
                            .map(|item| item.as_str().map(str::to_owned))
                            .collect::<Option<Vec<_>>>()?;
                        Some(Constant::Str(parts.join(&receiver)))
                    }
                    "upper" => Some(Constant::Str(receiver.to_uppercase())),
                    "lower" => Some(Constant::Str(receiver.to_lowercase())),
                    _ => Some(Constant::Str(receiver.trim().to_owned())),
                };
            }
        }
        // Resolved only when its last segment may be that of a function
        // folded below.
        let foldable = |last: &str| matches!(last, "str" | "len" | "int" | "join");
        if !self.may_resolve_with_last(&call.func, foldable) {
            return None;
        }
        let callee = self.qualified_name(&call.func)?;
        // Keep `foldable` above in step with these arms.
        match callee.as_str() {
            "str" => match &*arguments.args {
                [] => Some(Constant::Str(String::new())),
                [value] => Some(Constant::Str(self.fold(value, depth)?.to_python_str()?)),
                _ => None,
            },
            "len" => match &*arguments.args {
                [value] => constant_ops::length(&self.fold(value, depth)?),
                _ => None,
            },
            "int" => match &*arguments.args {
                [value] => match self.fold(value, depth)? {
                    Constant::Int(number) => Some(Constant::Int(number)),
                    Constant::Str(text) => Some(Constant::Int(text.trim().parse().ok()?)),
                    _ => None,
                },
                _ => None,
            },
            "os.path.join" | "posixpath.join" => {
                let mut joined = String::new();
                for argument in &arguments.args {
                    let part = self.fold(argument, depth)?;
                    let part = part.as_str()?;
                    if part.starts_with('/') || joined.is_empty() {
                        joined = part.to_owned();
                    } else {
                        if !joined.ends_with('/') {
                            joined.push('/');
                        }
                        joined.push_str(part);
                    }
                }
                Some(Constant::Str(joined))
            }
            _ => None,
        }
    }
}

/// Joins the segments of a Ruff qualified name; builtins lose the empty (or
/// `builtins`) first segment, so the builtin `eval` is just `eval`.
fn normalize_qualified_name(segments: &[&str]) -> String {
    let segments = match segments {
        ["" | "builtins", rest @ ..] if !rest.is_empty() => rest,
        other => other,
    };
    segments.join(".")
}

fn fold_binary(left: Constant, op: Operator, right: Constant) -> Option<Constant> {
    use Constant::{Bytes, Float, Int, Sequence, Str};
    Some(match (op, left, right) {
        (Operator::Add, Str(a), Str(b)) => Str(a + &b),
        (Operator::Add, Bytes(mut a), Bytes(b)) => {
            a.extend(b);
            Bytes(a)
        }
        (Operator::Add, Sequence(mut a), Sequence(b)) => {
            a.extend(b);
            Sequence(a)
        }
        (Operator::Mod, Str(template), arguments) => Str(percent_format(&template, &arguments)?),
        (Operator::Mult, Str(text), count) | (Operator::Mult, count, Str(text)) => {
            let count = usize::try_from(count.as_int()?).ok()?;
            // Refuse to build huge strings out of `"x" * 10**9`.
            if text.len().saturating_mul(count) > 1 << 20 {
                return None;
            }
            Str(text.repeat(count))
        }
        (Operator::Add | Operator::Sub | Operator::Mult, Float(a), b)
        | (Operator::Add | Operator::Sub | Operator::Mult, b, Float(a)) => {
            let b = match b {
                Float(value) => value,
                other => other.as_int()? as f64,
            };
            Float(match op {
                Operator::Add => a + b,
                Operator::Sub => a - b,
                _ => a * b,
            })
        }
        (op, a, b) => {
            let (a, b) = (a.as_int()?, b.as_int()?);
            Int(match op {
                Operator::Add => a.checked_add(b)?,
                Operator::Sub => a.checked_sub(b)?,
                Operator::Mult => a.checked_mul(b)?,
                Operator::BitOr => a | b,
                Operator::BitAnd => a & b,
                Operator::BitXor => a ^ b,
                Operator::LShift => a.checked_shl(u32::try_from(b).ok()?)?,
                Operator::RShift => a.checked_shr(u32::try_from(b).ok()?)?,
                Operator::FloorDiv => a.checked_div_euclid(b)?,
                Operator::Mod => a.checked_rem_euclid(b)?,
                Operator::Pow => a.checked_pow(u32::try_from(b).ok()?)?,
                _ => return None,
            })
        }
    })
}

/// Values of standard-library constants that rules compare against.
fn known_module_constant(qualified_name: &str) -> Option<Constant> {
    // Every name here ends in a segment starting `S_`: `fold` checks that
    // before resolving an attribute. Keep it so when adding one.
    let value = match qualified_name {
        "stat.S_ISUID" => 0o4000,
        "stat.S_ISGID" => 0o2000,
        "stat.S_ISVTX" => 0o1000,
        "stat.S_IRWXU" => 0o700,
        "stat.S_IRUSR" | "stat.S_IREAD" => 0o400,
        "stat.S_IWUSR" | "stat.S_IWRITE" => 0o200,
        "stat.S_IXUSR" | "stat.S_IEXEC" => 0o100,
        "stat.S_IRWXG" => 0o70,
        "stat.S_IRGRP" => 0o40,
        "stat.S_IWGRP" => 0o20,
        "stat.S_IXGRP" => 0o10,
        "stat.S_IRWXO" => 0o7,
        "stat.S_IROTH" => 0o4,
        "stat.S_IWOTH" => 0o2,
        "stat.S_IXOTH" => 0o1,
        _ => return None,
    };
    Some(Constant::Int(value))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use ruff_python_ast::visitor::{self, Visitor};
    use ruff_python_parser::parse_module;

    /// Every plain-name callee in `source`: its name, known last segment
    /// and qualified name.
    fn name_callees(source: &str, dynamic: bool) -> Vec<(String, Option<String>, Option<String>)> {
        struct Callees<'s, 'a> {
            semantic: &'s FileSemantic<'a>,
            out: Vec<(String, Option<String>, Option<String>)>,
        }
        impl<'a> Visitor<'a> for Callees<'_, '_> {
            fn visit_expr(&mut self, expr: &'a Expr) {
                if let Expr::Call(call) = expr
                    && let Expr::Name(name) = call.func.as_ref()
                {
                    self.out.push((
                        name.id.to_string(),
                        self.semantic.known_last_segment(name).map(str::to_owned),
                        self.semantic.qualified_name(&call.func),
                    ));
                }
                visitor::walk_expr(self, expr);
            }
        }
        let source = if dynamic {
            format!("{source}\nm = __import__('os')\nm()\n")
        } else {
            source.to_owned()
        };
        let parsed = parse_module(&source).unwrap();
        let module_path = ["pkg".to_owned(), "mod".to_owned()];
        let semantic = FileSemantic::build(
            parsed.suite(),
            ModuleInfo {
                path: Path::new("pkg/mod.py"),
                module_path: Some(&module_path),
                is_package: false,
                is_stub: false,
            },
        );
        let mut callees = Callees {
            semantic: &semantic,
            out: Vec::new(),
        };
        callees.visit_body(parsed.suite());
        callees.out
    }

    #[test]
    fn known_last_segments_agree_with_resolution() {
        let source = "\
import os
import os.path as osp
import xml.sax
from shlex import quote
from shlex import split as cut
from . import sibling
from .. import too_far
from os import *

def helper(param):
    local = param
    os(); osp(); xml(); quote(); cut(); sibling(); too_far(); getcwd()
    len(); helper(); Thing(); param(); local(); subprocess(); undefined()

class Thing:
    pass
";
        for dynamic in [false, true] {
            let callees = name_callees(source, dynamic);
            assert!(callees.len() >= 15);
            for (name, known, qualified) in &callees {
                let Some(known) = known else {
                    continue;
                };
                match qualified {
                    None => assert_eq!(known, name),
                    Some(qualified) => {
                        let last = qualified.rsplit('.').next().unwrap();
                        assert_eq!(known, last, "{name} resolves to {qualified}");
                    }
                }
            }
            let known = |callee: &str| {
                callees
                    .iter()
                    .find(|(name, ..)| name == callee)
                    .unwrap()
                    .1
                    .clone()
            };
            assert_eq!(known("osp").as_deref(), Some("path"));
            assert_eq!(known("cut").as_deref(), Some("split"));
            assert_eq!(known("getcwd").as_deref(), Some("getcwd"));
            assert_eq!(known("local").as_deref(), (!dynamic).then_some("local"));
            // Relative imports and unbound names are left to resolution.
            assert_eq!(known("sibling"), None);
            assert_eq!(known("subprocess"), None);
        }
    }
}
