//! pip options in requirements files: whole option lines (`-r`, `-e`, `--index-url`)
//! and per-requirement options (`--hash`).

/// A parsed option line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OptionLine {
    /// `-r FILE` / `--requirement FILE`.
    Requirement(String),
    /// `-c FILE` / `--constraint FILE`.
    Constraint(String),
    /// `-e TARGET` / `--editable TARGET`, with the per-requirement options after it.
    Editable(String, Vec<String>),
    /// Any other known option: recorded and ignored.
    Other {
        /// The option as written.
        name: String,
        /// Its value, if it takes one.
        value: Option<String>,
    },
    /// An option pip does not know, or one missing its value.
    Invalid(String),
}

/// Long and short spellings of the global options that take a value.
const VALUE_OPTIONS: &[&str] = &[
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--trusted-host",
    "--no-binary",
    "--only-binary",
    "--use-feature",
    "--config-settings",
    "--global-option",
];

/// Global options that are flags.
const FLAG_OPTIONS: &[&str] = &["--pre", "--no-index", "--prefer-binary", "--require-hashes"];

/// Removes one level of matching quotes.
fn unquote(value: &str) -> String {
    let value = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner.to_string();
        }
    }
    value.to_string()
}

/// Splits the first token of an option line into the option name and an attached
/// value (`--index-url=URL`, `-rfile.txt`).
fn split_attached(token: &str) -> (&str, Option<&str>) {
    if token.starts_with("--") {
        match token.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (token, None),
        }
    } else if token.len() > 2 && token.is_char_boundary(2) {
        let (name, value) = token.split_at(2);
        (name, Some(value.trim_start_matches('=')))
    } else {
        (token, None)
    }
}

/// Parses a logical line that starts with `-`.
pub(crate) fn parse_option_line(text: &str) -> OptionLine {
    let mut tokens = text.split_whitespace();
    let Some(first) = tokens.next() else {
        return OptionLine::Invalid(text.to_string());
    };
    let (name, attached) = split_attached(first);
    let rest: Vec<&str> = tokens.collect();
    // The value: attached, else the next token.
    let (value, after) = match attached {
        Some(value) if !value.is_empty() => (Some(unquote(value)), rest.as_slice()),
        _ => match rest.split_first() {
            Some((value, after)) => (Some(unquote(value)), after),
            None => (None, rest.as_slice()),
        },
    };
    match name {
        "-r" | "--requirement" => value.map_or_else(
            || OptionLine::Invalid(text.to_string()),
            OptionLine::Requirement,
        ),
        "-c" | "--constraint" => value.map_or_else(
            || OptionLine::Invalid(text.to_string()),
            OptionLine::Constraint,
        ),
        "-e" | "--editable" => match value {
            Some(target) => {
                OptionLine::Editable(target, after.iter().map(|s| (*s).to_string()).collect())
            }
            None => OptionLine::Invalid(text.to_string()),
        },
        _ if FLAG_OPTIONS.contains(&first) => OptionLine::Other {
            name: first.to_string(),
            value: None,
        },
        _ if VALUE_OPTIONS.contains(&name) => match value {
            Some(value) => OptionLine::Other {
                name: name.to_string(),
                value: Some(value),
            },
            None => OptionLine::Invalid(text.to_string()),
        },
        _ => OptionLine::Invalid(text.to_string()),
    }
}

/// Per-requirement options found after a requirement.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct RequirementOptions {
    /// `--hash` values (`sha256:…`).
    pub(crate) hashes: Vec<String>,
    /// Options that were not understood.
    pub(crate) unknown: Vec<String>,
}

/// Parses the tokens after a requirement (`--hash=sha256:… --hash sha256:…`).
pub(crate) fn parse_requirement_options(tokens: &[String]) -> RequirementOptions {
    let mut options = RequirementOptions::default();
    let mut iter = tokens.iter();
    while let Some(token) = iter.next() {
        let (name, attached) = match token.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (token.as_str(), None),
        };
        match name {
            "--hash" => match attached.or_else(|| iter.next().cloned()) {
                Some(hash) => options.hashes.push(unquote(&hash)),
                None => options.unknown.push(token.clone()),
            },
            "--config-settings" | "--global-option" | "--install-option" => {
                if attached.is_none() {
                    iter.next();
                }
            }
            _ => options.unknown.push(token.clone()),
        }
    }
    options
}

/// Splits a requirement line as pip does: the requirement is every
/// whitespace-separated token before the first one starting with `-`.
pub(crate) fn split_requirement_and_options(text: &str) -> (String, Vec<String>) {
    let mut requirement = Vec::new();
    let mut options = Vec::new();
    for token in text.split_whitespace() {
        if options.is_empty() && !token.starts_with('-') {
            requirement.push(token);
        } else {
            options.push(token.to_string());
        }
    }
    (requirement.join(" "), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_option_lines() {
        assert_eq!(
            parse_option_line("-r base.txt"),
            OptionLine::Requirement("base.txt".into())
        );
        assert_eq!(
            parse_option_line("-rbase.txt"),
            OptionLine::Requirement("base.txt".into())
        );
        assert_eq!(
            parse_option_line("--requirement=base.txt"),
            OptionLine::Requirement("base.txt".into())
        );
        assert_eq!(
            parse_option_line("--constraint 'c.txt'"),
            OptionLine::Constraint("c.txt".into())
        );
        assert_eq!(
            parse_option_line("-e git+https://x/y.git#egg=y"),
            OptionLine::Editable("git+https://x/y.git#egg=y".into(), vec![])
        );
        assert_eq!(
            parse_option_line("--index-url https://pypi.org/simple"),
            OptionLine::Other {
                name: "--index-url".into(),
                value: Some("https://pypi.org/simple".into())
            }
        );
        assert_eq!(
            parse_option_line("--pre"),
            OptionLine::Other {
                name: "--pre".into(),
                value: None
            }
        );
        assert_eq!(parse_option_line("-r"), OptionLine::Invalid("-r".into()));
        assert_eq!(
            parse_option_line("--frobnicate"),
            OptionLine::Invalid("--frobnicate".into())
        );
    }

    #[test]
    fn splits_requirements_from_hashes() {
        let (requirement, options) = split_requirement_and_options(
            "foo[bar] >= 1.0 ; python_version < \"3.8\" --hash=sha256:aa --hash sha256:bb",
        );
        assert_eq!(requirement, "foo[bar] >= 1.0 ; python_version < \"3.8\"");
        let parsed = parse_requirement_options(&options);
        assert_eq!(parsed.hashes, vec!["sha256:aa", "sha256:bb"]);
        assert!(parsed.unknown.is_empty());
    }
}
