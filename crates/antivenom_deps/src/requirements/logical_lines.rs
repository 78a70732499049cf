//! Splits a requirements file into logical lines, as pip does: lines ending in a
//! backslash are joined with the next one, then comments are removed.

/// One logical line: the text after joining continuations and removing comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogicalLine {
    /// 1-based number of its first physical line.
    pub(crate) line: usize,
    /// The text, trimmed, without comment; never empty.
    pub(crate) text: String,
}

/// Whether the physical line is only a comment (`#` after optional whitespace).
fn is_comment_line(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Removes a comment: `#` at the start or after whitespace, up to the end.
/// A `#` inside a word (a URL fragment like `#egg=name`) is kept.
fn strip_comment(text: &str) -> &str {
    let mut previous_is_space = true;
    for (index, c) in text.char_indices() {
        if c == '#' && previous_is_space {
            return text.get(..index).unwrap_or(text);
        }
        previous_is_space = c.is_whitespace();
    }
    text
}

/// The logical lines of a requirements file, skipping blank and comment-only ones.
pub(crate) fn logical_lines(text: &str) -> Vec<LogicalLine> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let is_continued = raw.ends_with('\\') && !is_comment_line(raw);
        if is_continued {
            let piece = raw.trim_end_matches('\\');
            match &mut pending {
                Some((_, joined)) => joined.push_str(piece),
                None => pending = Some((number, piece.to_string())),
            }
            continue;
        }
        let (first_line, joined) = match pending.take() {
            Some((first_line, mut joined)) => {
                if is_comment_line(raw) {
                    // pip ends a continuation at a comment line; keep it a comment.
                    joined.push(' ');
                }
                joined.push_str(raw);
                (first_line, joined)
            }
            None => (number, raw.to_string()),
        };
        push_line(&mut out, first_line, &joined);
    }
    // A final line ending in a backslash.
    if let Some((first_line, joined)) = pending {
        push_line(&mut out, first_line, &joined);
    }
    out
}

/// Strips the comment and pushes the line if anything is left.
fn push_line(out: &mut Vec<LogicalLine>, line: usize, joined: &str) {
    let text = strip_comment(joined).trim();
    if !text.is_empty() {
        out.push(LogicalLine {
            line,
            text: text.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<(usize, String)> {
        logical_lines(input)
            .into_iter()
            .map(|line| (line.line, line.text))
            .collect()
    }

    #[test]
    fn joins_continuations_and_strips_comments() {
        let input = "# header\nrequests==2.19.0 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n\nflask  # web\ngit+https://x/y.git#egg=y\n";
        assert_eq!(
            texts(input),
            vec![
                (
                    2,
                    "requests==2.19.0     --hash=sha256:aa     --hash=sha256:bb".to_string()
                ),
                (6, "flask".to_string()),
                (7, "git+https://x/y.git#egg=y".to_string()),
            ]
        );
    }

    #[test]
    fn comment_line_ends_a_continuation() {
        assert_eq!(
            texts("six \\\n# note\nattrs"),
            vec![(1, "six".to_string()), (3, "attrs".to_string())]
        );
        assert_eq!(texts("six \\"), vec![(1, "six".to_string())]);
        assert_eq!(
            texts("\u{feff}#only\r\nsix\r\n"),
            vec![(2, "six".to_string())]
        );
    }
}
