//! Rule documentation rendered from metadata: `docs/rules/<name>.md`, the
//! index, and the text of `antivenom rule <code>`.

use crate::calibration::{Calibration, calibration};
use antivenom_diagnostics::RuleMeta;
use std::fmt::Write as _;
use std::sync::Arc;

fn cwe_link(cwe: u32) -> String {
    format!("[CWE-{cwe}](https://cwe.mitre.org/data/definitions/{cwe}.html)")
}

/// The Markdown page of one rule.
#[must_use]
pub fn render_rule_doc(meta: &RuleMeta) -> String {
    let mut page = String::new();
    let cwes: Vec<String> = meta.cwe.iter().map(|&cwe| cwe_link(cwe)).collect();
    let aliases = if meta.aliases.is_empty() {
        "none".to_owned()
    } else {
        meta.aliases.join(", ")
    };
    let _ = writeln!(page, "# {} ({})\n", meta.name, meta.code);
    let _ = writeln!(page, "{}\n", meta.summary);
    let _ = writeln!(page, "| | |\n|---|---|");
    let _ = writeln!(page, "| Code | `{}` |", meta.code);
    let _ = writeln!(page, "| Severity | {} |", meta.severity);
    let _ = writeln!(page, "| Confidence | {} |", meta.confidence);
    let _ = writeln!(page, "| CWE | {} |", cwes.join(", "));
    let _ = writeln!(page, "| Category | {} |", meta.category);
    let _ = writeln!(page, "| Aliases | {aliases} |");
    let _ = writeln!(page, "| Status | {} |\n", meta.status.as_str());
    let _ = writeln!(page, "## Why is this dangerous?\n\n{}\n", meta.why.trim());
    let _ = writeln!(
        page,
        "## Example\n\n```python\n{}\n```\n",
        meta.insecure_example
    );
    let _ = writeln!(
        page,
        "## Use instead\n\n```python\n{}\n```\n",
        meta.secure_example
    );
    let _ = writeln!(page, "## How to fix\n\n{}\n", meta.fix.trim());
    if let Some(note) = calibration(&meta.name) {
        render_calibration(&mut page, note);
    }
    let _ = writeln!(page, "## References\n");
    for cwe in &meta.cwe {
        let _ = writeln!(page, "- {}", cwe_link(*cwe));
    }
    for reference in &meta.references {
        let _ = writeln!(page, "- <{reference}>");
    }
    page
}

/// The "On real code" section: what the rule reported on a large corpus.
fn render_calibration(page: &mut String, note: &Calibration) {
    let plural = |count: u32| if count == 1 { "" } else { "s" };
    let _ = write!(
        page,
        "## On real code\n\nMeasured {} on {}: {} finding{}",
        note.measured,
        note.corpus.trim(),
        note.findings,
        plural(note.findings)
    );
    if let Some(before) = note.findings_before {
        let _ = write!(page, " ({before} before the tightening below)");
    }
    let _ = writeln!(
        page,
        ".\n\n**Sample.** {}\n\n**Verdict.** {}\n",
        note.sample.trim(),
        note.verdict.trim()
    );
}

/// Weaknesses of the merged rule catalogue that a check on the syntax tree,
/// names and constants alone cannot find precisely: (catalogue key, why).
pub const NOT_STATICALLY_CHECKABLE: &[(&str, &str)] = &[
    (
        "dangerous_annotations_eval",
        "`typing.get_type_hints` evaluates annotations, which is only dangerous when the object \
         comes from an attacker; telling that apart needs data-flow (taint) analysis, planned \
         with the taint engine.",
    ),
    (
        "python2_input",
        "`input()` evaluates its text only under Python 2, and which interpreter runs a file is \
         not written in it; Python 2 files do not even parse as Python 3, so a rule cannot tell \
         the two `input`s apart.",
    ),
];

/// The Markdown index of all rules.
#[must_use]
pub fn render_rules_index(metas: &[Arc<RuleMeta>]) -> String {
    let mut page = String::from(
        "# antivenom rules\n\nGenerated from the rules' metadata (`cargo run -p antivenom -- generate-docs`); do not edit by hand.\n\n\
         | Code | Name | Aliases | CWE | Severity | Confidence | Category | Status |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for meta in metas {
        let cwes: Vec<String> = meta.cwe_tags();
        let _ = writeln!(
            page,
            "| {} | [{}]({}.md) | {} | {} | {} | {} | {} | {} |",
            meta.code,
            meta.name,
            meta.name,
            meta.aliases.join(", "),
            cwes.join(", "),
            meta.severity,
            meta.confidence,
            meta.category,
            meta.status.as_str()
        );
    }
    page.push_str(
        "\n## Not statically checkable\n\n\
         Weaknesses of the merged catalogue that no rule here reports, and why:\n\n",
    );
    for (key, reason) in NOT_STATICALLY_CHECKABLE {
        let _ = writeln!(page, "- `{key}`: {reason}");
    }
    page
}

#[cfg(test)]
mod tests {
    use super::render_rule_doc;
    use crate::Registry;
    use crate::calibration::calibration;

    #[test]
    fn calibrated_rules_have_an_on_real_code_section() {
        let registry = Registry::builtin().unwrap();
        let metas = registry.metas();
        let calibrated = metas
            .iter()
            .find(|meta| meta.name == "dynamic-code-execution")
            .unwrap();
        let note = calibration(&calibrated.name).unwrap();
        let page = render_rule_doc(calibrated);
        let section = page.find("## On real code").unwrap();
        assert!(section < page.find("## References").unwrap());
        assert!(page[section..].contains(&format!("{} findings", note.findings)));
        assert!(page[section..].contains(note.sample.trim()));
        assert!(page[section..].contains(note.verdict.trim()));

        let uncalibrated = metas
            .iter()
            .find(|meta| calibration(&meta.name).is_none())
            .unwrap();
        assert!(!render_rule_doc(uncalibrated).contains("## On real code"));
    }
}
