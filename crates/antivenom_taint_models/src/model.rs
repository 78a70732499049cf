//! The validated models the engine reads.

use crate::class::{ClassSet, VulnerabilityClass};
use crate::condition::Conditions;
use crate::port::Port;
use crate::source_kind::{InputPart, SourceKind};
use antivenom_diagnostics::Confidence;
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;

/// The six kinds of model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ModelKind {
    /// Produces untrusted data.
    Source,
    /// Dangerous when untrusted data reaches one of its ports.
    Sink,
    /// Returns its input cleared of some vulnerability classes.
    Sanitizer,
    /// Passes taint from some ports to another.
    Propagator,
    /// A check that clears classes on the branch where it passed.
    Guard,
    /// Normalises a path, so that a later prefix guard can clear it.
    Normaliser,
}

impl ModelKind {
    /// Every kind.
    pub const ALL: [Self; 6] = [
        Self::Source,
        Self::Sink,
        Self::Sanitizer,
        Self::Propagator,
        Self::Guard,
        Self::Normaliser,
    ];

    /// The table name in model files (`source` for `[[source]]`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Sink => "sink",
            Self::Sanitizer => "sanitizer",
            Self::Propagator => "propagator",
            Self::Guard => "guard",
            Self::Normaliser => "normaliser",
        }
    }
}

impl fmt::Display for ModelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Names of the receivers a method model applies to, when the receiver's
/// type is unknown. Empty: any receiver.
///
/// A receiver matches when one of its *words* equals a hint. The words come
/// from the receiver's last identifier (`cur` in `cur.execute`, `cursor` in
/// `self.cursor.execute` and in `conn.cursor().execute`, `engines` in
/// `engines["django"].from_string`), split at `_`, digits and lower-to-upper
/// case changes, lower-cased: `db_cursor`, `dbCursor` and `cursor2` all
/// contain the word `cursor`; `catalog` does not contain `log`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ReceiverHints(Vec<String>);

impl ReceiverHints {
    /// Hints from a model file, lower-cased.
    pub(crate) fn new(hints: Vec<String>) -> Self {
        let mut hints: Vec<String> = hints
            .into_iter()
            .map(|hint| hint.to_ascii_lowercase())
            .collect();
        hints.sort_unstable();
        hints.dedup();
        Self(hints)
    }

    /// The hints, lower-cased and sorted.
    #[must_use]
    pub fn hints(&self) -> &[String] {
        &self.0
    }

    /// Whether there are no hints (any receiver matches).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a receiver whose last identifier is `identifier` matches.
    /// `None` (a literal or complex receiver) matches only when there are
    /// no hints.
    #[must_use]
    pub fn accepts(&self, identifier: Option<&str>) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let Some(identifier) = identifier else {
            return false;
        };
        let lowered = identifier.to_ascii_lowercase();
        if self.0.contains(&lowered) {
            return true;
        }
        words(identifier).any(|word| self.0.contains(&word))
    }
}

/// The lower-cased words of an identifier.
fn words(identifier: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in identifier.chars() {
        if !c.is_ascii_alphabetic() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words.into_iter()
}

/// What a model is looked up by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ModelKey {
    /// A qualified name (`subprocess.run`, `flask.request.args`,
    /// `sqlite3.Cursor.execute`). A trailing `*` matches every name with
    /// that prefix (`os.exec*`). Builtins are bare (`eval`, `open`).
    Name(String),
    /// A method (or, for attribute sources, an attribute) on a receiver of
    /// unknown type, such as `execute` on anything named like a cursor.
    Method {
        /// The method or attribute name.
        name: String,
        /// Which receivers it applies to.
        receiver_hints: ReceiverHints,
    },
}

impl ModelKey {
    /// The qualified name or method name, without hints.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Name(name) | Self::Method { name, .. } => name,
        }
    }

    /// Whether this is a method key.
    #[must_use]
    pub const fn is_method(&self) -> bool {
        matches!(self, Self::Method { .. })
    }

    /// Whether a call on a receiver named `identifier` can use this model:
    /// always for qualified names, per the hints for methods.
    #[must_use]
    pub fn accepts_receiver(&self, identifier: Option<&str>) -> bool {
        match self {
            Self::Name(_) => true,
            Self::Method { receiver_hints, .. } => receiver_hints.accepts(identifier),
        }
    }
}

impl fmt::Display for ModelKey {
    /// `subprocess.run`, or `.execute` for a method, with its hints:
    /// `.execute (cursor, db)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name(name) => f.write_str(name),
            Self::Method {
                name,
                receiver_hints,
            } => {
                write!(f, ".{name}")?;
                if !receiver_hints.is_empty() {
                    write!(f, " ({})", receiver_hints.hints().join(", "))?;
                }
                Ok(())
            }
        }
    }
}

/// Where a model was defined.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file (`data/taint/flask.toml` for shipped models).
    pub file: Arc<str>,
    /// 1-based line of the model's table.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// How a source produces its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// Reading the attribute or module variable is the source
    /// (`flask.request.args`, `sys.argv`, `os.environ`).
    Attribute,
    /// Calling it is the source (`input()`, `request.get_json()`).
    Call,
}

