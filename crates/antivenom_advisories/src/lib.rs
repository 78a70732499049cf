//! Offline OSV advisory database for antivenom's dependency audit (PyPI only).
//!
//! - [`Advisory`] and friends: the owned OSV record model, parsed leniently from JSON
//!   ([`Advisory::from_json_str`]) or YAML ([`Advisory::from_yaml_str`], the
//!   pypa/advisory-database format) through the same serde structs.
//! - [`Database::load`]: reads a directory of OSV files or an OSV zip (`all.zip`), skips withdrawn
//!   and malformed records (with warnings), and indexes advisories by PEP 503-normalised package
//!   name once.
//! - [`Database::affecting`] (exact versions), [`Database::affecting_range`] (specifiers such as
//!   `>=3`), [`Database::fix_for_all`]: OSV matching with events sorted by PEP 440 version before
//!   evaluation, enumerated `versions` lists, GIT ranges ignored, and duplicates across sources
//!   (shared ids/aliases) merged.
//! - [`cvss3_base_score`] and [`Severity`]: the CVSS v3.x base score and its qualitative band.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod compiled;
mod cvss;
mod database;
mod error;
mod load;
mod matches;
mod model;
mod parse;
mod range_query;
mod timestamp;
mod yaml_json;

pub use antivenom_deps::normalize_name;
pub use cvss::{Severity, cvss3_base_score};
pub use database::Database;
pub use error::{DbError, LoadWarning};
pub use matches::Match;
pub use model::{Advisory, Affected, Event, Package, Range, RangeKind, SeverityScore};
pub use parse::ParseError;
pub use pep440_rs::{Version, VersionSpecifiers};
pub use timestamp::Timestamp;
