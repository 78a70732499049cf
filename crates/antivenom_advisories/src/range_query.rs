//! Candidate versions for "is some version allowed by these specifiers affected?".
//!
//! Both the affected set of an advisory and the set allowed by a specifier list are unions of
//! intervals of PEP 440 versions. When two intervals intersect, the intersection starts at the
//! greater of their two lower bounds: at that version itself when the bound is inclusive, or just
//! above it when it is exclusive. So it is enough to test a finite set of candidates:
//!
//! - every version named by the advisory's range events (`introduced` is an inclusive lower bound;
//!   `fixed`, `last_affected` and `limit` are added too, which is harmless) and every enumerated
//!   version;
//! - a floor version (`0.dev0`) for ranges starting at `introduced: "0"` combined with specifiers
//!   without a lower bound (`<2`, `!=1.0`);
//! - every specifier version (`>=`, `==`, `~=`, `<=` …), and for the exclusive lower bounds
//!   (`>V`, `!=V`, `!=V.*`) a version just above V (see [`just_above`]); for `==V.*` the lowest
//!   version of the series, `V.dev0`.
//!
//! Each candidate is then checked against the specifiers *and* the advisory with the same code
//! as exact queries, so a reported match is always backed by a concrete affected version (no false
//! positives). PEP 440 is dense, so "just above" is an approximation: a false negative is possible
//! only for intersections narrower than the approximation (e.g. `>1.0rc1` against a range that
//! ends before `1.0`, when only `1.0rc2` would be affected).

use pep440_rs::{Operator, Version, VersionSpecifiers};

use crate::compiled::PackageAdvisory;

/// Candidate versions contributed by the specifiers.
pub(crate) fn specifier_candidates(specifiers: &VersionSpecifiers) -> Vec<Version> {
    let mut candidates = vec![floor_version()];
    for specifier in specifiers.iter() {
        let version = specifier.version().clone();
        #[allow(deprecated)] // `===` (ExactEqual) is deprecated but still valid input.
        match specifier.operator() {
            Operator::GreaterThan | Operator::NotEqual => {
                candidates.extend(just_above(&version));
            }
            Operator::EqualStar => {
                candidates.push(series_start(&version));
            }
            Operator::NotEqualStar => {
                candidates.push(series_start(&bump_last(&version)));
            }
            Operator::Equal
            | Operator::ExactEqual
            | Operator::TildeEqual
            | Operator::LessThan
            | Operator::LessThanEqual
            | Operator::GreaterThanEqual => {}
        }
        candidates.push(version);
    }
    candidates
}

/// Candidate versions contributed by one advisory.
pub(crate) fn advisory_candidates(advisory: &PackageAdvisory) -> impl Iterator<Item = &Version> {
    advisory
        .ranges
        .iter()
        .flat_map(|range| range.boundary_versions())
        .chain(advisory.versions.iter())
}

/// The lowest affected version of `advisory` allowed by `specifiers`, among the candidates.
pub(crate) fn lowest_affected_in(
    advisory: &PackageAdvisory,
    specifiers: &VersionSpecifiers,
    specifier_candidates: &[Version],
) -> Option<Version> {
    advisory_candidates(advisory)
        .chain(specifier_candidates.iter().filter(|c| {
            **c != floor_version() || advisory.ranges.iter().any(|r| r.starts_at_zero())
        }))
        .filter(|candidate| specifiers.contains(candidate) && advisory.affects_version(candidate))
        .min()
        .cloned()
}

/// A version below every ordinary release: `0.dev0`.
fn floor_version() -> Version {
    Version::new([0u64]).with_dev(Some(0))
}

/// Versions just above `version` that `>version` accepts: the release padded with `.0.0.0.1`
/// (above `version` and all its post-releases, below the next real release), and for a
/// pre-release or dev release its final release (e.g. `1.0` for `1.0rc1`).
fn just_above(version: &Version) -> Vec<Version> {
    let mut release = version.release().to_vec();
    release.extend([0, 0, 0, 1]);
    let mut above = vec![
        Version::new(release)
            .with_epoch(version.epoch())
            .with_pre(None)
            .with_post(None)
            .with_dev(None),
    ];
    if version.any_prerelease() {
        above.push(version.only_release().with_epoch(version.epoch()));
    }
    above
}

/// The lowest version of the `version.*` series: `version.dev0`.
fn series_start(version: &Version) -> Version {
    version
        .only_release()
        .with_epoch(version.epoch())
        .with_dev(Some(0))
}

/// The release with its last component incremented (`1.2` → `1.3`), i.e. the start of the next
/// series.
fn bump_last(version: &Version) -> Version {
    let mut release = version.release().to_vec();
    if let Some(last) = release.last_mut() {
        *last = last.saturating_add(1);
    }
    Version::new(release).with_epoch(version.epoch())
}
