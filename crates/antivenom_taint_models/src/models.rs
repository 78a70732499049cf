//! The model set: loading (shipped files, then user files) and lookup.

use crate::error::ModelError;
use crate::format::{ParsedFile, parse_model_file};
use crate::model::{
    GuardModel, ModelKey, ModelKind, ModelName, NormaliserModel, Origin, PropagatorModel,
    SanitizerModel, SinkModel, SourceModel,
};
use rustc_hash::FxHashMap;
use std::path::Path;

/// The model files shipped in the binary: (file name, contents).
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_models.rs"));
}

/// Indices of the models registered under one name, per kind.
#[derive(Debug, Default)]
struct Entry {
    sources: Vec<u32>,
    sinks: Vec<u32>,
    sanitizers: Vec<u32>,
    propagators: Vec<u32>,
    guards: Vec<u32>,
    normalisers: Vec<u32>,
}

/// Every taint model of a run, indexed for lookup by qualified name (hash
/// map; wildcard names in a short prefix list) and by method name.
///
/// Qualified-name lookups return the models registered under that exact
/// name plus those whose wildcard (`os.exec*`) matches it. Method lookups
/// return every model of that method name; filter them with
/// [`ModelKey::accepts_receiver`]. Use method models only for calls on a
/// receiver whose type is unknown (a resolved name with no model, or a
/// project function, takes precedence).
#[derive(Debug, Default)]
pub struct Models {
    sources: Vec<SourceModel>,
    sinks: Vec<SinkModel>,
    sanitizers: Vec<SanitizerModel>,
    propagators: Vec<PropagatorModel>,
    guards: Vec<GuardModel>,
    normalisers: Vec<NormaliserModel>,
    names: FxHashMap<Box<str>, Entry>,
    /// Wildcard names without their `*`.
    prefixes: Vec<(Box<str>, Entry)>,
    methods: FxHashMap<Box<str>, Entry>,
}

/// What the store needs to know about each model kind.
trait Model: Sized {
    const KIND: ModelKind;
    /// At most one model of this kind per key (others add up).
    const SINGLE: bool;
    fn key(&self) -> &ModelKey;
    fn origin(&self) -> &Origin;
    /// Equal in everything but where it was defined.
    fn same_meaning(&self, other: &Self) -> bool;
    fn storage(models: &mut Models) -> &mut Vec<Self>;
    fn stored(models: &Models) -> &[Self];
    fn slot(entry: &mut Entry) -> &mut Vec<u32>;
}

macro_rules! impl_model {
    ($ty:ty, $kind:ident, $single:literal, $field:ident, [$($meaning:ident),+]) => {
        impl Model for $ty {
            const KIND: ModelKind = ModelKind::$kind;
            const SINGLE: bool = $single;
            fn key(&self) -> &ModelKey {
                &self.key
            }
            fn origin(&self) -> &Origin {
                &self.origin
            }
            fn same_meaning(&self, other: &Self) -> bool {
                self.key == other.key $(&& self.$meaning == other.$meaning)+
            }
            fn storage(models: &mut Models) -> &mut Vec<Self> {
                &mut models.$field
            }
            fn stored(models: &Models) -> &[Self] {
                &models.$field
            }
            fn slot(entry: &mut Entry) -> &mut Vec<u32> {
                &mut entry.$field
            }
        }
    };
}

impl_model!(
    SourceModel,
    Source,
    true,
    sources,
    [kind, part, access, port, confidence, conditions]
);
impl_model!(
    SinkModel,
    Sink,
    false,
    sinks,
    [class, ports, confidence, conditions]
);
impl_model!(
    SanitizerModel,
    Sanitizer,
    true,
    sanitizers,
    [clears, from, to, conditions]
);
impl_model!(
    PropagatorModel,
    Propagator,
    false,
    propagators,
    [from, to, conditions]
);
impl_model!(
    GuardModel,
    Guard,
    true,
    guards,
    [clears, guarded, branch, requires_normalised, conditions]
);
impl_model!(
    NormaliserModel,
    Normaliser,
    true,
    normalisers,
    [from, to, conditions]
);

