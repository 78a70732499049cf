//! Module-level settings assignments (`DEBUG = True`) and whether a module
//! is a Django settings module.
//!
//! A module counts as Django settings when either
//! - its name says so: it is called `settings`, `settings_*` or `*_settings`,
//!   or sits in a `settings` package (`mysite/settings/prod.py`), and it
//!   assigns at least one Django-specific setting (see [`DJANGO_SETTINGS`]),
//!   star-imports other settings (`from .base import *`) or imports
//!   `django`; or
//! - whatever its name, it assigns at least two Django-specific settings at
//!   module level.
//!
//! Django's own package (`django.conf.global_settings` spells out every
//! default) is never a settings module.

use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, Stmt};
use ruff_python_semantic::{Definition, ModuleSource};
use ruff_text_size::Ranged;

use super::receivers::file_imports;

/// Setting names that only a Django settings module assigns (not `DEBUG`
/// or `SECRET_KEY`, which Flask and other frameworks share).
const DJANGO_SETTINGS: &[&str] = &[
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "MIDDLEWARE_CLASSES",
    "DATABASES",
    "ROOT_URLCONF",
    "TEMPLATES",
    "WSGI_APPLICATION",
    "ASGI_APPLICATION",
    "AUTH_PASSWORD_VALIDATORS",
    "DEFAULT_AUTO_FIELD",
    "ALLOWED_HOSTS",
    "AUTH_USER_MODEL",
    "STATICFILES_DIRS",
];

/// The statements of the file's module body.
pub(crate) fn module_suite<'a>(semantic: &FileSemantic<'a>) -> &'a [Stmt] {
    match semantic.model().definitions.first() {
        Some(Definition::Module(module)) => module.python_ast,
        _ => &[],
    }
}

/// The name and value of an assignment to one plain name (`X = v`,
/// `X: T = v`).
#[inline]
pub(crate) fn assigned_name(stmt: &Stmt) -> Option<(&str, &Expr)> {
    let (target, value) = match stmt {
        Stmt::Assign(assign) => match assign.targets.as_slice() {
            [target] => (target, &*assign.value),
            _ => return None,
        },
        Stmt::AnnAssign(assign) => (&*assign.target, assign.value.as_deref()?),
        _ => return None,
    };
    match target {
        Expr::Name(name) => Some((name.id.as_str(), value)),
        _ => None,
    }
}

/// Calls `visit` on every statement run when the module is imported: the
/// module body and the bodies of its top-level `if` / `try` / `with`
/// blocks, not function or class bodies. Stops as soon as `visit` returns
/// `false`, and then returns `false`.
fn for_each_module_statement<'a>(
    suite: &'a [Stmt],
    visit: &mut impl FnMut(&'a Stmt) -> bool,
) -> bool {
    for stmt in suite {
        if !visit(stmt) {
            return false;
        }
        let go_on = match stmt {
            Stmt::If(block) => {
                for_each_module_statement(&block.body, visit)
                    && block
                        .elif_else_clauses
                        .iter()
                        .all(|clause| for_each_module_statement(&clause.body, visit))
            }
            Stmt::Try(block) => {
                for_each_module_statement(&block.body, visit)
                    && block.handlers.iter().all(|handler| {
                        let ruff_python_ast::ExceptHandler::ExceptHandler(handler) = handler;
                        for_each_module_statement(&handler.body, visit)
                    })
                    && for_each_module_statement(&block.orelse, visit)
                    && for_each_module_statement(&block.finalbody, visit)
            }
            Stmt::With(block) => for_each_module_statement(&block.body, visit),
            _ => true,
        };
        if !go_on {
            return false;
        }
    }
    true
}

/// The module-level assignments to `name`, in source order.
pub(crate) fn module_assignments<'a>(
    semantic: &FileSemantic<'a>,
    name: &str,
) -> Vec<(&'a Stmt, &'a Expr)> {
    let mut found = Vec::new();
    for_each_module_statement(module_suite(semantic), &mut |stmt| {
        if let Some((target, value)) = assigned_name(stmt)
            && target == name
        {
            found.push((stmt, value));
        }
        true
    });
    found
}

/// `true` when `stmt` runs at import time (module body or a top-level
/// `if` / `try` / `with` block).
pub(crate) fn is_module_level(semantic: &FileSemantic<'_>, stmt: &Stmt) -> bool {
    let range = stmt.range();
    let mut found = false;
    for_each_module_statement(module_suite(semantic), &mut |candidate| {
        found = candidate.range() == range;
        !found
    });
    found
}

