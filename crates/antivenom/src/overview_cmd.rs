//! `antivenom overview`: discover files, summarise them, print text or JSON.

use crate::cli::OverviewArgs;
use antivenom_overview::{
    FileProblem, Overview, OverviewOptions, ProblemKind, overview_files, write_json, write_text,
};
use antivenom_rules::{Registry, Selection};
use antivenom_workspace::discover::{DiscoveryOptions, discover};
use antivenom_workspace::{AnalysisOptions, analyze_files};
use anyhow::{Context, Result};
use std::io::Write;

/// Builds and prints the overview. Exits 0 even when some files could not be
/// analysed: they are listed in the output.
pub(crate) fn run(args: &OverviewArgs) -> Result<u8> {
    let discovery = DiscoveryOptions {
        exclude: if args.exclude.is_empty() {
            DiscoveryOptions::default().exclude
        } else {
            args.exclude.clone()
        },
        extend_exclude: args.extend_exclude.clone(),
        respect_gitignore: true,
    };
    let discovered = discover(&args.paths, &discovery)?;
    let mut overview = overview_files(
        &discovered.files,
        &OverviewOptions {
            threads: args.threads,
        },
    );
    let discovery_problems = discovered
        .errors
        .into_iter()
        .map(|error| FileProblem {
            path: error.path,
            kind: ProblemKind::Io,
            line: error.line,
            message: error.message,
        })
        .chain(discovered.skipped.into_iter().map(|skipped| FileProblem {
            path: skipped.path,
            kind: ProblemKind::Skipped,
            line: None,
            message: skipped.reason,
        }));
    overview.add_problems(discovery_problems);

    if args.findings {
        count_findings(&mut overview, &discovered.files, args.threads)?;
    }

    match &args.output {
        Some(path) => {
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            );
            write(args, &overview, &mut file)?;
            file.flush()?;
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(args, &overview, &mut out)?;
            out.flush()?;
        }
    }
    Ok(0)
}

/// Runs the default rule selection and records the active findings.
fn count_findings(
    overview: &mut Overview,
    files: &[std::path::PathBuf],
    threads: Option<usize>,
) -> Result<()> {
    let rules = Registry::builtin()?.rule_set(&Selection::default())?;
    let options = AnalysisOptions {
        ignore_suppressions: false,
        threads,
    };
    let report = analyze_files(files, &rules, &options, &|| {})?;
    overview.set_findings(
        report
            .active_findings()
            .map(|finding| (finding.path.as_path(), finding.severity)),
    );
    Ok(())
}

fn write(args: &OverviewArgs, overview: &Overview, out: &mut dyn Write) -> Result<()> {
    if args.format == "json" {
        write_json(overview, out)?;
    } else {
        write_text(overview, out)?;
    }
    Ok(())
}
