//! The TOML rule format and its validation.

use antivenom_diagnostics::{
    Category, Confidence, RuleMeta, Severity, Status, describe_toml_error, line_at,
};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

/// A malformed or unreadable rule file. Messages name the file, the line
/// and the offending key.
#[derive(Debug, Error)]
pub enum RuleFileError {
    /// The file could not be read.
    #[error("{file}: cannot read rule file: {message}")]
    Io {
        /// The file.
        file: String,
        /// The OS error.
        message: String,
    },
    /// The TOML is invalid, has an unknown key or a value of the wrong type.
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong, naming the key.
        message: String,
    },
}

/// The conditions on a call's arguments are the taint models' own: one
/// format (`docs/rule-format.md`), one evaluator.
pub use antivenom_taint_models::{ArgumentState, Condition};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleSpec {
    code: Spanned<String>,
    name: Spanned<String>,
    cwe: Spanned<Vec<u32>>,
    severity: Severity,
    confidence: Confidence,
    category: Category,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default = "stable")]
    status: Status,
    summary: String,
    why: String,
    insecure_example: String,
    secure_example: String,
    fix: String,
    #[serde(default)]
    references: Vec<String>,
    message: String,
    label: Option<String>,
    #[serde(default)]
    calls: Vec<String>,
    #[serde(default)]
    imports: Vec<String>,
    #[serde(default)]
    when: Vec<Spanned<Condition>>,
    #[serde(default)]
    unless: Vec<Spanned<Condition>>,
}

const fn stable() -> Status {
    Status::Stable
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<Spanned<RuleSpec>>,
}

/// A validated declarative rule.
#[derive(Debug, Clone)]
pub struct DeclarativeRule {
    /// Its metadata.
    pub meta: RuleMeta,
    /// Message template; `{name}` is replaced by the matched call or module.
    pub message: String,
    /// Label under the range.
    pub label: Option<String>,
    /// Qualified call names (a trailing `*` matches a prefix).
    pub calls: Vec<String>,
    /// Imported module names (a trailing `*` matches a prefix).
    pub imports: Vec<String>,
    /// Conditions that must all hold for a call to be reported.
    pub when: Vec<Condition>,
    /// Conditions any of which makes a call safe.
    pub unless: Vec<Condition>,
}

