//! Turning file bytes into text the way CPython reads source files.

use crate::coding_cookie::{CodingCookie, find_coding_cookie};
use encoding_rs::{DecoderResult, Encoding};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The result of reading a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// The file is text.
    Text(SourceText),
    /// The file contains a NUL byte, so it is not Python source.
    Binary {
        /// Byte offset of the first NUL byte.
        nul_offset: usize,
    },
}

/// Decoded source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding the bytes were decoded from, lower case: `utf-8`,
    /// `latin-1`, `ascii`, or the WHATWG name of another encoding such as
    /// `windows-1252` or `shift_jis`.
    pub encoding: String,
    /// `true` when the file started with a UTF-8 byte-order mark.
    pub had_bom: bool,
}

/// Why a file's bytes could not be decoded.
///
/// Byte offsets count from the start of the file, byte-order mark included.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The file has no coding declaration and is not valid UTF-8.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// The coding declaration names an encoding we do not know.
    #[error("unknown encoding `{name}` in the coding declaration on line {line}")]
    UnknownEncoding {
        /// The encoding name as written.
        name: String,
        /// 1-based line of the declaration.
        line: usize,
    },
    /// The bytes are not valid in the declared encoding.
    #[error("invalid {encoding} at byte {offset}")]
    Undecodable {
        /// The declared encoding (normalised name).
        encoding: String,
        /// Offset of the first byte that cannot be decoded.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// The file starts with a UTF-8 byte-order mark but declares another encoding.
    #[error("the UTF-8 byte-order mark contradicts the coding declaration `{name}` on line {line}")]
    BomContradictsCookie {
        /// The declared encoding name as written.
        name: String,
        /// 1-based line of the declaration.
        line: usize,
    },
}

impl DecodeError {
    /// 1-based line the error points at.
    #[must_use]
    pub fn line(&self) -> usize {
        match self {
            Self::InvalidUtf8 { line, .. }
            | Self::UnknownEncoding { line, .. }
            | Self::Undecodable { line, .. }
            | Self::BomContradictsCookie { line, .. } => *line,
        }
    }

    /// Byte offset in the file the error points at, for errors about bytes.
    #[must_use]
    pub fn byte_offset(&self) -> Option<usize> {
        match self {
            Self::InvalidUtf8 { offset, .. } | Self::Undecodable { offset, .. } => Some(*offset),
            Self::UnknownEncoding { .. } | Self::BomContradictsCookie { .. } => None,
        }
    }
}

/// An encoding a coding declaration can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceEncoding {
    Utf8,
    /// Python's `latin-1`: every byte maps to the code point of the same value
    /// (unlike WHATWG's `latin1` label, which means windows-1252).
    Latin1,
    /// Python's `ascii`: bytes above 0x7F are errors.
    Ascii,
    Other(&'static Encoding),
}

impl SourceEncoding {
    fn name(self) -> String {
        match self {
            Self::Utf8 => "utf-8".to_owned(),
            Self::Latin1 => "latin-1".to_owned(),
            Self::Ascii => "ascii".to_owned(),
            Self::Other(encoding) => encoding.name().to_ascii_lowercase(),
        }
    }

    /// Maps a Python codec name to an encoding, accepting Python's aliases
    /// and spelling variants (`Latin_1`, `UTF8`, `cp1252`, `euc_jp`, ...).
    fn from_python_name(name: &str) -> Option<Self> {
        let normalized = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let compact = normalized.replace('-', "");
        if compact == "utf8" || normalized.starts_with("utf-8-") || compact == "u8" {
            return Some(Self::Utf8);
        }
        if matches!(compact.as_str(), "utf" | "cp65001" | "utf8sig") {
            return Some(Self::Utf8);
        }
        if normalized.starts_with("latin-1-")
            || normalized.starts_with("iso-8859-1-")
            || matches!(
                compact.as_str(),
                "latin1"
                    | "latin"
                    | "l1"
                    | "iso88591"
                    | "8859"
                    | "cp819"
                    | "isoir100"
                    | "isolatin1"
                    | "csisolatin1"
                    | "ibm819"
            )
        {
            return Some(Self::Latin1);
        }
        if matches!(
            compact.as_str(),
            "ascii"
                | "usascii"
                | "646"
                | "ansix3.41968"
                | "ansix3.41986"
                | "us"
                | "cp367"
                | "iso646us"
                | "isoir6"
                | "csascii"
                | "ibm367"
        ) {
            return Some(Self::Ascii);
        }
        let label = match compact.as_str() {
            "cp932" | "ms932" | "mskanji" => "shift_jis",
            "cp936" | "ms936" => "gbk",
            "cp949" | "ms949" | "uhc" => "euc-kr",
            "cp950" | "ms950" => "big5",
            _ => normalized.as_str(),
        };
        let encoding = Encoding::for_label(label.as_bytes())
            .or_else(|| Encoding::for_label(label.replace('-', "_").as_bytes()))
            .or_else(|| Encoding::for_label(compact.as_bytes()))?;
        // Source code is read as ASCII to find the declaration, so encodings
        // that are not supersets of ASCII cannot be meant; `replacement` is a
        // WHATWG sink for dangerous labels, not a real encoding.
        if encoding == encoding_rs::UTF_16LE
            || encoding == encoding_rs::UTF_16BE
            || encoding == encoding_rs::REPLACEMENT
        {
            return None;
        }
        if encoding == encoding_rs::UTF_8 {
            return Some(Self::Utf8);
        }
        Some(Self::Other(encoding))
    }
}

