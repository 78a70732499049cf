//! Module paths from `__init__.py` files.
#![allow(clippy::unwrap_used, missing_docs)]

use antivenom_workspace::module_path_of;
use std::fs;

#[test]
fn module_paths_follow_init_files() {
    let dir = tempfile::TempDir::new().unwrap();
    let package = dir.path().join("pkg/sub");
    fs::create_dir_all(&package).unwrap();
    fs::write(dir.path().join("pkg/__init__.py"), "").unwrap();
    fs::write(package.join("__init__.py"), "").unwrap();
    fs::write(package.join("mod.py"), "").unwrap();
    let module = module_path_of(&package.join("mod.py")).unwrap();
    assert_eq!(module.segments, ["pkg", "sub", "mod"]);
    assert!(!module.is_package);
    let package_module = module_path_of(&package.join("__init__.py")).unwrap();
    assert_eq!(package_module.segments, ["pkg", "sub"]);
    assert!(package_module.is_package);
    fs::write(dir.path().join("script.py"), "").unwrap();
    assert_eq!(module_path_of(&dir.path().join("script.py")), None);
}
