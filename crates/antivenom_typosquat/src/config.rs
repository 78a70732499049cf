//! Tuning knobs of the typosquat detector.

/// Thresholds that trade recall for false alarms. [`DetectorConfig::default`] holds the
/// values measured on real incidents and a sample of legitimate less-popular names
/// (see `tests/corpus.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectorConfig {
    /// How many of the most popular names are imitation targets for the fuzzy techniques
    /// (edits, homoglyphs, prefixes/suffixes). Reordered parts use the whole list.
    pub reference_size: usize,
    /// One-edit matches need the longer of the two names to be at least this long: short
    /// names sit so close together that one edit mostly lands on another real project.
    pub min_len_one_edit: usize,
    /// Changing, adding or removing the first letter of a `-`-separated part
    /// (`kazoo`/`wazoo`, `pytest-xdist`/`pytest-cdist`) needs that part to be at least this
    /// long: that is how legitimate names rhyme, while
    /// typing slips rarely hit a first letter.
    pub min_len_part_start_edit: usize,
    /// Two-edit matches need both names to be at least this long, and one of the two edits
    /// must be a common slip (doubled letter, plural `s`, separator); `None` disables them.
    pub min_len_two_edits: Option<usize>,
    /// Popular names ending in a version digit (`urllib3`, `detectron2`) are also compared
    /// without it when the rest is at least this long and not a popular name itself.
    pub min_len_digitless_form: usize,
    /// A name without its `python`/`py` prefix or suffix must keep at least this many
    /// characters to be compared (so `py-re` is not read as a `re` imitation).
    pub min_len_affix_base: usize,
    /// Two joined popular names (`numpy-selenium`) are reported when both are within this
    /// rank; `None` disables combos.
    pub combo_rank_limit: Option<usize>,
    /// A name that starts this many popular names as their first part (`flask-`,
    /// `django-`) hosts a plugin ecosystem, so joining it to another popular name is the
    /// normal plugin naming pattern, not a combo squat.
    pub plugin_namespace_min_names: usize,
    /// One-character edits of names within this rank get high confidence.
    pub high_confidence_rank: usize,
}

impl Default for DetectorConfig {
    fn default() -> Self {
        Self {
            reference_size: 5000,
            min_len_one_edit: 5,
            min_len_part_start_edit: 8,
            min_len_two_edits: Some(8),
            min_len_digitless_form: 5,
            min_len_affix_base: 5,
            combo_rank_limit: Some(1000),
            plugin_namespace_min_names: 10,
            high_confidence_rank: 1000,
        }
    }
}
