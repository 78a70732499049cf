//! The closing summary line and the per-file error and skip lines shared by
//! the text and concise formats.

use crate::paths::display_path;
use crate::sanitize::terminal_safe;
use crate::style::{Painter, Role};
use antivenom_diagnostics::Report;
use std::io::{self, Write};
use std::path::Path;

/// How many files the summary names before "and N more".
const LISTED_FILES: usize = 3;

/// The one-line account of a run, e.g.
/// `Scanned 118 files: 7 findings (2 suppressed), 1 file with errors
/// (src/legacy/old.py: invalid UTF-8 at byte 1834).`
///
/// Findings are counted when active; suppressed ones are mentioned in
/// parentheses when there are any. Files with errors and skipped files are
/// listed (at most three each, then "and N more").
#[must_use]
pub fn summary_line(report: &Report) -> String {
    let mut line = format!(
        "Scanned {}: ",
        plural(report.files_scanned, "file", "files")
    );
    let active = report.active_findings().count();
    if active == 0 {
        line.push_str("no findings");
    } else {
        line.push_str(&plural(active, "finding", "findings"));
    }
    let suppressed = report.suppressed_count();
    if suppressed > 0 {
        line.push_str(&format!(" ({suppressed} suppressed)"));
    }

    let error_files = first_per_path(
        report
            .errors
            .iter()
            .map(|error| (error.path.as_path(), error.message.as_str())),
    );
    if !error_files.is_empty() {
        line.push_str(&format!(
            ", {} with errors ({})",
            plural(error_files.len(), "file", "files"),
            listing(&error_files)
        ));
    }
    let skipped_files = first_per_path(
        report
            .skipped
            .iter()
            .map(|skipped| (skipped.path.as_path(), skipped.reason.as_str())),
    );
    if !skipped_files.is_empty() {
        line.push_str(&format!(
            ", {} skipped ({})",
            plural(skipped_files.len(), "file", "files"),
            listing(&skipped_files)
        ));
    }
    line.push('.');
    terminal_safe(&line).into_owned()
}

/// `1 file` / `2 files`.
fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// One entry per distinct path, with the first message given for it, in
/// order of first appearance.
fn first_per_path<'a>(
    entries: impl Iterator<Item = (&'a Path, &'a str)>,
) -> Vec<(&'a Path, &'a str)> {
    let mut seen: Vec<(&Path, &str)> = Vec::new();
    for (path, message) in entries {
        if !seen.iter().any(|(known, _)| *known == path) {
            seen.push((path, message));
        }
    }
    seen
}

/// `a.py: why; b.py: why; c.py: why; and 2 more`.
fn listing(entries: &[(&Path, &str)]) -> String {
    let mut parts: Vec<String> = entries
        .iter()
        .take(LISTED_FILES)
        .map(|(path, message)| format!("{}: {message}", display_path(path)))
        .collect();
    if entries.len() > LISTED_FILES {
        parts.push(format!("and {} more", entries.len() - LISTED_FILES));
    }
    parts.join("; ")
}

