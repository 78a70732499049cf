//! Settings shared by all printers.

/// How to print a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintOptions {
    /// Use ANSI colours (text and concise formats only).
    pub color: bool,
    /// The antivenom version, written into JSON and SARIF.
    pub tool_version: String,
    /// Show each finding's fix advice (`= help:` line) in the text format.
    pub show_fix: bool,
}

impl Default for PrintOptions {
    fn default() -> Self {
        Self {
            color: false,
            tool_version: String::new(),
            show_fix: true,
        }
    }
}
