//! The loaded, indexed advisory database and its queries.

use std::collections::HashMap;
use std::path::Path;

use pep440_rs::{Version, VersionSpecifiers};

use crate::compiled::{PackageAdvisory, Query};
use crate::error::{DbError, LoadWarning};
use crate::load::load_path;
use crate::matches::{Match, merge_duplicates};
use crate::model::Advisory;
use crate::range_query::{lowest_affected_in, specifier_candidates};
use crate::timestamp::Timestamp;
use antivenom_deps::normalize_name;

/// Most re-checks made by [`Database::fix_for_all`] before giving up.
const MAX_FIX_STEPS: usize = 64;

/// An in-memory OSV advisory database for PyPI, indexed by PEP 503-normalised package name.
///
/// Built once per run; each query looks its package up in a hash map and only evaluates that
/// package's advisories.
#[derive(Debug, Clone)]
pub struct Database {
    advisories: Vec<Advisory>,
    /// Normalised package name → that package's advisories in matching form.
    by_package: HashMap<String, Vec<PackageAdvisory>>,
    /// Advisory id → index in `advisories` (the first record loaded with that id).
    by_id: HashMap<String, usize>,
    warnings: Vec<LoadWarning>,
    newest_modified: Option<Timestamp>,
    withdrawn: usize,
    malformed: usize,
}

impl Database {
    /// Loads a database from a directory (searched recursively for `*.json`, `*.yaml`, `*.yml`),
    /// an OSV zip archive (such as OSV's PyPI `all.zip`), or a single record file.
    ///
    /// Malformed records are skipped with a warning (see [`Database::warnings`]); withdrawn
    /// advisories and advisories without a PyPI package are skipped. A missing or unreadable path
    /// or a database with no advisory loaded is an error.
    pub fn load(path: &Path) -> Result<Self, DbError> {
        let loaded = load_path(path)?;
        let mut database = Self::build(loaded.records, loaded.warnings);
        database.malformed = loaded.malformed;
        if database.advisories.is_empty() {
            return Err(DbError::Empty {
                path: path.to_path_buf(),
                skipped: database.malformed,
                withdrawn: database.withdrawn,
            });
        }
        Ok(database)
    }

    /// Builds a database from records already in memory (the source label of each is `<memory>`).
    /// Unlike [`Database::load`], an empty result is not an error here.
    pub fn from_advisories(advisories: impl IntoIterator<Item = Advisory>) -> Self {
        let records = advisories
            .into_iter()
            .map(|advisory| (advisory, "<memory>".to_owned()))
            .collect();
        Self::build(records, Vec::new())
    }

    fn build(records: Vec<(Advisory, String)>, warnings: Vec<LoadWarning>) -> Self {
        let mut database = Self {
            advisories: Vec::new(),
            by_package: HashMap::new(),
            by_id: HashMap::new(),
            warnings,
            newest_modified: None,
            withdrawn: 0,
            malformed: 0,
        };
        for (advisory, source) in records {
            database.add(advisory, &source);
        }
        database
    }

    /// Indexes one record (skipping withdrawn records and records without a PyPI package).
    fn add(&mut self, advisory: Advisory, source: &str) {
        if advisory.is_withdrawn() {
            self.withdrawn += 1;
            return;
        }
        let index = self.advisories.len();
        // Normalised name → this advisory's matching data for that package.
        let mut per_package: Vec<(String, PackageAdvisory)> = Vec::new();
        for affected in &advisory.affected {
            if !affected
                .package
                .ecosystem
                .trim()
                .eq_ignore_ascii_case("PyPI")
            {
                continue;
            }
            let name = normalize_name(&affected.package.name);
            let position = match per_package.iter().position(|(n, _)| *n == name) {
                Some(position) => position,
                None => {
                    per_package.push((name, PackageAdvisory::new(index)));
                    per_package.len() - 1
                }
            };
            if let Some((_, entry)) = per_package.get_mut(position) {
                for message in entry.add(affected) {
                    self.warnings.push(LoadWarning {
                        source: format!("{source} ({})", advisory.id),
                        message,
                    });
                }
            }
        }
        if per_package.is_empty() {
            return;
        }
        for (name, entry) in per_package {
            self.by_package.entry(name).or_default().push(entry);
        }
        if advisory.modified_at > self.newest_modified {
            self.newest_modified = advisory.modified_at;
        }
        self.by_id.entry(advisory.id.clone()).or_insert(index);
        self.advisories.push(advisory);
    }

    /// Number of advisories loaded (withdrawn and non-PyPI records excluded; duplicates across
    /// sources are counted once per record).
    pub fn advisory_count(&self) -> usize {
        self.advisories.len()
    }

    /// Number of distinct (normalised) package names with at least one advisory.
    pub fn package_count(&self) -> usize {
        self.by_package.len()
    }

    /// The newest `modified` date among the loaded advisories.
    pub fn newest_modified(&self) -> Option<Timestamp> {
        self.newest_modified
    }