/// Decodes a source file.
///
/// A NUL byte anywhere makes the file [`Decoded::Binary`]. Otherwise a UTF-8
/// byte-order mark is stripped, a PEP 263 coding declaration on line 1 or 2
/// is honoured, and UTF-8 is the default.
///
/// # Errors
///
/// See [`DecodeError`]: invalid UTF-8, an unknown declared encoding, bytes
/// invalid in the declared encoding, or a BOM that contradicts the declaration.
pub fn decode_source(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some(nul_offset) = memchr::memchr(0, &bytes) {
        return Ok(Decoded::Binary { nul_offset });
    }
    let (had_bom, body, base) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (true, rest, UTF8_BOM.len()),
        None => (false, bytes.as_slice(), 0),
    };
    let encoding = match find_coding_cookie(body) {
        None => SourceEncoding::Utf8,
        Some(CodingCookie { name, line }) => {
            let Some(encoding) = SourceEncoding::from_python_name(&name) else {
                return Err(DecodeError::UnknownEncoding { name, line });
            };
            if had_bom && encoding != SourceEncoding::Utf8 {
                return Err(DecodeError::BomContradictsCookie { name, line });
            }
            encoding
        }
    };
    let text = match encoding {
        // The common case: the bytes become the text without a copy.
        SourceEncoding::Utf8 if !had_bom => String::from_utf8(bytes).map_err(|error| {
            let at = error.utf8_error().valid_up_to();
            DecodeError::InvalidUtf8 {
                offset: at,
                line: line_of(error.as_bytes(), at),
            }
        })?,
        SourceEncoding::Utf8 => decode_utf8(body).map_err(|at| DecodeError::InvalidUtf8 {
            offset: base + at,
            line: line_of(&bytes, base + at),
        })?,
        SourceEncoding::Latin1 => body.iter().map(|&byte| char::from(byte)).collect(),
        SourceEncoding::Ascii => {
            decode_ascii(body).map_err(|at| undecodable(&bytes, encoding, base + at))?
        }
        SourceEncoding::Other(other) => {
            decode_with(other, body).map_err(|at| undecodable(&bytes, encoding, base + at))?
        }
    };
    Ok(Decoded::Text(SourceText {
        text,
        encoding: encoding.name(),
        had_bom,
    }))
}

fn undecodable(bytes: &[u8], encoding: SourceEncoding, offset: usize) -> DecodeError {
    DecodeError::Undecodable {
        encoding: encoding.name(),
        offset,
        line: line_of(bytes, offset),
    }
}

/// 1-based line of the byte at `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let before = bytes.get(..offset).unwrap_or(bytes);
    memchr::memchr_iter(b'\n', before).count() + 1
}

/// Decodes UTF-8; the error is the offset of the first invalid byte.
fn decode_utf8(bytes: &[u8]) -> Result<String, usize> {
    String::from_utf8(bytes.to_vec()).map_err(|error| error.utf8_error().valid_up_to())
}

fn decode_ascii(bytes: &[u8]) -> Result<String, usize> {
    match bytes.iter().position(|byte| !byte.is_ascii()) {
        Some(offset) => Err(offset),
        None => decode_utf8(bytes),
    }
}