/// The dotted name of the file's module (`["mysite", "settings"]`), or its
/// file's stem with its directory's name in front for a file outside any
/// known package.
fn module_segments(semantic: &FileSemantic<'_>) -> Vec<String> {
    let Some(Definition::Module(module)) = semantic.model().definitions.first() else {
        return Vec::new();
    };
    match module.source {
        ModuleSource::Path(path) => path.to_vec(),
        ModuleSource::File(path) => {
            let mut segments = Vec::new();
            if let Some(parent) = path
                .parent()
                .and_then(|parent| parent.file_name())
                .and_then(|name| name.to_str())
            {
                segments.push(parent.to_owned());
            }
            if let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) {
                segments.push(stem.to_owned());
            }
            segments
        }
    }
}

fn is_settings_name(segment: &str) -> bool {
    segment == "settings" || segment.starts_with("settings_") || segment.ends_with("_settings")
}

/// `true` when the module's name marks it as settings: the module itself
/// or its package is named like settings.
fn named_like_settings(segments: &[String]) -> bool {
    match segments {
        [.., package, last] => is_settings_name(last) || package == "settings",
        [last] => is_settings_name(last),
        [] => false,
    }
}

/// `true` when the file is a Django settings module (see the module docs).
pub(crate) fn is_django_settings_module(semantic: &FileSemantic<'_>) -> bool {
    let segments = module_segments(semantic);
    if segments.first().is_some_and(|root| root == "django") {
        return false;
    }
    let mut django_names = 0;
    let mut star_import = false;
    for_each_module_statement(module_suite(semantic), &mut |stmt| {
        if let Some((name, _)) = assigned_name(stmt)
            && DJANGO_SETTINGS.contains(&name)
        {
            django_names += 1;
        }
        if let Stmt::ImportFrom(import) = stmt
            && import.names.iter().any(|alias| alias.name.as_str() == "*")
        {
            star_import = true;
        }
        django_names < 2
    });
    if django_names >= 2 {
        return true;
    }
    named_like_settings(&segments)
        && (django_names == 1 || star_import || file_imports(semantic, "django"))
}

/// `true` when the module's own name (last segment) suggests settings for
/// development or tests only (`dev`, `local`, `test_settings`), where debug
/// switches are expected.
pub(crate) fn is_development_settings(semantic: &FileSemantic<'_>) -> bool {
    const DEVELOPMENT: &[&str] = &[
        "dev",
        "develop",
        "development",
        "local",
        "test",
        "tests",
        "testing",
        "debug",
        "ci",
    ];
    let segments = module_segments(semantic);
    let in_test_package = segments
        .iter()
        .rev()
        .skip(1)
        .any(|package| matches!(package.as_str(), "test" | "tests" | "testing"));
    in_test_package
        || segments.last().is_some_and(|last| {
            last.to_ascii_lowercase()
                .split('_')
                .any(|part| DEVELOPMENT.contains(&part))
        })
}

/// The setting a statement assigns when it is a module-level assignment of
/// one of `names` in a Django settings module: `(name, value)`.
#[inline]
pub(crate) fn django_setting<'s>(
    semantic: &FileSemantic<'_>,
    stmt: &'s Stmt,
    names: &[&str],
) -> Option<(&'s str, &'s Expr)> {
    // Most assignments are to other names: no function call for them.
    let (name, value) = assigned_name(stmt)?;
    (names.contains(&name) && is_module_level_setting(semantic, stmt)).then_some((name, value))
}

/// `true` when `stmt` runs at import time in a Django settings module.
#[inline(never)]
fn is_module_level_setting(semantic: &FileSemantic<'_>, stmt: &Stmt) -> bool {
    is_module_level(semantic, stmt) && is_django_settings_module(semantic)
}

/// `true` for secret values that are obviously not real: empty, or a
/// placeholder asking to be replaced (`"changeme"`, `"<your secret key>"`).
pub(crate) fn is_placeholder_secret(text: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "changeme",
        "replaceme",
        "placeholder",
        "yoursecret",
        "yourkey",
        "setme",
        "fillme",
        "todo",
        "fixme",
        "notset",
        "dummy",
    ];
    let normalized: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let trimmed = text.trim();
    normalized.is_empty()
        || (trimmed.starts_with('<') && trimmed.ends_with('>'))
        || (trimmed.starts_with("${") && trimmed.ends_with('}'))
        || normalized.chars().all(|c| c == 'x')
        || PLACEHOLDERS
            .iter()
            .any(|placeholder| normalized.contains(placeholder))
}

/// Qualified names of Flask application classes.
const FLASK_APPS: &[&str] = &["flask.Flask", "flask.app.Flask"];

