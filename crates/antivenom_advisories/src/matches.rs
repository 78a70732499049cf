//! The result of a query: one advisory affecting a package version, and the merging of
//! advisories that describe the same vulnerability in several sources.

use std::collections::HashMap;

use pep440_rs::Version;

use crate::cvss::Severity;

/// One advisory that affects the queried package version (or, for range queries, some version
/// allowed by the queried specifiers).
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The advisory id kept for this vulnerability (a PYSEC id is preferred, then GHSA).
    pub id: String,
    /// Every other id of the same vulnerability: the record's aliases plus the ids and aliases of
    /// duplicate advisories merged into this one. Sorted, without `id`.
    pub aliases: Vec<String>,
    /// The package, PEP 503-normalised.
    pub package: String,
    /// The summary, or the first line of the details.
    pub summary: Option<String>,
    /// Severity from the CVSS v3 vector (or GitHub's label); `None` when unknown (the caller
    /// then uses medium).
    pub severity: Option<Severity>,
    /// The CVSS v3 base score, when a CVSS v3 vector is present.
    pub cvss_score: Option<f64>,
    /// The CVSS v3 vector the score comes from.
    pub cvss_vector: Option<String>,
    /// For exact queries: the smallest `fixed` version greater than the queried version. For range
    /// queries: the smallest `fixed` version greater than the lowest affected version found in the
    /// allowed range. `None` when the advisory names no such fix.
    pub fixed: Option<Version>,
}

impl Match {
    /// The kept id followed by all aliases.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Preference of an id as the one to keep: PYSEC, then GHSA, then anything else.
fn id_rank(id: &str) -> u8 {
    if id.starts_with("PYSEC-") {
        0
    } else if id.starts_with("GHSA-") {
        1
    } else {
        2
    }
}

/// Merges matches whose ids or aliases intersect (transitively) into one match per
/// vulnerability, and sorts the result by id.
///
/// The kept match is the one with the preferred id; the merged match takes the union of ids and
/// aliases, the highest severity and score, the first available summary, and the highest of the
/// known fixed versions (sources sometimes disagree; the higher fix clears both).
pub(crate) fn merge_duplicates(matches: Vec<Match>) -> Vec<Match> {
    let count = matches.len();
    let mut parent: Vec<usize> = (0..count).collect();
    let mut first_owner: HashMap<&str, usize> = HashMap::new();
    for (index, found) in matches.iter().enumerate() {
        for id in found.all_ids() {
            match first_owner.get(id) {
                Some(&other) => union(&mut parent, index, other),
                None => {
                    first_owner.insert(id, index);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for index in 0..count {
        let root = find(&mut parent, index);
        groups.entry(root).or_default().push(index);
    }

    let mut slots: Vec<Option<Match>> = matches.into_iter().map(Some).collect();
    let mut merged = Vec::with_capacity(groups.len());
    for members in groups.into_values() {
        let mut group: Vec<Match> = members
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
            .collect();
        group.sort_by(|a, b| {
            id_rank(&a.id)
                .cmp(&id_rank(&b.id))
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut members = group.into_iter();
        let Some(mut kept) = members.next() else {
            continue;
        };
        for other in members {
            kept.aliases.push(other.id);
            kept.aliases.extend(other.aliases);
            kept.severity = kept.severity.max(other.severity);
            if other.cvss_score > kept.cvss_score {
                kept.cvss_score = other.cvss_score;
                kept.cvss_vector = other.cvss_vector;
            }
            if kept.summary.is_none() {
                kept.summary = other.summary;
            }
            kept.fixed = match (kept.fixed.take(), other.fixed) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
        let kept_id = kept.id.clone();
        kept.aliases.retain(|alias| *alias != kept_id);
        kept.aliases.sort();
        kept.aliases.dedup();
        merged.push(kept);
    }
    merged.sort_by(|a, b| a.id.cmp(&b.id));
    merged
}

fn find(parent: &mut [usize], mut index: usize) -> usize {
    // Indices always come from 0..parent.len(), so `get` never fails; it is used to stay panic-free.
    while let Some(&up) = parent.get(index) {
        if up == index {
            break;
        }
        let grand = parent.get(up).copied().unwrap_or(up);
        if let Some(slot) = parent.get_mut(index) {
            *slot = grand;
        }
        index = up;
    }
    index
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let root_a = find(parent, a);
    let root_b = find(parent, b);
    if root_a != root_b
        && let Some(slot) = parent.get_mut(root_a)
    {
        *slot = root_b;
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn found(id: &str, aliases: &[&str], fixed: Option<&str>) -> Match {
        Match {
            id: id.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            package: "pkg".to_owned(),
            summary: None,
            severity: None,
            cvss_score: None,
            cvss_vector: None,
            fixed: fixed.map(|f| Version::from_str(f).unwrap()),
        }
    }

    #[test]
    fn merges_through_aliases_transitively() {
        let merged = merge_duplicates(vec![
            found("GHSA-aaaa", &["CVE-1"], Some("1.2")),
            found("PYSEC-1", &["CVE-1"], Some("1.1")),
            found("OSV-3", &["GHSA-aaaa"], None),
            found("PYSEC-2", &["CVE-2"], None),
        ]);
        assert_eq!(merged.len(), 2);
        let first = &merged[0];
        assert_eq!(first.id, "PYSEC-1");
        assert_eq!(first.aliases, vec!["CVE-1", "GHSA-aaaa", "OSV-3"]);
        assert_eq!(first.fixed, Some(Version::from_str("1.2").unwrap()));
        assert_eq!(merged[1].id, "PYSEC-2");
    }
}
