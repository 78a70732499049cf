//! Fixed lists of qualified callee names, screened by the length and the
//! first byte of their last segment so that most calls are ruled out
//! without resolving the callee or comparing names.

use super::prefilters::has_last_segment;

/// A list of qualified names (`socket.create_server`) a rule compares a
/// callee against, with the lengths and first bytes of their last segments.
pub(crate) struct CalleeNames {
    names: &'static [&'static str],
    /// Bit `n` is set when a name's last segment is `n` bytes long (bit
    /// 127 for 127 and more).
    last_lengths: u128,
    /// The [`first_byte_bit`]s of the names' last segments.
    last_firsts: u64,
}

/// The bit of a last segment `length` bytes long.
const fn length_bit(length: usize) -> u128 {
    let capped = if length > 127 { 127 } else { length };
    1 << capped
}

/// The bit of a last segment starting with `byte`: its low six bits,
/// which tell ASCII letters apart, case included.
const fn first_byte_bit(byte: u8) -> u64 {
    1 << (byte & 63)
}

impl CalleeNames {
    /// The list `names`. Fails to compile when a name is empty or ends
    /// with a dot (no call resolves to it).
    pub(crate) const fn new(names: &'static [&'static str]) -> Self {
        let mut last_lengths = 0;
        let mut last_firsts = 0;
        let mut index = 0;
        while index < names.len() {
            let bytes = names[index].as_bytes();
            let mut start = bytes.len();
            while start > 0 && bytes[start - 1] != b'.' {
                start -= 1;
            }
            assert!(start < bytes.len(), "empty last segment");
            last_lengths |= length_bit(bytes.len() - start);
            last_firsts |= first_byte_bit(bytes[start]);
            index += 1;
        }
        Self {
            names,
            last_lengths,
            last_firsts,
        }
    }

    /// The names.
    pub(crate) fn names(&self) -> &'static [&'static str] {
        self.names
    }

    /// `true` when `name` is one of the names.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.names.contains(&name)
    }

    /// `false` when no name has the last segment `last` (which holds no
    /// dot). Inlined: the screens settle most calls.
    #[inline]
    pub(crate) fn may_end_with(&self, last: &str) -> bool {
        last.as_bytes().first().is_some_and(|&first| {
            self.last_lengths & length_bit(last.len()) != 0
                && self.last_firsts & first_byte_bit(first) != 0
                && self.has_last_segment(last)
        })
    }

    /// `true` when a name has the last segment `last`.
    fn has_last_segment(&self, last: &str) -> bool {
        self.names.iter().any(|name| has_last_segment(name, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: CalleeNames = CalleeNames::new(&["socket.create_server", "werkzeug.run_simple"]);

    #[test]
    fn last_segments_are_screened() {
        assert!(NAMES.may_end_with("create_server"));
        assert!(NAMES.may_end_with("run_simple"));
        assert!(!NAMES.may_end_with("run"));
        assert!(!NAMES.may_end_with(""));
        // Same length, other first byte.
        assert!(!NAMES.may_end_with("xun_simple"));
        // Same length, other name.
        assert!(!NAMES.may_end_with("create_client"));
        assert!(NAMES.contains("werkzeug.run_simple"));
        assert!(!NAMES.contains("run_simple"));
    }
}
