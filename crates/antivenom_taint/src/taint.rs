//! The taint of one value: where it may come from and what it is safe for.

use crate::trace::TraceId;

/// Defines a small bit set over `u8` indices.
macro_rules! bit_set {
    ($(#[$doc:meta])* $name:ident, $bits:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $name($bits);

        impl $name {
            /// The empty set.
            pub const EMPTY: Self = Self(0);
            /// How many members the set can hold; larger indices are ignored.
            pub const CAPACITY: u8 = <$bits>::BITS as u8;

            /// The set with these bits (bit `i` for member `i`).
            #[must_use]
            pub const fn from_bits(bits: $bits) -> Self {
                Self(bits)
            }

            /// The set holding only `index` (empty when out of range).
            #[must_use]
            pub fn single(index: u8) -> Self {
                Self::EMPTY.with(index)
            }

            /// This set plus `index`.
            #[must_use]
            pub fn with(self, index: u8) -> Self {
                match (1 as $bits).checked_shl(u32::from(index)) {
                    Some(bit) => Self(self.0 | bit),
                    None => self,
                }
            }

            /// `true` when `index` is in the set.
            #[must_use]
            pub fn contains(self, index: u8) -> bool {
                (1 as $bits)
                    .checked_shl(u32::from(index))
                    .is_some_and(|bit| self.0 & bit != 0)
            }

            /// `true` when the set is empty.
            #[must_use]
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// Members of either set.
            #[must_use]
            pub const fn union(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }

            /// Members of both sets.
            #[must_use]
            pub const fn intersection(self, other: Self) -> Self {
                Self(self.0 & other.0)
            }

            /// Members of `self` not in `other`.
            #[must_use]
            pub const fn difference(self, other: Self) -> Self {
                Self(self.0 & !other.0)
            }

            /// `true` when every member of `other` is in `self`.
            #[must_use]
            pub const fn includes(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }

            /// The members, smallest first.
            pub fn iter(self) -> impl Iterator<Item = u8> {
                let mut bits = self.0;
                std::iter::from_fn(move || {
                    if bits == 0 {
                        return None;
                    }
                    let index = bits.trailing_zeros();
                    bits &= bits - 1;
                    u8::try_from(index).ok()
                })
            }
        }
    };
}

bit_set!(
    /// Source kinds a value may come from (indices defined by the models).
    SourceSet,
    u32
);
bit_set!(
    /// Parameters of the function being summarised whose value may flow
    /// here (symbolic sources: stage 2 turns them into summaries).
    ParameterSet,
    u64
);
bit_set!(
    /// Vulnerability classes (indices defined by the models).
    ClassSet,
    u32
);

/// How a taint got where it is; used to rank and explain findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Feature {
    /// It went through a call the analysis has no model or summary for.
    ViaUnknownCall,
    /// An access path was cut short (depth or width bound): the value may
    /// be less tainted than it looks.
    Broadened,
    /// It was combined into a larger string.
    StringConcat,
    /// It was read from an attribute or item of a tainted object.
    ViaField,
    /// It went through a module-level variable.
    ViaGlobal,
    /// It went through a function summary.
    ViaSummary,
    /// It reached a sink inside a method through the object the method was
    /// called on: which of the object's attributes the method uses is not
    /// known, so the flow is less sure.
    ViaReceiver,
}

/// A set of [`Feature`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Features(u16);

impl Features {
    /// No feature.
    pub const EMPTY: Self = Self(0);

    /// The set holding only `feature`.
    #[must_use]
    pub const fn of(feature: Feature) -> Self {
        Self(1 << feature as u16)
    }

    /// This set plus `feature`.
    #[must_use]
    pub const fn with(self, feature: Feature) -> Self {
        Self(self.0 | 1 << feature as u16)
    }

    /// `true` when `feature` is in the set.
    #[must_use]
    pub const fn contains(self, feature: Feature) -> bool {
        self.0 & (1 << feature as u16) != 0
    }

    /// Features of either set.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// The taint of one value.
///
/// A value is tainted when it may come from a source or, while a function
/// is summarised, from one of its parameters. `cleared` names the classes
/// it has been made safe for on *every* path (a sanitizer or a guard), and
/// `normalised` records that a path was normalised on every path, the
/// first half of a path-traversal check (`realpath` then a prefix check).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Taint {
    /// Source kinds it may come from.
    pub sources: SourceSet,
    /// Parameters of the summarised function it may come from.
    pub parameters: ParameterSet,
    /// Classes its sources are made safe for on every path.
    pub cleared: ClassSet,
    /// Classes its parameters are made safe for on every path (kept apart
    /// from `cleared`: a checked source joined with an unchecked parameter
    /// stays checked).
    pub parameters_cleared: ClassSet,
    /// It was normalised as a file path on every path.
    pub normalised: bool,
    /// How it got here.
    pub features: Features,
    /// The last step of one path that brought it here.
    pub trace: TraceId,
}

