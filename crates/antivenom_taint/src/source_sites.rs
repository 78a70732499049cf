//! Which bodies of a file can hold a source at all. Taint starts only at
//! sources, so a function that mentions none (and takes nothing tainted:
//! within one function, parameters start clean) cannot report anything,
//! and most functions of most files are skipped without being analysed.
//!
//! Sources are found from the binder's references, without a walk: each
//! reference to an imported name (or to a builtin such as `input`) is
//! extended by the attribute names written after it (`request.args.get`)
//! and kept when that dotted name can lead to a source model.

use aho_corasick::AhoCorasick;
use antivenom_semantic::FileSemantic;
use antivenom_taint_models::{Access, ModelKey, Models, ReceiverHints, SourceKind};
use ruff_python_semantic::{BindingKind, Imported, ScopeKind};
use ruff_text_size::Ranged;
use ruff_text_size::{TextRange, TextSize};
use rustc_hash::FxHashSet;

/// The dotted names of every source model and all their prefixes
/// (`flask`, `flask.request`, `flask.request.args`).
pub(crate) struct SourceNames {
    names: FxHashSet<String>,
    prefixes: FxHashSet<String>,
    /// The names without a dot (builtins such as `input`), looked up in
    /// every file's global scope.
    builtins: Vec<String>,
    /// Attribute names that are sources on a receiver of unknown type
    /// (`GET` of a `request`), and the receiver names they apply to.
    receiver_attributes: Vec<String>,
    /// Finds `.GET` and the other receiver attributes written after a dot
    /// in a file's text: without one, no variable is read as a receiver
    /// (`None` when the search could not be built: every file then has its
    /// bindings tested).
    receiver_attribute_finder: Option<AhoCorasick>,
    receiver_names: Vec<ReceiverHints>,
    /// Every word of `receiver_names`, lower case: a variable whose name
    /// contains none of them cannot be a receiver (a cheap first test).
    receiver_words: Vec<String>,
}

