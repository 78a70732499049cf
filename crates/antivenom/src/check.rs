//! `antivenom check`: discover, analyse, filter, report, exit code.

use crate::EXIT_ERROR;
use crate::cli::CheckArgs;
use crate::config::{Config, discover_config, read_config};
use antivenom_diagnostics::{Confidence, Finding, Report, Severity};
use antivenom_report::{OutputFormat, PrintOptions, summary_line, write_report};
use antivenom_rules::{Registry, Selection};
use antivenom_workspace::discover::{DiscoveryOptions, discover};
use antivenom_workspace::{AnalysisOptions, analyze_files};
use anyhow::{Context, Result, bail};
use globset::{Glob, GlobMatcher};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Below this many files no progress bar is shown.
const PROGRESS_MIN_FILES: usize = 200;

/// Rules switched off for files matching a glob.
struct PerFileIgnore {
    matcher: GlobMatcher,
    /// `true` when the pattern has no `/` and so matches a file name anywhere.
    basename_only: bool,
    codes: HashSet<String>,
}

impl PerFileIgnore {
    fn applies_to(&self, path: &Path, base: &Path) -> bool {
        if self.basename_only {
            return path
                .file_name()
                .is_some_and(|name| self.matcher.is_match(name));
        }
        let relative = std::path::absolute(path)
            .ok()
            .and_then(|absolute| absolute.strip_prefix(base).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf());
        self.matcher.is_match(&relative) || self.matcher.is_match(path)
    }
}

/// Tells the user that Bandit's settings are used, and drops the Bandit IDs
/// that no antivenom rule stands for (naming them) instead of failing.
fn adopt_bandit_config(config: &mut Config, registry: &Registry) {
    let origin = config
        .path
        .as_ref()
        .map_or_else(String::new, |path| path.display().to_string());
    eprintln!(
        "note: no antivenom configuration found; using [tool.bandit] from {origin} \
         (tests -> select, skips -> ignore, exclude_dirs -> extend-exclude). \
         Add a [tool.antivenom] table to configure antivenom itself."
    );
    for (key, list) in [
        ("tests", &mut config.settings.select),
        ("skips", &mut config.settings.ignore),
    ] {
        let Some(ids) = list else {
            continue;
        };
        let (known, unknown): (Vec<String>, Vec<String>) = std::mem::take(ids)
            .into_iter()
            .partition(|id| registry.codes_for(id).is_ok());
        if !unknown.is_empty() {
            eprintln!(
                "note: [tool.bandit] {key}: no antivenom rule corresponds to {}; ignored",
                unknown.join(", ")
            );
        }
        *list = Some(known);
    }
}

fn load_config(args: &CheckArgs) -> Result<Config> {
    match &args.config {
        Some(path) => Ok(read_config(path)?.unwrap_or_else(|| Config {
            path: Some(path.clone()),
            ..Config::default()
        })),
        None => discover_config(args.paths.first().map_or(Path::new("."), PathBuf::as_path)),
    }
}

fn parse_level<T>(
    cli: Option<&str>,
    configured: Option<T>,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    cli.and_then(parse).or(configured)
}

