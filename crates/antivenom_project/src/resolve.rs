//! Name resolution across modules: imports, re-exports through
//! `__init__.py`, aliases, star imports.
//!
//! Every query carries a [`Guard`]: a stack of the (module, name) pairs
//! being resolved (a pair met again is a cycle and is not followed a second
//! time), a depth cap and a step budget, so a query always ends, whatever
//! the code says.
//!
//! Approximations (documented choices):
//! * Top-level names: when a name is bound several times (both branches of
//!   `try`/`except ImportError`, redefinitions), the last binding in source
//!   order that resolves to something known wins; [`ProjectIndex::resolve_all`]
//!   gives every candidate.
//! * Explicit bindings win over names from `from m import *` wherever the
//!   star import sits; among star imports the last one exporting the name
//!   wins.
//! * A name that a project module does not bind resolves to its submodule
//!   of that name when there is one (`from pkg import views`, or `pkg.views`
//!   after `import pkg.views`).
//! * A module of the project that does not define a name gives
//!   [`Resolution::Unknown`]; a namespace package (no `__init__.py`) gives an
//!   external name instead, since it may be shared with installed packages.
//! * A module outside any regular package (a script in a directory without
//!   `__init__.py`) that imports `x` where no project module `x` exists but a
//!   sibling module `dir.x` does gets the sibling, as Python does for a
//!   script's own directory.

use crate::ids::{ClassId, FunctionId, ModuleId};
use crate::index::ProjectIndex;
use crate::module_symbols::ModuleSymbols;
use crate::symbols::BindingKind;
use std::borrow::Cow;

/// Most (module, name) pairs being resolved at once.
const MAX_DEPTH: usize = 48;
/// Most lookups one query may make.
const MAX_STEPS: usize = 1024;
/// Most parts of a dotted name followed.
const MAX_DOTTED_PARTS: usize = 64;

/// What a name refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// A function or method of the project.
    Function(FunctionId),
    /// A class of the project.
    Class(ClassId),
    /// A module of the project (or a namespace package), by dotted name.
    Module(String),
    /// A name outside the project, fully qualified (`subprocess.run`,
    /// `flask.request.args`): where the taint models apply.
    External(String),
    /// Bound to something the index cannot name (a call result, a literal),
    /// not found, or given up on (cycle, depth cap).
    Unknown,
}

impl Resolution {
    /// `true` for [`Resolution::Unknown`].
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown)
    }
}

/// Bounds one resolution query.
#[derive(Debug, Default)]
pub(crate) struct Guard {
    steps: usize,
    stack: Vec<(String, String)>,
}

impl Guard {
    /// Counts a step; `false` once the budget is spent.
    pub(crate) fn tick(&mut self) -> bool {
        self.steps += 1;
        self.steps <= MAX_STEPS
    }
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_owned()
    } else {
        format!("{module}.{name}")
    }
}

impl ProjectIndex {
    /// What `name` means at the top level of `module`: a binding of the
    /// module (followed through imports, re-exports and aliases), a name from
    /// a star import, or a submodule. A `module` outside the project gives
    /// [`Resolution::External`] of `module.name`.
    #[must_use]
    pub fn resolve(&self, module: &str, name: &str) -> Resolution {
        self.member(module, name, &mut Guard::default())
    }

    /// Every distinct meaning of `name` in `module`, one per binding, in
    /// source order (several for `try: from a import f / except ImportError:
    /// from b import f`); a single entry when the name is not bound (found
    /// through a star import or as a submodule).
    #[must_use]
    pub fn resolve_all(&self, module: &str, name: &str) -> Vec<Resolution> {
        let mut results = Vec::new();
        if let Some(&id) = self.modules_named(module).iter().find(|&&id| {
            self.module(id)
                .is_some_and(|m| !m.bindings(name).is_empty())
        }) && let Some(symbols) = self.module(id)
        {
            for binding in symbols.bindings(name) {
                let mut guard = Guard::default();
                guard.stack.push((module.to_owned(), name.to_owned()));
                let resolution = self.binding(id, symbols, &binding.kind, &mut guard);
                if !results.contains(&resolution) {
                    results.push(resolution);
                }
            }
        }
        if results.is_empty() {
            results.push(self.resolve(module, name));
        }
        results
    }

