//! The typosquat detector: compares a name with the popular names it may imitate.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::canonical::canonical_name;
use crate::config::DetectorConfig;
use crate::edits::{
    SingleEdit, is_chunk_swap, is_homoglyph_variant, located_single_edit, osa_distance,
    part_len_at, slip_variants, starts_part,
};
use crate::popular::{EMBEDDED_POPULAR_LIST, PopularList};
use crate::suspicion::{Confidence, Suspicion, Technique};

/// Prefixes that make a name look Python-specific (longest first, so `python3-` is
/// stripped before `python`).
const PREFIXES: &[&str] = &["python3-", "python-", "py3-", "py-", "python", "py"];
/// Suffixes that make a name look Python-specific, plus a plural `s`.
const SUFFIXES: &[&str] = &["-python3", "-python", "-py3", "-py", "python", "py", "s"];

/// The detector built from the embedded popular list with the default configuration.
static EMBEDDED: LazyLock<Detector> = LazyLock::new(|| {
    // The embedded list is checked by a unit test; should it ever fail to parse, an empty
    // detector (which flags nothing) is safer than a crash.
    let popular = PopularList::parse(EMBEDDED_POPULAR_LIST).unwrap_or_default();
    Detector::new(popular, DetectorConfig::default())
});

/// One spelling of a popular name that imitations are measured against.
#[derive(Debug, Clone)]
struct ReferenceForm {
    /// The spelling (canonical, ASCII).
    text: Vec<u8>,
    /// Which characters occur in it, for cheap pre-filtering.
    chars: u64,
    /// Rank of the popular name it spells.
    rank: usize,
    /// Whether this is the popular name without its trailing version digits.
    digitless: bool,
}

/// A match found by one technique, before the best one is chosen.
#[derive(Debug, Clone, Copy)]
struct Match {
    technique: Technique,
    rank: usize,
    confidence: Confidence,
}

impl Match {
    /// Whether `self` should be reported rather than `other`: higher confidence, then the
    /// more specific technique, then the more popular imitated name.
    fn beats(&self, other: &Match) -> bool {
        let key = |m: &Match| {
            (
                std::cmp::Reverse(m.confidence),
                technique_order(m.technique),
                m.rank,
            )
        };
        key(self) < key(other)
    }
}

/// Order in which techniques are preferred when confidence ties (most specific first).
fn technique_order(technique: Technique) -> u8 {
    match technique {
        Technique::DigitHomoglyph => 0,
        Technique::Transposition => 1,
        Technique::SeparatorChange => 2,
        Technique::PrefixSuffix => 3,
        Technique::ReorderedParts => 4,
        Technique::EditDistance1 => 5,
        Technique::EditDistance2 => 6,
        Technique::Combo => 7,
    }
}

/// Keeps the better of the current best match and a new one.
fn keep_best(best: &mut Option<Match>, new: Match) {
    if best.as_ref().is_none_or(|current| new.beats(current)) {
        *best = Some(new);
    }
}

/// Whether two names differ only in a trailing version number and `candidate` has one
/// (`unittest3` for `unittest2`, `nose3` for `nose`): a common legitimate naming pattern.
fn is_version_variant(candidate: &[u8], popular: &[u8]) -> bool {
    let unversioned = |text: &[u8]| -> usize {
        let digits = text.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        text.len().saturating_sub(digits)
    };
    let (c, p) = (unversioned(candidate), unversioned(popular));
    c < candidate.len() && candidate.get(..c) == popular.get(..p)
}

/// A bit per character (`a`–`z`, `0`–`9`, `-`) that occurs in `text`.
fn char_set(text: &[u8]) -> u64 {
    text.iter().fold(0, |set, &c| {
        let bit = match c {
            b'a'..=b'z' => u32::from(c - b'a'),
            b'0'..=b'9' => 26 + u32::from(c - b'0'),
            _ => 36,
        };
        set | (1u64 << bit)
    })
}

/// The `-`-separated parts of a canonical name, sorted, joined by `-`: equal for names
/// that hold the same parts in any order.
fn sorted_parts(canonical: &str) -> String {
    let mut parts: Vec<&str> = canonical.split('-').collect();
    parts.sort_unstable();
    parts.join("-")
}

/// Detects PyPI project names that imitate popular ones.
///
/// Precision rules: a name on the popular list (the whole list, not only the reference
/// part) is never flagged, so every flagged name is unranked (below the whole list, which
/// counts as a large popularity gap) while its target is among the top
/// [`DetectorConfig::reference_size`] names (reordered parts: the whole list); one-edit
/// matches need a minimum length, and edits to the first letter of a short part or to a
/// trailing version number are ignored; two edits only count for long names and must
/// include a common slip; a pure separator change (`a_b` vs `a-b`) is the same project
/// and never flagged.
#[derive(Debug, Clone)]
pub struct Detector {
    popular: PopularList,
    config: DetectorConfig,
    /// Spellings of the reference names for edit-based techniques.
    forms: Vec<ReferenceForm>,
    /// Sorted parts of multi-part popular names (whole list) to the best rank.
    reordered: HashMap<String, usize>,
    /// First parts shared by many popular names (`django`, `flask`, `pytest`).
    plugin_namespaces: HashSet<String>,
}

