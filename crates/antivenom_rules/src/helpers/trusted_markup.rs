//! Whether text handed to `mark_safe` / `Markup` is trusted: a constant, the
//! output of an escaping or sanitising function, a translated constant, or
//! a template / format / concatenation built only from such parts. A name
//! is trusted when every assignment to it in its scope is (`x = "a"` on one
//! branch and `x = "b"` on the other, `x += "<br>"` in a loop).

use antivenom_semantic::FileSemantic;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, FStringPart, InterpolatedStringElement, Operator, Stmt};
use ruff_python_semantic::{BindingKind, ScopeId, ScopeKind};
use ruff_text_size::TextRange;

/// How deep to follow names and nested expressions.
const MAX_DEPTH: usize = 16;

/// Calls whose result is escaped or sanitised HTML.
const SANITIZERS: &[&str] = &[
    "html.escape",
    "markupsafe.escape",
    "markupsafe.Markup.escape",
    "jinja2.escape",
    "flask.escape",
    "django.utils.html.escape",
    "django.utils.html.conditional_escape",
    "django.utils.html.format_html",
    "django.utils.html.format_html_join",
    "django.utils.html.escapejs",
    "django.utils.html.json_script",
    "django.forms.utils.flatatt",
    "django.template.loader.render_to_string",
    "django.template.defaultfilters.escape",
    "django.template.defaultfilters.force_escape",
    "bleach.clean",
    "bleach.linkify",
    "nh3.clean",
];

/// Translation functions: their result is trusted when their arguments are
/// constants (translations are part of the code base).
const TRANSLATORS: &[&str] = &[
    "django.utils.translation.gettext",
    "django.utils.translation.gettext_lazy",
    "django.utils.translation.ugettext",
    "django.utils.translation.ugettext_lazy",
    "django.utils.translation.pgettext",
    "django.utils.translation.pgettext_lazy",
    "django.utils.translation.ngettext",
    "django.utils.translation.ngettext_lazy",
    "gettext.gettext",
    "gettext.ngettext",
    "flask_babel.gettext",
    "flask_babel.lazy_gettext",
];

/// `true` when `expr` is trusted markup (see the module docs).
pub(crate) fn is_trusted_markup(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    Trust {
        semantic,
        in_progress: Vec::new(),
    }
    .trusted(expr, 0)
}

struct Trust<'s, 'a> {
    semantic: &'s FileSemantic<'a>,
    /// Names whose assignments are being checked: a use of one of them
    /// inside its own assignments (`x = x + "<br>"`) adds nothing new.
    in_progress: Vec<(ScopeId, String)>,
}

impl Trust<'_, '_> {
    fn trusted(&mut self, expr: &Expr, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if self.semantic.is_constant(expr) {
            return true;
        }
        let depth = depth + 1;
        match expr {
            Expr::Name(name) => self.name_trusted(name, depth),
            Expr::FString(fstring) => fstring.value.iter().all(|part| match part {
                FStringPart::Literal(_) => true,
                FStringPart::FString(inner) => inner.elements.iter().all(|element| match element {
                    InterpolatedStringElement::Literal(_) => true,
                    InterpolatedStringElement::Interpolation(interpolation) => {
                        self.trusted(&interpolation.expression, depth)
                    }
                }),
            }),
            Expr::BinOp(binary) => {
                self.binary_trusted(&binary.left, binary.op, &binary.right, depth)
            }
            Expr::If(ternary) => {
                self.trusted(&ternary.body, depth) && self.trusted(&ternary.orelse, depth)
            }
            Expr::Call(call) => self.call_trusted(call, depth),
            _ => false,
        }
    }

    fn binary_trusted(&mut self, left: &Expr, op: Operator, right: &Expr, depth: usize) -> bool {
        match op {
            Operator::Add => self.trusted(left, depth) && self.trusted(right, depth),
            Operator::Mod => {
                self.trusted(left, depth) && self.format_arguments_trusted(right, depth)
            }
            _ => false,
        }
    }

    /// The right-hand side of `template % arguments`.
    fn format_arguments_trusted(&mut self, arguments: &Expr, depth: usize) -> bool {
        match arguments {
            Expr::Tuple(tuple) => tuple
                .elts
                .iter()
                .all(|element| self.trusted(element, depth)),
            Expr::List(list) => list.elts.iter().all(|element| self.trusted(element, depth)),
            Expr::Dict(dict) => dict
                .items
                .iter()
                .all(|item| item.key.is_some() && self.trusted(&item.value, depth)),
            single => self.trusted(single, depth),
        }
    }

    fn call_trusted(&mut self, call: &ast::ExprCall, depth: usize) -> bool {
        let arguments = &call.arguments;
        // `"<b>{}</b>".format(x)` and `", ".join([a, b])` on a trusted template.
        if let Expr::Attribute(attribute) = call.func.as_ref()
            && matches!(attribute.attr.as_str(), "format" | "join")
            && self.trusted(&attribute.value, depth)
        {
            if attribute.attr.as_str() == "join" {
                return match arguments.args.first() {
                    Some(Expr::List(list)) => list.elts.iter().all(|e| self.trusted(e, depth)),
                    Some(Expr::Tuple(tuple)) => tuple.elts.iter().all(|e| self.trusted(e, depth)),
                    _ => false,
                };
            }
            return arguments.args.iter().all(|argument| match argument {
                Expr::Starred(starred) => self.format_arguments_trusted(&starred.value, depth),
                other => self.trusted(other, depth),
            }) && arguments.keywords.iter().all(|keyword| {
                if keyword.arg.is_none() {
                    self.format_arguments_trusted(&keyword.value, depth)
                } else {
                    self.trusted(&keyword.value, depth)
                }
            });
        }
        let Some(callee) = self.semantic.qualified_name(&call.func) else {
            return false;
        };
        if SANITIZERS.contains(&callee.as_str()) {
            return true;
        }
        TRANSLATORS.contains(&callee.as_str())
            && arguments.args.iter().all(|a| self.semantic.is_constant(a))
            && arguments
                .keywords
                .iter()
                .all(|k| self.semantic.is_constant(&k.value))
    }

