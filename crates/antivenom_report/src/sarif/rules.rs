//! `tool.driver.rules`: one reporting descriptor per rule, with the help
//! text built from the rule's documentation.

use super::levels::{level, precision, security_severity};
use super::model::{Configuration, MultiformatMessage, RuleDescriptor, RuleProperties};
use antivenom_diagnostics::{Finding, RuleMeta};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The rules of the run in a fixed order, with a lookup from code to index.
pub(crate) struct RuleTable {
    rules: Vec<Arc<RuleMeta>>,
    index: BTreeMap<String, usize>,
}

impl RuleTable {
    /// The enabled rules in the report's order (first one wins on a
    /// duplicate code), followed by any rule that only appears in a finding,
    /// so that every result's `ruleIndex` is valid.
    pub(crate) fn new(enabled: &[Arc<RuleMeta>], findings: &[Finding]) -> Self {
        let mut table = Self {
            rules: Vec::new(),
            index: BTreeMap::new(),
        };
        for rule in enabled
            .iter()
            .chain(findings.iter().map(|finding| &finding.rule))
        {
            if !table.index.contains_key(&rule.code) {
                table.index.insert(rule.code.clone(), table.rules.len());
                table.rules.push(Arc::clone(rule));
            }
        }
        table
    }

    /// Index of the rule with `code` in `tool.driver.rules`.
    pub(crate) fn index_of(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    /// The descriptors, in table order.
    pub(crate) fn descriptors(&self) -> Vec<RuleDescriptor> {
        self.rules.iter().map(|rule| descriptor(rule)).collect()
    }
}

fn descriptor(rule: &RuleMeta) -> RuleDescriptor {
    let mut tags = vec!["security".to_owned()];
    tags.extend(rule.cwe_tags());
    tags.push(rule.category.as_str().to_owned());
    let full = if rule.why.is_empty() {
        &rule.summary
    } else {
        &rule.why
    };
    RuleDescriptor {
        id: rule.code.clone(),
        name: rule.name.clone(),
        short_description: MultiformatMessage::text(&rule.summary),
        full_description: MultiformatMessage::text(full),
        help: MultiformatMessage {
            text: help_text(rule),
            markdown: Some(help_markdown(rule)),
        },
        help_uri: rule
            .references
            .iter()
            .find(|reference| is_url(reference))
            .cloned(),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags,
            security_severity: security_severity(rule.severity),
            precision: precision(rule.confidence),
            aliases: rule.aliases.clone(),
        },
    }
}

/// The sections of a rule's help, in order; empty ones are left out.
fn sections(rule: &RuleMeta) -> Vec<(&'static str, Section<'_>)> {
    let mut sections = Vec::new();
    if !rule.why.is_empty() {
        sections.push(("Why is this dangerous?", Section::Prose(&rule.why)));
    }
    if !rule.insecure_example.is_empty() {
        sections.push(("Example", Section::Code(&rule.insecure_example)));
    }
    if !rule.secure_example.is_empty() {
        sections.push(("Use instead", Section::Code(&rule.secure_example)));
    }
    if !rule.fix.is_empty() {
        sections.push(("How to fix", Section::Prose(&rule.fix)));
    }
    if !rule.references.is_empty() {
        sections.push(("References", Section::List(&rule.references)));
    }
    sections
}

enum Section<'a> {
    Prose(&'a str),
    Code(&'a str),
    List(&'a [String]),
}

/// Plain-text help.
fn help_text(rule: &RuleMeta) -> String {
    let mut text = format!("{} ({}): {}", rule.code, rule.name, rule.summary);
    for (title, section) in sections(rule) {
        text.push_str("\n\n");
        text.push_str(title);
        text.push('\n');
        match section {
            Section::Prose(prose) => text.push_str(prose.trim_end()),
            Section::Code(code) => {
                let indented: Vec<String> = code
                    .trim_end()
                    .lines()
                    .map(|line| format!("    {line}"))
                    .collect();
                text.push_str(&indented.join("\n"));
            }
            Section::List(items) => {
                let bullets: Vec<String> = items.iter().map(|item| format!("- {item}")).collect();
                text.push_str(&bullets.join("\n"));
            }
        }
    }
    text
}

/// Markdown help.
fn help_markdown(rule: &RuleMeta) -> String {
    let mut markdown = format!("**{}** (`{}`): {}", rule.code, rule.name, rule.summary);
    if !rule.cwe.is_empty() {
        let links: Vec<String> = rule
            .cwe
            .iter()
            .map(|cwe| format!("[CWE-{cwe}](https://cwe.mitre.org/data/definitions/{cwe}.html)"))
            .collect();
        markdown.push_str(&format!("\n\nWeakness: {}.", links.join(", ")));
    }
    for (title, section) in sections(rule) {
        markdown.push_str("\n\n## ");
        markdown.push_str(title);
        markdown.push_str("\n\n");
        match section {
            Section::Prose(prose) => markdown.push_str(prose.trim_end()),
            Section::Code(code) => {
                let fence = fence_for(code);
                markdown.push_str(&format!("{fence}python\n{}\n{fence}", code.trim_end()));
            }
            Section::List(items) => {
                let bullets: Vec<String> = items
                    .iter()
                    .map(|item| {
                        if is_url(item) {
                            format!("- <{item}>")
                        } else {
                            format!("- {item}")
                        }
                    })
                    .collect();
                markdown.push_str(&bullets.join("\n"));
            }
        }
    }
    markdown
}

/// `true` for an absolute http(s) URL without spaces.
fn is_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

/// A backtick fence longer than any backtick run inside `code`.
fn fence_for(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat(longest.max(2) + 1)
}

#[cfg(test)]
mod tests {
    use super::fence_for;

    #[test]
    fn fence_outgrows_backticks_in_the_code() {
        assert_eq!(fence_for("x = 1"), "```");
        assert_eq!(fence_for("s = '```'"), "````");
    }
}
