//! Small edit-distance helpers over canonical names (ASCII bytes).
//!
//! Everything here works on slices of any content and never indexes out of bounds:
//! positions are read with `get`, so odd input yields "no match", never a panic.

/// The one difference between a candidate and a popular name, seen from the popular name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SingleEdit {
    /// One character of the popular name replaced: `(popular char, candidate char)`.
    Substitution(u8, u8),
    /// Two adjacent characters swapped.
    Transposition,
    /// The candidate has one extra character.
    Insertion(u8),
    /// The candidate lacks one character of the popular name.
    Deletion(u8),
}

/// Classifies `candidate` against `popular` when they are exactly one edit apart
/// (insert, delete, replace, or swap of adjacent characters), with the position of the
/// edit (in the longer name for an insertion or deletion; the first of the two swapped
/// characters for a transposition); `None` otherwise, including when they are equal.
pub(crate) fn located_single_edit(candidate: &[u8], popular: &[u8]) -> Option<(SingleEdit, usize)> {
    if candidate.len() == popular.len() {
        let mut diffs = candidate
            .iter()
            .zip(popular)
            .enumerate()
            .filter(|(_, (c, p))| c != p);
        let first = diffs.next()?;
        let second = diffs.next();
        if diffs.next().is_some() {
            return None;
        }
        let (i, (&c1, &p1)) = first;
        return match second {
            None => Some((SingleEdit::Substitution(p1, c1), i)),
            Some((j, (&c2, &p2))) if j == i + 1 && c1 == p2 && c2 == p1 => {
                Some((SingleEdit::Transposition, i))
            }
            Some(_) => None,
        };
    }
    let (longer, shorter, candidate_is_longer) = if candidate.len() == popular.len() + 1 {
        (candidate, popular, true)
    } else if popular.len() == candidate.len() + 1 {
        (popular, candidate, false)
    } else {
        return None;
    };
    let common = longer
        .iter()
        .zip(shorter)
        .take_while(|(a, b)| a == b)
        .count();
    let extra = *longer.get(common)?;
    if longer.get(common + 1..)? != shorter.get(common..)? {
        return None;
    }
    let edit = if candidate_is_longer {
        SingleEdit::Insertion(extra)
    } else {
        SingleEdit::Deletion(extra)
    };
    Some((edit, common))
}

/// Whether position `at` starts a `-`-separated part of `text`.
pub(crate) fn starts_part(text: &[u8], at: usize) -> bool {
    at == 0 || at.checked_sub(1).and_then(|before| text.get(before)) == Some(&b'-')
}

/// The length of the `-`-separated part of `text` that holds position `at` (0 when `at`
/// is a separator or out of range).
pub(crate) fn part_len_at(text: &[u8], at: usize) -> usize {
    let Some(head) = text.get(..at) else {
        return 0;
    };
    let start = head.iter().rposition(|&c| c == b'-').map_or(0, |i| i + 1);
    text.get(start..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| c != b'-').count())
}

