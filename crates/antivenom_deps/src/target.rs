//! The environment that environment markers are evaluated against.

use std::str::FromStr;

use pep440_rs::Version;
use pep508_rs::{ExtraName, MarkerEnvironment, MarkerEnvironmentBuilder, MarkerTree};

use crate::DepsError;

/// The Python version used when none is given.
const DEFAULT_PYTHON_VERSION: &str = "3.12";

/// An operating system family as PEP 508 markers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    /// `sys_platform == "linux"`, `platform_system == "Linux"`, `os_name == "posix"`.
    Linux,
    /// `sys_platform == "darwin"`, `platform_system == "Darwin"`, `os_name == "posix"`.
    MacOs,
    /// `sys_platform == "win32"`, `platform_system == "Windows"`, `os_name == "nt"`.
    Windows,
}

impl Platform {
    /// Parses a `--platform` value: `linux`, `macos`/`darwin`/`mac`, `windows`/`win32`/`win`
    /// (case-insensitive).
    ///
    /// # Errors
    /// [`DepsError::InvalidPlatform`] for anything else.
    pub fn parse(value: &str) -> Result<Self, DepsError> {
        match value.trim().to_ascii_lowercase().as_str() {
            "linux" => Ok(Self::Linux),
            "macos" | "darwin" | "mac" | "osx" => Ok(Self::MacOs),
            "windows" | "win32" | "win" => Ok(Self::Windows),
            _ => Err(DepsError::InvalidPlatform {
                value: value.to_string(),
            }),
        }
    }

    /// The platform this program runs on (Linux for anything that is not macOS or Windows).
    #[must_use]
    pub fn host() -> Self {
        match std::env::consts::OS {
            "macos" => Self::MacOs,
            "windows" => Self::Windows,
            _ => Self::Linux,
        }
    }

    /// The value of `sys_platform`.
    #[must_use]
    pub fn sys_platform(self) -> &'static str {
        match self {
            Self::Linux => "linux",
            Self::MacOs => "darwin",
            Self::Windows => "win32",
        }
    }

    /// The value of `platform_system`.
    #[must_use]
    pub fn platform_system(self) -> &'static str {
        match self {
            Self::Linux => "Linux",
            Self::MacOs => "Darwin",
            Self::Windows => "Windows",
        }
    }

    /// The value of `os_name`.
    #[must_use]
    pub fn os_name(self) -> &'static str {
        match self {
            Self::Linux | Self::MacOs => "posix",
            Self::Windows => "nt",
        }
    }

    /// The usual `platform_machine` for a 64-bit machine of this platform.
    fn default_machine(self) -> &'static str {
        match self {
            Self::Linux => "x86_64",
            Self::MacOs => "arm64",
            Self::Windows => "AMD64",
        }
    }
}

/// The target environment: a Python version and a platform.
///
/// Markers are evaluated for CPython. `python_full_version` is the given version
/// padded to three components (`3.12` → `3.12.0`).
#[derive(Debug, Clone)]
pub struct TargetEnvironment {
    /// `python_full_version`, e.g. `3.12.0`.
    python_full_version: Version,
    /// The platform family.
    platform: Platform,
    /// `platform_machine`.
    machine: String,
    /// The pep508_rs environment built from the fields above.
    markers: MarkerEnvironment,
}

impl TargetEnvironment {
    /// The default target without running any process: CPython 3.12 on the
    /// platform this program runs on.
    #[must_use]
    pub fn current() -> Self {
        Self::build(Self::default_python(), Platform::host(), None)
    }

    /// A target from explicit `--python-version` and `--platform` values; a missing
    /// value takes the default of [`TargetEnvironment::current`].
    ///
    /// # Errors
    /// [`DepsError::InvalidPythonVersion`] if the version is not like `3.12` /
    /// `3.11.4`; [`DepsError::InvalidPlatform`] for an unknown platform.
    pub fn new(python_version: Option<&str>, platform: Option<&str>) -> Result<Self, DepsError> {
        let python = match python_version {
            Some(value) => parse_python_version(value)?,
            None => Self::default_python(),
        };
        let platform = match platform {
            Some(value) => Platform::parse(value)?,
            None => Platform::host(),
        };
        Ok(Self::build(python, platform, None))
    }

    /// The same target with another `platform_machine` (`aarch64`, `arm64`, …).
    #[must_use]
    pub fn with_machine(self, machine: &str) -> Self {
        Self::build(self.python_full_version, self.platform, Some(machine))
    }

    /// `python_full_version` (`3.12.0`).
    #[must_use]
    pub fn python_full_version(&self) -> &Version {
        &self.python_full_version
    }

    /// The platform family.
    #[must_use]
    pub fn platform(&self) -> Platform {
        self.platform
    }

    /// `platform_machine`.
    #[must_use]
    pub fn machine(&self) -> &str {
        &self.machine
    }

    /// The marker environment for pep508_rs.
    #[must_use]
    pub fn marker_environment(&self) -> &MarkerEnvironment {
        &self.markers
    }