impl Detector {
    /// Builds a detector over a popular-names list.
    pub fn new(popular: PopularList, config: DetectorConfig) -> Self {
        let mut forms = Vec::new();
        let mut reordered: HashMap<String, usize> = HashMap::new();
        let mut namespace_counts: HashMap<&str, usize> = HashMap::new();
        for (index, name) in popular.names().iter().enumerate() {
            let rank = index + 1;
            if name.contains('-') {
                reordered.entry(sorted_parts(name)).or_insert(rank);
                if let Some(first) = name.split('-').next() {
                    *namespace_counts.entry(first).or_default() += 1;
                }
            }
            if rank > config.reference_size {
                continue;
            }
            forms.push(ReferenceForm {
                text: name.as_bytes().to_vec(),
                chars: char_set(name.as_bytes()),
                rank,
                digitless: false,
            });
            let digitless = name.trim_end_matches(|c: char| c.is_ascii_digit());
            let digitless = digitless.trim_end_matches('-');
            if digitless.len() < name.len()
                && digitless.len() >= config.min_len_digitless_form
                && popular.rank(digitless).is_none()
            {
                forms.push(ReferenceForm {
                    text: digitless.as_bytes().to_vec(),
                    chars: char_set(digitless.as_bytes()),
                    rank,
                    digitless: true,
                });
            }
        }
        let plugin_namespaces = namespace_counts
            .into_iter()
            .filter(|&(_, count)| count >= config.plugin_namespace_min_names)
            .map(|(first, _)| first.to_owned())
            .collect();
        Self {
            popular,
            config,
            forms,
            reordered,
            plugin_namespaces,
        }
    }

