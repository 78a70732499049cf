//! Class hierarchy of the project: resolved bases, method resolution order,
//! subclasses, and which classes define each method name.
//!
//! The MRO is Python's C3 linearisation over project classes. When C3 fails
//! (an inconsistent hierarchy, which Python rejects, or one made
//! inconsistent by name conflicts), it falls back to a left-to-right
//! depth-first walk keeping each class's first occurrence. An inheritance
//! cycle (possible only through name confusion) is cut where it closes.
//! External bases take no part in the MRO; they are kept, in MRO order, so
//! an attribute no project class defines resolves to `external.Base.attr`.

use crate::ids::{ClassId, FunctionId, ModuleId};
use crate::index::ProjectIndex;
use crate::resolve::{Guard, Resolution};
use crate::symbols::ClassAttribute;
use rustc_hash::{FxHashMap, FxHashSet};

/// Longest MRO kept.
const MAX_MRO_LENGTH: usize = 128;
/// Deepest base-of-base recursion while linearising.
const MAX_HIERARCHY_DEPTH: usize = 64;
/// Most classes returned by [`ProjectIndex::all_subclasses`].
const MAX_SUBCLASSES: usize = 4096;

/// A base class after resolution.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BaseClass {
    /// A class of the project.
    Project(ClassId),
    /// A class outside the project, fully qualified (`django.views.View`).
    External(String),
    /// A base that resolves to nothing known, as written.
    Unknown(String),
}

/// Per-class tables, indexed by [`ClassId::index`].
#[derive(Debug, Default)]
pub(crate) struct ClassTables {
    bases: Vec<Vec<BaseClass>>,
    mro: Vec<Vec<ClassId>>,
    external_bases: Vec<Vec<String>>,
    subclasses: Vec<Vec<ClassId>>,
    defining: FxHashMap<String, Vec<ClassId>>,
}

#[derive(Clone)]
enum Linearisation {
    NotStarted,
    InProgress,
    Done(Vec<ClassId>),
}

/// What a name means in one class body.
enum Member<'a> {
    Method(usize),
    Nested(usize),
    Attribute(&'a ClassAttribute),
}

impl ClassTables {
    /// Builds the tables for `index`, whose modules and ids are in place.
    pub(crate) fn build(index: &ProjectIndex) -> Self {
        let bases: Vec<Vec<BaseClass>> = index
            .classes()
            .map(|class| resolve_bases(index, class))
            .collect();
        let mut states = vec![Linearisation::NotStarted; bases.len()];
        let mut mro = Vec::with_capacity(bases.len());
        for class in index.classes() {
            mro.push(linearise(class, &bases, &mut states, 0));
        }
        let external_bases = index
            .classes()
            .map(|class| {
                let mut external: Vec<String> = Vec::new();
                let own = std::iter::once(class);
                let line = mro.get(class.index()).map_or(&[][..], Vec::as_slice);
                for member in own.chain(line.iter().copied()) {
                    for base in bases.get(member.index()).into_iter().flatten() {
                        if let BaseClass::External(name) = base
                            && !external.contains(name)
                        {
                            external.push(name.clone());
                        }
                    }
                }
                external
            })
            .collect();
        let mut subclasses = vec![Vec::new(); bases.len()];
        for class in index.classes() {
            for base in bases.get(class.index()).into_iter().flatten() {
                if let BaseClass::Project(base) = base
                    && let Some(list) = subclasses.get_mut(base.index())
                    && !list.contains(&class)
                {
                    list.push(class);
                }
            }
        }
        let mut defining: FxHashMap<String, Vec<ClassId>> = FxHashMap::default();
        for class in index.classes() {
            let Some(symbol) = index.class(class) else {
                continue;
            };
            let Some(module) = index.class_module(class).and_then(|id| index.module(id)) else {
                continue;
            };
            for &method in &symbol.methods {
                let Some(function) = module.functions.get(method) else {
                    continue;
                };
                let classes = defining.entry(function.name.clone()).or_default();
                if classes.last() != Some(&class) {
                    classes.push(class);
                }
            }
        }
        Self {
            bases,
            mro,
            external_bases,
            subclasses,
            defining,
        }
    }
}

