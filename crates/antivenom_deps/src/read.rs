//! Reading one manifest, by file name.

use std::path::Path;

use crate::model::{Manifest, ManifestKind};
use crate::{DepsError, TargetEnvironment, locks, pyproject, requirements};

/// The kind of manifest a file name denotes, or `None` when it is not one.
///
/// `*.txt` files count as requirements files when their name contains
/// `requirements` or when they sit in a directory named `requirements`
/// (`requirements/dev.txt`); `*.in` files are pip-tools inputs.
#[must_use]
pub fn manifest_kind(path: &Path) -> Option<ManifestKind> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    let kind = match name {
        "pyproject.toml" => ManifestKind::Pyproject,
        "poetry.lock" => ManifestKind::PoetryLock,
        "Pipfile.lock" => ManifestKind::PipfileLock,
        "uv.lock" => ManifestKind::UvLock,
        "pdm.lock" => ManifestKind::PdmLock,
        "pylock.toml" => ManifestKind::Pylock,
        _ if name.starts_with("pylock.") && name.ends_with(".toml") => ManifestKind::Pylock,
        _ if lower.ends_with(".in") => ManifestKind::Requirements,
        _ if lower.ends_with(".txt")
            && (lower.contains("requirements") || in_requirements_dir(path)) =>
        {
            ManifestKind::Requirements
        }
        _ => return None,
    };
    Some(kind)
}

/// Whether the file's parent directory is named `requirements`.
fn in_requirements_dir(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.eq_ignore_ascii_case("requirements"))
}

/// Reads the manifest at `path`, choosing the parser by its file name (see
/// [`manifest_kind`]), and evaluates markers against `env`.
///
/// # Errors
/// [`DepsError::UnsupportedManifest`] for an unknown file name, [`DepsError::Io`]
/// when it cannot be read, [`DepsError::Toml`] / [`DepsError::Json`] when a TOML
/// or JSON file does not parse. Problems inside a file that parses are warnings.
pub fn read_manifest(path: &Path, env: &TargetEnvironment) -> Result<Manifest, DepsError> {
    let kind = manifest_kind(path).ok_or_else(|| DepsError::UnsupportedManifest {
        path: path.to_path_buf(),
    })?;
    if kind == ManifestKind::Requirements {
        return requirements::read(path, env);
    }
    let bytes = std::fs::read(path).map_err(|source| DepsError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match kind {
        ManifestKind::Pyproject => pyproject::read(path, text, env),
        ManifestKind::PoetryLock => locks::poetry_lock::read(path, text, env),
        ManifestKind::PipfileLock => locks::pipfile_lock::read(path, text, env),
        ManifestKind::UvLock => locks::uv_lock::read(path, text, env),
        ManifestKind::PdmLock => locks::pdm_lock::read(path, text, env),
        ManifestKind::Pylock => locks::pylock::read(path, text, env),
        ManifestKind::Requirements | ManifestKind::Installed => {
            Err(DepsError::UnsupportedManifest {
                path: path.to_path_buf(),
            })
        }
    }
}
