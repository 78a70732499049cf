//! The steps a taint took, kept as an arena of back-links: each step names
//! the one before it on one path (the first path found), which is enough to
//! show a finding's flow and cheap to keep.

use ruff_text_size::TextRange;
use rustc_hash::FxHashMap;

/// A step in [`Traces`]; [`TraceId::NONE`] for "no step".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TraceId(u32);

impl TraceId {
    /// No step.
    pub const NONE: Self = Self(0);

    /// `true` for [`TraceId::NONE`].
    #[must_use]
    pub const fn is_none(self) -> bool {
        self.0 == 0
    }
}

/// What happened at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// The value entered the program here.
    Source,
    /// It was assigned to a variable.
    Assignment,
    /// It was stored into a container, attribute or item.
    ContainerWrite,
    /// It was read back from a container, attribute or item.
    ContainerRead,
    /// It was passed into a function of the project.
    CallArgument,
    /// It came back out of a function of the project.
    CallReturn,
    /// It went through a call the analysis knows nothing about.
    UnknownCall,
    /// It reached the dangerous call.
    Sink,
}

/// One step: where, what, and the step before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TraceStep {
    /// The file, as an index chosen by the caller (the project's file list).
    pub file: u32,
    /// Where in the file.
    pub range: TextRange,
    /// What happened.
    pub kind: StepKind,
    /// The step before, or [`TraceId::NONE`] at the source.
    pub previous: TraceId,
}

/// The arena of steps. Steps are never removed; a path is read by
/// following `previous` links, which always point to older steps, so a
/// path ends.
#[derive(Debug, Clone, Default)]
pub struct Traces {
    steps: Vec<TraceStep>,
    /// The id of each step, so that recording the same step again (the
    /// fixpoint revisits code) returns the same id and values converge.
    ids: FxHashMap<TraceStep, TraceId>,
    /// The code of steps in other files (this file's code is read from its
    /// text), by file and range.
    foreign_texts: FxHashMap<(u32, TextRange), Box<str>>,
}

impl Traces {
    /// An empty arena.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a step after `previous` and returns it (the existing id when
    /// the same step was recorded before). When the arena is
    /// full (four billion steps) the step is not recorded and `previous`
    /// is returned: the path shown gets shorter, the analysis stays right.
    pub fn push(
        &mut self,
        file: u32,
        range: TextRange,
        kind: StepKind,
        previous: TraceId,
    ) -> TraceId {
        let Ok(next) = u32::try_from(self.steps.len() + 1) else {
            return previous;
        };
        // A step only links to older ones.
        let previous = if previous.0 < next {
            previous
        } else {
            TraceId::NONE
        };
        let step = TraceStep {
            file,
            range,
            kind,
            previous,
        };
        if let Some(&id) = self.ids.get(&step) {
            return id;
        }
        self.steps.push(step);
        self.ids.insert(step, TraceId(next));
        TraceId(next)
    }

    /// Records a step in another file, whose code is `text`, after
    /// `previous` (see [`Traces::push`]).
    pub fn push_foreign(
        &mut self,
        file: u32,
        range: TextRange,
        kind: StepKind,
        text: &str,
        previous: TraceId,
    ) -> TraceId {
        self.foreign_texts
            .entry((file, range))
            .or_insert_with(|| text.into());
        self.push(file, range, kind, previous)
    }

    /// The code of a step recorded with [`Traces::push_foreign`].
    #[must_use]
    pub fn foreign_text(&self, file: u32, range: TextRange) -> Option<&str> {
        self.foreign_texts.get(&(file, range)).map(AsRef::as_ref)
    }

    /// The step `id`, if recorded.
    #[must_use]
    pub fn get(&self, id: TraceId) -> Option<&TraceStep> {
        let index = usize::try_from(id.0).ok()?.checked_sub(1)?;
        self.steps.get(index)
    }

    /// The path ending at `last`, source first, at most `limit` steps
    /// (the steps nearest the sink are kept).
    #[must_use]
    pub fn path(&self, last: TraceId, limit: usize) -> Vec<TraceStep> {
        let mut path = Vec::new();
        let mut current = last;
        while let Some(step) = self.get(current) {
            if path.len() == limit {
                break;
            }
            path.push(*step);
            current = step.previous;
        }
        path.reverse();
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_text_size::TextSize;

    fn range(start: u32) -> TextRange {
        TextRange::empty(TextSize::new(start))
    }

    #[test]
    fn a_path_is_read_back_source_first() {
        let mut traces = Traces::new();
        let source = traces.push(0, range(1), StepKind::Source, TraceId::NONE);
        let assigned = traces.push(0, range(2), StepKind::Assignment, source);
        let sink = traces.push(0, range(3), StepKind::Sink, assigned);
        let kinds: Vec<StepKind> = traces.path(sink, 10).iter().map(|step| step.kind).collect();
        assert_eq!(
            kinds,
            vec![StepKind::Source, StepKind::Assignment, StepKind::Sink]
        );
        assert_eq!(traces.path(sink, 2).len(), 2);
        assert!(traces.path(TraceId::NONE, 10).is_empty());
    }
}
