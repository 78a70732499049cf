//! The readable summary printed by `antivenom overview`.

use crate::model::{FindingCounts, Overview};
use std::io::{self, Write};

/// How many of the most complex functions the summary lists.
pub const TOP_FUNCTIONS: usize = 10;

/// Writes the summary of `overview` to `out`.
///
/// # Errors
/// When writing fails.
pub fn write_text(overview: &Overview, out: &mut dyn Write) -> io::Result<()> {
    let totals = &overview.totals;
    writeln!(
        out,
        "Overview: {} {}, {} lines ({} code), {} {}",
        totals.files,
        plural(totals.files, "file", "files"),
        totals.lines,
        totals.code_lines,
        totals.functions,
        plural(totals.functions, "function", "functions"),
    )?;
    if let Some(findings) = &totals.findings {
        writeln!(out, "Findings: {}", describe_findings(findings))?;
    }

    if !overview.files.is_empty() {
        section(out, "Files", overview.files.len())?;
        let with_findings = totals.findings.is_some();
        let mut rows = vec![{
            let mut header = vec!["LINES", "CODE", "FUNCS", "MAX CC", "NET", "PROC", "WRITE"];
            if with_findings {
                header.push("FINDINGS");
            }
            header.push("PATH");
            header.into_iter().map(str::to_owned).collect::<Vec<_>>()
        }];
        for file in &overview.files {
            let max_complexity = file
                .functions
                .iter()
                .map(|function| function.complexity)
                .max()
                .map_or_else(|| "-".to_owned(), |value| value.to_string());
            let mut row = vec![
                file.lines.to_string(),
                file.code_lines.to_string(),
                file.functions.len().to_string(),
                max_complexity,
                file.network_calls.len().to_string(),
                file.process_calls.len().to_string(),
                file.file_writes.len().to_string(),
            ];
            if with_findings {
                row.push(
                    file.findings
                        .as_ref()
                        .map_or(0, FindingCounts::total)
                        .to_string(),
                );
            }
            row.push(file.path.display().to_string());
            rows.push(row);
        }
        table(out, &rows)?;
    }

    let complex = overview.most_complex(TOP_FUNCTIONS);
    if !complex.is_empty() {
        section(out, "Most complex functions", complex.len())?;
        let mut rows = vec![
            ["CC", "CODE", "FUNCTION", "LOCATION"]
                .map(str::to_owned)
                .to_vec(),
        ];
        for (file, function) in complex {
            rows.push(vec![
                function.complexity.to_string(),
                function.code_lines.to_string(),
                function.name.clone(),
                format!("{}:{}", file.path.display(), function.line),
            ]);
        }
        table(out, &rows)?;
    }

    if !overview.external_modules.is_empty() {
        section(out, "External modules", overview.external_modules.len())?;
        let mut rows = vec![
            ["MODULE", "DISTRIBUTION", "FILES"]
                .map(str::to_owned)
                .to_vec(),
        ];
        for module in &overview.external_modules {
            rows.push(vec![
                module.module.clone(),
                module.distribution.clone(),
                module.files.to_string(),
            ]);
        }
        table(out, &rows)?;
    }

    let mut network = Vec::new();
    let mut process = Vec::new();
    let mut writes = Vec::new();
    for file in &overview.files {
        let path = file.path.display();
        for call in &file.network_calls {
            network.push(site(
                &format!("{path}:{}", call.line),
                &call.api,
                call.target.as_deref(),
            ));
        }
        for call in &file.process_calls {
            process.push(site(
                &format!("{path}:{}", call.line),
                &call.api,
                call.command.as_deref(),
            ));
        }
        for call in &file.file_writes {
            let mut detail = call.path.clone().map(|path| format!("{path:?}"));
            let mode = match &call.mode {
                Some(mode) => format!("mode {mode:?}"),
                None if call.api.ends_with("open") => "mode not constant".to_owned(),
                None => String::new(),
            };
            if !mode.is_empty() {
                detail = Some(match detail {
                    Some(path) => format!("{path} ({mode})"),
                    None => format!("({mode})"),
                });
            }
            writes.push(vec![
                format!("{path}:{}", call.line),
                call.api.clone(),
                detail.unwrap_or_default(),
            ]);
        }
    }
    for (title, rows) in [
        ("Network calls", network),
        ("Process starts", process),
        ("File writes", writes),
    ] {
        if !rows.is_empty() {
            section(out, title, rows.len())?;
            table(out, &rows)?;
        }
    }

    if !overview.errors.is_empty() {
        section(out, "Errors", overview.errors.len())?;
        for problem in &overview.errors {
            let line = problem
                .line
                .map(|line| format!(":{line}"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {}{line}: {} ({})",
                problem.path.display(),
                problem.message,
                problem.kind.as_str()
            )?;
        }
    }
    Ok(())
}

fn describe_findings(counts: &FindingCounts) -> String {
    format!(
        "{} (high {}, medium {}, low {})",
        counts.total(),
        counts.high,
        counts.medium,
        counts.low
    )
}

fn plural<'w>(count: usize, one: &'w str, many: &'w str) -> &'w str {
    if count == 1 { one } else { many }
}

fn section(out: &mut dyn Write, title: &str, count: usize) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{title} ({count})")
}

/// A call-site row: location, API and the target in quotes when known.
fn site(location: &str, api: &str, target: Option<&str>) -> Vec<String> {
    vec![
        location.to_owned(),
        api.to_owned(),
        target
            .map(|target| format!("{target:?}"))
            .unwrap_or_default(),
    ]
}

/// Writes `rows` as left-aligned columns, indented by two spaces; the last
/// column is not padded.
fn table(out: &mut dyn Write, rows: &[Vec<String>]) -> io::Result<()> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = String::from(" ");
        for (position, (cell, width)) in row.iter().zip(&widths).enumerate() {
            line.push(' ');
            line.push_str(cell);
            if position + 1 < row.len() {
                let padding = width.saturating_sub(cell.chars().count());
                line.extend(std::iter::repeat_n(' ', padding + 1));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
