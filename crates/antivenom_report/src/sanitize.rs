//! Making untrusted text safe to print on a terminal.
//!
//! Source lines, messages and paths come from the code being scanned. Printed
//! raw, an escape sequence in them could drive the user's terminal, and a
//! bidirectional-override character (the "Trojan Source" trick) could make the
//! printed line read differently from what the interpreter sees. Such
//! characters are shown as visible `<U+XXXX>` escapes instead.

use std::borrow::Cow;

/// `true` for characters that must not reach a terminal as they are:
/// control characters (tab included) and bidirectional formatting marks.
pub(crate) fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// The visible replacement for an unsafe character.
pub(crate) fn escape_char(c: char) -> String {
    format!("<U+{:04X}>", u32::from(c))
}

/// `text` with every unsafe character replaced by its escape (a tab becomes
/// a space); borrowed when nothing needed replacing (the common case).
pub(crate) fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\t' {
            safe.push(' ');
        } else if is_unsafe_char(c) {
            safe.push_str(&escape_char(c));
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn escapes_controls_and_bidi_marks() {
        assert_eq!(terminal_safe("plain"), "plain");
        assert_eq!(terminal_safe("a\u{1b}[31mb"), "a<U+001B>[31mb");
        assert_eq!(terminal_safe("x\u{202E}y\nz"), "x<U+202E>y<U+000A>z");
        assert_eq!(terminal_safe("a\tb"), "a b");
    }
}
