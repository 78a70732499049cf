//! Readable TOML errors for rule, model and configuration files: every
//! loader of a user-written TOML file reports `file:line: key ...` the same way.

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// The line of a TOML error and its message. Type errors from serde do not
/// name the key, so the key written on the offending line is added.
#[must_use]
pub fn describe_toml_error(text: &str, error: &toml::de::Error) -> (usize, String) {
    let line = error.span().map_or(1, |span| line_of(text, span.start));
    let message = error.message().trim();
    let key = text
        .lines()
        .nth(line.saturating_sub(1))
        .and_then(|source_line| source_line.split_once('='))
        .map(|(key, _)| key.trim().trim_matches('"'))
        .filter(|key| !key.is_empty() && !message.contains(&format!("`{key}`")));
    match key {
        Some(key) => (line, format!("key `{key}`: {message}")),
        None => (line, message.to_owned()),
    }
}

/// The 1-based line of `offset` in `text`, for errors found after parsing.
#[must_use]
pub fn line_at(text: &str, offset: usize) -> usize {
    line_of(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_clamped() {
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 99), 1);
    }

    #[test]
    fn type_errors_name_the_key() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct File {
            count: u32,
        }
        let text = "\ncount = \"three\"\n";
        let Err(error) = toml::from_str::<File>(text) else {
            panic!("a string is not a number");
        };
        let (line, message) = describe_toml_error(text, &error);
        assert_eq!(line, 2);
        assert!(message.contains("count"), "{message}");
    }
}
