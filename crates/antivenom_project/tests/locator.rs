//! Module names from files on disk.
#![allow(clippy::unwrap_used, missing_docs)]

use antivenom_project::{ModuleLocator, module_path_of};
use std::fs;
use std::path::{Path, PathBuf};

/// A fresh directory under the system's temporary directory.
struct TempTree(PathBuf);

impl TempTree {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("antivenom_project_{name}_{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    fn file(&self, relative: &str) -> PathBuf {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "").unwrap();
        path
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn name(locator: &ModuleLocator, file: &Path) -> Option<(String, bool)> {
    locator
        .module_path(file)
        .map(|module| (module.dotted(), module.is_package))
}

#[test]
fn packages_src_layouts_and_top_level_modules() {
    let tree = TempTree::new("layouts");
    let init = tree.file("src/pkg/__init__.py");
    let module = tree.file("src/pkg/sub/mod.py");
    tree.file("src/pkg/sub/__init__.py");
    let app = tree.file("app.py");
    let in_src = tree.file("src/tool.py");
    let script = tree.file("scripts/run.py");
    let dashed = tree.file("my-scripts/run.py");
    let bad = tree.file("my-tool.py");
    let monorepo = tree.file("services/api/svc/__init__.py");
    let locator = ModuleLocator::new([&tree.0]);
    assert_eq!(
        name(&locator, &module),
        Some(("pkg.sub.mod".to_owned(), false))
    );
    assert_eq!(name(&locator, &init), Some(("pkg".to_owned(), true)));
    assert_eq!(name(&locator, &app), Some(("app".to_owned(), false)));
    assert_eq!(name(&locator, &in_src), Some(("tool".to_owned(), false)));
    assert_eq!(
        name(&locator, &script),
        Some(("scripts.run".to_owned(), false))
    );
    assert_eq!(name(&locator, &dashed), Some(("run".to_owned(), false)));
    assert_eq!(name(&locator, &bad), None);
    assert_eq!(name(&locator, &monorepo), Some(("svc".to_owned(), true)));
    // The package-only naming (used by the per-file rules) is unchanged.
    assert_eq!(module_path_of(&app), None);
    assert_eq!(
        module_path_of(&module).unwrap().segments,
        ["pkg", "sub", "mod"]
    );
}

#[test]
fn a_file_root_stands_for_its_directory() {
    let tree = TempTree::new("file_root");
    let app = tree.file("web/app.py");
    let locator = ModuleLocator::new([&app]);
    assert_eq!(name(&locator, &app), Some(("app".to_owned(), false)));
    // Relative spellings with `.` and `..` are normalised.
    let dotted = tree.0.join("web/./../web/app.py");
    assert_eq!(name(&locator, &dotted), Some(("app".to_owned(), false)));
}
