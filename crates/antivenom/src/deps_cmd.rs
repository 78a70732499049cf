//! `antivenom deps` (and `check --deps`): the dependencies of manifests,
//! lock files or an installed environment audited against the offline
//! advisory database and checked for typosquatted names.

use crate::check::{exit_code, write_output};
use crate::cli::DepsArgs;
use crate::config::{Config, DepsSettings, discover_config, read_config};
use crate::db_cmd;
use antivenom_audit::{AuditOptions, IgnoreEntry, Ignores, audit, dependency_rules, today};
use antivenom_deps::{Manifest, TargetEnvironment, discover, read_installed, read_manifest};
use antivenom_diagnostics::{FileError, FileErrorKind, Finding, Report, RuleMeta};
use antivenom_report::OutputFormat;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The dependency part of a report.
pub(crate) struct DepsReport {
    pub(crate) findings: Vec<Finding>,
    pub(crate) errors: Vec<FileError>,
    pub(crate) rules: Vec<Arc<RuleMeta>>,
}

/// Runs `antivenom deps`.
pub(crate) fn run(args: &DepsArgs) -> Result<u8> {
    if !args.check_name.is_empty() {
        return check_names(args);
    }
    let config = load_config(args.config.as_deref(), &args.paths)?;
    let settings = config.settings.deps.as_ref();
    let target = TargetEnvironment::new(args.python_version.as_deref(), args.platform.as_deref())?;
    let mut paths = args.paths.clone();
    let site_packages = match (&args.env, &args.python) {
        (Some(env), _) => Some(env.clone()),
        (None, Some(python)) => Some(site_packages_of(python)?),
        (None, None) => None,
    };
    if site_packages.is_some() && args.paths == [PathBuf::from(".")] {
        // `antivenom deps --env DIR` audits the environment only.
        paths.clear();
    }
    let (mut manifests, errors) = read_manifests(&paths, &target)?;
    if let Some(site_packages) = &site_packages {
        manifests.push(read_installed(site_packages)?);
    }
    if manifests.is_empty() && errors.is_empty() {
        bail!(
            "no dependency manifest found in {} (requirements*.txt, *.in, pyproject.toml, \
             poetry.lock, Pipfile.lock, uv.lock, pdm.lock, pylock.toml); name files or use --env",
            paths
                .iter()
                .map(|path| path.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let db_path = db_path(args.db.as_deref(), &config);
    let database = db_cmd::load(&db_path)?;
    let outcome = audit(
        &manifests,
        Some(&database),
        &AuditOptions {
            typosquats: !args.no_typosquats,
            ignores: ignores(settings)?,
        },
    );
    for note in &outcome.notes {
        eprintln!("note: {note}");
    }
    let mut report = Report {
        findings: outcome.findings,
        errors,
        files_scanned: manifests.len(),
        rules: dependency_rules().to_vec(),
        ..Report::default()
    };
    report.sort();
    let format_name = args.format.as_deref().unwrap_or("text");
    let Some(format) = OutputFormat::parse(format_name) else {
        bail!("unknown output format `{format_name}`");
    };
    write_output(args.output.as_deref(), format, &report)?;
    eprintln!(
        "audited {} dependencies from {} manifests against {} advisories",
        outcome.dependencies,
        manifests.len(),
        database.advisory_count()
    );
    Ok(exit_code(args.exit_zero, &report))
}

/// The dependency audit of `check --deps`: the manifests found in the
/// scanned directories (or named directly).
pub(crate) fn audit_for_check(
    paths: &[PathBuf],
    db: Option<&Path>,
    config: &Config,
) -> Result<DepsReport> {
    let target = TargetEnvironment::current();
    let (manifests, errors) = read_manifests(paths, &target)?;
    let mut findings = Vec::new();
    if !manifests.is_empty() {
        let database = db_cmd::load(&db_path(db, config))?;
        let outcome = audit(
            &manifests,
            Some(&database),
            &AuditOptions {
                typosquats: true,
                ignores: ignores(config.settings.deps.as_ref())?,
            },
        );
        for note in &outcome.notes {
            eprintln!("note: {note}");
        }
        findings = outcome.findings;
    } else if errors.is_empty() {
        eprintln!("note: --deps: no dependency manifest found");
    }
    Ok(DepsReport {
        findings,
        errors,
        rules: dependency_rules().to_vec(),
    })
}

/// `--check-name`: each name checked for typosquatting, one line each.
fn check_names(args: &DepsArgs) -> Result<u8> {
    let mut suspicious = false;
    let json = matches!(args.format.as_deref(), Some("json"));
    let mut entries = Vec::new();
    for name in &args.check_name {
        let suspicion = antivenom_typosquat::check_name(name);
        suspicious |= suspicion.is_some();
        if json {
            entries.push(match &suspicion {
                Some(found) => serde_json::json!({
                    "name": name,
                    "suspicious": true,
                    "imitates": found.imitates,
                    "imitated_rank": found.imitated_rank,
                    "technique": found.technique.as_str(),
                    "confidence": found.confidence.as_str(),
                }),
                None => serde_json::json!({ "name": name, "suspicious": false }),
            });
        } else {
            match &suspicion {
                Some(found) => println!(
                    "{name}: suspicious: looks like `{}` (download rank {}; {}, {} confidence)",
                    found.imitates, found.imitated_rank, found.technique, found.confidence
                ),
                None => match antivenom_typosquat::popular_rank(name) {
                    Some(rank) => println!("{name}: popular package (download rank {rank})"),
                    None => println!("{name}: no resemblance to a popular package found"),
                },
            }
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&entries)?);
    }
    Ok(u8::from(suspicious && !args.exit_zero))
}

/// Reads every manifest named or found under `paths`; a manifest that
/// cannot be read is a file error (the run goes on, and exits 2).
fn read_manifests(
    paths: &[PathBuf],
    target: &TargetEnvironment,
) -> Result<(Vec<Manifest>, Vec<FileError>)> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(discover(path));
        } else if path.exists() {
            files.push(path.clone());
        } else {
            errors.push(FileError {
                path: path.clone(),
                kind: FileErrorKind::Io,
                line: None,
                column: None,
                message: "no such file or directory".to_owned(),
            });
        }
    }
    let mut manifests = Vec::new();
    for file in files {
        match read_manifest(&file, target) {
            Ok(manifest) => {
                for warning in &manifest.warnings {
                    eprintln!("warning: {warning}");
                }
                manifests.push(manifest);
            }
            Err(error) => errors.push(FileError {
                path: file.clone(),
                kind: FileErrorKind::Syntax,
                line: None,
                column: None,
                message: error.to_string(),
            }),
        }
    }
    Ok((manifests, errors))
}

