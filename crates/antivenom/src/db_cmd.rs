//! `antivenom db update` and `antivenom db status`: the offline advisory
//! database. `update` is the only command of antivenom that uses the
//! network.

use crate::cli::{DbCommand, DbStatusArgs, DbUpdateArgs};
use antivenom_advisories::Database;
use anyhow::{Context, Result, bail};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// OSV's export of every PyPI advisory (PYSEC, GHSA, MAL records).
pub(crate) const DEFAULT_URL: &str =
    "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip";

/// A database older than this gets a warning.
const STALE_AFTER: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// The largest download accepted (the PyPI export is tens of megabytes).
const MAX_DOWNLOAD_BYTES: u64 = 1 << 30;

/// Runs an `antivenom db` subcommand.
pub(crate) fn run(command: &DbCommand) -> Result<u8> {
    match command {
        DbCommand::Update(args) => update(args),
        DbCommand::Status(args) => status(args),
    }
}

/// Where the database lives by default: the user's cache directory.
pub(crate) fn default_db_path() -> PathBuf {
    let cache = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join("Library/Caches"))
    } else {
        std::env::var_os("XDG_CACHE_HOME")
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
    };
    cache
        .unwrap_or_else(std::env::temp_dir)
        .join("antivenom")
        .join("osv-pypi-all.zip")
}

/// What to tell a user whose database is missing or unusable.
pub(crate) fn instructions(path: &Path) -> String {
    format!(
        "no usable advisory database at {}: run `antivenom db update` (downloads OSV's PyPI \
         advisories) or pass `--db PATH` (a directory of OSV JSON/YAML files or an OSV zip); \
         without one, dependencies are not checked and nothing is reported as clean",
        path.display()
    )
}

/// Loads the database at `path`, failing with instructions (exit 2), and
/// warns when it is old or had records it could not read.
pub(crate) fn load(path: &Path) -> Result<Database> {
    let database = Database::load(path).with_context(|| instructions(path))?;
    if let Some(age) = age_of(path)
        && age > STALE_AFTER
    {
        eprintln!(
            "warning: the advisory database at {} is {} days old; run `antivenom db update`",
            path.display(),
            age.as_secs() / 86_400
        );
    }
    let warnings = database.warnings();
    for warning in warnings.iter().take(10) {
        eprintln!("warning: advisory record skipped: {warning}");
    }
    if warnings.len() > 10 {
        eprintln!(
            "warning: {} more advisory records skipped",
            warnings.len() - 10
        );
    }
    Ok(database)
}

/// How long ago the database file (or directory) was last written.
fn age_of(path: &Path) -> Option<Duration> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    SystemTime::now().duration_since(modified).ok()
}

fn update(args: &DbUpdateArgs) -> Result<u8> {
    let target = args.db.clone().unwrap_or_else(default_db_path);
    let url = args.url.as_deref().unwrap_or(DEFAULT_URL);
    let directory = target
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&directory)
        .with_context(|| format!("cannot create {}", directory.display()))?;
    eprintln!("downloading {url}");
    let response = ureq::get(url)
        .call()
        .with_context(|| format!("cannot download {url}"))?;
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(MAX_DOWNLOAD_BYTES)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot download {url}"))?;
    // Written beside the target, checked, then renamed over it: the old
    // copy stays until the new one is known to work.
    let partial = directory.join(format!(
        ".{}.partial-{}",
        target
            .file_name()
            .map_or_else(|| "db".into(), |name| name.to_string_lossy()),
        std::process::id()
    ));
    std::fs::write(&partial, &bytes)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    let checked = Database::load(&partial);
    let database = match checked {
        Ok(database) => database,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            bail!("the download from {url} is not a usable OSV database: {error}");
        }
    };
    std::fs::rename(&partial, &target).with_context(|| {
        let _ = std::fs::remove_file(&partial);
        format!("cannot replace {}", target.display())
    })?;
    println!(
        "advisory database updated: {} ({} advisories, {} packages, {} bytes)",
        target.display(),
        database.advisory_count(),
        database.package_count(),
        bytes.len()
    );
    Ok(0)
}

fn status(args: &DbStatusArgs) -> Result<u8> {
    let path = args.db.clone().unwrap_or_else(default_db_path);
    let database = Database::load(&path).with_context(|| instructions(&path))?;
    println!("location: {}", path.display());
    println!("advisories: {}", database.advisory_count());
    println!("packages: {}", database.package_count());
    match database.newest_modified() {
        Some(newest) => println!("newest modification: {newest}"),
        None => println!("newest modification: unknown"),
    }
    if let Some(age) = age_of(&path) {
        let days = age.as_secs() / 86_400;
        println!("downloaded: {days} days ago");
        if age > STALE_AFTER {
            eprintln!("warning: the database is older than 30 days; run `antivenom db update`");
        }
    }
    if !database.warnings().is_empty() {
        println!("records skipped: {}", database.warnings().len());
    }
    Ok(0)
}
