//! The project index of antivenom: which file is which module, what each
//! module defines, and what a name used in one module refers to across the
//! whole project.
//!
//! * [`ModuleLocator`] (and [`module_path_of`]) name files as modules from
//!   packages, scan roots and `src/` layouts.
//! * [`ModuleSymbols::from_suite`] reads one parsed module's functions,
//!   classes, imports, aliases and `__all__` in one cheap pass, into owned
//!   data (built in parallel, the AST dropped afterwards).
//! * [`ProjectIndex`] puts the modules together and resolves names:
//!   [`ProjectIndex::resolve`], [`ProjectIndex::resolve_dotted`],
//!   [`ProjectIndex::resolve_qualified`], following imports, re-exports
//!   through `__init__.py`, aliases and star imports, with cycle detection
//!   and caps; and answers class questions (MRO, methods, subclasses,
//!   classes defining a method name) for the call graph.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod classes;
mod collect;
mod dotted;
mod ids;
mod index;
mod locator;
mod module_path;
mod module_symbols;
mod resolve;
mod symbols;

pub use classes::BaseClass;
pub use ids::{ClassId, FunctionId, ModuleId};
pub use index::ProjectIndex;
pub use locator::ModuleLocator;
pub use module_path::{
    ModulePath, PackageDirectories, is_identifier, module_path_in, module_path_of,
};
pub use module_symbols::ModuleSymbols;
pub use resolve::Resolution;
pub use symbols::{
    Binding, BindingKind, ClassAttribute, ClassSymbol, FunctionKind, FunctionSymbol, Import,
    Parameter, ParameterKind,
};
