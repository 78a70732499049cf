//! The expression-depth estimate of one bracket level.
//!
//! Between two commas, an expression's tree is shaped by its operators:
//!
//! * binary operators (`|`, `^`, `&`, shifts, `+ -`, `* / // % @`, `**`)
//!   and trailers (`.name`, calls, subscripts) form chains as deep as they
//!   are long, and an operand of a lower-precedence operator is as deep as
//!   the higher-precedence chain it contains: `a*b*c + d*e` is 1 + 2 deep;
//! * prefix operators (`-x`, `not x`, `await x`, `lambda: x`, `x if c else
//!   y`, `yield x`, `*x`) nest everything after them; the estimate simply
//!   adds them all up;
//! * comparisons, `and`, `or`, `=` and `:` build flat nodes, so their
//!   operands are siblings;
//! * every bracket level and every `lambda`, conditional, `yield`, `:=`
//!   and unpacking star opens a context in which `or`, `and` and one
//!   comparison can each add one level; [`CONTEXT_COST`] pays for them.
//!
//! The result is an upper bound of the real depth, also for broken code the
//! parser recovers from (checked with generated token soups), and close to
//! it for real code.

/// Uncounted levels an expression context may hold (`or`, `and`, a
/// comparison) plus the node that opens it.
pub(super) const CONTEXT_COST: usize = 4;

/// Uncounted levels at the start of a bracket level or statement: the
/// context plus the node holding the expressions (call arguments, a
/// keyword, a display, a comprehension, a statement).
pub(super) const LEVEL_BASE: usize = CONTEXT_COST + 1;

/// Binary precedence levels, lowest first; the last one holds trailers
/// (attribute access, calls, subscripts).
const CHAIN_LEVELS: usize = 8;

/// Precedence level of trailers.
pub(super) const TRAILER: usize = CHAIN_LEVELS - 1;

/// Precedence level of a binary operator, given its text.
pub(super) fn binary_level(operator: &[u8]) -> Option<usize> {
    Some(match operator {
        b"|" => 0,
        b"^" => 1,
        b"&" => 2,
        b"<<" | b">>" => 3,
        b"+" | b"-" => 4,
        b"*" | b"/" | b"//" | b"%" | b"@" => 5,
        // Right-associative, but a chain of `**` is as deep as it is long
        // all the same, and a lower-precedence operator ends it.
        b"**" => 6,
        _ => return None,
    })
}

/// The estimate for one bracket level (or the statement level).
///
/// Counts are `u32`: every increase is checked against
/// [`super::MAX_EXPRESSION_DEPTH`] before the next one, so they stay small,
/// and a small `Level` is cheap to save and restore around brackets.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Level {
    /// Levels the context itself may add.
    base: u32,
    /// Prefix operators and `**` since the last comma.
    prefix: u32,
    /// Per precedence level: operators in the open chain.
    runs: [u32; CHAIN_LEVELS],
    /// Per precedence level: deepest finished operand of the open chain.
    inner: [u32; CHAIN_LEVELS],
    /// Deepest operand of a flat operator (comparison, `and`, `=`, ...).
    flat: u32,
    /// Deepest finished comma-separated segment.
    segment_max: u32,
    /// Bit `l` is set when `runs[l]` or `inner[l]` may be non-zero; both
    /// are zero for every clear bit, so only set bits need visiting.
    active: u8,
}

/// Bits of the precedence levels `from` and above.
fn levels_from(from: usize) -> u8 {
    u32::try_from(from)
        .ok()
        .and_then(|shift| u8::MAX.checked_shl(shift))
        .unwrap_or(0)
}

