//! The symbols of one module, built from its parsed statements.

use crate::symbols::{Binding, ClassSymbol, FunctionSymbol, Import};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// What one module defines and imports, read from its top-level statements
/// and class bodies (see [`ModuleSymbols::from_suite`]). Owned data: the AST
/// can be dropped once this is built.
#[derive(Debug, Clone, Default)]
pub struct ModuleSymbols {
    pub(crate) name: String,
    pub(crate) is_package: bool,
    pub(crate) path: Option<PathBuf>,
    pub(crate) functions: Vec<FunctionSymbol>,
    pub(crate) classes: Vec<ClassSymbol>,
    /// Bindings of each top-level name, in source order.
    pub(crate) bindings: FxHashMap<String, Vec<Binding>>,
    /// Top-level names in the order they are first bound.
    pub(crate) names: Vec<String>,
    pub(crate) imports: Vec<Import>,
    /// Absolute modules of `from m import *`, in source order.
    pub(crate) star_imports: Vec<String>,
    pub(crate) dunder_all: Option<Vec<String>>,
    pub(crate) dunder_all_exact: bool,
}

impl ModuleSymbols {
    /// Records the file the module was read from: used to order modules
    /// that claim the same name (see [`crate::ProjectIndex`]) and to tell
    /// stubs (`.pyi`) from sources.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The dotted module name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `true` for a package's `__init__.py`.
    #[must_use]
    pub fn is_package(&self) -> bool {
        self.is_package
    }

    /// The file, when recorded with [`ModuleSymbols::with_path`].
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// `true` when the recorded file is a `.pyi` stub.
    #[must_use]
    pub fn is_stub(&self) -> bool {
        self.path
            .as_deref()
            .and_then(Path::extension)
            .is_some_and(|extension| extension == "pyi")
    }

    /// The package relative imports start from: the module itself for a
    /// package, else its parent (`""` for a top-level module).
    #[must_use]
    pub fn package(&self) -> &str {
        if self.is_package {
            &self.name
        } else {
            self.name.rsplit_once('.').map_or("", |(parent, _)| parent)
        }
    }

    /// Functions and methods, in source order (a class's methods follow
    /// the class's earlier siblings).
    #[must_use]
    pub fn functions(&self) -> &[FunctionSymbol] {
        &self.functions
    }

    /// Classes, in source order (nested classes included).
    #[must_use]
    pub fn classes(&self) -> &[ClassSymbol] {
        &self.classes
    }

    /// Every binding of the top-level `name`, in source order (empty when
    /// the module never binds it).
    #[must_use]
    pub fn bindings(&self, name: &str) -> &[Binding] {
        self.bindings.get(name).map_or(&[], Vec::as_slice)
    }

    /// Top-level names, in the order they are first bound.
    #[must_use]
    pub fn bound_names(&self) -> &[String] {
        &self.names
    }

    /// Import statements (and `from m import *`), in source order.
    #[must_use]
    pub fn imports(&self) -> &[Import] {
        &self.imports
    }

    /// Absolute modules of `from m import *`, in source order.
    #[must_use]
    pub fn star_imports(&self) -> &[String] {
        &self.star_imports
    }

    /// The names of `__all__`, when the module assigns it; see
    /// [`ModuleSymbols::dunder_all_is_exact`].
    #[must_use]
    pub fn dunder_all(&self) -> Option<&[String]> {
        self.dunder_all.as_deref()
    }

    /// `false` when some part of `__all__` was not a literal (it was built
    /// from a call or another module's `__all__`): the names listed are then
    /// a lower bound.
    #[must_use]
    pub fn dunder_all_is_exact(&self) -> bool {
        self.dunder_all_exact
    }

    /// The top-level function or class named `qualname` (`fn`, `C.m`).
    #[must_use]
    pub fn function_named(&self, qualname: &str) -> Option<usize> {
        self.functions
            .iter()
            .position(|function| function.qualname == qualname)
    }

    /// The class named `qualname` (`C`, `Outer.Inner`).
    #[must_use]
    pub fn class_named(&self, qualname: &str) -> Option<usize> {
        self.classes
            .iter()
            .position(|class| class.qualname == qualname)
    }
}
