//! Rule metadata: the fixed description every rule carries, whether it is
//! written in Rust or loaded from a declarative rule file.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad the weakness is when the finding is real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Hygiene issue or weakness that is hard to exploit.
    Low,
    /// Exploitable under some conditions.
    Medium,
    /// Directly exploitable, typically code or command execution.
    High,
}

/// How sure the rule is that the finding is a real weakness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A heuristic that often needs a human to confirm.
    Low,
    /// Usually right.
    Medium,
    /// Almost always a real instance of the pattern.
    High,
}

macro_rules! level_display {
    ($ty:ty) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl $ty {
            /// The lower-case name used in output and configuration.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    Self::Low => "low",
                    Self::Medium => "medium",
                    Self::High => "high",
                }
            }

            /// Parses `low`, `medium` or `high` (any case).
            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                match text.to_ascii_lowercase().as_str() {
                    "low" => Some(Self::Low),
                    "medium" => Some(Self::Medium),
                    "high" => Some(Self::High),
                    _ => None,
                }
            }
        }
    };
}
level_display!(Severity);
level_display!(Confidence);

/// The family of weakness a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// `eval`, `exec`, dynamic imports.
    CodeExecution,
    /// pickle, yaml, marshal and other object deserializers.
    Deserialization,
    /// Shell and process execution.
    CommandInjection,
    /// SQL built from strings.
    SqlInjection,
    /// Hard-coded credentials and keys.
    Secrets,
    /// Weak hashes, ciphers, modes, keys and randomness.
    Cryptography,
    /// TLS, timeouts, bindings, cleartext protocols.
    Network,
    /// Permissions, temporary files, archives, privileges.
    Filesystem,
    /// Web frameworks, templates, XML.
    Web,
    /// Code hygiene with security impact.
    Hygiene,
    /// Third-party packages: known-vulnerable versions, unpinned ranges,
    /// typosquatted names.
    Dependencies,
}

impl Category {
    /// The kebab-case name used in output and rule files.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CodeExecution => "code-execution",
            Self::Deserialization => "deserialization",
            Self::CommandInjection => "command-injection",
            Self::SqlInjection => "sql-injection",
            Self::Secrets => "secrets",
            Self::Cryptography => "cryptography",
            Self::Network => "network",
            Self::Filesystem => "filesystem",
            Self::Web => "web",
            Self::Hygiene => "hygiene",
            Self::Dependencies => "dependencies",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a rule is on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Enabled by default.
    Stable,
    /// Only enabled when selected explicitly.
    Preview,
    /// Finished, but off by default: it flags ordinary use of an API
    /// whatever the data (every `import subprocess`), which is worth a look
    /// in an audit but not in every run. Any selector that matches it
    /// enables it (its code, name, alias, an alias prefix such as `B`, its
    /// category, `ALL`), and so does `audit`.
    Audit,
}

impl Status {
    /// The lower-case name used in output and rule files.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Stable => "stable",
            Self::Preview => "preview",
            Self::Audit => "audit",
        }
    }
}

/// Everything a user or a printer needs to know about one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// Stable code, `AV` followed by digits, e.g. `AV301`.
    pub code: String,
    /// Kebab-case name, e.g. `pickle-loads`.
    pub name: String,
    /// CWE identifiers, most specific first.
    pub cwe: Vec<u32>,
    /// Default severity of its findings.
    pub severity: Severity,
    /// Default confidence of its findings.
    pub confidence: Confidence,
    /// Weakness family.
    pub category: Category,
    /// Equivalent codes of other tools (Bandit `B###`, Ruff `S###`).
    pub aliases: Vec<String>,
    /// Stable or preview.
    pub status: Status,
    /// One sentence: what the rule flags.
    pub summary: String,
    /// Why the flagged code is dangerous.
    pub why: String,
    /// Python code the rule flags.
    pub insecure_example: String,
    /// Python code that does the same job safely and is not flagged.
    pub secure_example: String,
    /// Short fix advice shown under every finding.
    pub fix: String,
    /// Links for further reading.
    pub references: Vec<String>,
}

impl RuleMeta {
    /// `true` when `key` names this rule: its code, its name or one of its
    /// aliases (case-insensitive for codes).
    #[must_use]
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key)
            || self.name == key
            || self
                .aliases
                .iter()
                .any(|alias| alias.eq_ignore_ascii_case(key))
    }

    /// The CWE identifiers as `CWE-<n>` strings.
    #[must_use]
    pub fn cwe_tags(&self) -> Vec<String> {
        self.cwe.iter().map(|cwe| format!("CWE-{cwe}")).collect()
    }
}
