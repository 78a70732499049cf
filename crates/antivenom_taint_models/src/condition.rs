//! Conditions on the arguments of a call, in the same shape as the
//! declarative rules' `when`/`unless` conditions (`docs/rule-format.md`),
//! plus `item`, which tests one element of a list or tuple argument.

use regex::Regex;
use serde::Deserialize;

/// What must be true of an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArgumentState {
    /// The argument is passed.
    Present,
    /// The argument is not passed (and no `*args`/`**kwargs` could pass it).
    Absent,
    /// The argument folds to a constant.
    Constant,
    /// The argument is passed and does not fold to a constant.
    NonConstant,
    /// The argument is a constant that Python considers true.
    Truthy,
    /// The argument is a constant that Python considers false.
    Falsy,
}

/// A test on one argument of a call. Every test given must hold.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Condition {
    /// Keyword name of the argument.
    pub arg: Option<String>,
    /// Position of the argument (0-based, not counting the receiver).
    pub pos: Option<usize>,
    /// Test element `item` (0-based) of a list or tuple written at the
    /// argument instead of the argument itself: `subprocess.run(["sh", "-c",
    /// x])` has item 0 `"sh"`. The condition does not hold when the argument
    /// is not a list or tuple display with that many elements.
    pub item: Option<usize>,
    /// State of the argument.
    pub is: Option<ArgumentState>,
    /// The argument is a constant equal to this value.
    pub equals: Option<toml::Value>,
    /// The argument is a constant equal to one of these values.
    pub one_of: Option<Vec<toml::Value>>,
    /// The argument resolves to one of these qualified names (or is a
    /// constant string equal to one of them). A trailing `*` matches a prefix.
    pub resolves_to: Option<Vec<String>>,
    /// The argument is the result of a call to one of these qualified names
    /// (a trailing `*` matches a prefix), in place or through a name.
    pub result_of: Option<Vec<String>>,
    /// The argument is a constant string matching this regular expression.
    pub matches: Option<String>,
    /// Compiled `matches`.
    #[serde(skip)]
    pub(crate) regex: Option<Regex>,
}

impl Condition {
    /// The compiled `matches` pattern.
    #[must_use]
    pub fn regex(&self) -> Option<&Regex> {
        self.regex.as_ref()
    }

    /// Checks the condition's shape and compiles its pattern.
    /// Checks the condition is complete and compiles its `matches`
    /// pattern; the error says what is wrong (`matches`: ... for a bad
    /// pattern).
    ///
    /// # Errors
    /// When neither `arg` nor `pos` is given, no test is given, or the
    /// pattern does not compile.
    pub fn validate(&mut self) -> Result<(), String> {
        if self.arg.is_none() && self.pos.is_none() {
            return Err("a condition needs `arg` or `pos`".to_owned());
        }
        if self.is.is_none()
            && self.equals.is_none()
            && self.one_of.is_none()
            && self.resolves_to.is_none()
            && self.result_of.is_none()
            && self.matches.is_none()
        {
            return Err(
                "a condition needs a test: `is`, `equals`, `one-of`, `resolves-to`, `result-of` or `matches`"
                    .to_owned(),
            );
        }
        if let Some(pattern) = &self.matches {
            self.regex = Some(Regex::new(pattern).map_err(|error| format!("`matches`: {error}"))?);
        }
        Ok(())
    }
}

impl PartialEq for Condition {
    /// Equal when written the same (the compiled pattern follows `matches`).
    fn eq(&self, other: &Self) -> bool {
        self.arg == other.arg
            && self.pos == other.pos
            && self.item == other.item
            && self.is == other.is
            && self.equals == other.equals
            && self.one_of == other.one_of
            && self.resolves_to == other.resolves_to
            && self.result_of == other.result_of
            && self.matches == other.matches
    }
}

/// The conditions of a call model: it applies when every `when` condition
/// holds and no `unless` condition holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conditions {
    /// Must all hold.
    pub when: Vec<Condition>,
    /// Any of them holding makes the model not apply.
    pub unless: Vec<Condition>,
}

impl Conditions {
    /// Whether the model applies to every call (no conditions).
    #[must_use]
    pub fn is_unconditional(&self) -> bool {
        self.when.is_empty() && self.unless.is_empty()
    }

    /// Whether the model applies, given a test for one condition.
    pub fn apply(&self, mut holds: impl FnMut(&Condition) -> bool) -> bool {
        self.when.iter().all(&mut holds) && !self.unless.iter().any(holds)
    }
}