    /// `true` when every assignment to `name` in its scope assigns trusted
    /// text, and no function rebinds it through `global` / `nonlocal`.
    fn name_trusted(&mut self, name: &ast::ExprName, depth: usize) -> bool {
        let model = self.semantic.model();
        let Some(id) = model.resolve_name(name) else {
            return false;
        };
        let scope_id = model.binding(id).scope;
        let key = (scope_id, name.id.to_string());
        if self.in_progress.contains(&key) {
            return true;
        }
        if rebound_from_elsewhere(self.semantic, name.id.as_str()) {
            return false;
        }
        self.in_progress.push(key);
        let bindings: Vec<_> = model.scopes[scope_id].get_all(name.id.as_str()).collect();
        let trusted = bindings.into_iter().all(|binding| {
            let binding = model.binding(binding);
            matches!(binding.kind, BindingKind::Assignment)
                && binding
                    .statement(model)
                    .is_some_and(|stmt| self.assignment_trusted(stmt, binding.range, depth))
        });
        self.in_progress.pop();
        trusted
    }

    /// `true` when the statement that binds the name at `target` assigns it
    /// trusted text.
    fn assignment_trusted(&mut self, stmt: &Stmt, target: TextRange, depth: usize) -> bool {
        match stmt {
            Stmt::Assign(assign) => assign.targets.iter().all(|assigned| {
                match assigned_part(assigned, &assign.value, target) {
                    Assigned::Value(value) => self.trusted(value, depth),
                    Assigned::Unknown => false,
                    Assigned::NotThisTarget => true,
                }
            }),
            Stmt::AnnAssign(assign) => assign
                .value
                .as_deref()
                .is_some_and(|value| self.trusted(value, depth)),
            // `x += "..."`: `x` itself is in progress.
            Stmt::AugAssign(assign) => {
                self.binary_trusted(&assign.target, assign.op, &assign.value, depth)
            }
            _ => false,
        }
    }
}

enum Assigned<'e> {
    /// The value this target receives.
    Value(&'e Expr),
    /// The target receives something we cannot see (unpacking).
    Unknown,
    /// The target does not bind the name.
    NotThisTarget,
}

/// What `target` (one target of `target = value`) gives the name bound at
/// `binding`: the value itself, or one element of an unpacked tuple display.
fn assigned_part<'e>(target: &Expr, value: &'e Expr, binding: TextRange) -> Assigned<'e> {
    match target {
        Expr::Name(name) if name.range == binding => Assigned::Value(value),
        Expr::Tuple(ast::ExprTuple { elts: targets, .. })
        | Expr::List(ast::ExprList { elts: targets, .. }) => {
            let values = match value {
                Expr::Tuple(tuple) => Some(&tuple.elts),
                Expr::List(list) => Some(&list.elts),
                _ => None,
            };
            for (index, element) in targets.iter().enumerate() {
                let element_value = match values {
                    Some(values)
                        if values.len() == targets.len()
                            && !targets.iter().any(Expr::is_starred_expr) =>
                    {
                        values.get(index)
                    }
                    _ => None,
                };
                match element_value {
                    Some(element_value) => match assigned_part(element, element_value, binding) {
                        Assigned::NotThisTarget => {}
                        found => return found,
                    },
                    None if contains_binding(element, binding) => return Assigned::Unknown,
                    None => {}
                }
            }
            Assigned::NotThisTarget
        }
        other if contains_binding(other, binding) => Assigned::Unknown,
        _ => Assigned::NotThisTarget,
    }
}

fn contains_binding(target: &Expr, binding: TextRange) -> bool {
    match target {
        Expr::Name(name) => name.range == binding,
        Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => elts
            .iter()
            .any(|element| contains_binding(element, binding)),
        Expr::Starred(starred) => contains_binding(&starred.value, binding),
        _ => false,
    }
}

/// `true` when some function declares `name` `global` or `nonlocal`, so
/// that assignments outside its own scope may change it.
fn rebound_from_elsewhere(semantic: &FileSemantic<'_>, name: &str) -> bool {
    struct Declarations<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> Visitor<'a> for Declarations<'_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            let names = match stmt {
                Stmt::Global(global) => &global.names,
                Stmt::Nonlocal(nonlocal) => &nonlocal.names,
                _ => return visitor::walk_stmt(self, stmt),
            };
            self.found |= names.iter().any(|declared| declared.as_str() == self.name);
        }
        fn visit_expr(&mut self, _expr: &'a Expr) {}
    }
    let mut declarations = Declarations { name, found: false };
    for scope in semantic.model().scopes.iter() {
        if let ScopeKind::Function(function) = scope.kind {
            declarations.visit_body(&function.body);
        }
    }
    declarations.found
}
