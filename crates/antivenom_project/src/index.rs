//! The project index: every module's symbols, looked up by name and by id.
//!
//! Modules that claim the same name (two roots with an `app.py`, `foo.py`
//! beside `foo/__init__.py`, `foo.py` beside `foo.pyi`) are all kept, each
//! with its own functions and classes. Name lookups try them in a fixed
//! order and take the first that defines the name: sources before stubs,
//! then packages before plain modules (Python's own precedence within a
//! directory), then by path, then by position in the input.

use crate::classes::ClassTables;
use crate::ids::{ClassId, FunctionId, ModuleId};
use crate::module_symbols::ModuleSymbols;
use crate::symbols::{ClassSymbol, FunctionSymbol};
use ruff_text_size::TextRange;
use rustc_hash::{FxHashMap, FxHashSet};

/// Every module of a project, with name resolution across them. Immutable
/// once built, `Send + Sync`.
#[derive(Debug, Default)]
pub struct ProjectIndex {
    pub(crate) modules: Vec<ModuleSymbols>,
    /// Module name → modules claiming it, preferred first.
    pub(crate) by_name: FxHashMap<String, Vec<ModuleId>>,
    /// Proper prefixes of module names that no module claims (directories
    /// without `__init__.py`: namespace packages).
    pub(crate) namespaces: FxHashSet<String>,
    /// Function id → (module, index in the module's functions).
    pub(crate) functions: Vec<(ModuleId, u32)>,
    /// Module → id of its first function.
    pub(crate) first_function: Vec<u32>,
    /// Class id → (module, index in the module's classes).
    pub(crate) classes: Vec<(ModuleId, u32)>,
    /// Module → id of its first class.
    pub(crate) first_class: Vec<u32>,
    /// Resolved bases, MROs, subclasses and method names.
    pub(crate) class_tables: ClassTables,
}

impl ProjectIndex {
    /// Indexes `modules`; [`ModuleId`]s follow the vector's order.
    #[must_use]
    pub fn new(modules: Vec<ModuleSymbols>) -> Self {
        let mut index = Self::default();
        let mut functions = Vec::new();
        let mut classes = Vec::new();
        let mut by_name: FxHashMap<String, Vec<ModuleId>> = FxHashMap::default();
        for (position, module) in modules.iter().enumerate() {
            let Ok(id) = u32::try_from(position).map(ModuleId) else {
                break;
            };
            index
                .first_function
                .push(u32::try_from(functions.len()).unwrap_or(u32::MAX));
            index
                .first_class
                .push(u32::try_from(classes.len()).unwrap_or(u32::MAX));
            for local in 0..module.functions.len() {
                if let Ok(local) = u32::try_from(local) {
                    functions.push((id, local));
                }
            }
            for local in 0..module.classes.len() {
                if let Ok(local) = u32::try_from(local) {
                    classes.push((id, local));
                }
            }
            by_name.entry(module.name.clone()).or_default().push(id);
        }
        for candidates in by_name.values_mut() {
            candidates.sort_by(|&a, &b| {
                let key = |id: ModuleId| {
                    let module = modules.get(id.index());
                    (
                        module.is_some_and(ModuleSymbols::is_stub),
                        !module.is_some_and(ModuleSymbols::is_package),
                        module.and_then(ModuleSymbols::path),
                        id,
                    )
                };
                key(a).cmp(&key(b))
            });
        }
        let mut namespaces = FxHashSet::default();
        for name in by_name.keys() {
            let mut prefix = name.as_str();
            while let Some((parent, _)) = prefix.rsplit_once('.') {
                if !by_name.contains_key(parent) {
                    namespaces.insert(parent.to_owned());
                }
                prefix = parent;
            }
        }
        index.modules = modules;
        index.by_name = by_name;
        index.namespaces = namespaces;
        index.functions = functions;
        index.classes = classes;
        index.class_tables = ClassTables::build(&index);
        index
    }