/// How sure we are that `receiver` is a Flask application: built by
/// `flask.Flask(...)` or Flask's `current_app` (high), or unknown in a file
/// that imports `flask` (medium). `None` when it is something else.
pub(crate) fn flask_app_confidence(
    semantic: &FileSemantic<'_>,
    receiver: &Expr,
) -> Option<antivenom_diagnostics::Confidence> {
    use antivenom_diagnostics::Confidence;
    if let Some(name) = semantic.qualified_name(receiver) {
        return name.starts_with("flask.").then_some(Confidence::High);
    }
    match super::receivers::constructor(semantic, receiver) {
        Some(app) if FLASK_APPS.contains(&app.as_str()) => Some(Confidence::High),
        Some(_) => None,
        None if matches!(receiver, Expr::Name(_)) && file_imports(semantic, "flask") => {
            Some(Confidence::Medium)
        }
        None => None,
    }
}

/// A configuration value written on a Flask app: the receiver, the key and
/// the value.
pub(crate) struct ConfigWrite<'e> {
    /// The application expression (`app` in `app.config[...]`).
    pub(crate) app: &'e Expr,
    /// The configuration key (`SECRET_KEY`).
    pub(crate) key: String,
    /// The assigned value.
    pub(crate) value: &'e Expr,
}

/// The configuration writes of an assignment statement:
/// `app.config["KEY"] = v` and `app.secret_key = v` (as `SECRET_KEY`).
pub(crate) fn config_assignments<'e>(
    semantic: &FileSemantic<'_>,
    stmt: &'e Stmt,
) -> Vec<ConfigWrite<'e>> {
    let Stmt::Assign(assign) = stmt else {
        return Vec::new();
    };
    let value = &*assign.value;
    assign
        .targets
        .iter()
        .filter_map(|target| match target {
            Expr::Subscript(subscript) => {
                let Expr::Attribute(config) = &*subscript.value else {
                    return None;
                };
                if config.attr.as_str() != "config" {
                    return None;
                }
                Some(ConfigWrite {
                    app: &config.value,
                    key: semantic.constant_str(&subscript.slice)?,
                    value,
                })
            }
            Expr::Attribute(attribute) if attribute.attr.as_str() == "secret_key" => {
                Some(ConfigWrite {
                    app: &attribute.value,
                    key: "SECRET_KEY".to_owned(),
                    value,
                })
            }
            _ => None,
        })
        .collect()
}

/// The configuration writes of `app.config.update(KEY=v)` /
/// `app.config.update({"KEY": v})` / `app.config.from_mapping(...)`.
pub(crate) fn config_update_call<'e>(
    semantic: &FileSemantic<'_>,
    call: &'e ruff_python_ast::ExprCall,
) -> Vec<ConfigWrite<'e>> {
    let Expr::Attribute(method) = &*call.func else {
        return Vec::new();
    };
    if !matches!(method.attr.as_str(), "update" | "from_mapping") {
        return Vec::new();
    }
    let Expr::Attribute(config) = &*method.value else {
        return Vec::new();
    };
    if config.attr.as_str() != "config" {
        return Vec::new();
    }
    let app = &*config.value;
    let mut writes: Vec<ConfigWrite<'e>> = call
        .arguments
        .keywords
        .iter()
        .filter_map(|keyword| {
            Some(ConfigWrite {
                app,
                key: keyword.arg.as_ref()?.as_str().to_owned(),
                value: &keyword.value,
            })
        })
        .collect();
    if let Some(Expr::Dict(dict)) = call.arguments.args.first() {
        writes.extend(dict.items.iter().filter_map(|item| {
            Some(ConfigWrite {
                app,
                key: semantic.constant_str(item.key.as_ref()?)?,
                value: &item.value,
            })
        }));
    }
    writes
}

/// `true` when `expr` is built only from constants, the module's own
/// location (`__file__`), path functions of those (`os.path.join`,
/// `os.path.abspath`, `pathlib.Path(...).parent`), and reads of the
/// environment variable `previous` itself (`os.environ["PATH"]` when
/// prepending to `PATH`): a value an attacker does not choose.
pub(crate) fn is_location_derived(
    semantic: &FileSemantic<'_>,
    expr: &Expr,
    previous: Option<&str>,
) -> bool {
    location_derived_at_depth(semantic, expr, previous, 0)
}

/// Functions whose result depends only on their arguments' paths.
const PATH_FUNCTIONS: &[&str] = &[
    "os.path.abspath",
    "os.path.dirname",
    "os.path.join",
    "os.path.realpath",
    "os.path.normpath",
    "os.path.expanduser",
    "os.path.basename",
    "os.fspath",
    "os.fsdecode",
    "os.pathsep.join",
    "os.sep.join",
    "pathlib.Path",
    "pathlib.PurePath",
    "pathlib.PosixPath",
    "pathlib.WindowsPath",
    "str",
];

/// Module attributes fixed by the platform or the installation.
const PLATFORM_CONSTANTS: &[&str] = &[
    "os.pathsep",
    "os.sep",
    "os.altsep",
    "os.curdir",
    "os.pardir",
    "os.extsep",
    "os.defpath",
    "os.devnull",
    "os.path.sep",
    "os.path.pathsep",
    "sys.prefix",
    "sys.exec_prefix",
    "sys.base_prefix",
    "sys.base_exec_prefix",
    "sys.executable",
];

