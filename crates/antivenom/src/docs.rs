//! `antivenom generate-docs`: writes (or checks) docs/rules from metadata.

use crate::cli::GenerateDocsArgs;
use antivenom_rules::{Registry, render_rule_doc, render_rules_index};
use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::io::Write as _;

/// Regenerates the rule pages, or with `--check` fails when any is stale.
pub(crate) fn generate(args: &GenerateDocsArgs) -> Result<u8> {
    let registry = Registry::builtin()?;
    // The code rules, then those of the dependency audit (`antivenom deps`).
    let mut metas = registry.metas();
    metas.extend(antivenom_audit::dependency_rules().iter().cloned());
    let mut wanted: BTreeMap<String, String> = BTreeMap::new();
    wanted.insert("README.md".to_owned(), render_rules_index(&metas));
    for meta in &metas {
        wanted.insert(format!("{}.md", meta.name), render_rule_doc(meta));
    }
    let mut stale = Vec::new();
    for (name, contents) in &wanted {
        let path = args.dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            stale.push(name.clone());
        }
    }
    let existing: Vec<String> = std::fs::read_dir(&args.dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name.ends_with(".md") && !wanted.contains_key(name))
                .collect()
        })
        .unwrap_or_default();
    if args.check {
        if stale.is_empty() && existing.is_empty() {
            writeln!(
                std::io::stdout(),
                "docs/rules is up to date ({} rules)",
                metas.len()
            )?;
            return Ok(0);
        }
        bail!(
            "docs in {} are stale (run `cargo run -p antivenom -- generate-docs`): changed {:?}, obsolete {:?}",
            args.dir.display(),
            stale,
            existing
        );
    }
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    for name in &stale {
        let path = args.dir.join(name);
        std::fs::write(&path, &wanted[name])
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    for name in &existing {
        std::fs::remove_file(args.dir.join(name))?;
    }
    writeln!(
        std::io::stdout(),
        "wrote {} files, removed {} in {}",
        stale.len(),
        existing.len(),
        args.dir.display()
    )?;
    Ok(0)
}