/// The database: `--db`, else the configured one, else the default.
fn db_path(cli: Option<&Path>, config: &Config) -> PathBuf {
    cli.map(Path::to_path_buf)
        .or_else(|| {
            let configured = config.settings.deps.as_ref()?.db.as_ref()?;
            Some(config.base_dir().join(configured))
        })
        .unwrap_or_else(db_cmd::default_db_path)
}

fn load_config(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config> {
    match explicit {
        Some(path) => Ok(read_config(path)?.unwrap_or_else(|| Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        })),
        None => discover_config(paths.first().map_or(Path::new("."), PathBuf::as_path)),
    }
}

/// The configured ignores, judged on today's date.
fn ignores(settings: Option<&DepsSettings>) -> Result<Ignores> {
    let mut entries = Vec::new();
    for setting in settings
        .and_then(|deps| deps.ignore.as_ref())
        .into_iter()
        .flatten()
    {
        let until = match &setting.until {
            None => None,
            Some(toml::Value::String(text)) => Some(text.clone()),
            Some(toml::Value::Datetime(date)) => Some(date.to_string()),
            Some(other) => bail!(
                "invalid configuration: deps.ignore `{}`: `until` must be a date (YYYY-MM-DD), not {other}",
                setting.id
            ),
        };
        if let Some(until) = &until
            && !is_iso_date(until)
        {
            bail!(
                "invalid configuration: deps.ignore `{}`: `until = \"{until}\"` is not a date (YYYY-MM-DD)",
                setting.id
            );
        }
        entries.push(IgnoreEntry {
            id: setting.id.clone(),
            reason: setting.reason.clone(),
            until,
        });
    }
    Ok(Ignores::new(entries, today()))
}

/// `true` for `YYYY-MM-DD`.
fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// Asks `python` where its site-packages (purelib) directory is.
fn site_packages_of(python: &Path) -> Result<PathBuf> {
    let output = std::process::Command::new(python)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ])
        .output()
        .with_context(|| format!("cannot run {}", python.display()))?;
    if !output.status.success() {
        bail!(
            "{} failed: {}",
            python.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let path = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if path.is_empty() {
        bail!(
            "{} did not name its site-packages directory",
            python.display()
        );
    }
    Ok(PathBuf::from(path))
}