/// Runs the scan and returns the exit code.
pub(crate) fn run(args: &CheckArgs) -> Result<u8> {
    let mut config = load_config(args)?;
    let mut registry = Registry::builtin()?;
    if config.from_bandit {
        adopt_bandit_config(&mut config, &registry);
    }
    let settings = &config.settings;
    let base = std::path::absolute(config.base_dir()).unwrap_or_else(|_| config.base_dir());

    for file in settings.rules.iter().flatten() {
        registry.load_rule_file(&base.join(file))?;
    }
    for file in &args.rule_files {
        registry.load_rule_file(file)?;
    }
    let selection = Selection {
        select: if args.select.is_empty() {
            settings.select.clone().unwrap_or_default()
        } else {
            args.select.clone()
        },
        extend_select: settings
            .extend_select
            .iter()
            .flatten()
            .chain(&args.extend_select)
            .cloned()
            .collect(),
        ignore: settings
            .ignore
            .iter()
            .flatten()
            .chain(&args.ignore)
            .cloned()
            .collect(),
    };
    let local_sources = args.taint_local_sources || settings.taint_local_sources.unwrap_or(false);
    let rules = registry
        .rule_set(&selection)?
        .with_taint_local_sources(local_sources);
    let per_file_ignores = compile_per_file_ignores(&config, &registry)?;

    let format_name = args
        .format
        .as_deref()
        .or(settings.format.as_deref())
        .unwrap_or("text");
    let Some(format) = OutputFormat::parse(format_name) else {
        bail!("unknown output format `{format_name}`");
    };
    let min_severity = parse_level(args.severity.as_deref(), settings.severity, Severity::parse)
        .unwrap_or(Severity::Low);
    let min_confidence = parse_level(
        args.confidence.as_deref(),
        settings.confidence,
        Confidence::parse,
    )
    .unwrap_or(Confidence::Low);

    let discovery = DiscoveryOptions {
        // Without `exclude`, the default excludes (`.git`, `.venv`, ...) apply.
        exclude: if args.exclude.is_empty() {
            settings
                .exclude
                .clone()
                .unwrap_or_else(|| DiscoveryOptions::default().exclude)
        } else {
            args.exclude.clone()
        },
        extend_exclude: settings
            .extend_exclude
            .iter()
            .flatten()
            .chain(&args.extend_exclude)
            .cloned()
            .collect(),
        respect_gitignore: settings.respect_gitignore.unwrap_or(true),
    };
    let discovered = discover(&args.paths, &discovery)?;

    let progress = progress_bar(args, discovered.files.len());
    let options = AnalysisOptions {
        ignore_suppressions: args.ignore_nosec || settings.ignore_nosec.unwrap_or(false),
        threads: args.threads,
    };
    let tick = || progress.inc(1);
    let mut report = analyze_files(&discovered.files, &rules, &options, &tick)?;
    progress.finish_and_clear();

    report.errors.extend(discovered.errors);
    report.skipped.extend(discovered.skipped);
    report.findings.retain(|finding| {
        finding.severity >= min_severity
            && finding.confidence >= min_confidence
            && !is_ignored_for_file(finding, &per_file_ignores, &base)
    });
    report.sort();

    if args.deps {
        let deps = crate::deps_cmd::audit_for_check(&args.paths, args.db.as_deref(), &config)?;
        report.findings.extend(deps.findings);
        report.errors.extend(deps.errors);
        report.rules.extend(deps.rules);
        report.sort();
    }

    write_output(args.output.as_deref(), format, &report)?;
    Ok(exit_code(args.exit_zero, &report))
}

fn is_ignored_for_file(finding: &Finding, ignores: &[PerFileIgnore], base: &Path) -> bool {
    ignores.iter().any(|ignore| {
        ignore.codes.contains(&finding.rule.code) && ignore.applies_to(&finding.path, base)
    })
}

fn compile_per_file_ignores(config: &Config, registry: &Registry) -> Result<Vec<PerFileIgnore>> {
    let mut compiled = Vec::new();
    let origin = config.path.as_ref().map_or_else(
        || "configuration".to_owned(),
        |path| path.display().to_string(),
    );
    for (pattern, selectors) in config.settings.per_file_ignores.iter().flatten() {
        let glob = Glob::new(pattern).with_context(|| {
            format!("{origin}: invalid configuration: key `per-file-ignores`: bad glob `{pattern}`")
        })?;
        let mut codes = HashSet::new();
        for selector in selectors {
            let found = registry.codes_for(selector).with_context(|| {
                format!("{origin}: invalid configuration: key `per-file-ignores.\"{pattern}\"`")
            })?;
            codes.extend(found);
        }
        compiled.push(PerFileIgnore {
            matcher: glob.compile_matcher(),
            basename_only: !pattern.contains('/'),
            codes,
        });
    }
    Ok(compiled)
}

fn progress_bar(args: &CheckArgs, files: usize) -> ProgressBar {
    let in_ci = std::env::var_os("CI").is_some();
    if args.no_progress || in_ci || files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} scanning {pos}/{len} files {wide_bar} {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

/// Writes `report` in `format` to `output` (standard output when `None`),
/// with the one-line summary on standard error where it helps.
pub(crate) fn write_output(
    output: Option<&Path>,
    format: OutputFormat,
    report: &Report,
) -> Result<()> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    let options = PrintOptions {
        color: format == OutputFormat::Text && to_terminal && !no_color,
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        show_fix: true,
    };
    match output {
        Some(path) => {
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            );
            write_report(report, format, &options, &mut file)?;
            file.flush()?;
            writeln!(std::io::stderr(), "{}", summary_line(report))?;
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write_report(report, format, &options, &mut out)?;
            out.flush()?;
            if matches!(format, OutputFormat::Json | OutputFormat::Sarif)
                && std::io::stderr().is_terminal()
            {
                writeln!(std::io::stderr(), "{}", summary_line(report))?;
            }
        }
    }
    Ok(())
}

/// 0: nothing at or above the thresholds; 1: findings; 2: any file that
/// could not be (fully) analysed. `--exit-zero` forces 0.
pub(crate) fn exit_code(exit_zero: bool, report: &Report) -> u8 {
    if exit_zero {
        0
    } else if !report.errors.is_empty() {
        EXIT_ERROR
    } else if report.active_findings().next().is_some() {
        1
    } else {
        0
    }
}