/// The bases of `class`, resolved in its module (nested classes see their
/// enclosing class's nested classes first).
fn resolve_bases(index: &ProjectIndex, class: ClassId) -> Vec<BaseClass> {
    let Some(symbol) = index.class(class) else {
        return Vec::new();
    };
    let module_id = index.class_module(class);
    let module_name = index.class_module_name(class);
    symbol
        .bases
        .iter()
        .map(|base| {
            let mut guard = Guard::default();
            let from_enclosing = symbol.parent.and_then(|parent| {
                let module_id = module_id?;
                let parent = index.class_id(module_id, parent)?;
                let (first, rest) = base.split_once('.').unwrap_or((base, ""));
                let sibling = index.class_body_member(parent, first, &mut guard)?;
                let mut current = sibling;
                for part in rest.split('.').filter(|part| !part.is_empty()) {
                    current = index.attribute(current, part, &mut guard);
                }
                Some(current)
            });
            let resolution = from_enclosing
                .unwrap_or_else(|| index.dotted_in(module_name, module_id, base, &mut guard));
            match resolution {
                Resolution::Class(id) if id != class => BaseClass::Project(id),
                Resolution::External(name) => BaseClass::External(name),
                _ => BaseClass::Unknown(base.clone()),
            }
        })
        .collect()
}

/// C3 linearisation of `class` (itself first), memoised in `states`.
fn linearise(
    class: ClassId,
    bases: &[Vec<BaseClass>],
    states: &mut [Linearisation],
    depth: usize,
) -> Vec<ClassId> {
    match states.get(class.index()) {
        Some(Linearisation::Done(line)) => return line.clone(),
        // A cycle, or too deep: the class alone.
        Some(Linearisation::InProgress) | None => return vec![class],
        Some(Linearisation::NotStarted) if depth > MAX_HIERARCHY_DEPTH => return vec![class],
        Some(Linearisation::NotStarted) => {}
    }
    if let Some(state) = states.get_mut(class.index()) {
        *state = Linearisation::InProgress;
    }
    let direct: Vec<ClassId> = bases
        .get(class.index())
        .into_iter()
        .flatten()
        .filter_map(|base| match base {
            BaseClass::Project(id) => Some(*id),
            _ => None,
        })
        .collect();
    let mut sequences: Vec<Vec<ClassId>> = direct
        .iter()
        .map(|&base| linearise(base, bases, states, depth + 1))
        .collect();
    let fallback = depth_first(class, &sequences);
    sequences.push(direct);
    let line = c3_merge(class, sequences).unwrap_or(fallback);
    if let Some(state) = states.get_mut(class.index()) {
        *state = Linearisation::Done(line.clone());
    }
    line
}

/// `class` followed by its bases' linearisations merged by C3; `None` when
/// they cannot be merged.
fn c3_merge(class: ClassId, mut sequences: Vec<Vec<ClassId>>) -> Option<Vec<ClassId>> {
    let mut line = vec![class];
    for sequence in &mut sequences {
        // Drop `class` from inherited lines (only there through a cycle).
        sequence.retain(|&member| member != class);
        sequence.reverse(); // heads at the end: cheap removal
    }
    loop {
        sequences.retain(|sequence| !sequence.is_empty());
        if sequences.is_empty() || line.len() >= MAX_MRO_LENGTH {
            return Some(line);
        }
        let head = sequences.iter().find_map(|sequence| {
            let &candidate = sequence.last()?;
            let in_a_tail = sequences.iter().any(|other| {
                other
                    .iter()
                    .rev()
                    .skip(1)
                    .any(|&member| member == candidate)
            });
            (!in_a_tail).then_some(candidate)
        })?;
        line.push(head);
        for sequence in &mut sequences {
            if sequence.last() == Some(&head) {
                sequence.pop();
            }
        }
    }
}

/// `class` followed by each base line in turn, keeping first occurrences.
fn depth_first(class: ClassId, sequences: &[Vec<ClassId>]) -> Vec<ClassId> {
    let mut line = vec![class];
    for member in sequences.iter().flatten() {
        if line.len() >= MAX_MRO_LENGTH {
            break;
        }
        if !line.contains(member) {
            line.push(*member);
        }
    }
    line
}