/// Writes one line per file error (`path:line:col: error: message`) and per
/// skipped file (`path: skipped: reason`), in the report's order.
pub(crate) fn write_problem_lines(
    report: &Report,
    painter: Painter,
    out: &mut dyn Write,
) -> io::Result<()> {
    for error in &report.errors {
        let mut place = display_path(&error.path);
        if let Some(line) = error.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = error.column {
                place.push_str(&format!(":{column}"));
            }
        }
        writeln!(
            out,
            "{}: {}: {}",
            painter.paint(Role::Emphasis, &terminal_safe(&place)),
            painter.paint(Role::Error, "error"),
            terminal_safe(&error.message)
        )?;
    }
    for skipped in &report.skipped {
        writeln!(
            out,
            "{}: {}: {}",
            painter.paint(Role::Emphasis, &terminal_safe(&display_path(&skipped.path))),
            painter.paint(Role::Skipped, "skipped"),
            terminal_safe(&skipped.reason)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::summary_line;
    use antivenom_diagnostics::{
        Category, Confidence, FileError, FileErrorKind, Finding, Location, Report, RuleMeta,
        Severity, SkippedFile, Snippet, Status, Suppression, SuppressionKind,
    };
    use std::path::PathBuf;
    use std::sync::Arc;

    fn finding(suppressed: bool) -> Finding {
        let rule = Arc::new(RuleMeta {
            code: "AV301".into(),
            name: "pickle-loads".into(),
            cwe: vec![502],
            severity: Severity::High,
            confidence: Confidence::High,
            category: Category::Deserialization,
            aliases: vec![],
            status: Status::Stable,
            summary: String::new(),
            why: String::new(),
            insecure_example: String::new(),
            secure_example: String::new(),
            fix: String::new(),
            references: vec![],
        });
        Finding {
            rule,
            path: PathBuf::from("a.py"),
            location: Location::default(),
            message: String::new(),
            label: String::new(),
            fix: String::new(),
            severity: Severity::High,
            confidence: Confidence::High,
            snippet: Snippet::default(),
            suppression: suppressed.then(|| Suppression {
                kind: SuppressionKind::Nosec,
                comment: "# nosec".into(),
            }),
            fingerprint: String::new(),
            flow: vec![],
        }
    }

    fn error(path: &str, message: &str) -> FileError {
        FileError {
            path: PathBuf::from(path),
            kind: FileErrorKind::Syntax,
            line: Some(1),
            column: None,
            message: message.into(),
        }
    }

    fn report(files: usize, active: usize, suppressed: usize) -> Report {
        let mut findings: Vec<Finding> = (0..active).map(|_| finding(false)).collect();
        findings.extend((0..suppressed).map(|_| finding(true)));
        Report {
            findings,
            files_scanned: files,
            ..Report::default()
        }
    }

    #[test]
    fn counts_zero_one_and_many() {
        assert_eq!(
            summary_line(&report(0, 0, 0)),
            "Scanned 0 files: no findings."
        );
        assert_eq!(
            summary_line(&report(1, 0, 0)),
            "Scanned 1 file: no findings."
        );
        assert_eq!(
            summary_line(&report(3, 1, 0)),
            "Scanned 3 files: 1 finding."
        );
        assert_eq!(
            summary_line(&report(118, 7, 0)),
            "Scanned 118 files: 7 findings."
        );
    }

    #[test]
    fn mentions_suppressed_findings_only_when_present() {
        assert_eq!(
            summary_line(&report(118, 7, 2)),
            "Scanned 118 files: 7 findings (2 suppressed)."
        );
        assert_eq!(
            summary_line(&report(2, 0, 1)),
            "Scanned 2 files: no findings (1 suppressed)."
        );
    }

    #[test]
    fn lists_one_error_file() {
        let mut report = report(118, 7, 2);
        report
            .errors
            .push(error("src/legacy/old.py", "invalid UTF-8 at byte 1834"));
        assert_eq!(
            summary_line(&report),
            "Scanned 118 files: 7 findings (2 suppressed), 1 file with errors \
             (src/legacy/old.py: invalid UTF-8 at byte 1834)."
        );
    }

    #[test]
    fn counts_files_not_errors_and_truncates_the_list() {
        let mut report = report(10, 0, 0);
        report.errors = vec![
            error("a.py", "bad one"),
            error("a.py", "bad two"),
            error("b.py", "bad"),
            error("c.py", "bad"),
            error("d.py", "bad"),
            error("e.py", "bad"),
        ];
        assert_eq!(
            summary_line(&report),
            "Scanned 10 files: no findings, 5 files with errors \
             (a.py: bad one; b.py: bad; c.py: bad; and 2 more)."
        );
    }

    #[test]
    fn mentions_skipped_files() {
        let mut report = report(4, 1, 0);
        report.skipped.push(SkippedFile {
            path: PathBuf::from("x.py"),
            reason: "binary file".into(),
        });
        assert_eq!(
            summary_line(&report),
            "Scanned 4 files: 1 finding, 1 file skipped (x.py: binary file)."
        );
        report.errors.push(error("y.py", "unexpected indent"));
        report.skipped.push(SkippedFile {
            path: PathBuf::from("z.bin"),
            reason: "binary file".into(),
        });
        assert_eq!(
            summary_line(&report),
            "Scanned 4 files: 1 finding, 1 file with errors (y.py: unexpected indent), \
             2 files skipped (x.py: binary file; z.bin: binary file)."
        );
    }

    #[test]
    fn keeps_control_characters_out_of_the_line() {
        let mut report = report(1, 0, 0);
        report.errors.push(error("a\u{1b}.py", "bad\nthing"));
        assert_eq!(
            summary_line(&report),
            "Scanned 1 file: no findings, 1 file with errors (a<U+001B>.py: bad<U+000A>thing)."
        );
    }
}
