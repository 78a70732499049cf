//! One line per active finding, then file errors and skips, then the
//! summary.

use crate::options::PrintOptions;
use crate::style::{Painter, Role};
use crate::summary::{summary_line, write_problem_lines};
use crate::text::write_header;
use antivenom_diagnostics::Report;
use std::io::{self, Write};

/// Writes the concise format.
pub(crate) fn write_concise(
    report: &Report,
    options: &PrintOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let painter = Painter::new(options.color);
    for finding in report.active_findings() {
        write_header(finding, painter, false, out)?;
    }
    write_problem_lines(report, painter, out)?;
    writeln!(
        out,
        "{}",
        painter.paint(Role::Emphasis, &summary_line(report))
    )
}