    /// Every module with its id, in input order.
    pub fn modules(&self) -> impl Iterator<Item = (ModuleId, &ModuleSymbols)> {
        self.modules
            .iter()
            .enumerate()
            .filter_map(|(position, module)| {
                Some((ModuleId(u32::try_from(position).ok()?), module))
            })
    }

    /// The module `id`.
    #[must_use]
    pub fn module(&self, id: ModuleId) -> Option<&ModuleSymbols> {
        self.modules.get(id.index())
    }

    /// The preferred module named `name` (see the module documentation for
    /// the order among modules claiming the same name).
    #[must_use]
    pub fn module_named(&self, name: &str) -> Option<ModuleId> {
        self.modules_named(name).first().copied()
    }

    /// Every module named `name`, preferred first.
    #[must_use]
    pub fn modules_named(&self, name: &str) -> &[ModuleId] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// `true` when `name` is a module of the project or a namespace package
    /// (a directory above project modules without an `__init__.py`).
    #[must_use]
    pub fn is_project_module(&self, name: &str) -> bool {
        self.by_name.contains_key(name) || self.namespaces.contains(name)
    }

    /// `true` when `name` is only a namespace package: project modules live
    /// below it but no file defines it. Names missing from a namespace
    /// package resolve as external (it may be split across distributions).
    #[must_use]
    pub fn is_namespace_package(&self, name: &str) -> bool {
        self.namespaces.contains(name)
    }

    /// Number of functions and methods (ids are `0..function_count`).
    #[must_use]
    pub fn function_count(&self) -> usize {
        self.functions.len()
    }

    /// Number of classes (ids are `0..class_count`).
    #[must_use]
    pub fn class_count(&self) -> usize {
        self.classes.len()
    }

