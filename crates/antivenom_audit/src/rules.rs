//! The rules of the dependency audit: what each kind of finding means.

use antivenom_diagnostics::{Category, Confidence, RuleMeta, Severity, Status};
use std::sync::{Arc, LazyLock};

/// A pinned version that published advisories affect.
pub const VULNERABLE_DEPENDENCY: &str = "AV1001";
/// A version range some of whose versions advisories affect.
pub const UNPINNED_VULNERABLE_RANGE: &str = "AV1002";
/// A requirement installed from a URL or a path: its version is unknown.
pub const UNVERIFIABLE_DEPENDENCY: &str = "AV1003";
/// A name that imitates a popular package.
pub const TYPOSQUATTED_DEPENDENCY: &str = "AV1004";

/// Builds one rule's metadata.
fn rule(
    code: &str,
    name: &str,
    cwe: &[u32],
    (severity, confidence): (Severity, Confidence),
    texts: [&str; 5],
) -> Arc<RuleMeta> {
    let [summary, why, insecure_example, secure_example, fix] = texts;
    Arc::new(RuleMeta {
        code: code.to_owned(),
        name: name.to_owned(),
        cwe: cwe.to_vec(),
        severity,
        confidence,
        category: Category::Dependencies,
        aliases: Vec::new(),
        status: Status::Stable,
        summary: summary.to_owned(),
        why: why.to_owned(),
        insecure_example: insecure_example.to_owned(),
        secure_example: secure_example.to_owned(),
        fix: fix.to_owned(),
        references: vec!["https://ossf.github.io/osv-schema/".to_owned()],
    })
}

/// The rules, in the order of [`DependencyRule`].
static RULES: LazyLock<[Arc<RuleMeta>; 4]> = LazyLock::new(|| {
    [
        rule(
            VULNERABLE_DEPENDENCY,
            "vulnerable-dependency",
            &[1395],
            (Severity::Medium, Confidence::High),
            [
                "A pinned or installed package version is affected by a published advisory.",
                "The advisory describes a weakness in this very version of the package; \
                 attackers read the same advisories and scan for the versions they name.",
                "# requirements.txt\ndjango==3.2.0",
                "# requirements.txt\ndjango==4.2.16",
                "upgrade to a version the advisory lists as fixed",
            ],
        ),
        rule(
            UNPINNED_VULNERABLE_RANGE,
            "unpinned-vulnerable-range",
            &[1395, 1104],
            (Severity::Medium, Confidence::Medium),
            [
                "A version range allows versions that published advisories affect.",
                "Which version gets installed depends on the day and the resolver: some of \
                 the versions the range allows are known to be vulnerable, and nothing \
                 pins a safe one.",
                "# pyproject.toml\ndependencies = [\"django>=3\"]",
                "# pyproject.toml, with a lock file pinning a fixed version\n\
                 dependencies = [\"django>=4.2.16\"]",
                "raise the lower bound above the affected versions, or pin a fixed version in a lock file",
            ],
        ),
        rule(
            UNVERIFIABLE_DEPENDENCY,
            "unverifiable-dependency",
            &[1357],
            (Severity::Low, Confidence::High),
            [
                "A requirement is installed from a URL, a path or in editable mode: its \
                 version cannot be checked against the advisory database.",
                "What is installed is whatever the URL or path holds when the install \
                 runs; no advisory can be matched and no hash pins it.",
                "# requirements.txt\nmylib @ https://example.com/mylib.tar.gz",
                "# requirements.txt\nmylib==1.4.2 --hash=sha256:...",
                "install released versions from the index, pinned with hashes",
            ],
        ),
        rule(
            TYPOSQUATTED_DEPENDENCY,
            "typosquatted-dependency",
            &[1357, 506],
            (Severity::High, Confidence::Medium),
            [
                "A dependency's name looks like a misspelling or imitation of a popular package.",
                "Attackers publish packages under names one typo away from popular ones \
                 (`reqeusts`, `python-dateutils`); installing one runs their code at install \
                 time and in the application.",
                "# requirements.txt\nreqeusts==2.31.0",
                "# requirements.txt\nrequests==2.31.0",
                "check the name on the package index; use the popular package's exact name",
            ],
        ),
    ]
});

/// The rules of the dependency audit.
#[must_use]
pub fn dependency_rules() -> &'static [Arc<RuleMeta>] {
    RULES.as_slice()
}

/// One rule of the audit.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DependencyRule {
    Vulnerable,
    Unpinned,
    Unverifiable,
    Typosquatted,
}

impl DependencyRule {
    /// Its metadata.
    pub(crate) fn meta(self) -> Arc<RuleMeta> {
        let [vulnerable, unpinned, unverifiable, typosquatted] = &*RULES;
        Arc::clone(match self {
            Self::Vulnerable => vulnerable,
            Self::Unpinned => unpinned,
            Self::Unverifiable => unverifiable,
            Self::Typosquatted => typosquatted,
        })
    }
}