impl Taint {
    /// The taint of a value no source reaches.
    pub const CLEAN: Self = Self {
        sources: SourceSet::EMPTY,
        parameters: ParameterSet::EMPTY,
        cleared: ClassSet::EMPTY,
        parameters_cleared: ClassSet::EMPTY,
        normalised: false,
        features: Features::EMPTY,
        trace: TraceId::NONE,
    };

    /// A value from source kind `source`, first seen at `trace`.
    #[must_use]
    pub fn from_source(source: u8, trace: TraceId) -> Self {
        Self {
            sources: SourceSet::single(source),
            trace,
            ..Self::CLEAN
        }
    }

    /// The symbolic value of parameter `parameter` of a summarised function.
    #[must_use]
    pub fn from_parameter(parameter: u8, trace: TraceId) -> Self {
        Self {
            parameters: ParameterSet::single(parameter),
            trace,
            ..Self::CLEAN
        }
    }

    /// `true` when no source and no parameter reaches the value.
    #[must_use]
    pub const fn is_clean(&self) -> bool {
        self.sources.is_empty() && self.parameters.is_empty()
    }

    /// `true` when the value is tainted and not made safe for `class`.
    #[must_use]
    pub fn is_dangerous_for(&self, class: u8) -> bool {
        (!self.sources.is_empty() && !self.cleared.contains(class))
            || (!self.parameters.is_empty() && !self.parameters_cleared.contains(class))
    }

    /// The value on either of two paths: sources and features of both,
    /// guarantees (`cleared`, `normalised`) of both. A clean side adds no
    /// source and takes no guarantee away.
    #[must_use]
    pub fn join(&self, other: &Self) -> Self {
        if other.is_clean() {
            return *self;
        }
        if self.is_clean() {
            return *other;
        }
        // A side without sources (or parameters) takes no guarantee away
        // from the other's sources (or parameters).
        let guarantee = |mine: bool, theirs: bool, a: ClassSet, b: ClassSet| match (mine, theirs) {
            (true, true) => a.intersection(b),
            (true, false) => a,
            (false, true) => b,
            (false, false) => ClassSet::EMPTY,
        };
        Self {
            sources: self.sources.union(other.sources),
            parameters: self.parameters.union(other.parameters),
            cleared: guarantee(
                !self.sources.is_empty(),
                !other.sources.is_empty(),
                self.cleared,
                other.cleared,
            ),
            parameters_cleared: guarantee(
                !self.parameters.is_empty(),
                !other.parameters.is_empty(),
                self.parameters_cleared,
                other.parameters_cleared,
            ),
            normalised: self.normalised && other.normalised,
            features: self.features.union(other.features),
            trace: if self.trace.is_none() {
                other.trace
            } else {
                self.trace
            },
        }
    }

    /// The value made safe for `classes` (a sanitizer or a guard).
    #[must_use]
    pub fn cleared_for(mut self, classes: ClassSet) -> Self {
        if !self.sources.is_empty() {
            self.cleared = self.cleared.union(classes);
        }
        if !self.parameters.is_empty() {
            self.parameters_cleared = self.parameters_cleared.union(classes);
        }
        self
    }

    /// The value with `feature` added (clean values stay as they are).
    #[must_use]
    pub fn with_feature(mut self, feature: Feature) -> Self {
        if !self.is_clean() {
            self.features = self.features.with(feature);
        }
        self
    }

    /// The value with its trace moved on to `trace` (clean values keep none).
    #[must_use]
    pub fn at(mut self, trace: TraceId) -> Self {
        if !self.is_clean() {
            self.trace = trace;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_sets_ignore_out_of_range_indices() {
        let set = ClassSet::single(40);
        assert!(set.is_empty());
        assert!(!set.contains(40));
        let set = ClassSet::single(3).with(5);
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![3, 5]);
    }

    #[test]
    fn join_keeps_sources_of_both_and_guarantees_of_both() {
        let a = Taint::from_source(0, TraceId::NONE).cleared_for(ClassSet::single(1).with(2));
        let b = Taint::from_source(1, TraceId::NONE).cleared_for(ClassSet::single(2));
        let joined = a.join(&b);
        assert_eq!(joined.sources, SourceSet::single(0).with(1));
        assert_eq!(joined.cleared, ClassSet::single(2));
        assert!(joined.is_dangerous_for(1));
        assert!(!joined.is_dangerous_for(2));
    }

    #[test]
    fn a_clean_side_takes_no_guarantee_away() {
        let sanitised = Taint::from_source(0, TraceId::NONE).cleared_for(ClassSet::single(1));
        assert_eq!(sanitised.join(&Taint::CLEAN), sanitised);
        assert_eq!(Taint::CLEAN.join(&sanitised), sanitised);
        assert!(Taint::CLEAN.cleared_for(ClassSet::single(1)).is_clean());
    }
}