    /// Every function and method id.
    pub fn functions(&self) -> impl Iterator<Item = FunctionId> + use<'_> {
        (0..self.functions.len()).filter_map(|id| u32::try_from(id).ok().map(FunctionId))
    }

    /// Every class id.
    pub fn classes(&self) -> impl Iterator<Item = ClassId> + use<'_> {
        (0..self.classes.len()).filter_map(|id| u32::try_from(id).ok().map(ClassId))
    }

    /// The function at position `local` of the module's
    /// [`ModuleSymbols::functions`].
    #[must_use]
    pub fn function_id(&self, module: ModuleId, local: usize) -> Option<FunctionId> {
        let count = self.module(module)?.functions.len();
        if local >= count {
            return None;
        }
        let first = *self.first_function.get(module.index())?;
        u32::try_from(local)
            .ok()
            .and_then(|local| first.checked_add(local))
            .map(FunctionId)
    }

    /// The class at position `local` of the module's
    /// [`ModuleSymbols::classes`].
    #[must_use]
    pub fn class_id(&self, module: ModuleId, local: usize) -> Option<ClassId> {
        let count = self.module(module)?.classes.len();
        if local >= count {
            return None;
        }
        let first = *self.first_class.get(module.index())?;
        u32::try_from(local)
            .ok()
            .and_then(|local| first.checked_add(local))
            .map(ClassId)
    }

    /// The functions and methods of `module`, in source order.
    pub fn functions_of(&self, module: ModuleId) -> impl Iterator<Item = FunctionId> + use<'_> {
        let count = self
            .module(module)
            .map_or(0, |module| module.functions.len());
        (0..count).filter_map(move |local| self.function_id(module, local))
    }

    /// The classes of `module`, in source order.
    pub fn classes_of(&self, module: ModuleId) -> impl Iterator<Item = ClassId> + use<'_> {
        let count = self.module(module).map_or(0, |module| module.classes.len());
        (0..count).filter_map(move |local| self.class_id(module, local))
    }

    /// The function of `module` whose definition spans exactly `range` (the
    /// `StmtFunctionDef` range), to match AST nodes to ids.
    #[must_use]
    pub fn function_at(&self, module: ModuleId, range: TextRange) -> Option<FunctionId> {
        let local = self
            .module(module)?
            .functions
            .iter()
            .position(|function| function.range == range)?;
        self.function_id(module, local)
    }

    /// The function or method `qualname` (`fn`, `C.m`) of `module`.
    #[must_use]
    pub fn function_named(&self, module: ModuleId, qualname: &str) -> Option<FunctionId> {
        let local = self.module(module)?.function_named(qualname)?;
        self.function_id(module, local)
    }

    /// The class `qualname` (`C`, `Outer.Inner`) of `module`.
    #[must_use]
    pub fn class_named(&self, module: ModuleId, qualname: &str) -> Option<ClassId> {
        let local = self.module(module)?.class_named(qualname)?;
        self.class_id(module, local)
    }

    /// The symbol of function `id`.
    #[must_use]
    pub fn function(&self, id: FunctionId) -> Option<&FunctionSymbol> {
        let &(module, local) = self.functions.get(id.index())?;
        self.module(module)?.functions.get(local as usize)
    }

    /// The module defining function `id`.
    #[must_use]
    pub fn function_module(&self, id: FunctionId) -> Option<ModuleId> {
        self.functions.get(id.index()).map(|&(module, _)| module)
    }

    /// The dotted name of the module defining function `id` (`""` for an id
    /// of another index).
    #[must_use]
    pub fn function_module_name(&self, id: FunctionId) -> &str {
        self.function_module(id)
            .and_then(|module| self.module(module))
            .map_or("", ModuleSymbols::name)
    }

    /// The name of function `id` inside its module (`fn`, `Class.method`;
    /// `""` for an id of another index).
    #[must_use]
    pub fn function_qualname(&self, id: FunctionId) -> &str {
        self.function(id)
            .map_or("", |function| function.qualname.as_str())
    }

    /// The range of function `id`'s definition (empty for an id of another
    /// index).
    #[must_use]
    pub fn function_range(&self, id: FunctionId) -> TextRange {
        self.function(id)
            .map_or_else(TextRange::default, |function| function.range)
    }

    /// The class whose body defines function `id`.
    #[must_use]
    pub fn class_of(&self, id: FunctionId) -> Option<ClassId> {
        let module = self.function_module(id)?;
        let local = self.function(id)?.class?;
        self.class_id(module, local)
    }

    /// The symbol of class `id`.
    #[must_use]
    pub fn class(&self, id: ClassId) -> Option<&ClassSymbol> {
        let &(module, local) = self.classes.get(id.index())?;
        self.module(module)?.classes.get(local as usize)
    }

    /// The module defining class `id`.
    #[must_use]
    pub fn class_module(&self, id: ClassId) -> Option<ModuleId> {
        self.classes.get(id.index()).map(|&(module, _)| module)
    }

    /// The dotted name of the module defining class `id` (`""` for an id of
    /// another index).
    #[must_use]
    pub fn class_module_name(&self, id: ClassId) -> &str {
        self.class_module(id)
            .and_then(|module| self.module(module))
            .map_or("", ModuleSymbols::name)
    }

    /// The name of class `id` inside its module (`C`, `Outer.Inner`; `""`
    /// for an id of another index).
    #[must_use]
    pub fn class_qualname(&self, id: ClassId) -> &str {
        self.class(id).map_or("", |class| class.qualname.as_str())
    }

    /// The range of class `id`'s definition (empty for an id of another
    /// index).
    #[must_use]
    pub fn class_range(&self, id: ClassId) -> TextRange {
        self.class(id)
            .map_or_else(TextRange::default, |class| class.range)
    }

    /// The fully qualified name of function `id`: `pkg.mod.Class.method`.
    #[must_use]
    pub fn function_qualified_name(&self, id: FunctionId) -> String {
        join_qualified(self.function_module_name(id), self.function_qualname(id))
    }

    /// The fully qualified name of class `id`: `pkg.mod.Class`.
    #[must_use]
    pub fn class_qualified_name(&self, id: ClassId) -> String {
        join_qualified(self.class_module_name(id), self.class_qualname(id))
    }
}

fn join_qualified(module: &str, qualname: &str) -> String {
    if module.is_empty() {
        qualname.to_owned()
    } else {
        format!("{module}.{qualname}")
    }
}
