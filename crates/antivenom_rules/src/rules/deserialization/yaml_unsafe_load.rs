//! PyYAML loading without a safe loader (and ruamel.yaml's unsafe mode).

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;
use ruff_python_semantic::{BindingKind, ScopeKind};

pub(crate) struct YamlUnsafeLoad;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &YamlUnsafeLoad;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV302",
    name: "yaml-unsafe-load",
    cwe: &[502, 20],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Deserialization,
    aliases: &["B506", "S506"],
    status: Status::Stable,
    summary: "Flags `yaml.load`/`yaml.load_all` without a safe `Loader`, `yaml.unsafe_load*`, \
              `yaml.full_load*` (low severity), ruamel.yaml's old `load` API and \
              `ruamel.yaml.YAML(typ=\"unsafe\")`.",
    why: "PyYAML's default and unsafe loaders honour tags such as \
          `!!python/object/apply:os.system`, which construct arbitrary Python objects and call \
          arbitrary functions while the document is read. A YAML file from a user, a \
          repository or the network can therefore run code. `SafeLoader`, `CSafeLoader` and \
          `BaseLoader` (and subclasses of them) build only plain data and are not flagged. \
          `FullLoader` no longer allows code execution since PyYAML 5.4 but still builds Python \
          objects and has had several bypasses, so it is reported with low severity.",
    insecure_example: "
import yaml

def read_config(stream):
    return yaml.load(stream, Loader=yaml.Loader)
",
    secure_example: "
import yaml

def read_config(stream):
    return yaml.safe_load(stream)
",
    fix: "use `yaml.safe_load` or pass `Loader=yaml.SafeLoader` (or `CSafeLoader`)",
    references: &[
        "https://pyyaml.org/wiki/PyYAMLDocumentation",
        "https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation",
    ],
};

/// What a `Loader=` argument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LoaderKind {
    /// Builds plain data only.
    Safe,
    /// `FullLoader`: Python objects, but no calls since PyYAML 5.4.
    Full,
    /// Arbitrary objects and calls.
    Unsafe,
    /// Cannot tell.
    Unknown,
}

const MAX_DEPTH: usize = 8;

impl Rule for YamlUnsafeLoad {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec![
            "yaml.load",
            "yaml.load_all",
            "yaml.unsafe_load",
            "yaml.unsafe_load_all",
            "yaml.full_load",
            "yaml.full_load_all",
            "ruamel.yaml.YAML",
        ])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["yaml", "ruamel"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let kind = match name {
            // ruamel.yaml's old PyYAML-style API (removed in 0.18) behaves alike.
            "yaml.load" | "yaml.load_all" | "ruamel.yaml.load" | "ruamel.yaml.load_all" => {
                match call.argument("Loader", 1) {
                    Some(loader) => loader_kind(cx.semantic(), loader, 0),
                    // `yaml.load(s, **options)` may pass a safe loader.
                    None if call.has_unpacking() => return,
                    // PyYAML < 5.1 falls back to the unsafe loader.
                    None => LoaderKind::Unsafe,
                }
            }
            "yaml.unsafe_load" | "yaml.unsafe_load_all" => LoaderKind::Unsafe,
            "yaml.full_load" | "yaml.full_load_all" => LoaderKind::Full,
            "ruamel.yaml.YAML" => match call
                .keyword("typ")
                .and_then(|typ| cx.semantic().constant(typ))
            {
                Some(typ) if names_unsafe_type(&typ) => LoaderKind::Unsafe,
                _ => return,
            },
            _ => return,
        };
        // A document written in the code is not attacker-controlled.
        if call
            .argument("stream", 0)
            .is_some_and(|stream| cx.semantic().is_constant(stream))
        {
            return;
        }
        let message = match kind {
            LoaderKind::Safe => return,
            LoaderKind::Unsafe | LoaderKind::Unknown => format!(
                "`{name}` without a safe loader can construct arbitrary Python objects and run code"
            ),
            LoaderKind::Full => {
                format!("`{name}` uses the full loader, which builds arbitrary Python objects")
            }
        };
        let found = cx
            .report(call.range(), message)
            .label("YAML loaded without `SafeLoader`");
        match kind {
            LoaderKind::Full => {
                found.severity(Severity::Low);
            }
            LoaderKind::Unknown => {
                found
                    .confidence(Confidence::Low)
                    .label("loader not known to be safe");
            }
            LoaderKind::Safe | LoaderKind::Unsafe => {}
        }
    }
}

