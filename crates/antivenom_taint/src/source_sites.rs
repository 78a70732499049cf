//! Which bodies of a file can hold a source at all. Taint starts only at
//! sources, so a function that mentions none (and takes nothing tainted:
//! within one function, parameters start clean) cannot report anything,
//! and most functions of most files are skipped without being analysed.
//!
//! Sources are found from the binder's references, without a walk: each
//! reference to an imported name (or to a builtin such as `input`) is
//! extended by the attribute names written after it (`request.args.get`)
//! and kept when that dotted name can lead to a source model.

use antivenom_semantic::FileSemantic;
use antivenom_taint_models::{Access, Models};
use ruff_python_semantic::{BindingKind, Imported, ScopeKind};
use ruff_text_size::Ranged;
use ruff_text_size::{TextRange, TextSize};
use rustc_hash::FxHashSet;

/// The dotted names of every source model and all their prefixes
/// (`flask`, `flask.request`, `flask.request.args`).
pub(crate) struct SourceNames {
    names: FxHashSet<String>,
    prefixes: FxHashSet<String>,
    /// Attribute names that are sources on a receiver of unknown type
    /// (`GET` of a `request`).
    receiver_attributes: Vec<String>,
}

impl SourceNames {
    pub(crate) fn new(models: &Models) -> Self {
        let mut names = FxHashSet::default();
        let mut prefixes = FxHashSet::default();
        let mut receiver_attributes = Vec::new();
        for source in models.sources() {
            if source.key.is_method() {
                if source.access == Access::Attribute
                    && !receiver_attributes
                        .iter()
                        .any(|known| known == source.key.name())
                {
                    receiver_attributes.push(source.key.name().to_owned());
                }
                continue;
            }
            let name = source
                .key
                .name()
                .trim_end_matches('*')
                .trim_end_matches('.');
            let mut end = 0;
            while let Some(dot) = name.get(end..).and_then(|rest| rest.find('.')) {
                end += dot;
                prefixes.insert(name.get(..end).unwrap_or_default().to_owned());
                end += 1;
            }
            names.insert(name.to_owned());
            prefixes.insert(name.to_owned());
        }
        Self {
            names,
            prefixes,
            receiver_attributes,
        }
    }

    /// `true` when `dotted` (a name and the attributes written after it)
    /// is a source, lies under one, or may lead to one.
    fn may_lead_to_source(&self, dotted: &str) -> bool {
        if self.prefixes.contains(dotted) {
            return true;
        }
        let mut end = 0;
        while let Some(dot) = dotted.get(end..).and_then(|rest| rest.find('.')) {
            end += dot;
            if self.names.contains(dotted.get(..end).unwrap_or_default()) {
                return true;
            }
            end += 1;
        }
        self.names.contains(dotted)
    }
}

/// The bodies with a source in them: function definitions and class
/// bodies by the start of their statement, and the module body.
#[derive(Debug, Default)]
pub(crate) struct SourceSites {
    /// The module's own statements hold one.
    pub(crate) module: bool,
    /// Start offsets of the `def` / `class` statements whose own body
    /// holds one.
    pub(crate) definitions: FxHashSet<TextSize>,
}

impl SourceSites {
    /// `true` when no body holds a source.
    pub(crate) fn is_empty(&self) -> bool {
        !self.module && self.definitions.is_empty()
    }
}

/// The attribute names written right after `range` (`.args.get`), read
/// from the source text.
fn dotted_at(source: &str, range: TextRange, head: &str) -> String {
    let mut dotted = head.to_owned();
    let mut rest = source.get(range.end().to_usize()..).unwrap_or_default();
    // A handful of attributes is enough to reach any model.
    for _ in 0..6 {
        let Some(after_dot) = rest.strip_prefix('.') else {
            break;
        };
        let length = after_dot
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after_dot.len());
        let Some(attribute) = after_dot.get(..length).filter(|name| !name.is_empty()) else {
            break;
        };
        dotted.push('.');
        dotted.push_str(attribute);
        rest = after_dot.get(length..).unwrap_or_default();
    }
    dotted
}

/// Offsets of `.NAME` where NAME is a receiver-attribute source
/// (`request.GET`): the receiver is a variable, so the binder has no
/// reference to follow; the text is searched instead (receiver hints are
/// checked when the body is analysed).
pub(crate) fn receiver_attribute_sites(names: &SourceNames, source: &str) -> Vec<TextSize> {
    let mut sites = Vec::new();
    for attribute in &names.receiver_attributes {
        let needle = format!(".{attribute}");
        for (at, _) in source.match_indices(&needle) {
            let end = at + needle.len();
            let continues = source
                .get(end..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !continues && let Ok(offset) = u32::try_from(at) {
                sites.push(TextSize::new(offset));
            }
        }
    }
    sites
}

/// Finds the bodies of a file that reference a source.
pub(crate) fn source_sites(
    semantic: &FileSemantic<'_>,
    names: &SourceNames,
    source: &str,
) -> SourceSites {
    let model = semantic.model();
    let mut sites = SourceSites::default();
    // Builtins that are sources (`input`), when the file uses them.
    let builtins = names
        .names
        .iter()
        .filter(|name| !name.contains('.'))
        .filter_map(|name| {
            let id = model.global_scope().get(name)?;
            let binding = model.binding(id);
            matches!(binding.kind, BindingKind::Builtin).then_some((binding, name.clone()))
        });
    let imports = model.bindings.iter().filter_map(|binding| {
        let import = match &binding.kind {
            BindingKind::Import(_)
            | BindingKind::FromImport(_)
            | BindingKind::SubmoduleImport(_) => binding.as_any_import()?,
            _ => return None,
        };
        let head = import.qualified_name().to_string();
        let root = head.split('.').next().unwrap_or_default();
        (names.prefixes.contains(root) || names.names.contains(root)).then_some((binding, head))
    });
    for (binding, head) in builtins.chain(imports) {
        for reference in binding.references() {
            let reference = model.reference(reference);
            // For `import a.b`, the reference is `a`: its own dotted text
            // follows; for `from m import x as y`, `y` stands for `m.x`.
            let written = source
                .get(reference.range().to_std_range())
                .unwrap_or_default();
            let base = match &binding.kind {
                BindingKind::SubmoduleImport(_) => written.to_owned(),
                _ => head.clone(),
            };
            if !names.may_lead_to_source(&dotted_at(source, reference.range(), &base)) {
                continue;
            }
            // The innermost function or class whose body holds it.
            let body = model
                .scopes
                .ancestors(reference.scope_id())
                .find_map(|scope| match scope.kind {
                    ScopeKind::Function(function) => Some(Some(function.range.start())),
                    ScopeKind::Class(class) => Some(Some(class.range.start())),
                    ScopeKind::Module => Some(None),
                    _ => None,
                });
            match body {
                Some(Some(start)) => {
                    sites.definitions.insert(start);
                }
                Some(None) | None => sites.module = true,
            }
        }
    }
    sites
}