    /// Evaluates a marker expression (`python_version < "3.8"`) for this target,
    /// with the given extras active.
    ///
    /// # Errors
    /// The parser's message when the marker does not parse.
    pub fn evaluate_marker(&self, marker: &str, extras: &[String]) -> Result<bool, String> {
        let tree = MarkerTree::from_str(marker).map_err(|err| err.message.to_string())?;
        Ok(self.evaluate_tree(&tree, extras))
    }

    /// Evaluates a parsed marker tree with the given extras active.
    pub(crate) fn evaluate_tree(&self, tree: &MarkerTree, extras: &[String]) -> bool {
        let extras: Vec<ExtraName> = extras
            .iter()
            .filter_map(|extra| ExtraName::from_str(extra).ok())
            .collect();
        tree.evaluate(&self.markers, &extras)
    }

    /// Python 3.12.0.
    fn default_python() -> Version {
        Version::new([3, 12, 0])
    }

    /// Builds the marker environment for a version, platform and machine.
    fn build(python_full_version: Version, platform: Platform, machine: Option<&str>) -> Self {
        let machine = machine
            .map(str::to_string)
            .unwrap_or_else(|| platform.default_machine().to_string());
        let release = python_full_version.release();
        let major = release.first().copied().unwrap_or(3);
        let minor = release.get(1).copied().unwrap_or(0);
        let python_version = format!("{major}.{minor}");
        let full = python_full_version.to_string();
        let builder = MarkerEnvironmentBuilder {
            implementation_name: "cpython",
            implementation_version: &full,
            os_name: platform.os_name(),
            platform_machine: &machine,
            platform_python_implementation: "CPython",
            platform_release: "",
            platform_system: platform.platform_system(),
            platform_version: "",
            python_full_version: &full,
            python_version: &python_version,
            sys_platform: platform.sys_platform(),
        };
        // The strings above are built from a valid `Version`, so this cannot fail;
        // fall back to a fixed environment rather than panicking anyway.
        let markers = MarkerEnvironment::try_from(builder).unwrap_or_else(|_| fallback_markers());
        Self {
            python_full_version,
            platform,
            machine,
            markers,
        }
    }
}

impl Default for TargetEnvironment {
    /// CPython 3.12 on Linux x86_64 (deterministic, whatever the host is).
    fn default() -> Self {
        Self::build(Self::default_python(), Platform::Linux, None)
    }
}

/// A fixed CPython 3.12 / Linux environment, used only if building one fails.
#[allow(clippy::expect_used)]
fn fallback_markers() -> MarkerEnvironment {
    let builder = MarkerEnvironmentBuilder {
        implementation_name: "cpython",
        implementation_version: "3.12.0",
        os_name: "posix",
        platform_machine: "x86_64",
        platform_python_implementation: "CPython",
        platform_release: "",
        platform_system: "Linux",
        platform_version: "",
        python_full_version: "3.12.0",
        python_version: DEFAULT_PYTHON_VERSION,
        sys_platform: "linux",
    };
    // Constant, valid version strings: this cannot fail (checked by a unit test).
    MarkerEnvironment::try_from(builder).expect("constant marker environment parses")
}

/// Parses `3`, `3.12` or `3.12.4` into a three-component version.
fn parse_python_version(value: &str) -> Result<Version, DepsError> {
    let invalid = || DepsError::InvalidPythonVersion {
        value: value.to_string(),
    };
    let version = Version::from_str(value.trim()).map_err(|_| invalid())?;
    let release = version.release();
    if release.is_empty() || release.len() > 3 || version.is_pre() || version.is_local() {
        return Err(invalid());
    }
    let mut parts = [0u64; 3];
    for (slot, part) in parts.iter_mut().zip(release) {
        *slot = *part;
    }
    Ok(Version::new(parts))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn evaluates_python_and_platform_markers() {
        let target = TargetEnvironment::new(Some("3.11"), Some("windows")).unwrap();
        assert!(
            target
                .evaluate_marker("python_version >= '3.8'", &[])
                .unwrap()
        );
        assert!(
            !target
                .evaluate_marker("python_version < '3.8'", &[])
                .unwrap()
        );
        assert!(
            target
                .evaluate_marker("sys_platform == 'win32'", &[])
                .unwrap()
        );
        assert!(!target.evaluate_marker("os_name == 'posix'", &[]).unwrap());
        assert!(
            target
                .evaluate_marker("python_full_version >= '3.11.0'", &[])
                .unwrap()
        );
        assert!(
            target
                .evaluate_marker("extra == 'socks'", &["socks".into()])
                .unwrap()
        );
        assert!(target.evaluate_marker("python_version <", &[]).is_err());
    }

    #[test]
    fn fallback_environment_parses() {
        assert_eq!(fallback_markers().sys_platform(), "linux");
    }

    #[test]
    fn rejects_bad_values() {
        assert!(TargetEnvironment::new(Some("three"), None).is_err());
        assert!(TargetEnvironment::new(Some("3.12rc1"), None).is_err());
        assert!(TargetEnvironment::new(None, Some("plan9")).is_err());
        let target = TargetEnvironment::new(Some("3.9.18"), Some("Darwin")).unwrap();
        assert_eq!(target.python_full_version().to_string(), "3.9.18");
        assert_eq!(target.platform(), Platform::MacOs);
    }
}