    /// The detector over the embedded list of most-downloaded PyPI names, with the
    /// default configuration. Built once, on first use.
    pub fn embedded() -> &'static Detector {
        &EMBEDDED
    }

    /// The popular-names list this detector compares with.
    pub fn popular(&self) -> &PopularList {
        &self.popular
    }

    /// The thresholds in use.
    pub fn config(&self) -> &DetectorConfig {
        &self.config
    }

    /// Checks one project name (any spelling: it is canonicalised first). Returns the
    /// strongest suspicion, or `None` when the name looks like no popular name, is popular
    /// itself, or is not a valid project name.
    pub fn check_name(&self, name: &str) -> Option<Suspicion> {
        let candidate = canonical_name(name).ok()?;
        if self.popular.rank(&candidate).is_some() {
            return None;
        }
        let mut best = None;
        self.edit_matches(&candidate, &mut best);
        self.affix_matches(&candidate, &mut best);
        self.reordered_match(&candidate, &mut best);
        self.combo_match(&candidate, &mut best);
        let found = best?;
        let imitates = self
            .popular
            .names()
            .get(found.rank.checked_sub(1)?)?
            .clone();
        Some(Suspicion {
            candidate,
            imitates,
            imitated_rank: found.rank,
            technique: found.technique,
            confidence: found.confidence,
        })
    }

    /// Homoglyphs, one edit and (for long names) two edits against the reference forms.
    fn edit_matches(&self, candidate: &str, best: &mut Option<Match>) {
        let text = candidate.as_bytes();
        let chars = char_set(text);
        for form in &self.forms {
            let length_gap = text.len().abs_diff(form.text.len());
            if length_gap > 2 {
                continue;
            }
            let longer = text.len().max(form.text.len());
            let differing_chars = (chars ^ form.chars).count_ones();
            if is_version_variant(text, &form.text) {
                continue;
            }
            let homoglyph = || {
                (longer >= self.config.min_len_one_edit && is_homoglyph_variant(text, &form.text))
                    .then_some(Technique::DigitHomoglyph)
            };
            let one_edit = || {
                if length_gap > 1 || differing_chars > 2 || longer < self.config.min_len_one_edit {
                    return None;
                }
                let (edit, at) = located_single_edit(text, &form.text)?;
                self.one_edit_technique(edit, at, text, form)
            };
            let chunk_swap = || {
                (differing_chars == 0 && is_chunk_swap(text, &form.text))
                    .then_some(Technique::ReorderedParts)
            };
            let two_edits = || {
                let min_len = self.config.min_len_two_edits?;
                let found = !form.digitless
                    && text.len() >= min_len
                    && form.text.len() >= self.config.min_len_one_edit
                    && differing_chars <= 4
                    && osa_distance(text, &form.text, 2) == Some(2)
                    && slip_variants(text).iter().any(|slipped| {
                        located_single_edit(slipped, &form.text).is_some_and(|(edit, at)| {
                            self.one_edit_technique(edit, at, slipped, form).is_some()
                        })
                    });
                found.then_some(Technique::EditDistance2)
            };
            let found = homoglyph()
                .or_else(one_edit)
                .or_else(chunk_swap)
                .or_else(two_edits);
            if let Some(technique) = found {
                let confidence = self.edit_confidence(technique, form, text.len());
                keep_best(
                    best,
                    Match {
                        technique,
                        rank: form.rank,
                        confidence,
                    },
                );
            }
        }
    }

    /// The technique of a one-edit match, or `None` when the edit is one legitimate names
    /// often differ by: a version digit changed (`unittest2`/`unittest3`), or the first
    /// letter of a part changed, added or removed in a shortish name (`kazoo`/`wazoo`,
    /// `pytest-xdist`/`pytest-cdist`: rhymes, not typos; typos rarely hit a first letter).
    fn one_edit_technique(
        &self,
        edit: SingleEdit,
        at: usize,
        candidate: &[u8],
        form: &ReferenceForm,
    ) -> Option<Technique> {
        // The part holding the edit, in the name where the edited character sits.
        let (at_part_start, part_len) = match edit {
            SingleEdit::Insertion(_) => (starts_part(candidate, at), part_len_at(candidate, at)),
            _ => (starts_part(&form.text, at), part_len_at(&form.text, at)),
        };
        match edit {
            SingleEdit::Transposition => Some(Technique::Transposition),
            SingleEdit::Insertion(b'-') | SingleEdit::Deletion(b'-') => {
                Some(Technique::SeparatorChange)
            }
            SingleEdit::Substitution(a, b) if a.is_ascii_digit() && b.is_ascii_digit() => None,
            _ if at_part_start && part_len < self.config.min_len_part_start_edit => None,
            SingleEdit::Substitution(..) | SingleEdit::Insertion(_) | SingleEdit::Deletion(_) => {
                Some(Technique::EditDistance1)
            }
        }
    }

    /// Confidence of an edit-based match.
    fn edit_confidence(
        &self,
        technique: Technique,
        form: &ReferenceForm,
        len: usize,
    ) -> Confidence {
        if form.digitless {
            // Dropping the version digit is already one change.
            return Confidence::Medium;
        }
        match technique {
            Technique::DigitHomoglyph | Technique::Transposition => Confidence::High,
            Technique::EditDistance1
                if form.rank <= self.config.high_confidence_rank && len > 5 =>
            {
                Confidence::High
            }
            Technique::EditDistance2 | Technique::Combo => Confidence::Low,
            _ => Confidence::Medium,
        }
    }

    /// `python`/`py` prefixes and `-py`/`-python`/`s` suffixes added, removed or swapped.
    fn affix_matches(&self, candidate: &str, best: &mut Option<Match>) {
        let strip_prefix = PREFIXES.iter().filter_map(|p| candidate.strip_prefix(p));
        let prefix_bases: Vec<&str> = std::iter::once(candidate).chain(strip_prefix).collect();
        let mut bases: Vec<&str> = Vec::new();
        for base in prefix_bases {
            bases.push(base);
            bases.extend(SUFFIXES.iter().filter_map(|s| base.strip_suffix(s)));
        }
        for base in bases {
            if base.len() < self.config.min_len_affix_base || base.starts_with('-') {
                continue;
            }
            for prefix in std::iter::once(&"").chain(PREFIXES) {
                for suffix in std::iter::once(&"").chain(SUFFIXES) {
                    let target = format!("{prefix}{base}{suffix}");
                    if target == candidate {
                        continue;
                    }
                    if let Some(rank) = self.reference_rank(&target) {
                        keep_best(
                            best,
                            Match {
                                technique: Technique::PrefixSuffix,
                                rank,
                                confidence: Confidence::Medium,
                            },
                        );
                    }
                }
            }
        }
    }

    /// The same parts as a popular name (whole list), in another order.
    fn reordered_match(&self, candidate: &str, best: &mut Option<Match>) {
        if !candidate.contains('-') {
            return;
        }
        if let Some(&rank) = self.reordered.get(&sorted_parts(candidate)) {
            keep_best(
                best,
                Match {
                    technique: Technique::ReorderedParts,
                    rank,
                    confidence: Confidence::Medium,
                },
            );
        }
    }

    /// Two popular names joined (`numpy-selenium`), unless the first hosts plugins.
    fn combo_match(&self, candidate: &str, best: &mut Option<Match>) {
        let Some(limit) = self.config.combo_rank_limit else {
            return;
        };
        let Some((first, second)) = candidate.split_once('-') else {
            return;
        };
        if second.contains('-') || first == second || self.plugin_namespaces.contains(first) {
            return;
        }
        let rank_of = |part: &str| self.popular.rank(part).filter(|&rank| rank <= limit);
        if let (Some(a), Some(b)) = (rank_of(first), rank_of(second)) {
            keep_best(
                best,
                Match {
                    technique: Technique::Combo,
                    rank: a.min(b),
                    confidence: Confidence::Low,
                },
            );
        }
    }

    /// The rank of a canonical name when it is within the reference part of the list.
    fn reference_rank(&self, canonical: &str) -> Option<usize> {
        self.popular
            .rank(canonical)
            .filter(|&rank| rank <= self.config.reference_size)
    }
}
