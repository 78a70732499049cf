//! The data model: manifests, dependencies, requirements and origins.

use std::fmt;
use std::path::{Path, PathBuf};

use pep440_rs::{Version, VersionSpecifiers};

/// Where a dependency (or a warning) comes from: a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The file that declares or pins the dependency (an included requirements
    /// file, not the file that included it).
    pub path: PathBuf,
    /// 1-based line of the declaration (the first physical line of a continued line).
    pub line: usize,
}

impl Origin {
    /// An origin at `line` of `path`.
    #[must_use]
    pub fn new(path: impl Into<PathBuf>, line: usize) -> Self {
        Self {
            path: path.into(),
            line,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

/// What a dependency asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// Exactly one version: `==X` or `===X` in a requirement, a lock file entry or
    /// an installed distribution.
    Pinned(Version),
    /// An exact version that is not valid PEP 440 (`0.7.10p1` in a lock file):
    /// kept verbatim so that matching can fall back to string equality.
    PinnedRaw(String),
    /// A range of versions (`>=3`, `~=2.1`, `^1.2` in Poetry). No specifier at all
    /// is an empty [`VersionSpecifiers`] (any version).
    Range(VersionSpecifiers),
    /// A direct reference (`name @ https://…`, `git+https://…#egg=name`, a local
    /// path): the version cannot be known, so it is reported as unverifiable.
    Url(String),
    /// An editable install (`-e path_or_url`, Poetry `develop = true`, a pylock
    /// editable directory): unverifiable as well.
    Editable(String),
}

impl Requirement {
    /// The pinned version as text, for a [`Requirement::Pinned`] or [`Requirement::PinnedRaw`].
    #[must_use]
    pub fn pinned_version_text(&self) -> Option<String> {
        match self {
            Self::Pinned(version) => Some(version.to_string()),
            Self::PinnedRaw(raw) => Some(raw.clone()),
            Self::Range(_) | Self::Url(_) | Self::Editable(_) => None,
        }
    }

    /// Whether the version cannot be determined from the manifest (URL or editable).
    #[must_use]
    pub fn is_unverifiable(&self) -> bool {
        matches!(self, Self::Url(_) | Self::Editable(_))
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Pinned(version) => write!(f, "=={version}"),
            Self::PinnedRaw(raw) => write!(f, "==={raw}"),
            Self::Range(specifiers) if specifiers.is_empty() => f.write_str("(any version)"),
            Self::Range(specifiers) => write!(f, "{specifiers}"),
            Self::Url(url) => write!(f, "@ {url}"),
            Self::Editable(target) => write!(f, "-e {target}"),
        }
    }
}

/// One dependency declared or pinned by a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// The PEP 503 normalised name (`pyyaml`), for matching.
    pub name: String,
    /// The name as written in the manifest (`PyYAML`), for display.
    pub display_name: String,
    /// The version(s) asked for.
    pub requirement: Requirement,
    /// The file and line that declare or pin it.
    pub origin: Origin,
    /// Requested extras (`requests[socks]` → `["socks"]`), as written.
    pub extras: Vec<String>,
    /// The environment marker, as text, if any (`python_full_version < '3.8'`; requirement
    /// markers are in pep508_rs's normalised spelling, lock file markers as written).
    pub markers: Option<String>,
    /// Hashes (`sha256:…`) given with `--hash` or recorded by a lock file.
    pub hashes: Vec<String>,
    /// The extras, dependency groups or lock sections that select this dependency
    /// (`["dev"]`, `["test", "dev"]` when group `dev` includes group `test`).
    /// Empty for a project's main dependencies.
    pub groups: Vec<String>,
}

impl Dependency {
    /// A dependency with no extras, markers, hashes or groups.
    #[must_use]
    pub fn new(display_name: &str, requirement: Requirement, origin: Origin) -> Self {
        Self {
            name: crate::normalize_name(display_name),
            display_name: display_name.trim().to_string(),
            requirement,
            origin,
            extras: Vec::new(),
            markers: None,
            hashes: Vec::new(),
            groups: Vec::new(),
        }
    }
}

/// The kind of file a manifest was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ManifestKind {
    /// A pip requirements file (`requirements*.txt`, `*.in`).
    Requirements,
    /// `pyproject.toml` (PEP 621, PEP 735, Poetry).
    Pyproject,
    /// `poetry.lock`.
    PoetryLock,
    /// `Pipfile.lock`.
    PipfileLock,
    /// `uv.lock`.
    UvLock,
    /// `pdm.lock`.
    PdmLock,
    /// PEP 751 `pylock.toml` / `pylock.<name>.toml`.
    Pylock,
    /// An installed environment (site-packages).
    Installed,
}

impl ManifestKind {
    /// Whether this kind records resolved versions (a lock file or an installed
    /// environment) rather than declared requirements.
    #[must_use]
    pub fn is_resolved(self) -> bool {
        !matches!(self, Self::Requirements | Self::Pyproject)
    }

    /// A short, stable name for reports (`requirements`, `uv.lock`, …).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requirements => "requirements",
            Self::Pyproject => "pyproject.toml",
            Self::PoetryLock => "poetry.lock",
            Self::PipfileLock => "Pipfile.lock",
            Self::UvLock => "uv.lock",
            Self::PdmLock => "pdm.lock",
            Self::Pylock => "pylock.toml",
            Self::Installed => "installed",
        }
    }
}

impl fmt::Display for ManifestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something in a manifest that was not understood or not followed; reading went on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestWarning {
    /// Where the problem is (the line when known, else line 1 of the file).
    pub origin: Origin,
    /// What happened.
    pub message: String,
}

impl fmt::Display for ManifestWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// A pip option line that does not declare a dependency (`--index-url`,
/// `--find-links`, `--pre`, …): ignored, but kept for reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedOption {
    /// The option as written (`--index-url`, `-f`).
    pub name: String,
    /// Its value, if it takes one.
    pub value: Option<String>,
    /// Where it was written.
    pub origin: Origin,
}

/// The dependencies read from one manifest (with everything it includes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The manifest that was read.
    pub path: PathBuf,
    /// Its kind.
    pub kind: ManifestKind,
    /// The dependencies that apply to the target environment, in file order
    /// (included requirements files in place of their `-r` line).
    pub dependencies: Vec<Dependency>,
    /// Entries of `-c` constraints files: they limit versions but do not add
    /// dependencies.
    pub constraints: Vec<Dependency>,
    /// Dependencies whose environment markers are false for the target environment.
    pub skipped_by_marker: Vec<Dependency>,
    /// pip options found in requirements files (ignored but recorded).
    pub options: Vec<RecordedOption>,
    /// Everything that was not understood, not followed or looks suspicious.
    pub warnings: Vec<ManifestWarning>,
}

impl Manifest {
    /// An empty manifest for `path`.
    #[must_use]
    pub fn new(path: &Path, kind: ManifestKind) -> Self {
        Self {
            path: path.to_path_buf(),
            kind,
            dependencies: Vec::new(),
            constraints: Vec::new(),
            skipped_by_marker: Vec::new(),
            options: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The dependency named `name` (any spelling; compared after PEP 503 normalisation).
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&Dependency> {
        let wanted = crate::normalize_name(name);
        self.dependencies.iter().find(|dep| dep.name == wanted)
    }
}