    /// What the dotted name `dotted` (`helper`, `subprocess.run`,
    /// `pkg.sub.fn`, `Class.method`) means in the scope of `module`: the
    /// first part is looked up as by [`ProjectIndex::resolve`], the others as
    /// attributes ([`ProjectIndex::resolve_attribute`]).
    #[must_use]
    pub fn resolve_dotted(&self, module: &str, dotted: &str) -> Resolution {
        self.dotted_in(module, None, dotted, &mut Guard::default())
    }

    /// What the fully qualified name `qualified` (`pkg.views.index`,
    /// `subprocess.run`) refers to: the longest prefix naming a project
    /// module, then attributes; [`Resolution::External`] of the whole name
    /// when no prefix is a project module. This is the entry point for
    /// names already qualified by the per-file semantic model.
    #[must_use]
    pub fn resolve_qualified(&self, qualified: &str) -> Resolution {
        let parts: Vec<&str> = qualified.split('.').take(MAX_DOTTED_PARTS).collect();
        let mut guard = Guard::default();
        for split in (1..=parts.len()).rev() {
            let (Some(prefix), Some(rest)) = (parts.get(..split), parts.get(split..)) else {
                continue;
            };
            let prefix = prefix.join(".");
            if self.is_project_module(&prefix) {
                let mut current = Resolution::Module(prefix);
                for part in rest {
                    current = self.attribute(current, part, &mut guard);
                }
                return current;
            }
        }
        Resolution::External(qualified.to_owned())
    }

    /// The attribute `name` of what `base` resolved to: a module's member, a
    /// class's method or attribute (through its MRO, then its external
    /// bases), `external.name` for an external name; unknown otherwise.
    #[must_use]
    pub fn resolve_attribute(&self, base: &Resolution, name: &str) -> Resolution {
        self.attribute(base.clone(), name, &mut Guard::default())
    }

    /// `true` when `from module import *` binds `name`: listed in an exact
    /// `__all__`, else public (no leading `_`) and bound by the module or by
    /// its own star imports. Always `false` for modules outside the project.
    #[must_use]
    pub fn exports(&self, module: &str, name: &str) -> bool {
        self.exports_guarded(module, name, &mut Guard::default(), 0)
    }

    pub(crate) fn attribute(&self, base: Resolution, name: &str, guard: &mut Guard) -> Resolution {
        match base {
            Resolution::Module(module) => self.member(&module, name, guard),
            Resolution::External(qualified) => Resolution::External(join(&qualified, name)),
            Resolution::Class(class) => self.class_attribute_guarded(class, name, guard),
            Resolution::Function(_) | Resolution::Unknown => Resolution::Unknown,
        }
    }

    /// The member `name` of the module named `module`, project or not.
    pub(crate) fn member(&self, module: &str, name: &str, guard: &mut Guard) -> Resolution {
        if !self.is_project_module(module) {
            return Resolution::External(join(module, name));
        }
        self.lookup(module, name, guard)
    }

    /// `dotted` in the scope of `module`; `scope` is the specific module
    /// (among those sharing the name) whose bindings are tried first.
    pub(crate) fn dotted_in(
        &self,
        module: &str,
        scope: Option<ModuleId>,
        dotted: &str,
        guard: &mut Guard,
    ) -> Resolution {
        let mut parts = dotted.split('.').take(MAX_DOTTED_PARTS);
        let Some(first) = parts.next() else {
            return Resolution::Unknown;
        };
        let mut current = self.scope_lookup(module, scope, first, guard);
        for part in parts {
            if current.is_unknown() {
                break;
            }
            current = self.attribute(current, part, guard);
        }
        current
    }

    /// `name` in the top-level scope of `module`, trying the bindings of
    /// `scope` first.
    fn scope_lookup(
        &self,
        module: &str,
        scope: Option<ModuleId>,
        name: &str,
        guard: &mut Guard,
    ) -> Resolution {
        if let Some(id) = scope
            && let Some(symbols) = self.module(id)
            && !symbols.bindings(name).is_empty()
            && !on_stack(guard, module, name)
            && guard.stack.len() < MAX_DEPTH
            && guard.tick()
        {
            guard.stack.push((module.to_owned(), name.to_owned()));
            let found = self.bindings_of(id, symbols, name, guard);
            guard.stack.pop();
            return found;
        }
        self.member(module, name, guard)
    }

