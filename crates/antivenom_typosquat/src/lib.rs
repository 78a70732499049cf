//! Typosquat detection for PyPI project names.
//!
//! A typosquat is a package whose name imitates a popular one (`reqeusts`, `r3quests`,
//! `python3-flask`, `nmap-python`) so that a typo or a guess installs it. [`check_name`]
//! compares a name with an embedded list of the most-downloaded PyPI names
//! (`data/pypi-popular.txt`) and reports the strongest [`Suspicion`], if any.
//!
//! Names are compared in PEP 503 canonical form ([`canonical_name`]), so spellings that
//! PyPI treats as one project (`typing_extensions`, `Typing.Extensions`) are never
//! flagged against each other. Precision rules and their thresholds are described on
//! [`Detector`] and [`DetectorConfig`]; a suspicion is a hint to combine with other
//! evidence, not proof of malice.

mod canonical;
mod config;
mod detector;
mod edits;
mod popular;
mod suspicion;

pub use canonical::{NameError, canonical_name};
pub use config::DetectorConfig;
pub use detector::Detector;
pub use popular::{EMBEDDED_POPULAR_LIST, PopularList, PopularListError};
pub use suspicion::{Confidence, Suspicion, Technique};

/// Checks one project name against the embedded popular list with the default
/// configuration; see [`Detector::check_name`].
pub fn check_name(name: &str) -> Option<Suspicion> {
    Detector::embedded().check_name(name)
}

/// The download rank of a project on the embedded popular list (1 = most downloaded),
/// or `None` when it is not on the list or not a valid name.
pub fn popular_rank(name: &str) -> Option<usize> {
    let canonical = canonical_name(name).ok()?;
    Detector::embedded().popular().rank(&canonical)
}