impl ProjectIndex {
    /// The resolved bases of `class`, in order.
    #[must_use]
    pub fn bases(&self, class: ClassId) -> &[BaseClass] {
        self.class_tables
            .bases
            .get(class.index())
            .map_or(&[], Vec::as_slice)
    }

    /// The method resolution order of `class` over project classes, the
    /// class itself first (C3; see the module documentation).
    #[must_use]
    pub fn mro(&self, class: ClassId) -> &[ClassId] {
        self.class_tables
            .mro
            .get(class.index())
            .map_or(&[], Vec::as_slice)
    }

    /// The external bases of `class` and of the project classes in its MRO,
    /// fully qualified, in MRO order.
    #[must_use]
    pub fn external_bases(&self, class: ClassId) -> &[String] {
        self.class_tables
            .external_bases
            .get(class.index())
            .map_or(&[], Vec::as_slice)
    }

    /// The project classes that name `class` as a direct base.
    #[must_use]
    pub fn subclasses(&self, class: ClassId) -> &[ClassId] {
        self.class_tables
            .subclasses
            .get(class.index())
            .map_or(&[], Vec::as_slice)
    }

    /// Every project class below `class` (transitively), breadth first,
    /// without `class` itself.
    #[must_use]
    pub fn all_subclasses(&self, class: ClassId) -> Vec<ClassId> {
        let mut found: Vec<ClassId> = Vec::new();
        let mut seen: FxHashSet<ClassId> = FxHashSet::default();
        seen.insert(class);
        let mut next = 0;
        let mut current = Some(class);
        while let Some(parent) = current {
            for &subclass in self.subclasses(parent) {
                if found.len() >= MAX_SUBCLASSES {
                    return found;
                }
                if seen.insert(subclass) {
                    found.push(subclass);
                }
            }
            current = found.get(next).copied();
            next += 1;
        }
        found
    }

    /// The classes whose body defines a method `method_name`, in id order:
    /// the candidates when the receiver's type is unknown (class hierarchy
    /// analysis by name).
    #[must_use]
    pub fn classes_defining(&self, method_name: &str) -> &[ClassId] {
        self.class_tables
            .defining
            .get(method_name)
            .map_or(&[], Vec::as_slice)
    }

    /// The function `instance.name` or `Class.name` calls: the first class
    /// in the MRO of `class` that defines `name` (as a method, or as an
    /// attribute aliasing a function), `None` when that is not a project
    /// function.
    #[must_use]
    pub fn method(&self, class: ClassId, name: &str) -> Option<FunctionId> {
        match self.class_attribute(class, name) {
            Resolution::Function(function) => Some(function),
            _ => None,
        }
    }

    /// The method `name` found after `after` in the MRO of `class`: what
    /// `super().name` calls in a method of `after` on an instance of
    /// `class`.
    #[must_use]
    pub fn method_after(&self, class: ClassId, after: ClassId, name: &str) -> Option<FunctionId> {
        let mut guard = Guard::default();
        let line = self.mro(class);
        let start = line.iter().position(|&member| member == after)?;
        for &member in line.iter().skip(start + 1) {
            if let Some(resolution) = self.own_attribute(member, name, &mut guard) {
                return match resolution {
                    Resolution::Function(function) => Some(function),
                    _ => None,
                };
            }
        }
        None
    }

    /// The `__init__` that `class(...)` runs, through the MRO.
    #[must_use]
    pub fn init_of(&self, class: ClassId) -> Option<FunctionId> {
        self.method(class, "__init__")
    }

    /// The attribute `name` of `class`: a method, a nested class, or an
    /// attribute's value when it is a dotted name, looked up through the
    /// MRO; then `external.Base.name` for the first external base; unknown
    /// otherwise.
    #[must_use]
    pub fn class_attribute(&self, class: ClassId, name: &str) -> Resolution {
        self.class_attribute_guarded(class, name, &mut Guard::default())
    }

    pub(crate) fn class_attribute_guarded(
        &self,
        class: ClassId,
        name: &str,
        guard: &mut Guard,
    ) -> Resolution {
        let own = [class];
        let line = match self.mro(class) {
            [] => &own[..],
            line => line,
        };
        for &member in line {
            if let Some(resolution) = self.own_attribute(member, name, guard) {
                return resolution;
            }
        }
        match self.external_bases(class).first() {
            Some(base) => Resolution::External(format!("{base}.{name}")),
            None => Resolution::Unknown,
        }
    }

