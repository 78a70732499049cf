//! The owned OSV record model: what one advisory file says, parsed leniently.
//!
//! Only the fields antivenom uses are kept; unknown fields are ignored. Strings are kept exactly as
//! written (versions are parsed later, when the database is indexed), so nothing is lost when a
//! version is not valid PEP 440.

use crate::cvss::{Severity, cvss3_base_score};
use crate::timestamp::Timestamp;

/// One OSV advisory (a PYSEC, GHSA, MAL, … record).
#[derive(Debug, Clone, PartialEq)]
pub struct Advisory {
    /// The advisory id, e.g. `PYSEC-2022-190`.
    pub id: String,
    /// Other ids for the same vulnerability (CVE, GHSA, …).
    pub aliases: Vec<String>,
    /// Ids of closely related but distinct vulnerabilities.
    pub related: Vec<String>,
    /// One-line summary, when the record has one (most PYSEC records do not).
    pub summary: Option<String>,
    /// Long description.
    pub details: Option<String>,
    /// Last modification time, as written in the record.
    pub modified: Option<String>,
    /// [`Advisory::modified`] parsed, when it is a valid RFC 3339 timestamp.
    pub modified_at: Option<Timestamp>,
    /// Publication time, as written in the record.
    pub published: Option<String>,
    /// Withdrawal time, as written; a withdrawn advisory must not be reported.
    pub withdrawn: Option<String>,
    /// Top-level severity scores (`CVSS_V3`, `CVSS_V4`, …).
    pub severity: Vec<SeverityScore>,
    /// The affected packages, with their ranges and enumerated versions.
    pub affected: Vec<Affected>,
    /// `database_specific.severity` (GitHub's `LOW`/`MODERATE`/`HIGH`/`CRITICAL`), if present.
    pub database_severity: Option<String>,
}

/// One entry of an OSV `severity` array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityScore {
    /// The scoring system, e.g. `CVSS_V3` or `CVSS_V4`.
    pub kind: String,
    /// The score; for CVSS this is the vector string.
    pub score: String,
}

/// One entry of an OSV `affected` array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affected {
    /// The affected package.
    pub package: Package,
    /// Version ranges (ECOSYSTEM, SEMVER or GIT).
    pub ranges: Vec<Range>,
    /// Enumerated affected versions, as written (not all are valid PEP 440).
    pub versions: Vec<String>,
    /// Per-package severity scores (allowed by the OSV schema, rarely used).
    pub severity: Vec<SeverityScore>,
}

/// The package an [`Affected`] entry is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The ecosystem, e.g. `PyPI`.
    pub ecosystem: String,
    /// The package name as written (not normalised).
    pub name: String,
    /// The package URL, if any.
    pub purl: Option<String>,
}

/// One OSV range: a type and its events, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// The range type.
    pub kind: RangeKind,
    /// The events in the order the record lists them (not necessarily sorted).
    pub events: Vec<Event>,
}

/// The type of an OSV range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeKind {
    /// Versions of the package's ecosystem (PEP 440 for PyPI): the only kind used for matching.
    Ecosystem,
    /// Semantic versions (not used for PyPI matching).
    Semver,
    /// Git commits (not used for version matching).
    Git,
    /// Any other value, kept as written.
    Other(String),
}

/// One event of an OSV range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Versions from this one on are affected (`"0"` means "from the first version").
    Introduced(String),
    /// This version and later ones are not affected (exclusive upper bound).
    Fixed(String),
    /// The last affected version (inclusive upper bound).
    LastAffected(String),
    /// An upper limit: versions at or after it are never affected by this range.
    Limit(String),
}

impl Event {
    /// The version string of the event.
    pub fn version(&self) -> &str {
        match self {
            Self::Introduced(v) | Self::Fixed(v) | Self::LastAffected(v) | Self::Limit(v) => v,
        }
    }
}

impl Advisory {
    /// Whether the advisory has been withdrawn.
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn
            .as_deref()
            .is_some_and(|w| !w.trim().is_empty())
    }

    /// The summary, or else the first line of the details (at most 200 characters).
    pub fn short_description(&self) -> Option<String> {
        let text = self
            .summary
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .or_else(|| {
                self.details
                    .as_deref()
                    .and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty()))
            })?;
        const MAX_CHARS: usize = 200;
        if text.chars().count() > MAX_CHARS {
            let mut cut: String = text.chars().take(MAX_CHARS - 1).collect();
            cut.push('…');
            Some(cut)
        } else {
            Some(text.to_owned())
        }
    }

    /// The highest CVSS v3 base score among the record's severity entries (top level and per
    /// affected package), with its vector.
    pub fn cvss_v3(&self) -> Option<(f64, &str)> {
        self.severity
            .iter()
            .chain(self.affected.iter().flat_map(|a| a.severity.iter()))
            .filter(|s| s.kind.eq_ignore_ascii_case("CVSS_V3"))
            .filter_map(|s| cvss3_base_score(&s.score).map(|score| (score, s.score.as_str())))
            .max_by(|a, b| a.0.total_cmp(&b.0))
    }

    /// The advisory's severity: from the CVSS v3 vector when there is one, else from
    /// `database_specific.severity`, else `None` (CVSS v4 vectors are not scored).
    pub fn severity_level(&self) -> Option<Severity> {
        if let Some((score, _)) = self.cvss_v3() {
            return Some(Severity::from_score(score));
        }
        self.database_severity
            .as_deref()
            .and_then(Severity::from_label)
    }
}
