//! Byte classes for the scanners: one table lookup tells whether a byte
//! can end a run of bytes the scanners step over.

// Byte classes, as bits of [`CLASSES`].
/// Letters, `_` and every byte of a non-ASCII character.
pub(super) const WORD: u8 = 1;
/// ASCII digits.
pub(super) const DIGIT: u8 = 2;
/// `\`.
pub(super) const BACKSLASH: u8 = 4;
/// `\n` and `\r`.
pub(super) const LINE_BREAK: u8 = 8;
/// `{` and `}`.
pub(super) const BRACE: u8 = 16;
/// `'`.
pub(super) const SINGLE_QUOTE: u8 = 32;
/// `"`.
pub(super) const DOUBLE_QUOTE: u8 = 64;
/// `(`, `)`, `[`, `]` and `#`.
pub(super) const BRACKET_OR_HASH: u8 = 128;

/// The classes of every byte value.
const CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        // `byte < 256`, so the cast is lossless.
        #[allow(clippy::cast_possible_truncation)]
        let value = byte as u8;
        classes[byte] = match value {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80..=0xff => WORD,
            b'0'..=b'9' => DIGIT,
            b'\\' => BACKSLASH,
            b'\n' | b'\r' => LINE_BREAK,
            b'{' | b'}' => BRACE,
            b'\'' => SINGLE_QUOTE,
            b'"' => DOUBLE_QUOTE,
            b'(' | b')' | b'[' | b']' | b'#' => BRACKET_OR_HASH,
            _ => 0,
        };
        byte += 1;
    }
    classes
};

/// The classes `byte` belongs to.
pub(super) fn class_of(byte: u8) -> u8 {
    // A `u8` always indexes a 256-entry table.
    CLASSES[usize::from(byte)]
}

/// The class of a quote character.
pub(super) fn quote_class(quote: u8) -> u8 {
    if quote == b'"' {
        DOUBLE_QUOTE
    } else {
        SINGLE_QUOTE
    }
}
