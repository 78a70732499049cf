//! The matching form of one advisory for one package: ECOSYSTEM ranges with parsed, sorted events
//! and the enumerated versions split into PEP 440 and non-PEP 440 strings.
//!
//! Range evaluation follows the OSV schema: events are **sorted by version first**
//! (`introduced: "0"` is below every version), then walked in order: `introduced` opens the
//! range, `fixed` closes it (the fixed version is not affected), `last_affected` closes it after
//! that version (inclusive), and a `limit` caps the whole range (versions at or after the lowest
//! limit are never affected by it). GIT and SEMVER ranges are ignored for PyPI.

use std::str::FromStr;

use pep440_rs::Version;

use crate::model::{Affected, Event, RangeKind};

/// A version to test: its PEP 440 form when it has one, and the text as given.
pub(crate) struct Query<'a> {
    pub(crate) parsed: Option<Version>,
    pub(crate) raw: &'a str,
}

impl<'a> Query<'a> {
    pub(crate) fn new(raw: &'a str) -> Self {
        let raw = raw.trim();
        Self {
            parsed: Version::from_str(raw).ok(),
            raw,
        }
    }
}

/// The lower end of an event: `introduced: "0"` is below every version, including pre-releases
/// of `0`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Bound {
    /// `introduced: "0"`.
    Zero,
    /// Any other version.
    At(Version),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EventKind {
    // Declaration order is the tie-break order for events at the same version: an
    // `introduced X` is applied before a `fixed X` / `last_affected X` at the same X.
    Introduced,
    LastAffected,
    Fixed,
}

#[derive(Debug, Clone)]
struct SortedEvent {
    bound: Bound,
    kind: EventKind,
}

/// One ECOSYSTEM range, ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRange {
    /// Sorted by (version, kind).
    events: Vec<SortedEvent>,
    /// The lowest `limit`, if any.
    limit: Option<Version>,
}

impl CompiledRange {
    /// Compiles an ECOSYSTEM range. Returns `Err(version)` with the first event version that is
    /// not valid PEP 440: such a range cannot be evaluated reliably and is dropped by the caller
    /// (the enumerated `versions` list still applies).
    fn compile(events: &[Event]) -> Result<Self, String> {
        let mut sorted = Vec::with_capacity(events.len());
        let mut limit: Option<Version> = None;
        for event in events {
            let text = event.version().trim();
            if matches!(event, Event::Introduced(_)) && text == "0" {
                sorted.push(SortedEvent {
                    bound: Bound::Zero,
                    kind: EventKind::Introduced,
                });
                continue;
            }
            let version = Version::from_str(text).map_err(|_| text.to_owned())?;
            let kind = match event {
                Event::Introduced(_) => EventKind::Introduced,
                Event::Fixed(_) => EventKind::Fixed,
                Event::LastAffected(_) => EventKind::LastAffected,
                Event::Limit(_) => {
                    if limit.as_ref().is_none_or(|current| version < *current) {
                        limit = Some(version);
                    }
                    continue;
                }
            };
            sorted.push(SortedEvent {
                bound: Bound::At(version),
                kind,
            });
        }
        // Stable sort: the OSV order of evaluation is by version, whatever the file order.
        sorted.sort_by(|a, b| a.bound.cmp(&b.bound).then(a.kind.cmp(&b.kind)));
        Ok(Self {
            events: sorted,
            limit,
        })
    }

    /// Whether `version` lies inside this range.
    pub(crate) fn contains(&self, version: &Version) -> bool {
        if self.limit.as_ref().is_some_and(|limit| version >= limit) {
            return false;
        }
        let mut affected = false;
        for event in &self.events {
            let reached = match &event.bound {
                Bound::Zero => true,
                Bound::At(at) => match event.kind {
                    EventKind::Introduced | EventKind::Fixed => version >= at,
                    EventKind::LastAffected => version > at,
                },
            };
            if reached {
                affected = event.kind == EventKind::Introduced;
            }
        }
        affected
    }

    /// The `fixed` versions of this range.
    fn fixed_versions(&self) -> impl Iterator<Item = &Version> {
        self.events.iter().filter_map(|e| match (&e.bound, e.kind) {
            (Bound::At(v), EventKind::Fixed) => Some(v),
            _ => None,
        })
    }

    /// Every version named by the range's events (`introduced: "0"` excluded), and the limit.
    pub(crate) fn boundary_versions(&self) -> impl Iterator<Item = &Version> {
        self.events
            .iter()
            .filter_map(|e| match &e.bound {
                Bound::At(v) => Some(v),
                Bound::Zero => None,
            })
            .chain(self.limit.iter())
    }

    /// Whether the range starts at `introduced: "0"`.
    pub(crate) fn starts_at_zero(&self) -> bool {
        self.events.iter().any(|e| e.bound == Bound::Zero)
    }
}

/// One advisory's matching data for one package (all its affected entries for that package
/// merged).
#[derive(Debug, Clone)]
pub(crate) struct PackageAdvisory {
    /// Index of the advisory in the database.
    pub(crate) advisory: usize,
    pub(crate) ranges: Vec<CompiledRange>,
    /// Enumerated versions that are valid PEP 440, sorted and de-duplicated.
    pub(crate) versions: Vec<Version>,
    /// Enumerated versions that are not PEP 440 (compared as exact strings).
    raw_versions: Vec<String>,
    /// All `fixed` versions of the ranges, sorted and de-duplicated.
    fixes: Vec<Version>,
}