/// Decodes with an `encoding_rs` encoding; the error is the offset of the
/// first byte of the first malformed sequence.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut consumed = 0;
    loop {
        let rest = bytes.get(consumed..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => {
                consumed += read;
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len() - consumed)
                    .unwrap_or(1024)
                    .max(16);
                text.reserve(more);
            }
            DecoderResult::Malformed(bad, extra) => {
                // The malformed sequence ends `extra` bytes before the read
                // position and is `bad` bytes long.
                let end = (consumed + read).saturating_sub(usize::from(extra));
                return Err(end.saturating_sub(usize::from(bad)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> SourceText {
        match decode_source(bytes.to_vec()).unwrap() {
            Decoded::Text(text) => text,
            Decoded::Binary { .. } => panic!("unexpectedly binary"),
        }
    }

    #[test]
    fn utf8_without_bom() {
        let decoded = text("x = 'é'\n".as_bytes());
        assert_eq!(decoded.text, "x = 'é'\n");
        assert_eq!(decoded.encoding, "utf-8");
        assert!(!decoded.had_bom);
    }

    #[test]
    fn utf8_with_bom_is_stripped() {
        let decoded = text(b"\xEF\xBB\xBFx = 1\n");
        assert_eq!(decoded.text, "x = 1\n");
        assert!(decoded.had_bom);
        let decoded = text(b"\xEF\xBB\xBF# coding: utf-8-sig\nx = 1\n");
        assert_eq!(decoded.encoding, "utf-8");
    }

    #[test]
    fn latin1_cookie_maps_bytes_to_code_points() {
        let decoded = text(b"# -*- coding: latin-1 -*-\ns = '\xE9\x80'\n");
        assert_eq!(
            decoded.text,
            "# -*- coding: latin-1 -*-\ns = '\u{e9}\u{80}'\n"
        );
        assert_eq!(decoded.encoding, "latin-1");
        for name in ["iso-8859-1", "ISO8859_1", "l1", "latin1", "Latin_1"] {
            let source = format!("# coding: {name}\ns = '\u{e9}'\n");
            // Re-encode the test text as latin-1 bytes.
            let bytes: Vec<u8> = source.chars().map(|c| c as u8).collect();
            assert_eq!(text(&bytes).text, source, "{name}");
        }
    }

    #[test]
    fn cp1252_cookie() {
        let decoded = text(b"# coding: cp1252\ns = '\x80'\n");
        assert_eq!(decoded.text, "# coding: cp1252\ns = '\u{20ac}'\n");
        assert_eq!(decoded.encoding, "windows-1252");
        let decoded = text(b"# coding=windows_1252\ns = '\x80'\n");
        assert!(decoded.text.contains('\u{20ac}'));
    }

    #[test]
    fn cookie_on_line_two_after_shebang() {
        let decoded = text(b"#!/usr/bin/env python\n# coding: latin-1\ns = '\xE9'\n");
        assert!(decoded.text.ends_with("s = '\u{e9}'\n"));
        assert_eq!(decoded.encoding, "latin-1");
    }

    #[test]
    fn cookie_on_line_three_is_ignored() {
        let error =
            decode_source(b"#!/usr/bin/env python\n\n# coding: latin-1\ns = '\xE9'\n".to_vec())
                .unwrap_err();
        assert_eq!(
            error,
            DecodeError::InvalidUtf8 {
                offset: 46,
                line: 4
            }
        );
    }

    #[test]
    fn invalid_utf8_offset_is_exact() {
        let mut bytes = b"x = 1\ny = '".to_vec();
        let offset = bytes.len();
        bytes.extend_from_slice(b"\xFF'\n");
        let error = decode_source(bytes.clone()).unwrap_err();
        assert_eq!(error, DecodeError::InvalidUtf8 { offset, line: 2 });
        assert_eq!(error.to_string(), format!("invalid UTF-8 at byte {offset}"));

        let mut with_bom = UTF8_BOM.to_vec();
        with_bom.extend_from_slice(&bytes);
        let error = decode_source(with_bom.clone()).unwrap_err();
        assert_eq!(error.byte_offset(), Some(offset + 3));
    }

    #[test]
    fn truncated_multibyte_sequence_offset() {
        let error = decode_source(b"s = '\xC3'\n".to_vec()).unwrap_err();
        assert_eq!(error.byte_offset(), Some(5));
    }

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(
            decode_source(b"\x7fELF\x02\x01\x00\x00".to_vec()).unwrap(),
            Decoded::Binary { nul_offset: 6 }
        );
        assert_eq!(
            decode_source(b"\xEF\xBB\xBF\x00".to_vec()).unwrap(),
            Decoded::Binary { nul_offset: 3 }
        );
    }

    #[test]
    fn unknown_encoding() {
        let error = decode_source(b"# coding: klingon\n".to_vec()).unwrap_err();
        assert_eq!(
            error,
            DecodeError::UnknownEncoding {
                name: "klingon".into(),
                line: 1
            }
        );
        // UTF-16 cannot be declared in an ASCII-readable header.
        assert!(matches!(
            decode_source(b"# coding: utf-16\n".to_vec()).unwrap_err(),
            DecodeError::UnknownEncoding { .. }
        ));
    }

    #[test]
    fn bom_contradicting_cookie() {
        let error = decode_source(b"\xEF\xBB\xBF# coding: latin-1\n".to_vec()).unwrap_err();
        assert_eq!(
            error,
            DecodeError::BomContradictsCookie {
                name: "latin-1".into(),
                line: 1
            }
        );
    }

    #[test]
    fn undecodable_in_declared_encoding() {
        let error = decode_source(b"# coding: ascii\nx = 1\ns = '\xE9'\n".to_vec()).unwrap_err();
        assert_eq!(
            error,
            DecodeError::Undecodable {
                encoding: "ascii".into(),
                offset: 27,
                line: 3
            }
        );
        // A Shift_JIS lead byte followed by a byte that cannot trail it.
        let error = decode_source(b"# coding: shift_jis\ns = '\x82'\n".to_vec()).unwrap_err();
        assert_eq!(error.byte_offset(), Some(25));
        let decoded = text(b"# coding: euc_jp\ns = '\xA4\xA2'\n");
        assert!(decoded.text.contains('\u{3042}'));
        assert_eq!(decoded.encoding, "euc-jp");
    }
}