/// The branch of a guard on which its classes are cleared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Branch {
    /// Where the check returned a true value (`if x.isdigit(): ...`).
    True,
    /// Where the check returned a false value.
    False,
}

/// A source of untrusted data.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceModel {
    /// What it is looked up by.
    pub key: ModelKey,
    /// Where the data comes from.
    pub kind: SourceKind,
    /// Which part of a request, for remote user input.
    pub part: Option<InputPart>,
    /// Attribute read or call.
    pub access: Access,
    /// Where the data appears: the return value (the attribute's value for
    /// attribute sources), possibly at a path, or an argument the call
    /// writes into (`sock.recv_into(buffer)`).
    pub port: Port,
    /// Overrides the rule's confidence (lower for heuristic models).
    pub confidence: Option<Confidence>,
    /// When a call source applies.
    pub conditions: Conditions,
    /// For a mapping source (`request.META`): constant keys whose values
    /// the server sets, not the client (`REMOTE_ADDR`); reading them gives
    /// clean data.
    pub server_keys: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A sink: a class of vulnerability when untrusted data reaches a port.
#[derive(Debug, Clone, PartialEq)]
pub struct SinkModel {
    /// What it is looked up by.
    pub key: ModelKey,
    /// What reaching it means.
    pub class: VulnerabilityClass,
    /// The dangerous ports (any one tainted is a finding).
    pub ports: Vec<Port>,
    /// Overrides the class's confidence.
    pub confidence: Option<Confidence>,
    /// When the call is a sink (`shell=True`, a non-safe `Loader`).
    pub conditions: Conditions,
    /// Where it was defined.
    pub origin: Origin,
}

/// A sanitizer: `to` receives the taint of `from` minus the `clears`
/// classes. When a sanitizer applies to a call it replaces the call's
/// propagators.
#[derive(Debug, Clone, PartialEq)]
pub struct SanitizerModel {
    /// What it is looked up by.
    pub key: ModelKey,
    /// The classes its result is safe for.
    pub clears: ClassSet,
    /// The ports whose taint flows through.
    pub from: Vec<Port>,
    /// Where it flows (normally the return value).
    pub to: Port,
    /// When it applies (`x.replace("\n", "")`).
    pub conditions: Conditions,
    /// Where it was defined.
    pub origin: Origin,
}

/// A propagator: taint of `from` flows to `to`, unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct PropagatorModel {
    /// What it is looked up by.
    pub key: ModelKey,
    /// Where taint comes from.
    pub from: Vec<Port>,
    /// Where it goes: the return value, or the receiver or an argument as
    /// a side effect (`list.append`).
    pub to: Port,
    /// When it applies.
    pub conditions: Conditions,
    /// Where it was defined.
    pub origin: Origin,
}

/// A guard: a call used as a condition that makes the value at `guarded`
/// safe for `clears` on `branch`.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardModel {
    /// What it is looked up by.
    pub key: ModelKey,
    /// The classes cleared on the branch.
    pub clears: ClassSet,
    /// The checked value.
    pub guarded: Port,
    /// The branch where the check passed.
    pub branch: Branch,
    /// Clears only values that went through a [`NormaliserModel`] first (a
    /// prefix check on an unnormalised path proves nothing).
    pub requires_normalised: bool,
    /// When the call is a guard (`re.fullmatch` with a constant pattern).
    pub conditions: Conditions,
    /// Where it was defined.
    pub origin: Origin,
}

/// A path normaliser: `to` receives the taint of `from` marked as
/// normalised, so a later guard with `requires_normalised` can clear it.
#[derive(Debug, Clone, PartialEq)]
pub struct NormaliserModel {
    /// What it is looked up by.
    pub key: ModelKey,
    /// The ports whose taint flows through.
    pub from: Vec<Port>,
    /// Where it flows (normally the return value).
    pub to: Port,
    /// When it applies.
    pub conditions: Conditions,
    /// Where it was defined.
    pub origin: Origin,
}

/// One model's name and kind, as listed by [`crate::Models::all_names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelName<'m> {
    /// Its kind.
    pub kind: ModelKind,
    /// What it is looked up by.
    pub key: &'m ModelKey,
    /// Where it was defined.
    pub origin: &'m Origin,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receiver_words() {
        let hints = ReceiverHints::new(vec!["cursor".into(), "DB".into(), "log".into()]);
        for accepted in [
            "cursor",
            "cur_sor_x_cursor",
            "db_cursor",
            "dbCursor",
            "cursor2",
            "_db",
            "get_db",
            "LOG",
        ] {
            assert!(hints.accepts(Some(accepted)), "{accepted}");
        }
        for rejected in ["catalog", "cursory", "dbs", "blog_post"] {
            assert!(!hints.accepts(Some(rejected)), "{rejected}");
        }
        assert!(!hints.accepts(None));
        assert!(ReceiverHints::default().accepts(None));
    }
}