    /// `name` as defined in the body of `class` itself, `None` when the
    /// body does not define it.
    fn own_attribute(&self, class: ClassId, name: &str, guard: &mut Guard) -> Option<Resolution> {
        if !guard.tick() {
            return Some(Resolution::Unknown);
        }
        let module = self.class_module(class)?;
        Some(match self.own_member(class, name)? {
            Member::Method(local) => self
                .function_id(module, local)
                .map_or(Resolution::Unknown, Resolution::Function),
            Member::Nested(local) => self
                .class_id(module, local)
                .map_or(Resolution::Unknown, Resolution::Class),
            Member::Attribute(attribute) => match &attribute.value {
                Some(value) => self.class_scope_dotted(class, module, value, guard),
                None => Resolution::Unknown,
            },
        })
    }

    /// A dotted name written in the body of `class`: its first part is one
    /// of the class's methods or nested classes, else a module-level name.
    fn class_scope_dotted(
        &self,
        class: ClassId,
        module: ModuleId,
        dotted: &str,
        guard: &mut Guard,
    ) -> Resolution {
        let (first, rest) = dotted.split_once('.').unwrap_or((dotted, ""));
        let Some(mut current) = self.class_body_member(class, first, guard) else {
            let module_name = self.module(module).map_or("", |module| module.name());
            return self.dotted_in(module_name, Some(module), dotted, guard);
        };
        for part in rest.split('.').filter(|part| !part.is_empty()) {
            current = self.attribute(current, part, guard);
        }
        current
    }

    /// A method or nested class named `name` in the body of `class`
    /// (attributes are left out: the body sees them only in order).
    pub(crate) fn class_body_member(
        &self,
        class: ClassId,
        name: &str,
        guard: &mut Guard,
    ) -> Option<Resolution> {
        if !guard.tick() {
            return None;
        }
        let module = self.class_module(class)?;
        let symbols = self.module(module)?;
        let symbol = self.class(class)?;
        let method = symbol
            .methods
            .iter()
            .rev()
            .find(|&&local| symbols.functions.get(local).is_some_and(|f| f.name == name));
        if let Some(&local) = method {
            return self.function_id(module, local).map(Resolution::Function);
        }
        let nested = symbol
            .nested
            .iter()
            .rev()
            .find(|&&local| symbols.classes.get(local).is_some_and(|c| c.name == name));
        nested.and_then(|&local| self.class_id(module, local).map(Resolution::Class))
    }

    /// The latest definition of `name` in the body of `class`.
    fn own_member(&self, class: ClassId, name: &str) -> Option<Member<'_>> {
        let module = self.module(self.class_module(class)?)?;
        let symbol = self.class(class)?;
        let mut best: Option<(ruff_text_size::TextSize, Member<'_>)> = None;
        let mut consider = |start, member| {
            if best
                .as_ref()
                .is_none_or(|(best_start, _)| start >= *best_start)
            {
                best = Some((start, member));
            }
        };
        // A property's setter and deleter share the getter's name; reads
        // and calls go to the getter, so they count only without one.
        let is_accessor = |decorators: &[String]| {
            decorators.iter().any(|decorator| {
                decorator
                    .strip_prefix(name)
                    .is_some_and(|rest| rest == ".setter" || rest == ".deleter")
            })
        };
        let methods = || {
            symbol.methods.iter().filter_map(|&local| {
                let function = module.functions.get(local)?;
                (function.name == name).then_some((local, function))
            })
        };
        let has_plain = methods().any(|(_, function)| !is_accessor(&function.decorators));
        for (local, function) in methods() {
            if !has_plain || !is_accessor(&function.decorators) {
                consider(function.range.start(), Member::Method(local));
            }
        }
        for &local in &symbol.nested {
            if let Some(nested) = module.classes.get(local)
                && nested.name == name
            {
                consider(nested.range.start(), Member::Nested(local));
            }
        }
        for attribute in &symbol.attributes {
            if attribute.name == name {
                consider(attribute.range.start(), Member::Attribute(attribute));
            }
        }
        best.map(|(_, member)| member)
    }
}
