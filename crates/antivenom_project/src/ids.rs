//! Small copyable ids for the modules, functions and classes of a
//! [`crate::ProjectIndex`]. Ids are dense (`0..count`), so side tables can be
//! plain vectors indexed by [`FunctionId::index`] and friends. An id is only
//! meaningful for the index that made it.

/// A module of the index: its position in the vector given to
/// [`crate::ProjectIndex::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleId(pub(crate) u32);

/// A function or method of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionId(pub(crate) u32);

/// A class of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub(crate) u32);

impl ModuleId {
    /// The position of the module in the vector given to the index.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl FunctionId {
    /// The dense index of the function (`0..function_count`).
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl ClassId {
    /// The dense index of the class (`0..class_count`).
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