/// Whether `candidate` is `popular` with two adjacent chunks of at least two characters
/// swapped (`matlibplot` for `matplotlib`): parts reordered in a name without separators.
pub(crate) fn is_chunk_swap(candidate: &[u8], popular: &[u8]) -> bool {
    if candidate.len() != popular.len() || candidate == popular {
        return false;
    }
    let prefix = candidate
        .iter()
        .zip(popular)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = candidate
        .iter()
        .rev()
        .zip(popular.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let end = candidate.len().saturating_sub(suffix);
    let (Some(moved), Some(original)) = (candidate.get(prefix..end), popular.get(prefix..end))
    else {
        return false;
    };
    // `moved` must be `original` rotated: original = x + y, moved = y + x.
    (2..=moved.len().saturating_sub(2)).any(|split| {
        let (x, y) = original.split_at(split);
        moved.starts_with(y) && moved.ends_with(x)
    })
}

/// Names one common slip away from `text`: a letter doubled or undoubled (`htttp`), a
/// plural `s` added to or removed from a part (`importlibs`), a separator added or
/// removed. Two-edit matches must include one of these, since unconstrained two-edit
/// neighbours of a name are mostly unrelated real names.
pub(crate) fn slip_variants(text: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = Vec::new();
    // Built from checked sub-slices, so a position out of range is skipped, not a panic.
    let with_removed =
        |at: usize| -> Option<Vec<u8>> { Some([text.get(..at)?, text.get(at + 1..)?].concat()) };
    let with_inserted = |at: usize, c: u8| -> Option<Vec<u8>> {
        Some([text.get(..at)?, &[c], text.get(at..)?].concat())
    };
    for (at, &c) in text.iter().enumerate() {
        let previous = at.checked_sub(1).and_then(|before| text.get(before));
        let part_ends = matches!(text.get(at + 1), None | Some(&b'-'));
        if previous == Some(&c) || c == b'-' || (c == b's' && part_ends) {
            variants.extend(with_removed(at));
        }
        if c != b'-' {
            variants.extend(with_inserted(at + 1, c));
        }
        if part_ends && c != b'-' {
            variants.extend(with_inserted(at + 1, b's'));
        }
        if at > 0 && c != b'-' && previous != Some(&b'-') {
            variants.extend(with_inserted(at, b'-'));
        }
    }
    variants
}

/// Digit/letter pairs that look alike in most fonts.
const HOMOGLYPHS: &[(u8, u8)] = &[
    (b'0', b'o'),
    (b'1', b'l'),
    (b'1', b'i'),
    (b'3', b'e'),
    (b'4', b'a'),
    (b'5', b's'),
    (b'7', b't'),
    (b'8', b'b'),
];

/// Whether `a` and `b` are a digit and the letter it resembles (either way round).
pub(crate) fn is_homoglyph_pair(a: u8, b: u8) -> bool {
    HOMOGLYPHS
        .iter()
        .any(|&(digit, letter)| (a == digit && b == letter) || (a == letter && b == digit))
}

/// Whether `candidate` is `popular` with one or more characters replaced by look-alikes
/// (digit for letter or letter for digit), and nothing else changed.
pub(crate) fn is_homoglyph_variant(candidate: &[u8], popular: &[u8]) -> bool {
    candidate.len() == popular.len()
        && candidate != popular
        && candidate
            .iter()
            .zip(popular)
            .all(|(&c, &p)| c == p || is_homoglyph_pair(c, p))
}

/// The optimal-string-alignment distance (Levenshtein plus adjacent swaps), or `None`
/// when it exceeds `max`.
pub(crate) fn osa_distance(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Rows of the dynamic-programming table: two rows back, the previous row, this row.
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    let cell = |row: &[usize], j: usize| row.get(j).copied().unwrap_or(usize::MAX / 2);
    for (i, &ac) in a.iter().enumerate() {
        let mut row_min = i + 1;
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, &bc) in b.iter().enumerate() {
            let cost = usize::from(ac != bc);
            let mut value = (cell(&previous, j + 1) + 1)
                .min(cell(&current, j) + 1)
                .min(cell(&previous, j) + cost);
            let swapped = i > 0
                && j > 0
                && a.get(i - 1) == Some(&bc)
                && b.get(j - 1) == Some(&ac)
                && ac != bc;
            if swapped {
                value = value.min(cell(&before, j - 1) + 1);
            }
            if let Some(slot) = current.get_mut(j + 1) {
                *slot = value;
            }
            row_min = row_min.min(value);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = cell(&previous, b.len());
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single_edit(candidate: &[u8], popular: &[u8]) -> Option<SingleEdit> {
        located_single_edit(candidate, popular).map(|(edit, _)| edit)
    }

    #[test]
    fn classifies_single_edits() {
        assert_eq!(
            single_edit(b"requestn", b"requests"),
            Some(SingleEdit::Substitution(b's', b'n'))
        );
        assert_eq!(
            single_edit(b"reqeusts", b"requests"),
            Some(SingleEdit::Transposition)
        );
        assert_eq!(
            single_edit(b"requestss", b"requests"),
            Some(SingleEdit::Insertion(b's'))
        );
        assert_eq!(
            single_edit(b"requets", b"requests"),
            Some(SingleEdit::Deletion(b's'))
        );
        assert_eq!(single_edit(b"requests", b"requests"), None);
        assert_eq!(single_edit(b"reqeustss", b"requests"), None);
        assert_eq!(single_edit(b"abcd", b"badc"), None);
        assert_eq!(single_edit(b"", b"a"), Some(SingleEdit::Deletion(b'a')));
        assert_eq!(single_edit(b"", b""), None);
    }

    #[test]
    fn locates_edits_and_part_starts() {
        assert_eq!(
            located_single_edit(b"gamex", b"namex"),
            Some((SingleEdit::Substitution(b'n', b'g'), 0))
        );
        assert_eq!(
            located_single_edit(b"abc-xdist", b"abc-dist"),
            Some((SingleEdit::Insertion(b'x'), 4))
        );
        assert!(starts_part(b"abc-xdist", 0));
        assert!(starts_part(b"abc-xdist", 4));
        assert!(!starts_part(b"abc-xdist", 5));
        assert!(!starts_part(b"", 3));
    }

    #[test]
    fn slips_cover_doubling_plurals_and_separators() {
        let variants = slip_variants(b"aiohtttps");
        assert!(variants.contains(&b"aiohttps".to_vec()));
        let variants = slip_variants(b"libs-resource");
        assert!(variants.contains(&b"lib-resource".to_vec()));
        assert!(variants.contains(&b"libs-resources".to_vec()));
        assert!(variants.contains(&b"libsresource".to_vec()));
        assert!(variants.contains(&b"li-bs-resource".to_vec()));
        assert!(slip_variants(b"").is_empty());
    }

    #[test]
    fn measures_parts_and_chunk_swaps() {
        assert_eq!(part_len_at(b"pytest-xdist", 7), 5);
        assert_eq!(part_len_at(b"pytest-xdist", 0), 6);
        assert_eq!(part_len_at(b"pytest-xdist", 99), 0);
        assert!(is_chunk_swap(b"matlibplot", b"matplotlib"));
        assert!(is_chunk_swap(b"plotlibmat", b"matplotlib"));
        assert!(!is_chunk_swap(b"platmotlib", b"matplotlib"));
        assert!(!is_chunk_swap(b"reqeusts", b"requests"));
        assert!(!is_chunk_swap(b"requests", b"requests"));
        assert!(!is_chunk_swap(b"ab", b"ba"));
    }

    #[test]
    fn recognises_homoglyphs() {
        assert!(is_homoglyph_variant(b"r3qu3sts", b"requests"));
        assert!(is_homoglyph_variant(b"b0to3", b"boto3"));
        assert!(!is_homoglyph_variant(b"boto3", b"boto3"));
        assert!(!is_homoglyph_variant(b"r3quesys", b"requests"));
        assert!(!is_homoglyph_variant(b"r2quests", b"requests"));
    }

    #[test]
    fn osa_distance_counts_swaps_as_one() {
        assert_eq!(osa_distance(b"ca", b"ac", 2), Some(1));
        assert_eq!(osa_distance(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(osa_distance(b"kitten", b"sitting", 2), None);
        assert_eq!(osa_distance(b"aiohtttps", b"aiohttp", 2), Some(2));
        assert_eq!(osa_distance(b"", b"ab", 2), Some(2));
        assert_eq!(osa_distance(b"same", b"same", 0), Some(0));
    }
}
