//! The default, human-readable format: each active finding with its source
//! excerpt and fix advice, then file errors and skips, then the summary.

use crate::options::PrintOptions;
use crate::paths::display_path;
use crate::sanitize::terminal_safe;
use crate::snippet::{gutter_width, write_snippet};
use crate::style::{Painter, Role};
use crate::summary::{summary_line, write_problem_lines};
use antivenom_diagnostics::{Finding, Report};
use std::io::{self, Write};

/// Writes the text format.
pub(crate) fn write_text(
    report: &Report,
    options: &PrintOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let painter = Painter::new(options.color);
    for finding in report.active_findings() {
        write_header(finding, painter, true, out)?;
        let width = gutter_width(&finding.location);
        write_snippet(out, finding, painter, width)?;
        write_flow(finding, painter, width, out)?;
        if options.show_fix && !finding.fix.is_empty() {
            writeln!(
                out,
                "{} = {}: {}",
                " ".repeat(width),
                painter.paint(Role::Help, "help"),
                terminal_safe(&finding.fix)
            )?;
        }
        writeln!(out)?;
    }
    if !report.errors.is_empty() || !report.skipped.is_empty() {
        write_problem_lines(report, painter, out)?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}",
        painter.paint(Role::Emphasis, &summary_line(report))
    )
}

/// A taint finding's path, one step per line: `= flow: 12 source: ...`.
fn write_flow(
    finding: &Finding,
    painter: Painter,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (index, step) in finding.flow.iter().enumerate() {
        let place = if step.path == finding.path {
            format!("{:>4}", step.location.start_line)
        } else {
            format!("{}:{}", display_path(&step.path), step.location.start_line)
        };
        let message = terminal_safe(&step.message);
        if index == 0 {
            let label = painter.paint(Role::Help, "flow");
            writeln!(out, "{} = {label}: {place} {message}", " ".repeat(width))?;
        } else {
            // Aligned under the first step: ` = flow: `.
            writeln!(out, "{}         {place} {message}", " ".repeat(width))?;
        }
    }
    Ok(())
}

/// `path:line:col: CODE [sev/conf] name — message`, followed by the CWE list
/// in parentheses when `with_cwe` is set and the rule has any.
pub(crate) fn write_header(
    finding: &Finding,
    painter: Painter,
    with_cwe: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut place = display_path(&finding.path);
    let location = &finding.location;
    if location.start_line > 0 {
        place.push_str(&format!(
            ":{}:{}",
            location.start_line, location.start_column
        ));
    }
    let rule = &finding.rule;
    let mut line = format!(
        "{}: {} [{}/{}] {} — {}",
        painter.paint(Role::Emphasis, &terminal_safe(&place)),
        painter.paint(Role::Severity(finding.severity), &terminal_safe(&rule.code)),
        finding.severity,
        finding.confidence,
        terminal_safe(&rule.name),
        terminal_safe(&finding.message)
    );
    if with_cwe && !rule.cwe.is_empty() {
        line.push_str(&format!(" ({})", rule.cwe_tags().join(", ")));
    }
    writeln!(out, "{line}")
}
