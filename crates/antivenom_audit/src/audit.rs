//! Auditing the dependencies of manifests: advisories of pinned versions,
//! advisories within unpinned ranges, requirements that cannot be checked,
//! and names imitating popular packages.

use crate::ignores::{IgnoreVerdict, Ignores};
use crate::located::{ManifestTexts, Report};
use crate::rules::DependencyRule;
use antivenom_advisories::{Database, Match};
use antivenom_deps::{Dependency, Manifest, Requirement};
use antivenom_diagnostics::{Confidence, Finding, Severity, assign_fingerprints};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// Most advisory ids listed in one message.
const MAX_IDS_SHOWN: usize = 8;

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// Check names for typosquatting.
    pub typosquats: bool,
    /// Advisories the user chose to ignore.
    pub ignores: Ignores,
}

/// The outcome of an audit.
#[derive(Debug, Default)]
pub struct Audit {
    /// The findings, grouped by manifest, in line order.
    pub findings: Vec<Finding>,
    /// Things the user must know: ignores that expired, advisories ignored.
    pub notes: Vec<String>,
    /// Dependencies looked at (each manifest entry counts).
    pub dependencies: usize,
}

/// Audits the dependencies of `manifests` against `database` (advisories
/// are skipped when there is none: the caller decides whether that is
/// acceptable) and, if asked, their names.
#[must_use]
pub fn audit(manifests: &[Manifest], database: Option<&Database>, options: &AuditOptions) -> Audit {
    let mut outcome = Audit::default();
    let mut texts = ManifestTexts::default();
    let mut by_file: BTreeMap<PathBuf, Vec<Finding>> = BTreeMap::new();
    // A package a lock file or the environment pins is judged by that pin,
    // not by the ranges that allowed it.
    let pinned: HashSet<&str> = manifests
        .iter()
        .filter(|manifest| manifest.kind.is_resolved())
        .flat_map(|manifest| &manifest.dependencies)
        .map(|dependency| dependency.name.as_str())
        .collect();
    let mut expired_noted: HashSet<String> = HashSet::new();
    for manifest in manifests {
        for dependency in &manifest.dependencies {
            outcome.dependencies += 1;
            let mut found = Vec::new();
            if let Some(database) = database {
                found.extend(advisory_findings(
                    dependency,
                    database,
                    &pinned,
                    options,
                    &mut outcome.notes,
                    &mut expired_noted,
                ));
            }
            if dependency.requirement.is_unverifiable() {
                found.push(unverifiable(dependency));
            }
            if options.typosquats
                && let Some(suspicion) = antivenom_typosquat::check_name(&dependency.display_name)
            {
                found.push(typosquat(dependency, &suspicion));
            }
            for report in found {
                let finding = texts.place(&dependency.origin.path, dependency.origin.line, report);
                by_file
                    .entry(dependency.origin.path.clone())
                    .or_default()
                    .push(finding);
            }
        }
    }
    for (_, mut findings) in by_file {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assign_fingerprints(&mut findings);
        outcome.findings.extend(findings);
    }
    outcome
}

/// The advisory findings of one dependency, minus the ignored ones.
fn advisory_findings(
    dependency: &Dependency,
    database: &Database,
    pinned: &HashSet<&str>,
    options: &AuditOptions,
    notes: &mut Vec<String>,
    expired_noted: &mut HashSet<String>,
) -> Vec<Report> {
    let mut keep = |matches: Vec<Match>| -> Vec<Match> {
        matches
            .into_iter()
            .filter(|found| {
                match options.ignores.verdict(
                    std::iter::once(found.id.as_str())
                        .chain(found.aliases.iter().map(String::as_str)),
                ) {
                    IgnoreVerdict::Report => true,
                    IgnoreVerdict::Ignored(_) => false,
                    IgnoreVerdict::Expired(entry) => {
                        if expired_noted.insert(entry.id.clone()) {
                            notes.push(format!(
                                "the ignore of {} expired on {}: it is reported again",
                                entry.id,
                                entry.until.as_deref().unwrap_or_default()
                            ));
                        }
                        true
                    }
                }
            })
            .collect()
    };
    match &dependency.requirement {
        Requirement::Pinned(_) | Requirement::PinnedRaw(_) => {
            let Some(version) = dependency.requirement.pinned_version_text() else {
                return Vec::new();
            };
            let matches = keep(database.affecting(&dependency.name, &version));
            if matches.is_empty() {
                return Vec::new();
            }
            let fix_all = database.fix_for_all(&dependency.name, &matches);
            let count = matches.len();
            matches
                .iter()
                .map(|found| vulnerable(dependency, &version, found, count, fix_all.as_ref()))
                .collect()
        }
        Requirement::Range(specifiers) => {
            if pinned.contains(dependency.name.as_str()) {
                return Vec::new();
            }
            let matches = keep(database.affecting_range(&dependency.name, specifiers));
            if matches.is_empty() {
                return Vec::new();
            }
            vec![unpinned(dependency, &matches)]
        }
        Requirement::Url(_) | Requirement::Editable(_) => Vec::new(),
    }
}

