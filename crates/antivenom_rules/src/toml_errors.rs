//! Readable TOML errors for rule and configuration files.

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
