//! The dependency audit of antivenom: the dependencies a project's
//! manifests declare or pin ([`antivenom_deps`]), checked against an
//! offline OSV advisory database ([`antivenom_advisories`]) and for names
//! imitating popular packages ([`antivenom_typosquat`]), reported as the
//! same findings `antivenom check` gives.
//!
//! * [`audit`] turns manifests into findings of the rules in
//!   [`dependency_rules`]: a pinned version with advisories (`AV1001`), an
//!   unpinned range allowing affected versions (`AV1002`), a requirement
//!   that cannot be checked (`AV1003`), a typosquatted name (`AV1004`).
//! * [`Ignores`] holds the advisories the user chose to ignore, each until
//!   a date; an expired ignore stops ignoring and says so.

mod audit;
mod ignores;
mod located;
mod rules;

pub use audit::{Audit, AuditOptions, audit};
pub use ignores::{IgnoreEntry, IgnoreVerdict, Ignores, date_from_unix_days, today};
pub use rules::{
    TYPOSQUATTED_DEPENDENCY, UNPINNED_VULNERABLE_RANGE, UNVERIFIABLE_DEPENDENCY,
    VULNERABLE_DEPENDENCY, dependency_rules,
};
