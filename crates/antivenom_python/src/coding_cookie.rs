//! PEP 263 coding declarations (`# -*- coding: latin-1 -*-`).
//!
//! The search follows CPython's `tokenize.detect_encoding`: the declaration
//! must be a comment on line 1, or on line 2 when line 1 is blank or itself a
//! comment (typically a shebang). The match is equivalent to the regular
//! expression `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` (ASCII `\w`).

/// A coding declaration found in the first two lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodingCookie {
    /// The encoding name as written, e.g. `utf-8` or `Latin_1`.
    pub(crate) name: String,
    /// 1-based line of the declaration (1 or 2).
    pub(crate) line: usize,
}

/// Finds the coding declaration in `bytes` (which must not start with a BOM).
pub(crate) fn find_coding_cookie(bytes: &[u8]) -> Option<CodingCookie> {
    let mut lines = bytes.split_inclusive(|&byte| byte == b'\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in_line(first) {
        return Some(CodingCookie { name, line: 1 });
    }
    if !is_blank_or_comment(first) {
        return None;
    }
    let second = lines.next()?;
    cookie_in_line(second).map(|name| CodingCookie { name, line: 2 })
}

/// `^[ \t\f]*(?:[#\r\n]|$)`: a line that holds no code.
fn is_blank_or_comment(line: &[u8]) -> bool {
    let rest = skip_horizontal_space(line);
    matches!(rest.first(), None | Some(b'#' | b'\r' | b'\n'))
}

fn skip_horizontal_space(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|&byte| !matches!(byte, b' ' | b'\t' | b'\x0c'))
        .unwrap_or(line.len());
    line.get(start..).unwrap_or_default()
}

/// Applies the cookie pattern to one line (its `\n` may still be attached).
fn cookie_in_line(line: &[u8]) -> Option<String> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let comment = skip_horizontal_space(line).strip_prefix(b"#")?;
    // `.*?coding[:=]`: try every occurrence of `coding`, leftmost first.
    let mut search_from = 0;
    while let Some(found) = find_subslice(comment.get(search_from..)?, b"coding") {
        let after_word = search_from + found + b"coding".len();
        search_from += found + 1;
        let Some(rest) = comment.get(after_word..) else {
            break;
        };
        let Some(rest) = rest.strip_prefix(b":").or_else(|| rest.strip_prefix(b"=")) else {
            continue;
        };
        let value_start = rest
            .iter()
            .position(|&byte| !matches!(byte, b' ' | b'\t'))
            .unwrap_or(rest.len());
        let value = rest.get(value_start..).unwrap_or_default();
        let value_len = value
            .iter()
            .position(|&byte| !(byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.')))
            .unwrap_or(value.len());
        if value_len > 0 {
            let name = value.get(..value_len).unwrap_or_default();
            return Some(String::from_utf8_lossy(name).into_owned());
        }
    }
    None
}

fn find_subslice(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(source: &str) -> Option<String> {
        find_coding_cookie(source.as_bytes()).map(|cookie| cookie.name)
    }

    #[test]
    fn emacs_and_vim_styles() {
        assert_eq!(
            name("# -*- coding: latin-1 -*-\n").as_deref(),
            Some("latin-1")
        );
        assert_eq!(
            name("# vim: set fileencoding=cp1252 :\n").as_deref(),
            Some("cp1252")
        );
        assert_eq!(name("  \t# coding=utf_8\n").as_deref(), Some("utf_8"));
    }

    #[test]
    fn first_matching_occurrence_wins() {
        assert_eq!(
            name("# coding utf-8, coding: ascii\n").as_deref(),
            Some("ascii")
        );
        assert_eq!(name("# coding: \n").as_deref(), None);
    }

    #[test]
    fn must_be_a_comment() {
        assert_eq!(name("x = 1  # coding: latin-1\n"), None);
        assert_eq!(name("print('# coding: latin-1')\n"), None);
    }

    #[test]
    fn second_line_only_after_blank_or_comment() {
        let cookie = find_coding_cookie(b"#!/usr/bin/env python\n# coding: latin-1\n").unwrap();
        assert_eq!(
            cookie,
            CodingCookie {
                name: "latin-1".into(),
                line: 2
            }
        );
        assert_eq!(name("\n# coding: latin-1\n").as_deref(), Some("latin-1"));
        assert_eq!(name("import os\n# coding: latin-1\n"), None);
        assert_eq!(name("#!/usr/bin/python\n\n# coding: latin-1\n"), None);
    }
}