impl SourceNames {
    /// The names of the sources `include` accepts.
    pub(crate) fn new(models: &Models, include: impl Fn(SourceKind) -> bool) -> Self {
        let mut names = FxHashSet::default();
        let mut prefixes = FxHashSet::default();
        let mut receiver_attributes: Vec<String> = Vec::new();
        let mut receiver_names: Vec<ReceiverHints> = Vec::new();
        for source in models
            .sources()
            .iter()
            .filter(|source| include(source.kind))
        {
            if let ModelKey::Method {
                name,
                receiver_hints,
            } = &source.key
            {
                if source.access == Access::Attribute {
                    if !receiver_attributes.contains(name) {
                        receiver_attributes.push(name.clone());
                    }
                    if !receiver_names.contains(receiver_hints) {
                        receiver_names.push(receiver_hints.clone());
                    }
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
        let mut receiver_words: Vec<String> = receiver_names
            .iter()
            .flat_map(|hints| hints.hints().iter().map(|hint| hint.to_ascii_lowercase()))
            .collect();
        receiver_words.sort_unstable();
        receiver_words.dedup();
        // A name containing `request` contains `req`: the longer word adds
        // nothing to the first test.
        let shortest = receiver_words.clone();
        receiver_words.retain(|word| {
            !shortest
                .iter()
                .any(|other| other != word && word.contains(other.as_str()))
        });
        let mut builtins: Vec<String> = names
            .iter()
            .filter(|name| !name.contains('.'))
            .cloned()
            .collect();
        builtins.sort_unstable();
        let receiver_attribute_finder = AhoCorasick::new(
            receiver_attributes
                .iter()
                .map(|attribute| format!(".{attribute}")),
        )
        .ok();
        Self {
            names,
            prefixes,
            builtins,
            receiver_attributes,
            receiver_attribute_finder,
            receiver_names,
            receiver_words,
        }
    }

    /// `true` when `head` and the attribute names written right after
    /// `range` (`.args.get`) form a dotted name that is a source, lies
    /// under one, or may lead to one. `prefixes` holds every dotted prefix
    /// of every source, so the name is built one segment at a time (into
    /// `buffer`, reused: this runs for every reference of a source's
    /// module) and the first segment leading nowhere ends the search.
    fn chain_may_lead_to_source(
        &self,
        buffer: &mut String,
        source: &str,
        range: TextRange,
        head: &str,
    ) -> bool {
        // `Some` once the prefix in `buffer` decides.
        let decided = |prefix: &str| {
            if self.names.contains(prefix) {
                Some(true)
            } else if self.prefixes.contains(prefix) {
                None
            } else {
                Some(false)
            }
        };
        buffer.clear();
        for (position, segment) in head.split('.').enumerate() {
            if position > 0 {
                buffer.push('.');
            }
            buffer.push_str(segment);
            if let Some(answer) = decided(buffer) {
                return answer;
            }
        }
        let mut rest = source.get(range.end().to_usize()..).unwrap_or_default();
        // A handful of attributes is enough to reach any model.
        for _ in 0..MAX_CHAIN_ATTRIBUTES {
            let Some((attribute, after)) = next_attribute(rest) else {
                break;
            };
            buffer.push('.');
            buffer.push_str(attribute);
            if let Some(answer) = decided(buffer) {
                return answer;
            }
            rest = after;
        }
        // Every prefix, the whole chain included, leads to a source.
        true
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

/// Most attributes read after a name (enough to reach any model).
const MAX_CHAIN_ATTRIBUTES: usize = 6;

/// The attribute name at the start of `text` after its `.` (`args` in
/// `.args.get(...)`), and the text after it; `None` when `text` does not
/// start with `.` and a name.
fn next_attribute(text: &str) -> Option<(&str, &str)> {
    let after_dot = text.strip_prefix('.')?;
    // ASCII first; a non-ASCII character is judged as a character.
    let length = match after_dot
        .bytes()
        .position(|byte| !(byte.is_ascii_alphanumeric() || byte == b'_'))
    {
        Some(end) if after_dot.as_bytes().get(end).is_some_and(u8::is_ascii) => end,
        _ => after_dot
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after_dot.len()),
    };
    let attribute = after_dot.get(..length).filter(|name| !name.is_empty())?;
    Some((attribute, after_dot.get(length..).unwrap_or_default()))
}

/// `true` when `text` contains `word` (lower case), ignoring ASCII case.
/// `text` is a variable or attribute name: short, so a plain scan costs
/// less than setting up a vectorised search.
fn contains_ignoring_ascii_case(text: &str, word: &str) -> bool {
    let word = word.as_bytes();
    let Some(&first) = word.first() else {
        return false;
    };
    text.as_bytes().windows(word.len()).any(|window| {
        // Only where the first letter matches is the rest compared.
        window.first().map(u8::to_ascii_lowercase) == Some(first)
            && window.eq_ignore_ascii_case(word)
    })
}

/// What a binding's references are read as.
enum Head {
    /// A module or builtin: the dotted name it stands for.
    Dotted(String),
    /// A variable named like a request: its receiver attributes count.
    Receiver,
    /// `self`: a request-named attribute of it and then a receiver
    /// attribute count.
    SelfAttribute,
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
    let builtins = names.builtins.iter().filter_map(|name| {
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
        // Most imports lead nowhere near a source: test the root before
        // writing the dotted name out.
        let qualified_name = import.qualified_name();
        let root = qualified_name
            .segments()
            .first()
            .copied()
            .unwrap_or_default();
        (names.prefixes.contains(root) || names.names.contains(root))
            .then(|| (binding, Head::Dotted(qualified_name.to_string())))
    });
    // Variables named like a request (`request.GET` in a view): their own
    // name is the head, and only the receiver attributes count.
    let accepts_receiver = |name: &str| {
        names
            .receiver_words
            .iter()
            .any(|word| contains_ignoring_ascii_case(name, word))
            && names
                .receiver_names
                .iter()
                .any(|hints| !hints.is_empty() && hints.accepts(Some(name)))
    };
    // A receiver is only ever read through `.GET` and the like, written
    // right after it (see `next_attribute`): a file without any has none.
    let may_have_receivers = !names.receiver_attributes.is_empty()
        && names
            .receiver_attribute_finder
            .as_ref()
            .is_none_or(|finder| finder.is_match(source));
    let receivers = may_have_receivers
        .then_some(model.bindings.iter())
        .into_iter()
        .flatten()
        .filter_map(|binding| {
            let name = binding.name(source);
            if matches!(binding.kind, BindingKind::Builtin) || binding.as_any_import().is_some() {
                return None;
            }
            // `self.request.GET` in a class-based view: the request is an
            // attribute of the instance.
            if name == "self" {
                return Some((binding, Head::SelfAttribute));
            }
            accepts_receiver(name).then_some((binding, Head::Receiver))
        });
    let builtins = builtins.map(|(binding, name)| (binding, Head::Dotted(name)));
    let mut dotted = String::new();
    for (binding, head) in builtins.chain(imports).chain(receivers) {
        for reference in binding.references() {
            let reference = model.reference(reference);
            // For `import a.b`, the reference is `a`: its own dotted text
            // follows; for `from m import x as y`, `y` stands for `m.x`.
            let written = source
                .get(reference.range().to_std_range())
                .unwrap_or_default();
            let is_receiver_attribute = |attribute: Option<&str>| {
                attribute.is_some_and(|first| {
                    names
                        .receiver_attributes
                        .iter()
                        .any(|attribute| attribute == first)
                })
            };
            let first_attribute = || {
                source
                    .get(reference.range().end().to_usize()..)
                    .and_then(next_attribute)
            };
            let leads = match &head {
                Head::Dotted(head) => {
                    let base = match &binding.kind {
                        BindingKind::SubmoduleImport(_) => written,
                        _ => head.as_str(),
                    };
                    names.chain_may_lead_to_source(&mut dotted, source, reference.range(), base)
                }
                // `request.GET`: the first attribute after the receiver.
                Head::Receiver => is_receiver_attribute(first_attribute().map(|(first, _)| first)),
                // `self.request.GET`: a request-named attribute, then one.
                Head::SelfAttribute => first_attribute().is_some_and(|(first, rest)| {
                    accepts_receiver(first)
                        && is_receiver_attribute(next_attribute(rest).map(|(second, _)| second))
                }),
            };
            if !leads {
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

#[cfg(test)]
mod tests {
    use super::contains_ignoring_ascii_case;

    #[test]
    fn a_word_is_found_in_any_case_and_anywhere() {
        assert!(contains_ignoring_ascii_case("request", "req"));
        assert!(contains_ignoring_ascii_case("http_Request", "req"));
        assert!(contains_ignoring_ascii_case("REQ", "req"));
        assert!(contains_ignoring_ascii_case("my_req", "req"));
        assert!(contains_ignoring_ascii_case("conn2", "n2"));
        assert!(!contains_ignoring_ascii_case("re", "req"));
        assert!(!contains_ignoring_ascii_case("rEque", "rq"));
        assert!(!contains_ignoring_ascii_case("response", "req"));
        assert!(!contains_ignoring_ascii_case("anything", ""));
        // A byte that becomes `r` only by setting bit 5 (none outside
        // letters) and non-ASCII names.
        assert!(!contains_ignoring_ascii_case("Rép", "req"));
        assert!(contains_ignoring_ascii_case("ÿreq", "req"));
    }
}