/// `typ="unsafe"` or `typ=["unsafe", ...]`.
fn names_unsafe_type(typ: &Constant) -> bool {
    match typ {
        Constant::Str(text) => text == "unsafe",
        Constant::Sequence(items) => items.iter().any(names_unsafe_type),
        _ => false,
    }
}

/// Classifies a `Loader=` value: a yaml loader class, an alias of one, or
/// a class defined in this file that derives from one.
fn loader_kind(semantic: &FileSemantic<'_>, loader: &Expr, depth: usize) -> LoaderKind {
    if depth > MAX_DEPTH {
        return LoaderKind::Unknown;
    }
    if let Some(qualified) = semantic.qualified_name(loader) {
        let (module, class) = qualified.rsplit_once('.').unwrap_or(("", &qualified));
        let module = module.strip_prefix("ruamel.").unwrap_or(module);
        if module == "yaml" || module.starts_with("yaml.") {
            return yaml_class_kind(class);
        }
    }
    let Expr::Name(name) = loader else {
        return LoaderKind::Unknown;
    };
    // `Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)`
    if let Some(value) = semantic.single_assigned_value(name) {
        return match value {
            Expr::Call(call) if is_getattr(semantic, &call.func) => {
                let mut kinds = call
                    .arguments
                    .args
                    .iter()
                    .skip(2)
                    .map(|fallback| loader_kind(semantic, fallback, depth + 1));
                let fallback = kinds.next();
                let attribute = loader_kind(semantic, value, depth + 1);
                worst(attribute, fallback.unwrap_or(LoaderKind::Safe))
            }
            other => loader_kind(semantic, other, depth + 1),
        };
    }
    // `class StrictLoader(yaml.SafeLoader): ...`
    let model = semantic.model();
    let Some(binding) = model.resolve_name(name).map(|id| model.binding(id)) else {
        return LoaderKind::Unknown;
    };
    let BindingKind::ClassDefinition(scope) = binding.kind else {
        return LoaderKind::Unknown;
    };
    let Some(ScopeKind::Class(class)) = model.scopes.get(scope).map(|scope| scope.kind) else {
        return LoaderKind::Unknown;
    };
    class
        .bases()
        .iter()
        .map(|base| loader_kind(semantic, base, depth + 1))
        .find(|kind| *kind != LoaderKind::Unknown)
        .unwrap_or(LoaderKind::Unknown)
}

fn is_getattr(semantic: &FileSemantic<'_>, func: &Expr) -> bool {
    semantic
        .qualified_name(func)
        .is_some_and(|name| name == "getattr")
}

fn worst(a: LoaderKind, b: LoaderKind) -> LoaderKind {
    let rank = |kind| match kind {
        LoaderKind::Safe => 0,
        LoaderKind::Full => 1,
        LoaderKind::Unknown => 2,
        LoaderKind::Unsafe => 3,
    };
    if rank(a) >= rank(b) { a } else { b }
}

fn yaml_class_kind(class: &str) -> LoaderKind {
    match class {
        "SafeLoader" | "CSafeLoader" | "BaseLoader" | "CBaseLoader" => LoaderKind::Safe,
        "FullLoader" | "CFullLoader" => LoaderKind::Full,
        "Loader" | "CLoader" | "UnsafeLoader" | "CUnsafeLoader" => LoaderKind::Unsafe,
        _ => LoaderKind::Unknown,
    }
}
