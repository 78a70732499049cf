//! The output formats a report can be printed in.

use std::fmt;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OutputFormat {
    /// Findings with the source snippet underlined (the default).
    #[default]
    Text,
    /// One line per finding.
    Concise,
    /// A stable JSON document (see `docs/output-formats.md`).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

impl OutputFormat {
    /// Every format, in the order they are listed in help texts.
    pub const ALL: [Self; 4] = [Self::Text, Self::Concise, Self::Json, Self::Sarif];

    /// The lower-case name used on the command line and in configuration.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Concise => "concise",
            Self::Json => "json",
            Self::Sarif => "sarif",
        }
    }

    /// Parses a format name (any case); `None` for an unknown name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::OutputFormat;

    #[test]
    fn parses_every_name_and_round_trips() {
        for format in OutputFormat::ALL {
            assert_eq!(OutputFormat::parse(format.as_str()), Some(format));
        }
        assert_eq!(OutputFormat::parse("SARIF"), Some(OutputFormat::Sarif));
        assert_eq!(OutputFormat::parse("xml"), None);
        assert_eq!(OutputFormat::parse(""), None);
    }
}
