//! What a typosquat check reports.

use std::fmt;

/// How a suspicious name was derived from the popular name it imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Technique {
    /// One character inserted, deleted or replaced (`requets`, `requestn`).
    EditDistance1,
    /// Two adjacent characters swapped (`reqeusts`).
    Transposition,
    /// A separator added or removed (`pythondateutil` vs `python-dateutil`). Replacing one
    /// separator with another (`_` for `-`) is never reported: PyPI treats both spellings
    /// as the same project.
    SeparatorChange,
    /// Letters replaced by look-alike digits or the reverse (`r3quests`, `b0to3`).
    DigitHomoglyph,
    /// A `python`/`py` prefix or a `-py`/`-python`/`s` suffix added, removed or swapped
    /// (`python3-flask`, `dateutil`).
    PrefixSuffix,
    /// The same `-`-separated parts in another order (`nmap-python` vs `python-nmap`).
    ReorderedParts,
    /// Two edits (insert, delete, replace, swap) in a long name (`importlibs-resource`).
    EditDistance2,
    /// Two popular names joined with a separator (`numpy-selenium`); a weak signal.
    Combo,
}

impl Technique {
    /// A short, stable, kebab-case identifier for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EditDistance1 => "edit-distance-1",
            Self::Transposition => "transposition",
            Self::SeparatorChange => "separator-change",
            Self::DigitHomoglyph => "digit-homoglyph",
            Self::PrefixSuffix => "prefix-suffix",
            Self::ReorderedParts => "reordered-parts",
            Self::EditDistance2 => "edit-distance-2",
            Self::Combo => "combo",
        }
    }
}

impl fmt::Display for Technique {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How likely a suspicion is to be a real typosquat. Ordered: `Low < Medium < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// A weak signal (two edits, joined popular names): worth a look, often legitimate.
    Low,
    /// A plausible imitation of a popular name.
    Medium,
    /// A close imitation of a very popular name.
    High,
}

impl Confidence {
    /// A short, stable, lower-case identifier for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that looks like an imitation of a popular PyPI project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspicion {
    /// The checked name, canonicalised (PEP 503).
    pub candidate: String,
    /// The canonical popular name it seems to imitate.
    pub imitates: String,
    /// The download rank of [`Suspicion::imitates`] (1 = most downloaded).
    pub imitated_rank: usize,
    /// How the candidate differs from the popular name.
    pub technique: Technique,
    /// How likely this is a real typosquat.
    pub confidence: Confidence,
}

impl fmt::Display for Suspicion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` looks like `{}` (rank {}): {}, {} confidence",
            self.candidate, self.imitates, self.imitated_rank, self.technique, self.confidence
        )
    }
}
