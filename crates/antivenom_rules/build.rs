//! Generates the registry of built-in rules from the files on disk, so that
//! adding a rule is adding one file (`src/rules/<category>/<rule>.rs`, which
//! must define `pub(crate) static RULE: &dyn crate::Rule`), and embeds the
//! shipped declarative rule files from `data/rules/*.toml`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|read| {
            read.filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    entries
}

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rules_dir = manifest_dir.join("src/rules");
    let data_dir = manifest_dir.join("../../data/rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    println!("cargo:rerun-if-changed={}", data_dir.display());

    let mut modules = String::new();
    let mut registry = String::from(
        "/// Every built-in Rust rule.\npub(crate) static BUILTIN_RULES: &[&dyn crate::Rule] = &[\n",
    );
    for category in sorted_entries(&rules_dir)
        .into_iter()
        .filter(|path| path.is_dir())
    {
        println!("cargo:rerun-if-changed={}", category.display());
        let Some(category_name) = category.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let _ = writeln!(modules, "pub(crate) mod {category_name} {{");
        for file in sorted_entries(&category) {
            if file.extension().and_then(|ext| ext.to_str()) != Some("rs") {
                continue;
            }
            let Some(stem) = file.file_stem().and_then(|stem| stem.to_str()) else {
                continue;
            };
            println!("cargo:rerun-if-changed={}", file.display());
            let _ = writeln!(
                modules,
                "    #[path = {:?}]\n    pub(crate) mod {stem};",
                file.display().to_string()
            );
            let _ = writeln!(registry, "    {category_name}::{stem}::RULE,");
        }
        modules.push_str("}\n");
    }
    registry.push_str("];\n");

    let mut embedded = String::from(
        "/// The shipped declarative rule files: (file name, contents).\npub(crate) static EMBEDDED_RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for file in sorted_entries(&data_dir) {
        if file.extension().and_then(|ext| ext.to_str()) != Some("toml") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        let _ = writeln!(
            embedded,
            "    ({name:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    embedded.push_str("];\n");

    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default()).join("builtin_rules.rs");
    let generated = format!("{modules}\n{registry}\n{embedded}");
    if fs::read_to_string(&out).ok().as_deref() != Some(generated.as_str()) {
        let _ = fs::write(&out, generated);
    }
}
