//! `antivenom rules` and `antivenom rule <key>`.

use crate::cli::{RuleArgs, RulesArgs};
use antivenom_rules::{Registry, render_rule_doc};
use anyhow::{Result, bail};
use std::io::Write as _;
use std::path::PathBuf;

fn registry_with(files: &[PathBuf]) -> Result<Registry> {
    let mut registry = Registry::builtin()?;
    for file in files {
        registry.load_rule_file(file)?;
    }
    Ok(registry)
}

/// Prints the rule table.
pub(crate) fn list(args: &RulesArgs) -> Result<u8> {
    let registry = registry_with(&args.rule_files)?;
    // The code rules, then those of the dependency audit (`antivenom deps`).
    let mut metas = registry.metas();
    metas.extend(antivenom_audit::dependency_rules().iter().cloned());
    let mut out = std::io::stdout().lock();
    if args.json {
        let rules: Vec<_> = metas.iter().map(AsRef::as_ref).collect();
        serde_json::to_writer_pretty(&mut out, &rules)?;
        writeln!(out)?;
        return Ok(0);
    }
    let rows: Vec<[String; 7]> = metas
        .iter()
        .map(|meta| {
            [
                meta.code.clone(),
                meta.name.clone(),
                meta.aliases.join(","),
                meta.cwe_tags().join(","),
                meta.severity.to_string(),
                meta.confidence.to_string(),
                meta.status.as_str().to_owned(),
            ]
        })
        .collect();
    let header = [
        "CODE",
        "NAME",
        "ALIASES",
        "CWE",
        "SEVERITY",
        "CONFIDENCE",
        "STATUS",
    ]
    .map(str::to_owned);
    let mut widths = header.clone().map(|cell| cell.len());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:width$}"))
            .collect();
        writeln!(out, "{}", line.join("  ").trim_end())?;
    }
    Ok(0)
}

/// Prints one rule's documentation.
pub(crate) fn show(args: &RuleArgs) -> Result<u8> {
    let registry = registry_with(&args.rule_files)?;
    let dependency_rule = || {
        antivenom_audit::dependency_rules()
            .iter()
            .find(|meta| meta.is_named(&args.rule))
            .cloned()
    };
    let Some(meta) = registry.find(&args.rule).or_else(dependency_rule) else {
        bail!("no rule is named `{}` (see `antivenom rules`)", args.rule);
    };
    write!(std::io::stdout().lock(), "{}", render_rule_doc(&meta))?;
    Ok(0)
}
