//! Path spelling shared by the printers: `/` separators everywhere, and
//! URI references for SARIF.

use std::fmt::Write as _;
use std::path::{MAIN_SEPARATOR, Path};

/// The path as printed: lossy UTF-8 with `/` as the separator on every
/// platform.
pub(crate) fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(MAIN_SEPARATOR, "/")
    }
}

/// A SARIF `artifactLocation.uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArtifactUri {
    /// The URI reference.
    pub(crate) uri: String,
    /// `true` when `uri` is relative to the `%SRCROOT%` base.
    pub(crate) relative: bool,
}

/// Converts a path into a URI reference: relative paths stay relative (to be
/// resolved against `%SRCROOT%`), absolute ones become `file://` URIs.
/// Reserved and non-ASCII bytes are percent-encoded.
pub(crate) fn artifact_uri(path: &Path) -> ArtifactUri {
    let display = display_path(path);
    if path.is_absolute() || display.starts_with('/') {
        let mut uri = String::from("file://");
        if !display.starts_with('/') {
            // Windows drive paths (`C:/x`) need the third slash.
            uri.push('/');
        }
        percent_encode_into(&display, true, &mut uri);
        return ArtifactUri {
            uri,
            relative: false,
        };
    }
    let mut trimmed = display.as_str();
    while let Some(rest) = trimmed.strip_prefix("./") {
        trimmed = rest.trim_start_matches('/');
    }
    let mut uri = String::new();
    percent_encode_into(trimmed, false, &mut uri);
    ArtifactUri {
        uri,
        relative: true,
    }
}

/// Appends `text` to `out`, percent-encoding every byte that may not appear
/// literally in a URI path. `:` is kept only in absolute paths, because in
/// the first segment of a relative reference it would read as a scheme.
fn percent_encode_into(text: &str, allow_colon: bool, out: &mut String) {
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (allow_colon && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{artifact_uri, display_path};
    use std::path::Path;

    #[test]
    fn relative_paths_stay_relative_and_are_encoded() {
        let uri = artifact_uri(Path::new("./src/my app/ü#1.py"));
        assert_eq!(uri.uri, "src/my%20app/%C3%BC%231.py");
        assert!(uri.relative);
        assert_eq!(artifact_uri(Path::new("a:b.py")).uri, "a%3Ab.py");
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_become_file_uris() {
        let uri = artifact_uri(Path::new("/srv/app/x.py"));
        assert_eq!(uri.uri, "file:///srv/app/x.py");
        assert!(!uri.relative);
    }

    #[test]
    fn display_uses_forward_slashes() {
        assert_eq!(display_path(Path::new("src/app.py")), "src/app.py");
    }
}