impl PackageAdvisory {
    pub(crate) fn new(advisory: usize) -> Self {
        Self {
            advisory,
            ranges: Vec::new(),
            versions: Vec::new(),
            raw_versions: Vec::new(),
            fixes: Vec::new(),
        }
    }

    /// Adds one affected entry. Returns the descriptions of ranges dropped because an event
    /// version is not PEP 440.
    pub(crate) fn add(&mut self, affected: &Affected) -> Vec<String> {
        let mut dropped = Vec::new();
        for range in &affected.ranges {
            if range.kind != RangeKind::Ecosystem {
                continue;
            }
            match CompiledRange::compile(&range.events) {
                Ok(compiled) => {
                    self.fixes.extend(compiled.fixed_versions().cloned());
                    self.ranges.push(compiled);
                }
                Err(bad) => dropped.push(format!(
                    "ECOSYSTEM range ignored: event version {bad:?} is not PEP 440 \
                     (the enumerated versions still apply)"
                )),
            }
        }
        for text in &affected.versions {
            let text = text.trim();
            match Version::from_str(text) {
                Ok(version) => self.versions.push(version),
                Err(_) => self.raw_versions.push(text.to_owned()),
            }
        }
        self.versions.sort();
        self.versions.dedup();
        self.fixes.sort();
        self.fixes.dedup();
        dropped
    }

    /// Whether the queried version is affected: listed in `versions` (PEP 440 equality, or
    /// string equality for strings that are not PEP 440) or inside an ECOSYSTEM range.
    pub(crate) fn affects(&self, query: &Query<'_>) -> bool {
        match &query.parsed {
            Some(version) => self.affects_version(version) || self.lists_raw(query.raw),
            None => self.lists_raw(query.raw),
        }
    }

    /// Whether a PEP 440 version is affected (listed or inside a range).
    pub(crate) fn affects_version(&self, version: &Version) -> bool {
        self.versions.binary_search(version).is_ok()
            || self.ranges.iter().any(|range| range.contains(version))
    }

    fn lists_raw(&self, raw: &str) -> bool {
        self.raw_versions.iter().any(|listed| listed == raw)
    }

    /// The smallest `fixed` version strictly greater than `version`.
    pub(crate) fn smallest_fix_above(&self, version: &Version) -> Option<&Version> {
        self.fixes.iter().find(|fix| *fix > version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::from_str(text).unwrap()
    }

    fn range(events: &[Event]) -> CompiledRange {
        CompiledRange::compile(events).unwrap()
    }

    #[test]
    fn unsorted_events_are_sorted_first() {
        let r = range(&[
            Event::Introduced("4.0".into()),
            Event::Fixed("4.0.4".into()),
            Event::Introduced("3.2".into()),
            Event::Fixed("3.2.13".into()),
            Event::Introduced("2.2".into()),
            Event::Fixed("2.2.28".into()),
        ]);
        assert!(r.contains(&v("3.2.0")));
        assert!(r.contains(&v("3.2")));
        assert!(r.contains(&v("3.2.12")));
        assert!(!r.contains(&v("3.2.13")));
        assert!(!r.contains(&v("3.1")));
        assert!(r.contains(&v("2.2.27")));
        assert!(!r.contains(&v("2.1")));
        assert!(r.contains(&v("4.0.3")));
        assert!(!r.contains(&v("4.0.4")));
        assert!(!r.contains(&v("4.1")));
    }

    #[test]
    fn zero_is_below_pre_releases() {
        let r = range(&[Event::Introduced("0".into()), Event::Fixed("1.0".into())]);
        assert!(r.contains(&v("0.0.1a1")));
        assert!(r.contains(&v("0.dev0")));
        assert!(r.contains(&v("1.0rc1")));
        assert!(!r.contains(&v("1.0")));
    }

    #[test]
    fn last_affected_is_inclusive_and_limit_caps() {
        let r = range(&[
            Event::LastAffected("1.5".into()),
            Event::Introduced("1.0".into()),
        ]);
        assert!(r.contains(&v("1.5")));
        assert!(!r.contains(&v("1.5.1")));
        assert!(!r.contains(&v("0.9")));

        let r = range(&[Event::Introduced("1.0".into()), Event::Limit("2.0".into())]);
        assert!(r.contains(&v("1.9")));
        assert!(!r.contains(&v("2.0")));
        assert!(!r.contains(&v("3.0")));
    }

    #[test]
    fn introduced_and_fixed_at_same_version_is_empty() {
        let r = range(&[Event::Fixed("1.0".into()), Event::Introduced("1.0".into())]);
        assert!(!r.contains(&v("1.0")));
    }

    #[test]
    fn non_pep440_event_rejects_the_range() {
        assert_eq!(
            CompiledRange::compile(&[
                Event::Introduced("0".into()),
                Event::Fixed("2019-09-12".into())
            ])
            .unwrap_err(),
            "2019-09-12"
        );
    }
}
