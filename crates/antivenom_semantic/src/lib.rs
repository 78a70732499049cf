//! Name binding, qualified-name resolution and constant evaluation.
//!
//! [`FileSemantic::build`] walks a parsed module once with our own binder,
//! which drives `ruff_python_semantic::SemanticModel`: it pushes scopes and
//! creates bindings for imports, assignments, definitions, parameters and
//! comprehension targets, and records which binding every name load resolves
//! to. Rules then ask [`FileSemantic::qualified_name`] what a call target
//! really is (`from pickle import loads as l; l(x)` → `pickle.loads`) and
//! [`FileSemantic::constant`] whether an argument is a constant.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod binder;
mod constant;
mod constant_ops;
mod file_semantic;
mod star_imports;
mod stdlib_modules;

pub use constant::Constant;
pub use file_semantic::{FileSemantic, ModuleInfo};
pub use ruff_python_semantic::SemanticModel;
pub use stdlib_modules::is_stdlib_module;
