//! Source kinds: where untrusted data comes from. Rules pick the kinds they
//! report (a web rule may ignore command-line arguments).

use serde::Deserialize;
use std::fmt;

/// Where a source's data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// Sent by a remote client: HTTP requests, socket reads.
    RemoteUserInput,
    /// Command-line arguments (`sys.argv`, `argparse`).
    CliArgument,
    /// Typed by the local user (`input()`, `sys.stdin`).
    InteractiveInput,
    /// Environment variables.
    Environment,
    /// The body of a response the program fetched (`requests.get(...)`).
    NetworkResponse,
    /// Contents of a file (no shipped models; for user models).
    FileContent,
    /// Rows read back from a database (no shipped models; for second-order
    /// injection in user models).
    Database,
}

impl SourceKind {
    /// Every kind.
    pub const ALL: [Self; 7] = [
        Self::RemoteUserInput,
        Self::CliArgument,
        Self::InteractiveInput,
        Self::Environment,
        Self::NetworkResponse,
        Self::FileContent,
        Self::Database,
    ];

    /// The kebab-case name used in model files.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RemoteUserInput => "remote-user-input",
            Self::CliArgument => "cli-argument",
            Self::InteractiveInput => "interactive-input",
            Self::Environment => "environment",
            Self::NetworkResponse => "network-response",
            Self::FileContent => "file-content",
            Self::Database => "database",
        }
    }

    /// Parses a kebab-case kind name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// Whether an attacker who is not on the machine controls the data.
    /// Local kinds (arguments, terminal input, environment, files) matter
    /// for tools that run with more privileges than their caller.
    #[must_use]
    pub const fn is_remote(self) -> bool {
        matches!(self, Self::RemoteUserInput | Self::NetworkResponse)
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of a request a [`SourceKind::RemoteUserInput`] source is, for
/// messages and ranking (a request method is rarely an attack vector; a
/// signed session cookie is less attacker-controlled than a query string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputPart {
    /// Query string, form fields, body, JSON, path parameters.
    Payload,
    /// The request URL or path.
    Url,
    /// Request headers.
    Header,
    /// Cookies.
    Cookie,
    /// Uploaded files (contents and client-chosen file names).
    File,
    /// Request metadata such as the method or the WSGI environment.
    Meta,
    /// The framework's signed session (the client can replay, not forge it).
    Session,
}

impl InputPart {
    /// The kebab-case name used in model files.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Payload => "payload",
            Self::Url => "url",
            Self::Header => "header",
            Self::Cookie => "cookie",
            Self::File => "file",
            Self::Meta => "meta",
            Self::Session => "session",
        }
    }
}

impl fmt::Display for InputPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