    /// `name` in the project module `module`: its bindings, its star
    /// imports, its submodules.
    fn lookup(&self, module: &str, name: &str, guard: &mut Guard) -> Resolution {
        if !guard.tick() {
            return Resolution::Unknown;
        }
        if !on_stack(guard, module, name) && guard.stack.len() < MAX_DEPTH {
            guard.stack.push((module.to_owned(), name.to_owned()));
            let found = self.lookup_bound(module, name, guard);
            guard.stack.pop();
            if let Some(found) = found {
                return found;
            }
        }
        let submodule = join(module, name);
        if self.is_project_module(&submodule) {
            return Resolution::Module(submodule);
        }
        if self.is_namespace_package(module) {
            return Resolution::External(submodule);
        }
        Resolution::Unknown
    }

    /// `name` as bound by `module` itself or by its star imports; `None`
    /// when neither binds it.
    fn lookup_bound(&self, module: &str, name: &str, guard: &mut Guard) -> Option<Resolution> {
        let candidates = self.modules_named(module);
        for &id in candidates {
            let Some(symbols) = self.module(id) else {
                continue;
            };
            if !symbols.bindings(name).is_empty() {
                return Some(self.bindings_of(id, symbols, name, guard));
            }
        }
        for &id in candidates {
            let Some(symbols) = self.module(id) else {
                continue;
            };
            for star in symbols.star_imports.iter().rev() {
                let star = self.absolute_module(symbols, star);
                if self.exports_guarded(&star, name, guard, 0) {
                    return Some(self.member(&star, name, guard));
                }
            }
        }
        None
    }

    /// The last binding of `name` in `symbols` that resolves to something
    /// known, else unknown.
    fn bindings_of(
        &self,
        id: ModuleId,
        symbols: &ModuleSymbols,
        name: &str,
        guard: &mut Guard,
    ) -> Resolution {
        for binding in symbols.bindings(name).iter().rev() {
            let resolution = self.binding(id, symbols, &binding.kind, guard);
            if !resolution.is_unknown() {
                return resolution;
            }
        }
        Resolution::Unknown
    }

    fn binding(
        &self,
        id: ModuleId,
        symbols: &ModuleSymbols,
        kind: &BindingKind,
        guard: &mut Guard,
    ) -> Resolution {
        match kind {
            BindingKind::Function(local) => self
                .function_id(id, *local)
                .map_or(Resolution::Unknown, Resolution::Function),
            BindingKind::Class(local) => self
                .class_id(id, *local)
                .map_or(Resolution::Unknown, Resolution::Class),
            BindingKind::Module(module) => {
                let module = self.absolute_module(symbols, module);
                if self.is_project_module(&module) {
                    Resolution::Module(module.into_owned())
                } else {
                    Resolution::External(module.into_owned())
                }
            }
            BindingKind::ImportFrom { module, member } => {
                let module = self.absolute_module(symbols, module);
                self.member(&module, member, guard)
            }
            BindingKind::Alias(dotted) => self.dotted_in(&symbols.name, Some(id), dotted, guard),
            BindingKind::Opaque => Resolution::Unknown,
        }
    }

    /// The module an import of `module` in `importer` loads: `module`
    /// itself, or for a script outside any regular package, its sibling
    /// `dir.module` when only that one is in the project.
    fn absolute_module<'a>(&self, importer: &ModuleSymbols, module: &'a str) -> Cow<'a, str> {
        if self.is_project_module(module) || importer.is_package {
            return Cow::Borrowed(module);
        }
        let package = importer.package();
        if !package.is_empty() && !self.by_name.contains_key(package) {
            let sibling = join(package, module);
            if self.is_project_module(&sibling) {
                return Cow::Owned(sibling);
            }
        }
        Cow::Borrowed(module)
    }

    fn exports_guarded(&self, module: &str, name: &str, guard: &mut Guard, depth: usize) -> bool {
        if depth > MAX_DEPTH || !guard.tick() {
            return false;
        }
        let public = !name.starts_with('_');
        for &id in self.modules_named(module) {
            let Some(symbols) = self.module(id) else {
                continue;
            };
            if let Some(all) = &symbols.dunder_all
                && all.iter().any(|listed| listed == name)
            {
                return true;
            }
            if symbols.dunder_all.is_some() && symbols.dunder_all_exact {
                continue;
            }
            if !public {
                continue;
            }
            if !symbols.bindings(name).is_empty() {
                return true;
            }
            for star in &symbols.star_imports {
                let star = self.absolute_module(symbols, star);
                if star != module && self.exports_guarded(&star, name, guard, depth + 1) {
                    return true;
                }
            }
        }
        false
    }
}

fn on_stack(guard: &Guard, module: &str, name: &str) -> bool {
    guard
        .stack
        .iter()
        .any(|(seen_module, seen_name)| seen_module == module && seen_name == name)
}