/// `value` as a count, saturating.
fn count(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// `value` as a `usize`, saturating (lossless on 32- and 64-bit targets).
fn size(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

impl Level {
    /// A fresh level whose context may add `base` levels.
    pub(super) fn with_base(base: usize) -> Self {
        Self {
            base: count(base),
            ..Self::default()
        }
    }

    /// Depth of the open chain from precedence level `from` upwards.
    fn chain_from(&self, from: usize) -> u32 {
        let mut depth: u32 = 0;
        let mut bits = self.active & levels_from(from);
        // Highest level first; levels without a bit are zero and leave
        // `depth` unchanged.
        while bits != 0 {
            let level = 7 - bits.leading_zeros();
            bits &= !(1 << level);
            let level = size(level);
            let run = self.runs.get(level).copied().unwrap_or(0);
            let inner = self.inner.get(level).copied().unwrap_or(0);
            depth = run.saturating_add(inner.max(depth));
        }
        depth
    }

    /// Estimate of the current segment.
    pub(super) fn value(&self) -> usize {
        size(self.current())
    }

    fn current(&self) -> u32 {
        self.base
            .saturating_add(self.prefix)
            .saturating_add(self.flat.max(self.chain_from(0)))
    }

    /// Estimate of the whole level, all segments.
    pub(super) fn max_value(&self) -> usize {
        size(self.segment_max.max(self.current()))
    }

    /// What this level adds to the depth of a bracket opened now: the
    /// bracket sits inside every open chain.
    pub(super) fn own(&self) -> usize {
        let runs = self
            .runs
            .iter()
            .fold(self.base.saturating_add(self.prefix), |sum, run| {
                sum.saturating_add(*run)
            });
        size(runs)
    }

    /// A prefix operator (or `**`) worth `amount` levels.
    pub(super) fn prefix(&mut self, amount: usize) {
        self.prefix = self.prefix.saturating_add(count(amount));
    }

    /// A left-associative operator at precedence `level`: the operands of
    /// tighter-binding operators before it are finished.
    pub(super) fn binary(&mut self, level: usize) {
        let level = level.min(TRAILER);
        let finished = self.chain_from(level + 1);
        self.clear_chain_from(level + 1);
        if let Some(inner) = self.inner.get_mut(level) {
            *inner = (*inner).max(finished);
        }
        if let Some(run) = self.runs.get_mut(level) {
            *run = run.saturating_add(1);
        }
        self.active |= 1 << level;
    }

    /// A flat operator: every open chain is a finished operand.
    pub(super) fn flat(&mut self) {
        self.flat = self.flat.max(self.chain_from(0));
        self.clear_chain_from(0);
    }

    /// A closed bracket (or lambda parameter list) as deep as `depth`: part
    /// of the current operand.
    pub(super) fn child(&mut self, depth: usize) {
        if let Some(inner) = self.inner.get_mut(TRAILER) {
            *inner = (*inner).max(count(depth));
        }
        self.active |= 1 << TRAILER;
    }

    /// A comma or semicolon: the next segment is a sibling.
    pub(super) fn end_segment(&mut self) {
        *self = Self {
            base: self.base,
            segment_max: self.segment_max.max(self.current()),
            ..Self::default()
        };
    }

    fn clear_chain_from(&mut self, from: usize) {
        let clear = levels_from(from);
        let mut bits = self.active & clear;
        while bits != 0 {
            let level = bits.trailing_zeros();
            bits &= bits - 1;
            let level = size(level);
            if let Some(run) = self.runs.get_mut(level) {
                *run = 0;
            }
            if let Some(inner) = self.inner.get_mut(level) {
                *inner = 0;
            }
        }
        self.active &= !clear;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_keeps_siblings_apart() {
        // a*b*c + d*e + f
        let mut level = Level::with_base(0);
        level.binary(5);
        level.binary(5);
        level.binary(4);
        level.binary(5);
        level.binary(4);
        assert_eq!(level.value(), 2 + 2);
        // A trailer chain inside the operand: ... + g.h.i
        level.binary(4);
        level.binary(TRAILER);
        level.binary(TRAILER);
        assert_eq!(level.value(), 3 + 2);
    }

    #[test]
    fn prefixes_and_children_add_up() {
        let mut level = Level::with_base(LEVEL_BASE);
        level.prefix(1);
        level.child(10);
        level.binary(TRAILER);
        assert_eq!(level.value(), LEVEL_BASE + 1 + 11);
        assert_eq!(level.own(), LEVEL_BASE + 1 + 1);
        level.flat();
        level.binary(4);
        assert_eq!(level.value(), LEVEL_BASE + 1 + 11);
        level.end_segment();
        assert_eq!(level.value(), LEVEL_BASE);
        assert_eq!(level.max_value(), LEVEL_BASE + 1 + 11);
    }
}
