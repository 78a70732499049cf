//! A file's dotted module path, found from the `__init__.py` files around it.
//! The one implementation lives in `antivenom_project`.

pub use antivenom_project::{ModulePath, PackageDirectories, module_path_in, module_path_of};