    /// Problems met while loading: malformed records (named by file), unreadable files, ranges
    /// that could not be evaluated.
    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    /// Number of withdrawn advisories that were skipped.
    pub fn withdrawn_count(&self) -> usize {
        self.withdrawn
    }

    /// Number of files or records skipped because they could not be read or parsed.
    pub fn malformed_count(&self) -> usize {
        self.malformed
    }

    /// All loaded advisories.
    pub fn advisories(&self) -> &[Advisory] {
        &self.advisories
    }

    /// The advisory with this id, if loaded.
    pub fn advisory(&self, id: &str) -> Option<&Advisory> {
        self.by_id
            .get(id)
            .and_then(|&index| self.advisories.get(index))
    }

    /// The advisories affecting an exact version of a package, duplicates across sources merged,
    /// sorted by id.
    ///
    /// `version` is compared as PEP 440 when it is valid PEP 440; a version string that is not
    /// (e.g. `0.7.10p1`) can still match an advisory's enumerated `versions` by exact string
    /// equality, and never aborts matching.
    pub fn affecting(&self, name: &str, version: &str) -> Vec<Match> {
        let query = Query::new(version);
        let package = normalize_name(name);
        let Some(entries) = self.by_package.get(&package) else {
            return Vec::new();
        };
        let found = entries
            .iter()
            .filter(|entry| entry.affects(&query))
            .filter_map(|entry| {
                let fixed = query
                    .parsed
                    .as_ref()
                    .and_then(|v| entry.smallest_fix_above(v))
                    .cloned();
                self.make_match(&package, entry, fixed)
            })
            .collect();
        merge_duplicates(found)
    }

    /// Same as [`Database::affecting`] for an already-parsed version.
    pub fn affecting_version(&self, name: &str, version: &Version) -> Vec<Match> {
        self.affecting(name, &version.to_string())
    }

    /// The advisories for which **some** version allowed by `specifiers` is affected (for
    /// unpinned or ranged requirements such as `django>=3`), duplicates merged, sorted by id.
    ///
    /// Approach: candidate versions are taken from the advisory's event boundaries and
    /// enumerated versions and from the specifiers' own bounds (with points just above exclusive
    /// bounds); a candidate that satisfies the specifiers and is affected proves the match (see the
    /// `range_query` module documentation for why these candidates suffice). Each match's `fixed`
    /// is the smallest fix above the lowest affected candidate found.
    pub fn affecting_range(&self, name: &str, specifiers: &VersionSpecifiers) -> Vec<Match> {
        let package = normalize_name(name);
        let Some(entries) = self.by_package.get(&package) else {
            return Vec::new();
        };
        let spec_candidates = specifier_candidates(specifiers);
        let found = entries
            .iter()
            .filter_map(|entry| {
                let lowest = lowest_affected_in(entry, specifiers, &spec_candidates)?;
                let fixed = entry.smallest_fix_above(&lowest).cloned();
                self.make_match(&package, entry, fixed)
            })
            .collect();
        merge_duplicates(found)
    }

    /// The smallest version that fixes all of `matches` for package `name`: the highest of their
    /// fixed versions, re-checked against the database; if that version is itself affected (by
    /// another advisory of the package), the search moves on to the next fix, a bounded number of
    /// times. `None` when some advisory has no known fix, or no clean version was found.
    pub fn fix_for_all(&self, name: &str, matches: &[Match]) -> Option<Version> {
        let mut candidate = highest_fix(matches)?;
        for _ in 0..MAX_FIX_STEPS {
            let still = self.affecting_version(name, &candidate);
            if still.is_empty() {
                return Some(candidate);
            }
            let next = highest_fix(&still)?;
            if next <= candidate {
                // The data is inconsistent (a fix that is itself affected); stop.
                return None;
            }
            candidate = next;
        }
        None
    }

    fn make_match(
        &self,
        package: &str,
        entry: &PackageAdvisory,
        fixed: Option<Version>,
    ) -> Option<Match> {
        let advisory = self.advisories.get(entry.advisory)?;
        let cvss = advisory.cvss_v3();
        Some(Match {
            id: advisory.id.clone(),
            aliases: {
                let mut aliases: Vec<String> = advisory
                    .aliases
                    .iter()
                    .filter(|alias| **alias != advisory.id)
                    .cloned()
                    .collect();
                aliases.sort();
                aliases.dedup();
                aliases
            },
            package: package.to_owned(),
            summary: advisory.short_description(),
            severity: advisory.severity_level(),
            cvss_score: cvss.map(|(score, _)| score),
            cvss_vector: cvss.map(|(_, vector)| vector.to_owned()),
            fixed,
        })
    }
}

/// The highest fixed version among `matches`; `None` if any match has no fix.
fn highest_fix(matches: &[Match]) -> Option<Version> {
    matches
        .iter()
        .map(|m| m.fixed.clone())
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
}
