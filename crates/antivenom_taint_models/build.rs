//! Embeds the shipped taint model files `data/taint/*.toml` in the binary.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data_dir = manifest_dir.join("../../data/taint");
    println!("cargo:rerun-if-changed={}", data_dir.display());

    let mut files: Vec<PathBuf> = fs::read_dir(&data_dir)
        .map(|read| {
            read.filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().and_then(|ext| ext.to_str()) == Some("toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    let mut generated = String::from(
        "/// The shipped taint model files: (file name, contents).\npub(crate) static EMBEDDED_MODEL_FILES: &[(&str, &str)] = &[\n",
    );
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        let _ = writeln!(
            generated,
            "    ({name:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    generated.push_str("];\n");

    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default()).join("embedded_models.rs");
    if fs::read_to_string(&out).ok().as_deref() != Some(generated.as_str()) {
        let _ = fs::write(&out, generated);
    }
}