/// `pathlib` methods and attributes that derive a path from a path.
const PATH_METHODS: &[&str] = &[
    "parent",
    "parents",
    "resolve",
    "absolute",
    "joinpath",
    "with_name",
    "with_suffix",
    "expanduser",
    "as_posix",
    "join",
];

fn location_derived_at_depth(
    semantic: &FileSemantic<'_>,
    expr: &Expr,
    previous: Option<&str>,
    depth: usize,
) -> bool {
    if depth > 16 {
        return false;
    }
    let derived = |child: &Expr| location_derived_at_depth(semantic, child, previous, depth + 1);
    if semantic.is_constant(expr) {
        return true;
    }
    if matches!(expr, Expr::Name(_) | Expr::Attribute(_))
        && semantic
            .qualified_name(expr)
            .is_some_and(|name| PLATFORM_CONSTANTS.contains(&name.as_str()))
    {
        return true;
    }
    if let Some(previous) = previous
        && reads_environment_variable(semantic, expr, previous)
    {
        return true;
    }
    match expr {
        Expr::Name(name) => {
            if name.id.as_str() == "__file__" {
                return true;
            }
            semantic.single_assigned_value(name).is_some_and(&derived)
        }
        Expr::Call(call) => {
            let arguments_derived = call.arguments.args.iter().all(&derived)
                && call
                    .arguments
                    .keywords
                    .iter()
                    .all(|keyword| derived(&keyword.value));
            if !arguments_derived {
                return false;
            }
            if semantic
                .qualified_name(&call.func)
                .is_some_and(|name| PATH_FUNCTIONS.contains(&name.as_str()))
            {
                return true;
            }
            // `Path(__file__).resolve()`, `os.pathsep.join([...])`
            matches!(&*call.func, Expr::Attribute(method)
                if PATH_METHODS.contains(&method.attr.as_str()) && derived(&method.value))
        }
        Expr::Attribute(attribute) => {
            PATH_METHODS.contains(&attribute.attr.as_str()) && derived(&attribute.value)
        }
        Expr::Subscript(subscript) => derived(&subscript.value) && derived(&subscript.slice),
        Expr::BinOp(binary) => derived(&binary.left) && derived(&binary.right),
        Expr::List(list) => list.elts.iter().all(&derived),
        Expr::Tuple(tuple) => tuple.elts.iter().all(&derived),
        Expr::FString(fstring) => fstring.value.elements().all(|element| {
            element
                .as_interpolation()
                .is_none_or(|interpolation| derived(&interpolation.expression))
        }),
        _ => false,
    }
}

/// `true` for `os.environ["NAME"]`, `os.environ.get("NAME", ...)` and
/// `os.getenv("NAME", ...)` reading `variable`.
fn reads_environment_variable(semantic: &FileSemantic<'_>, expr: &Expr, variable: &str) -> bool {
    match expr {
        Expr::Subscript(subscript) => {
            semantic
                .qualified_name(&subscript.value)
                .is_some_and(|name| name == "os.environ")
                && semantic
                    .constant_str(&subscript.slice)
                    .is_some_and(|key| key == variable)
        }
        Expr::Call(call) => {
            let reader = semantic.qualified_name(&call.func);
            matches!(
                reader.as_deref(),
                Some("os.environ.get" | "os.getenv" | "os.environ.__getitem__")
            ) && call
                .arguments
                .args
                .first()
                .and_then(|key| semantic.constant_str(key))
                .is_some_and(|key| key == variable)
                && call
                    .arguments
                    .args
                    .get(1)
                    .is_none_or(|default| semantic.is_constant(default))
        }
        _ => false,
    }
}

/// `true` when the module, besides plainly assigning `name`, assigns it
/// more than once, augments it (`X += [...]`) or calls a method on it
/// (`X.insert(0, ...)`) at module level.
pub(crate) fn is_modified_at_module_level(semantic: &FileSemantic<'_>, name: &str) -> bool {
    let is_name = |expr: &Expr| matches!(expr, Expr::Name(target) if target.id.as_str() == name);
    let mut assignments = 0;
    let mut modified = false;
    for_each_module_statement(module_suite(semantic), &mut |stmt| {
        match stmt {
            Stmt::AugAssign(augmented) if is_name(&augmented.target) => modified = true,
            Stmt::Expr(expression) => {
                if let Expr::Call(call) = &*expression.value
                    && let Expr::Attribute(method) = &*call.func
                    && is_name(&method.value)
                {
                    modified = true;
                }
            }
            _ => {
                if assigned_name(stmt).is_some_and(|(target, _)| target == name) {
                    assignments += 1;
                }
            }
        }
        modified |= assignments > 1;
        !modified
    });
    modified
}