/// `id (alias, alias)`.
fn named(found: &Match) -> String {
    if found.aliases.is_empty() {
        found.id.clone()
    } else {
        format!("{} ({})", found.id, found.aliases.join(", "))
    }
}

fn severity_of(found: &Match) -> Severity {
    use antivenom_advisories::Severity as Advisory;
    match found.severity {
        Some(Advisory::Low) => Severity::Low,
        Some(Advisory::Medium) | None => Severity::Medium,
        Some(Advisory::High | Advisory::Critical) => Severity::High,
    }
}

fn vulnerable(
    dependency: &Dependency,
    version: &str,
    found: &Match,
    count: usize,
    fix_all: Option<&antivenom_advisories::Version>,
) -> Report {
    let summary = found
        .summary
        .as_deref()
        .map(|summary| format!(": {}", summary.trim().trim_end_matches('.')))
        .unwrap_or_default();
    let fixed = match &found.fixed {
        Some(fixed) => format!("; fixed in {fixed}"),
        None => "; no fixed version is published".to_owned(),
    };
    let all = match fix_all {
        Some(version) if count > 1 => {
            format!("; {version} fixes all {count} advisories of this version")
        }
        _ => String::new(),
    };
    let fix = match (fix_all, &found.fixed) {
        (Some(version), _) => format!("upgrade {} to {version} or later", dependency.display_name),
        (None, Some(fixed)) => format!("upgrade {} to {fixed} or later", dependency.display_name),
        (None, None) => format!(
            "no fixed release: replace {} or mitigate as the advisory describes",
            dependency.display_name
        ),
    };
    Report {
        rule: DependencyRule::Vulnerable.meta(),
        message: format!(
            "`{} {version}` is affected by {}{summary}{fixed}{all}",
            dependency.display_name,
            named(found)
        ),
        label: format!("{} pinned here", found.id),
        fix,
        severity: severity_of(found),
        confidence: Confidence::High,
    }
}

fn unpinned(dependency: &Dependency, matches: &[Match]) -> Report {
    let mut ids: Vec<&str> = matches.iter().map(|found| found.id.as_str()).collect();
    ids.sort_unstable();
    let shown = if ids.len() > MAX_IDS_SHOWN {
        format!(
            "{}, and {} more",
            ids.get(..MAX_IDS_SHOWN).unwrap_or_default().join(", "),
            ids.len() - MAX_IDS_SHOWN
        )
    } else {
        ids.join(", ")
    };
    let worst = matches
        .iter()
        .map(severity_of)
        .max()
        .unwrap_or(Severity::Medium);
    Report {
        rule: DependencyRule::Unpinned.meta(),
        message: format!(
            "`{}{}` is unpinned: versions in the allowed range are affected by {} advisories ({shown})",
            dependency.display_name,
            dependency.requirement,
            matches.len()
        ),
        label: "affected versions allowed here".to_owned(),
        fix: format!(
            "raise the lower bound of {} above the affected versions, or pin a fixed version in a lock file",
            dependency.display_name
        ),
        severity: worst.min(Severity::Medium),
        confidence: Confidence::Medium,
    }
}

fn unverifiable(dependency: &Dependency) -> Report {
    let (how, target) = match &dependency.requirement {
        Requirement::Url(url) => ("from a URL or path", url.as_str()),
        Requirement::Editable(target) => ("in editable mode", target.as_str()),
        _ => ("", ""),
    };
    Report {
        rule: DependencyRule::Unverifiable.meta(),
        message: format!(
            "`{}` is installed {how} (`{target}`): its version cannot be checked against the advisory database",
            dependency.display_name
        ),
        label: "not checked".to_owned(),
        fix: "install a released version from the package index, pinned with a hash".to_owned(),
        severity: Severity::Low,
        confidence: Confidence::High,
    }
}

fn typosquat(dependency: &Dependency, suspicion: &antivenom_typosquat::Suspicion) -> Report {
    use antivenom_typosquat::Confidence as Likelihood;
    let confidence = match suspicion.confidence {
        Likelihood::High => Confidence::High,
        Likelihood::Medium => Confidence::Medium,
        Likelihood::Low => Confidence::Low,
    };
    Report {
        rule: DependencyRule::Typosquatted.meta(),
        message: format!(
            "`{}` looks like an imitation of the popular package `{}` (download rank {}; {})",
            dependency.display_name,
            suspicion.imitates,
            suspicion.imitated_rank,
            suspicion.technique
        ),
        label: format!("did you mean `{}`?", suspicion.imitates),
        fix: format!(
            "check the name on the package index; if you meant `{}`, use that name",
            suspicion.imitates
        ),
        severity: Severity::High,
        confidence,
    }
}
