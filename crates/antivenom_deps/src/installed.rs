//! An installed environment: the `*.dist-info/METADATA` (and legacy
//! `*.egg-info/PKG-INFO`) files directly under a site-packages directory.

use std::path::{Path, PathBuf};

use crate::DepsError;
use crate::model::{Dependency, Manifest, ManifestKind, ManifestWarning, Origin};
use crate::pep508_convert::pinned_version;

/// Reads the distributions installed in `site_packages`. Each dependency is
/// pinned to its installed version; its origin is the metadata file and the line
/// of its `Version:` header. A metadata file without name or version is a warning.
///
/// # Errors
/// [`DepsError::Io`] if `site_packages` cannot be listed.
pub fn read_installed(site_packages: &Path) -> Result<Manifest, DepsError> {
    let entries = std::fs::read_dir(site_packages).map_err(|source| DepsError::Io {
        path: site_packages.to_path_buf(),
        source,
    })?;
    let mut metadata_files: Vec<PathBuf> = entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".dist-info") {
                Some(path.join("METADATA"))
            } else if name.ends_with(".egg-info") {
                // Either a directory holding PKG-INFO or the metadata file itself.
                Some(if path.is_dir() {
                    path.join("PKG-INFO")
                } else {
                    path
                })
            } else {
                None
            }
        })
        .collect();
    metadata_files.sort();
    let mut manifest = Manifest::new(site_packages, ManifestKind::Installed);
    for file in metadata_files {
        match read_metadata(&file) {
            Ok(Some(dep)) => manifest.dependencies.push(dep),
            Ok(None) => manifest.warnings.push(ManifestWarning {
                origin: Origin::new(&file, 1),
                message: "metadata without a Name or Version header; skipped".to_string(),
            }),
            Err(err) => manifest.warnings.push(ManifestWarning {
                origin: Origin::new(&file, 1),
                message: err.to_string(),
            }),
        }
    }
    Ok(manifest)
}

/// Reads the `Name:` and `Version:` headers of one metadata file.
fn read_metadata(file: &Path) -> Result<Option<Dependency>, DepsError> {
    let bytes = std::fs::read(file).map_err(|source| DepsError::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let mut name = None;
    let mut version = None;
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            break; // The headers end at the first blank line; the description follows.
        }
        if let Some((key, value)) = line.split_once(':') {
            if key.eq_ignore_ascii_case("name") && name.is_none() {
                name = Some(value.trim().to_string());
            } else if key.eq_ignore_ascii_case("version") && version.is_none() {
                version = Some((value.trim().to_string(), index + 1));
            }
        }
    }
    let (Some(name), Some((version, line))) = (name, version) else {
        return Ok(None);
    };
    if name.is_empty() || version.is_empty() {
        return Ok(None);
    }
    Ok(Some(Dependency::new(
        &name,
        pinned_version(&version),
        Origin::new(file, line),
    )))
}
