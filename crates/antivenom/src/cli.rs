//! Command-line interface definition.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// antivenom: find security weaknesses in Python code.
#[derive(Debug, Parser)]
#[command(name = "antivenom", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan Python files and directories for security weaknesses.
    Check(Box<CheckArgs>),
    /// List every rule: code, name, aliases, CWE, severity, confidence, status.
    Rules(RulesArgs),
    /// Print the documentation of one rule (by code, name, or Bandit/Ruff alias).
    Rule(RuleArgs),
    /// Summarise a project offline: size, complexity, dependencies, network, process and file-write calls.
    Overview(OverviewArgs),
    /// Audit dependencies offline: known-vulnerable versions (OSV database) and typosquatted names.
    Deps(Box<DepsArgs>),
    /// Manage the offline advisory database (`update` is the only command that uses the network).
    #[command(subcommand)]
    Db(DbCommand),
    /// Regenerate docs/rules from the rules' metadata (for contributors).
    #[command(hide = true)]
    GenerateDocs(GenerateDocsArgs),
}

/// Options of `antivenom check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this configuration file instead of discovering one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Rules to run (codes, code prefixes, names, Bandit/Ruff aliases, categories or ALL); replaces the configured selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules to add to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Rules to skip (added to the configured ones).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Glob patterns to exclude; replaces the default excludes.
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Vec<String>,
    /// Glob patterns to exclude in addition to the defaults.
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub extend_exclude: Vec<String>,
    /// Report only findings of at least this severity.
    #[arg(long, value_name = "LEVEL", value_parser = ["low", "medium", "high"])]
    pub severity: Option<String>,
    /// Report only findings of at least this confidence.
    #[arg(long, value_name = "LEVEL", value_parser = ["low", "medium", "high"])]
    pub confidence: Option<String>,
    /// Output format.
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "concise", "json", "sarif"])]
    pub format: Option<String>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Load extra declarative rules from this TOML file (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<PathBuf>,
    /// Ignore `# nosec`, `# noqa: S###` and `# antivenom: ignore[...]` comments.
    #[arg(long)]
    pub ignore_nosec: bool,
    /// Taint rules also follow local input (command-line arguments, environment
    /// variables, standard input), not only data from the network.
    #[arg(long)]
    pub taint_local_sources: bool,
    /// Exit with 0 even when there are findings or file errors (usage errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Number of analysis threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Also audit the dependency manifests found in the scanned directories (see `antivenom deps`).
    #[arg(long)]
    pub deps: bool,
    /// Advisory database for `--deps` (default: the one `antivenom db update` downloads).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

/// Options of `antivenom deps`.
#[derive(Debug, Args)]
pub struct DepsArgs {
    /// Manifests (requirements*.txt, *.in, pyproject.toml, lock files) or directories to search for them.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Advisory database: a directory of OSV JSON/YAML files or an OSV zip (default: the one `antivenom db update` downloads).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Audit an installed environment: a site-packages directory (reads *.dist-info/METADATA).
    #[arg(long, value_name = "SITE_PACKAGES")]
    pub env: Option<PathBuf>,
    /// Audit the environment of this Python interpreter (asks it where its site-packages are).
    #[arg(long, value_name = "INTERPRETER")]
    pub python: Option<PathBuf>,
    /// Python version environment markers are evaluated for (default: 3.12).
    #[arg(long, value_name = "X.Y")]
    pub python_version: Option<String>,
    /// Platform environment markers are evaluated for: linux, darwin or win32 (default: this machine's).
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Only check these names for typosquatting (no manifest, no database needed).
    #[arg(long, value_name = "NAME")]
    pub check_name: Vec<String>,
    /// Do not check dependency names for typosquatting.
    #[arg(long)]
    pub no_typosquats: bool,
    /// Use this configuration file instead of discovering one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "concise", "json", "sarif"])]
    pub format: Option<String>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
}

/// `antivenom db` subcommands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Download the PyPI advisories (OSV `all.zip`) over HTTPS and replace the local copy atomically.
    Update(DbUpdateArgs),
    /// Print the database's location, advisory count and newest modification date.
    Status(DbStatusArgs),
}

/// Options of `antivenom db update`.
#[derive(Debug, Args)]
pub struct DbUpdateArgs {
    /// Where to store the database (default: the user's cache directory).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Download from this URL instead (a mirror of OSV's PyPI all.zip).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// Options of `antivenom db status`.
#[derive(Debug, Args)]
pub struct DbStatusArgs {
    /// The database to describe (default: the user's cache directory).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

/// Options of `antivenom rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Also list rules from this declarative rule file (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<PathBuf>,
    /// Print the table as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Options of `antivenom rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code (AV301), name (pickle-loads) or alias (B301, S301).
    pub rule: String,
    /// Also look in this declarative rule file (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<PathBuf>,
}

/// Options of `antivenom generate-docs`.
#[derive(Debug, Args)]
pub struct GenerateDocsArgs {
    /// Directory to write (default: docs/rules).
    #[arg(long, default_value = "docs/rules")]
    pub dir: PathBuf,
    /// Fail instead of writing when a file is stale.
    #[arg(long)]
    pub check: bool,
}

/// Options of `antivenom overview`.
#[derive(Debug, Args)]
pub struct OverviewArgs {
    /// Files or directories to summarise.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Also run the default rules and count findings by severity per file.
    #[arg(long)]
    pub findings: bool,
    /// Glob patterns to exclude; replaces the default excludes.
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Vec<String>,
    /// Glob patterns to exclude in addition to the defaults.
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub extend_exclude: Vec<String>,
    /// Write the overview to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number of analysis threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}
