//! Configuration: `[tool.antivenom]` in `pyproject.toml`, or
//! `.antivenom.toml` / `antivenom.toml`, discovered from the scanned path
//! upward, or given with `--config`.

use antivenom_diagnostics::{Confidence, Severity};
use antivenom_rules::describe_toml_error;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The settings a configuration file may hold. Unknown keys and wrong types
/// are errors, never ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// Rules to run (replaces the default: all stable rules).
    pub select: Option<Vec<String>>,
    /// Rules added to the selection.
    pub extend_select: Option<Vec<String>>,
    /// Rules to skip.
    pub ignore: Option<Vec<String>>,
    /// Glob pattern → rules to skip in matching files.
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// Glob patterns to exclude (replaces the defaults).
    pub exclude: Option<Vec<String>>,
    /// Glob patterns to exclude in addition to the defaults.
    pub extend_exclude: Option<Vec<String>>,
    /// Minimum severity to report.
    pub severity: Option<Severity>,
    /// Minimum confidence to report.
    pub confidence: Option<Confidence>,
    /// Output format: text, concise, json or sarif.
    pub format: Option<String>,
    /// Extra declarative rule files (relative to the config file).
    pub rules: Option<Vec<PathBuf>>,
    /// Ignore suppression comments.
    pub ignore_nosec: Option<bool>,
    /// Taint rules also follow local input: command-line arguments,
    /// environment variables, standard input (default false: only data
    /// from the network, such as request parameters).
    pub taint_local_sources: Option<bool>,
    /// Respect `.gitignore` files (default true).
    pub respect_gitignore: Option<bool>,
    /// The dependency audit: `[tool.antivenom.deps]`.
    pub deps: Option<DepsSettings>,
}

/// Settings of the dependency audit (`antivenom deps`, `check --deps`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DepsSettings {
    /// Advisories not to report, each with a reason and an expiry date.
    pub ignore: Option<Vec<IgnoreSetting>>,
    /// The advisory database (relative to the config file).
    pub db: Option<PathBuf>,
}

/// One ignored advisory: `{ id = "PYSEC-2022-190", reason = "...", until = "2027-01-31" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreSetting {
    /// The advisory id or one of its aliases.
    pub id: String,
    /// Why it is ignored.
    pub reason: Option<String>,
    /// Last day the ignore applies (`YYYY-MM-DD`, quoted or a TOML date).
    pub until: Option<toml::Value>,
}

/// A loaded configuration file.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// Its settings.
    pub settings: Settings,
    /// The settings were translated from Bandit's `[tool.bandit]` table
    /// (no antivenom configuration was found).
    pub from_bandit: bool,
}

impl Config {
    /// The directory relative paths in the config are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|path| path.parent())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTool>,
}

#[derive(Deserialize)]
struct PyprojectTool {
    antivenom: Option<Settings>,
    /// Read only when there is no antivenom configuration.
    bandit: Option<toml::Value>,
}

/// The parts of Bandit's `[tool.bandit]` table antivenom honours. Bandit's
/// other keys (plugin options) are Bandit's business and are left alone.
#[derive(Debug, Deserialize)]
struct BanditSettings {
    /// Bandit test IDs to run (`B602`, ...).
    tests: Option<Vec<String>>,
    /// Bandit test IDs to skip.
    skips: Option<Vec<String>>,
    /// Directories not to scan.
    exclude_dirs: Option<Vec<String>>,
}

impl BanditSettings {
    /// The same choices in antivenom's terms: Bandit IDs are aliases of
    /// antivenom rules, and excluded directories become exclude patterns.
    fn into_settings(self) -> Settings {
        let exclude = self
            .exclude_dirs
            .unwrap_or_default()
            .into_iter()
            .map(|directory| {
                let trimmed = directory.trim();
                let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
                trimmed.trim_end_matches('/').to_owned()
            })
            .filter(|directory| !directory.is_empty())
            .collect::<Vec<_>>();
        Settings {
            select: self.tests,
            ignore: self.skips,
            extend_exclude: (!exclude.is_empty()).then_some(exclude),
            ..Settings::default()
        }
    }
}

fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> anyhow::Error {
    let (line, message) = describe_toml_error(text, error);
    anyhow::anyhow!(
        "{}:{line}: invalid configuration: {message}",
        path.display()
    )
}

/// Reads a config file. For `pyproject.toml` the `[tool.antivenom]` table is
/// used; `None` when it has none.
///
/// # Errors
/// When the file cannot be read or holds an invalid setting.
pub fn read_config(path: &Path) -> Result<Option<Config>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read configuration file", path.display()))?;
    let is_pyproject = path
        .file_name()
        .is_some_and(|name| name == "pyproject.toml");
    let settings = if is_pyproject {
        let pyproject: Pyproject =
            toml::from_str(&text).map_err(|error| toml_error(path, &text, &error))?;
        match pyproject.tool.and_then(|tool| tool.antivenom) {
            Some(settings) => settings,
            None => return Ok(None),
        }
    } else {
        toml::from_str(&text).map_err(|error| toml_error(path, &text, &error))?
    };
    if let Some(format) = &settings.format
        && antivenom_report::OutputFormat::parse(format).is_none()
    {
        bail!(
            "{}: invalid configuration: key `format`: unknown format `{format}` (expected text, concise, json or sarif)",
            path.display()
        );
    }
    Ok(Some(Config {
        path: Some(path.to_path_buf()),
        settings,
        from_bandit: false,
    }))
}

/// Bandit's settings from the `[tool.bandit]` table of a `pyproject.toml`,
/// translated; `None` when it has none.
///
/// # Errors
/// When the file cannot be read or parsed, or the table has wrong types.
fn read_bandit_config(path: &Path) -> Result<Option<Config>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read configuration file", path.display()))?;
    let pyproject: Pyproject =
        toml::from_str(&text).map_err(|error| toml_error(path, &text, &error))?;
    let Some(table) = pyproject.tool.and_then(|tool| tool.bandit) else {
        return Ok(None);
    };
    let bandit = BanditSettings::deserialize(table).map_err(|error| {
        anyhow::anyhow!(
            "{}: invalid [tool.bandit] configuration: {}",
            path.display(),
            error.message()
        )
    })?;
    Ok(Some(Config {
        path: Some(path.to_path_buf()),
        settings: bandit.into_settings(),
        from_bandit: true,
    }))
}

/// Finds the configuration for a scan of `start`: the nearest directory
/// (from `start` upward) with `.antivenom.toml`, `antivenom.toml` or a
/// `pyproject.toml` that has `[tool.antivenom]`. When there is none, the
/// nearest `pyproject.toml` with a `[tool.bandit]` table is used instead.
///
/// # Errors
/// When a found file is invalid.
pub fn discover_config(start: &Path) -> Result<Config> {
    if let Some(config) = discover_antivenom_config(start)? {
        return Ok(config);
    }
    let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    for directory in absolute.ancestors() {
        let candidate = directory.join("pyproject.toml");
        if candidate.is_file()
            && let Some(config) = read_bandit_config(&candidate)?
        {
            return Ok(config);
        }
    }
    Ok(Config::default())
}

fn discover_antivenom_config(start: &Path) -> Result<Option<Config>> {
    let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut directory = if absolute.is_dir() {
        Some(absolute.as_path())
    } else {
        absolute.parent()
    };
    while let Some(current) = directory {
        for name in [".antivenom.toml", "antivenom.toml", "pyproject.toml"] {
            let candidate = current.join(name);
            if candidate.is_file()
                && let Some(config) = read_config(&candidate)?
            {
                return Ok(Some(config));
            }
        }
        directory = current.parent();
    }
    Ok(None)
}