/// Parses and validates a rule file. `origin` names it in errors.
///
/// # Errors
/// When the TOML is invalid or a rule breaks the format's constraints.
pub fn parse_rule_file(
    origin: &str,
    contents: &str,
) -> Result<Vec<DeclarativeRule>, RuleFileError> {
    let invalid = |offset: usize, message: String| RuleFileError::Invalid {
        file: origin.to_owned(),
        line: line_at(contents, offset),
        message,
    };
    let file: RuleFile = toml::from_str(contents).map_err(|error| {
        let (line, message) = describe_toml_error(contents, &error);
        RuleFileError::Invalid {
            file: origin.to_owned(),
            line,
            message,
        }
    })?;
    let mut rules = Vec::with_capacity(file.rule.len());
    for spanned in file.rule {
        let start = spanned.span().start;
        let spec = spanned.into_inner();
        let code = spec.code.get_ref();
        let valid_code = code.len() > 1
            && code.starts_with(|c: char| c.is_ascii_uppercase())
            && code.ends_with(|c: char| c.is_ascii_digit())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !valid_code {
            return Err(invalid(
                spec.code.span().start,
                format!(
                    "key `code`: `{code}` must be upper-case letters followed by digits, e.g. AV301 or ACME1"
                ),
            ));
        }
        let name = spec.name.get_ref();
        let valid_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.starts_with('-')
            && !name.ends_with('-');
        if !valid_name {
            return Err(invalid(
                spec.name.span().start,
                format!("key `name`: `{name}` must be kebab-case, e.g. pickle-loads"),
            ));
        }
        if spec.cwe.get_ref().is_empty() {
            return Err(invalid(
                spec.cwe.span().start,
                "key `cwe`: list at least one CWE number".to_owned(),
            ));
        }
        if spec.calls.is_empty() && spec.imports.is_empty() {
            return Err(invalid(
                start,
                format!("rule `{code}`: give `calls` or `imports` (keys missing)"),
            ));
        }
        let compile = |conditions: Vec<Spanned<Condition>>, key: &str| {
            conditions
                .into_iter()
                .map(|spanned| {
                    let offset = spanned.span().start;
                    let mut condition = spanned.into_inner();
                    condition.validate().map_err(|message| {
                        // `matches`: ... names the key under `when`/`unless`.
                        let message = match message.strip_prefix("`matches`: ") {
                            Some(error) => format!("key `{key}.matches`: {error}"),
                            None => format!("key `{key}`: {message}"),
                        };
                        invalid(offset, format!("rule `{code}`: {message}"))
                    })?;
                    Ok(condition)
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let when = compile(spec.when, "when")?;
        let unless = compile(spec.unless, "unless")?;
        let meta = RuleMeta {
            code: spec.code.into_inner(),
            name: spec.name.into_inner(),
            cwe: spec.cwe.into_inner(),
            severity: spec.severity,
            confidence: spec.confidence,
            category: spec.category,
            aliases: spec.aliases,
            status: spec.status,
            summary: spec.summary,
            why: spec.why,
            insecure_example: spec.insecure_example.trim_matches('\n').to_owned(),
            secure_example: spec.secure_example.trim_matches('\n').to_owned(),
            fix: spec.fix,
            references: spec.references,
        };
        rules.push(DeclarativeRule {
            meta,
            message: spec.message,
            label: spec.label,
            calls: spec.calls,
            imports: spec.imports,
            when,
            unless,
        });
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"
[[rule]]
code = "ACME1"
name = "acme-danger"
cwe = [78]
severity = "high"
confidence = "medium"
category = "command-injection"
summary = "s"
why = "w"
insecure-example = "danger(x)"
secure-example = "safe(x)"
fix = "f"
message = "Calling `{name}`"
calls = ["acme.danger"]
[[rule.when]]
pos = 0
is = "non-constant"
"#;

    #[test]
    fn parses_a_valid_rule() {
        let rules = parse_rule_file("acme.toml", VALID).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].meta.code, "ACME1");
        assert_eq!(rules[0].when[0].is, Some(ArgumentState::NonConstant));
    }

    #[test]
    fn parses_result_of() {
        let source = VALID.replace("is = \"non-constant\"", "result-of = [\"acme.dumps\"]");
        let rules = parse_rule_file("acme.toml", &source).unwrap();
        assert_eq!(
            rules[0].when[0].result_of.as_deref(),
            Some(&["acme.dumps".to_owned()][..])
        );
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let broken = VALID.replace("fix = \"f\"", "fix = \"f\"\nfixx = 1");
        let error = parse_rule_file("acme.toml", &broken)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("acme.toml:14:"), "{error}");
        assert!(error.contains("fixx"), "{error}");
    }

    #[test]
    fn wrong_type_names_the_key() {
        let broken = VALID.replace("cwe = [78]", "cwe = \"78\"");
        let error = parse_rule_file("acme.toml", &broken)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("acme.toml:5:"), "{error}");
    }

    #[test]
    fn invalid_values_are_rejected_with_their_line() {
        let error = parse_rule_file("a.toml", &VALID.replace("ACME1", "acme"))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("a.toml:3:") && error.contains("`code`"),
            "{error}"
        );
        let error = parse_rule_file("a.toml", &VALID.replace("high", "critical"))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("a.toml:6:"), "{error}");
        let error = parse_rule_file(
            "a.toml",
            &VALID.replace("pos = 0", "arg = \"x\"\nmatches = \"(\""),
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("when.matches"), "{error}");
    }
}
