//! ANSI colouring for the text and concise formats; a no-op when colour is
//! off.

use antivenom_diagnostics::Severity;

/// What a piece of output is, which decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// File paths and other emphasis.
    Emphasis,
    /// Rule code, carets and label, coloured by severity.
    Severity(Severity),
    /// Line numbers and the `|` gutter.
    Gutter,
    /// The `help` marker.
    Help,
    /// The `error` marker.
    Error,
    /// The `skipped` marker.
    Skipped,
}

impl Role {
    const fn ansi(self) -> &'static str {
        match self {
            Self::Emphasis => "\u{1b}[1m",
            Self::Severity(Severity::High) | Self::Error => "\u{1b}[1;31m",
            Self::Severity(Severity::Medium) | Self::Skipped => "\u{1b}[1;33m",
            Self::Severity(Severity::Low) => "\u{1b}[1;36m",
            Self::Gutter => "\u{1b}[1;34m",
            Self::Help => "\u{1b}[1;32m",
        }
    }
}

const RESET: &str = "\u{1b}[0m";

/// Wraps text in ANSI codes when colour is on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Painter {
    color: bool,
}

impl Painter {
    /// A painter that colours only when `color` is true.
    pub(crate) const fn new(color: bool) -> Self {
        Self { color }
    }

    /// `text` in the colour of `role` (unchanged when colour is off or the
    /// text is empty).
    pub(crate) fn paint(self, role: Role, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{}{text}{RESET}", role.ansi())
        } else {
            text.to_owned()
        }
    }
}
