//! Small copyable identifiers for blocks, synthetic temporaries and
//! comprehension scopes.

use std::fmt;

/// Index of a basic block in its [`crate::Cfg`]. Printed as `B3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(u32);

impl BlockId {
    /// Position of the block in [`crate::Cfg::blocks`].
    #[must_use]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The id of the block at `index` (saturating; the builder caps the
    /// number of blocks far below `u32::MAX`).
    pub(crate) fn from_index(index: usize) -> Self {
        Self(u32::try_from(index).unwrap_or(u32::MAX))
    }
}

impl fmt::Display for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "B{}", self.0)
    }
}

/// A synthetic variable introduced by the lowering, never visible in Python:
/// a loop's iterator or a `match` subject (evaluated once, see
/// [`crate::Op::Store`]) or a comprehension's result (see
/// [`crate::Op::ComprehensionStart`]). Numbered from 0 to
/// [`crate::Cfg::temp_count`] − 1. Printed as `%t2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TempId(u32);

impl TempId {
    /// The temporary's number, below [`crate::Cfg::temp_count`].
    #[must_use]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) const fn new(raw: u32) -> Self {
        Self(raw)
    }
}

impl fmt::Display for TempId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "%t{}", self.0)
    }
}

/// A lowered comprehension, which is also a scope: the names its `for`
/// clauses bind live only inside it (see [`crate::Cfg::resolve_name`]).
/// Index into [`crate::Cfg::comprehensions`]. Printed as `c1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ComprehensionId(u32);

impl ComprehensionId {
    /// Position of the comprehension in [`crate::Cfg::comprehensions`].
    #[must_use]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(index: usize) -> Self {
        Self(u32::try_from(index).unwrap_or(u32::MAX))
    }
}

impl fmt::Display for ComprehensionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "c{}", self.0)
    }
}