impl Models {
    /// No models (add files with [`Models::add_file_contents`]).
    #[must_use]
    pub fn empty() -> Self {
        Self::default()
    }

    /// The shipped models (`data/taint/*.toml`, embedded in the binary).
    ///
    /// # Errors
    /// Only if a shipped file is malformed, which the test suite rules out.
    pub fn builtin() -> Result<Self, ModelError> {
        let mut models = Self::empty();
        for (name, contents) in embedded::EMBEDDED_MODEL_FILES {
            models.add_file_contents(&format!("data/taint/{name}"), contents)?;
        }
        Ok(models)
    }

    /// The shipped models plus the user's model files, in order.
    ///
    /// # Errors
    /// When a file cannot be read, is malformed, or gives a name a meaning
    /// different from an earlier definition. Errors name file, line and key.
    pub fn with_user_files<P: AsRef<Path>>(
        paths: impl IntoIterator<Item = P>,
    ) -> Result<Self, ModelError> {
        let mut models = Self::builtin()?;
        for path in paths {
            models.load_file(path.as_ref())?;
        }
        Ok(models)
    }

    /// The shipped model files: (file name, contents).
    #[must_use]
    pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
        embedded::EMBEDDED_MODEL_FILES
    }

    /// Reads and adds one model file.
    ///
    /// # Errors
    /// As [`Models::add_file_contents`], or when the file cannot be read.
    pub fn load_file(&mut self, path: &Path) -> Result<(), ModelError> {
        let origin = path.display().to_string();
        let contents = std::fs::read_to_string(path).map_err(|error| ModelError::Io {
            file: origin.clone(),
            message: error.to_string(),
        })?;
        self.add_file_contents(&origin, &contents)
    }

    /// Adds the models of one file given as text; `origin` names it in
    /// errors. A model equal to one already loaded (in everything but its
    /// origin) is skipped. On error, the set may hold part of the file:
    /// discard it.
    ///
    /// # Errors
    /// When the file is malformed, or a source, sanitizer, guard or
    /// normaliser gives an already-defined name (or method with the same
    /// receiver hints) a different meaning. Sinks and propagators add up.
    pub fn add_file_contents(&mut self, origin: &str, contents: &str) -> Result<(), ModelError> {
        let ParsedFile {
            sources,
            sinks,
            sanitizers,
            propagators,
            guards,
            normalisers,
        } = parse_model_file(origin, contents)?;
        self.insert_all(sources)?;
        self.insert_all(sinks)?;
        self.insert_all(sanitizers)?;
        self.insert_all(propagators)?;
        self.insert_all(guards)?;
        self.insert_all(normalisers)
    }

    fn insert_all<M: Model>(&mut self, models: Vec<M>) -> Result<(), ModelError> {
        models.into_iter().try_for_each(|model| self.insert(model))
    }

    fn insert<M: Model>(&mut self, model: M) -> Result<(), ModelError> {
        let entry = self.entry_mut(model.key());
        let existing: Vec<u32> = M::slot(entry).clone();
        for index in existing {
            let Some(other) = M::stored(self).get(index as usize) else {
                continue;
            };
            if other.key() != model.key() {
                // A method model with other receiver hints.
                continue;
            }
            if other.same_meaning(&model) {
                return Ok(());
            }
            if M::SINGLE {
                return Err(ModelError::Conflict {
                    file: model.origin().file.to_string(),
                    line: model.origin().line,
                    kind: M::KIND.as_str(),
                    name: model.key().to_string(),
                    first: other.origin().to_string(),
                });
            }
        }
        let storage = M::storage(self);
        let Ok(index) = u32::try_from(storage.len()) else {
            return Err(ModelError::Invalid {
                file: model.origin().file.to_string(),
                line: model.origin().line,
                message: "too many models".to_owned(),
            });
        };
        let key = model.key().clone();
        storage.push(model);
        M::slot(self.entry_mut(&key)).push(index);
        Ok(())
    }

    fn entry_mut(&mut self, key: &ModelKey) -> &mut Entry {
        match key {
            ModelKey::Method { name, .. } => self.methods.entry(name.as_str().into()).or_default(),
            ModelKey::Name(name) => match name.strip_suffix('*') {
                None => self.names.entry(name.as_str().into()).or_default(),
                Some(prefix) => {
                    let at = self
                        .prefixes
                        .iter()
                        .position(|(known, _)| **known == *prefix)
                        .unwrap_or_else(|| {
                            self.prefixes.push((prefix.into(), Entry::default()));
                            self.prefixes.len() - 1
                        });
                    // `at` is an index just found or just pushed.
                    &mut self.prefixes[at].1
                }
            },
        }
    }

    /// The entries for a qualified name: exact first, then wildcards,
    /// longest prefix first.
    fn name_entries<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Entry> {
        let mut prefixed: Vec<&(Box<str>, Entry)> = self
            .prefixes
            .iter()
            .filter(|(prefix, _)| name.starts_with(&**prefix))
            .collect();
        prefixed.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        self.names
            .get(name)
            .into_iter()
            .chain(prefixed.into_iter().map(|(_, entry)| entry))
    }

    fn resolve<'a, M: Model + 'a>(&'a self, indices: &'a [u32]) -> impl Iterator<Item = &'a M> {
        indices
            .iter()
            .filter_map(|index| M::stored(self).get(*index as usize))
    }

    fn by_name<'a, M: Model + 'a>(
        &'a self,
        name: &str,
        slot: fn(&Entry) -> &[u32],
    ) -> impl Iterator<Item = &'a M> {
        self.name_entries(name)
            .flat_map(move |entry| self.resolve::<M>(slot(entry)))
    }

    fn by_method<'a, M: Model + 'a>(
        &'a self,
        method: &str,
        slot: fn(&Entry) -> &[u32],
    ) -> impl Iterator<Item = &'a M> {
        self.methods
            .get(method)
            .into_iter()
            .flat_map(move |entry| self.resolve::<M>(slot(entry)))
    }

    /// Whether any model is registered under `name` (exact or wildcard):
    /// a cheap first test before the per-kind lookups.
    #[must_use]
    pub fn knows_name(&self, name: &str) -> bool {
        self.names.contains_key(name)
            || self
                .prefixes
                .iter()
                .any(|(prefix, _)| name.starts_with(&**prefix))
    }

    /// Whether any model is registered for method `method`.
    #[must_use]
    pub fn knows_method(&self, method: &str) -> bool {
        self.methods.contains_key(method)
    }

    /// The source read or called as `name` (exact name first, then the
    /// longest matching wildcard).
    #[must_use]
    pub fn source_for(&self, name: &str) -> Option<&SourceModel> {
        self.by_name(name, |entry| &entry.sources).next()
    }

    /// Sources for attribute or method `method` on receivers of unknown type.
    pub fn sources_for_method<'a>(&'a self, method: &str) -> impl Iterator<Item = &'a SourceModel> {
        self.by_method(method, |entry| &entry.sources)
    }

    /// Every sink model of a call to `name` (several when a call is a sink
    /// for several classes or under several conditions).
    pub fn sinks_for<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a SinkModel> {
        self.by_name(name, |entry| &entry.sinks)
    }

    /// Sink models of method `method` on receivers of unknown type.
    pub fn sinks_for_method<'a>(&'a self, method: &str) -> impl Iterator<Item = &'a SinkModel> {
        self.by_method(method, |entry| &entry.sinks)
    }

    /// The sanitizer called as `name`.
    #[must_use]
    pub fn sanitizer_for(&self, name: &str) -> Option<&SanitizerModel> {
        self.by_name(name, |entry| &entry.sanitizers).next()
    }

    /// Sanitizers of method `method` on receivers of unknown type.
    pub fn sanitizers_for_method<'a>(
        &'a self,
        method: &str,
    ) -> impl Iterator<Item = &'a SanitizerModel> {
        self.by_method(method, |entry| &entry.sanitizers)
    }

    /// The propagators of a call to `name` (their flows add up).
    pub fn propagators_for<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a PropagatorModel> {
        self.by_name(name, |entry| &entry.propagators)
    }

    /// Propagators of method `method` on receivers of unknown type.
    pub fn propagators_for_method<'a>(
        &'a self,
        method: &str,
    ) -> impl Iterator<Item = &'a PropagatorModel> {
        self.by_method(method, |entry| &entry.propagators)
    }

    /// The guard called as `name`.
    #[must_use]
    pub fn guard_for(&self, name: &str) -> Option<&GuardModel> {
        self.by_name(name, |entry| &entry.guards).next()
    }

    /// Guards of method `method` on receivers of unknown type.
    pub fn guards_for_method<'a>(&'a self, method: &str) -> impl Iterator<Item = &'a GuardModel> {
        self.by_method(method, |entry| &entry.guards)
    }

    /// The path normaliser called as `name`.
    #[must_use]
    pub fn normaliser_for(&self, name: &str) -> Option<&NormaliserModel> {
        self.by_name(name, |entry| &entry.normalisers).next()
    }

    /// Normalisers of method `method` on receivers of unknown type.
    pub fn normalisers_for_method<'a>(
        &'a self,
        method: &str,
    ) -> impl Iterator<Item = &'a NormaliserModel> {
        self.by_method(method, |entry| &entry.normalisers)
    }

    /// Every source model.
    #[must_use]
    pub fn sources(&self) -> &[SourceModel] {
        &self.sources
    }

    /// Every sink model.
    #[must_use]
    pub fn sinks(&self) -> &[SinkModel] {
        &self.sinks
    }

    /// Every sanitizer model.
    #[must_use]
    pub fn sanitizers(&self) -> &[SanitizerModel] {
        &self.sanitizers
    }

    /// Every propagator model.
    #[must_use]
    pub fn propagators(&self) -> &[PropagatorModel] {
        &self.propagators
    }

    /// Every guard model.
    #[must_use]
    pub fn guards(&self) -> &[GuardModel] {
        &self.guards
    }

    /// Every normaliser model.
    #[must_use]
    pub fn normalisers(&self) -> &[NormaliserModel] {
        &self.normalisers
    }

    /// How many models of `kind` there are.
    #[must_use]
    pub fn count(&self, kind: ModelKind) -> usize {
        match kind {
            ModelKind::Source => self.sources.len(),
            ModelKind::Sink => self.sinks.len(),
            ModelKind::Sanitizer => self.sanitizers.len(),
            ModelKind::Propagator => self.propagators.len(),
            ModelKind::Guard => self.guards.len(),
            ModelKind::Normaliser => self.normalisers.len(),
        }
    }

    /// Every model's kind, key and origin, kind by kind in load order (for
    /// coverage checks: every model should have a fixture case).
    pub fn all_names(&self) -> impl Iterator<Item = ModelName<'_>> {
        fn names<M: Model>(models: &[M]) -> impl Iterator<Item = ModelName<'_>> {
            models.iter().map(|model| ModelName {
                kind: M::KIND,
                key: model.key(),
                origin: model.origin(),
            })
        }
        names(&self.sources)
            .chain(names(&self.sinks))
            .chain(names(&self.sanitizers))
            .chain(names(&self.propagators))
            .chain(names(&self.guards))
            .chain(names(&self.normalisers))
    }
}
