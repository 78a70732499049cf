//! Comparisons, indexing, slicing and `len` of constants, for branches and
//! values that fold (`"fixed" if 3 > 2 else user`, `MODES[0]`).

use crate::constant::Constant;
use ruff_python_ast::CmpOp;
use std::cmp::Ordering;

fn order(left: &Constant, right: &Constant) -> Option<Ordering> {
    match (left, right) {
        (Constant::Int(a), Constant::Int(b)) => Some(a.cmp(b)),
        (Constant::Str(a), Constant::Str(b)) => Some(a.cmp(b)),
        (Constant::Bytes(a), Constant::Bytes(b)) => Some(a.cmp(b)),
        (Constant::Bool(a), Constant::Bool(b)) => Some(a.cmp(b)),
        (Constant::Float(a), Constant::Float(b)) => a.partial_cmp(b),
        (Constant::Int(a), Constant::Float(b)) => (*a as f64).partial_cmp(b),
        (Constant::Float(a), Constant::Int(b)) => a.partial_cmp(&(*b as f64)),
        _ => None,
    }
}

fn equal(left: &Constant, right: &Constant) -> Option<bool> {
    match (left, right) {
        (Constant::None, Constant::None) => Some(true),
        (Constant::None, _) | (_, Constant::None) => Some(false),
        (Constant::Sequence(a), Constant::Sequence(b)) => {
            if a.len() != b.len() {
                return Some(false);
            }
            for (x, y) in a.iter().zip(b) {
                if !equal(x, y)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        _ => order(left, right).map(|ordering| ordering == Ordering::Equal),
    }
}

fn contains(container: &Constant, item: &Constant) -> Option<bool> {
    match (container, item) {
        (Constant::Str(text), Constant::Str(part)) => Some(text.contains(part.as_str())),
        (Constant::Sequence(items), item) => {
            for candidate in items {
                if equal(candidate, item)? {
                    return Some(true);
                }
            }
            Some(false)
        }
        _ => None,
    }
}

/// The outcome of `left <op> right`, when both are constants it can judge.
#[must_use]
pub fn compare(left: &Constant, op: CmpOp, right: &Constant) -> Option<bool> {
    match op {
        CmpOp::Eq => equal(left, right),
        CmpOp::NotEq => equal(left, right).map(|same| !same),
        CmpOp::Lt => order(left, right).map(Ordering::is_lt),
        CmpOp::LtE => order(left, right).map(Ordering::is_le),
        CmpOp::Gt => order(left, right).map(Ordering::is_gt),
        CmpOp::GtE => order(left, right).map(Ordering::is_ge),
        CmpOp::In => contains(right, left),
        CmpOp::NotIn => contains(right, left).map(|found| !found),
        // Identity of constants other than `None` is an implementation detail.
        CmpOp::Is => matches!((left, right), (Constant::None, _) | (_, Constant::None))
            .then(|| equal(left, right))
            .flatten(),
        CmpOp::IsNot => matches!((left, right), (Constant::None, _) | (_, Constant::None))
            .then(|| equal(left, right).map(|same| !same))
            .flatten(),
    }
}

/// A Python index (negative from the end) into `len` items.
fn position(index: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let index = if index < 0 {
        index.checked_add(len)?
    } else {
        index
    };
    if (0..len).contains(&index) {
        usize::try_from(index).ok()
    } else {
        None
    }
}

/// `value[index]` for a constant string, bytes or sequence.
#[must_use]
pub fn index(value: &Constant, index: i64) -> Option<Constant> {
    match value {
        Constant::Str(text) => {
            let characters: Vec<char> = text.chars().collect();
            let at = position(index, characters.len())?;
            characters
                .get(at)
                .map(|character| Constant::Str(character.to_string()))
        }
        Constant::Bytes(bytes) => {
            let at = position(index, bytes.len())?;
            bytes.get(at).map(|byte| Constant::Int(i64::from(*byte)))
        }
        Constant::Sequence(items) => {
            let at = position(index, items.len())?;
            items.get(at).cloned()
        }
        _ => None,
    }
}

/// A slice bound clamped into `0..=len`, as Python clamps them.
fn bound(bound: Option<i64>, len: usize, default: usize) -> usize {
    let Some(bound) = bound else {
        return default;
    };
    let len_signed = i64::try_from(len).unwrap_or(i64::MAX);
    let resolved = if bound < 0 {
        bound.saturating_add(len_signed).max(0)
    } else {
        bound.min(len_signed)
    };
    usize::try_from(resolved).unwrap_or(default)
}

/// `value[lower:upper]` (step 1) for a constant string, bytes or sequence.
#[must_use]
pub fn slice(value: &Constant, lower: Option<i64>, upper: Option<i64>) -> Option<Constant> {
    let range = |len: usize| {
        let start = bound(lower, len, 0);
        let end = bound(upper, len, len);
        start..end.max(start)
    };
    match value {
        Constant::Str(text) => {
            let characters: Vec<char> = text.chars().collect();
            let part = characters.get(range(characters.len()))?;
            Some(Constant::Str(part.iter().collect()))
        }
        Constant::Bytes(bytes) => Some(Constant::Bytes(bytes.get(range(bytes.len()))?.to_vec())),
        Constant::Sequence(items) => {
            Some(Constant::Sequence(items.get(range(items.len()))?.to_vec()))
        }
        _ => None,
    }
}

/// `len(value)` for a constant string, bytes or sequence.
#[must_use]
pub fn length(value: &Constant) -> Option<Constant> {
    let len = match value {
        Constant::Str(text) => text.chars().count(),
        Constant::Bytes(bytes) => bytes.len(),
        Constant::Sequence(items) => items.len(),
        _ => return None,
    };
    i64::try_from(len).ok().map(Constant::Int)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Constant {
        Constant::Str(value.to_owned())
    }

    #[test]
    fn comparisons_of_constants() {
        assert_eq!(
            compare(&Constant::Int(3), CmpOp::Gt, &Constant::Int(2)),
            Some(true)
        );
        assert_eq!(compare(&text("a"), CmpOp::In, &text("abc")), Some(true));
        assert_eq!(
            compare(
                &text("x"),
                CmpOp::NotIn,
                &Constant::Sequence(vec![text("a"), text("b")])
            ),
            Some(true)
        );
        assert_eq!(
            compare(&Constant::None, CmpOp::Is, &Constant::None),
            Some(true)
        );
        assert_eq!(compare(&text("a"), CmpOp::Is, &text("a")), None);
        assert_eq!(compare(&text("a"), CmpOp::Lt, &Constant::Int(1)), None);
    }

    #[test]
    fn indexing_and_slicing_follow_python() {
        assert_eq!(index(&text("héllo"), 1), Some(text("é")));
        assert_eq!(index(&text("abc"), -1), Some(text("c")));
        assert_eq!(index(&text("abc"), 3), None);
        assert_eq!(
            slice(&text("abcdef"), Some(1), Some(-1)),
            Some(text("bcde"))
        );
        assert_eq!(slice(&text("abc"), Some(5), None), Some(text("")));
        assert_eq!(length(&text("héllo")), Some(Constant::Int(5)));
    }
}
