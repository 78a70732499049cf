//! SARIF locations for findings, flow steps and file notifications.

use super::model::{ArtifactContent, ArtifactLocation, PhysicalLocation, Region, SarifLocation};
use crate::paths::artifact_uri;
use crate::source_lines::SourceLines;
use antivenom_diagnostics::{Location, Snippet};
use std::path::Path;

/// The base every relative URI is resolved against.
pub(crate) const SRCROOT: &str = "%SRCROOT%";

/// The artifact location of `path`: relative to `%SRCROOT%`, or an absolute
/// `file://` URI.
pub(crate) fn artifact_location(path: &Path) -> ArtifactLocation {
    let uri = artifact_uri(path);
    ArtifactLocation {
        uri: Some(uri.uri),
        uri_base_id: uri.relative.then_some(SRCROOT),
        description: None,
    }
}

/// The region of `location` (`None` when its line is unknown). Zero columns
/// (unknown) are left out, since SARIF columns start at 1.
pub(crate) fn region(location: &Location, snippet_text: Option<String>) -> Option<Region> {
    if location.start_line == 0 {
        return None;
    }
    let positive = |value: usize| (value > 0).then_some(value);
    let end_line = location.end_line.max(location.start_line);
    Some(Region {
        start_line: location.start_line,
        start_column: positive(location.start_column),
        end_line: Some(end_line),
        end_column: positive(location.end_column),
        snippet: snippet_text.map(|text| ArtifactContent { text }),
    })
}

/// The location of a finding: the exact range (with its text when the
/// snippet holds it) and, as context, the whole lines of the snippet.
pub(crate) fn finding_location(
    path: &Path,
    location: &Location,
    snippet: &Snippet,
) -> SarifLocation {
    let lines = SourceLines::new(snippet);
    let exact = lines.range_text(location);
    let context = lines.bounds().and_then(|(first, last)| {
        // A context region must contain the region.
        let covers =
            location.start_line >= first && location.end_line.max(location.start_line) <= last;
        covers.then(|| Region {
            start_line: first,
            start_column: None,
            end_line: Some(last),
            end_column: None,
            snippet: Some(ArtifactContent {
                text: snippet.text.clone(),
            }),
        })
    });
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(path),
            region: region(location, exact),
            context_region: context,
        },
        message: None,
    }
}

/// A location made of a file and an optional line and column.
pub(crate) fn file_location(
    path: &Path,
    line: Option<usize>,
    column: Option<usize>,
) -> SarifLocation {
    let region = line.filter(|line| *line > 0).map(|line| Region {
        start_line: line,
        start_column: column.filter(|column| *column > 0),
        end_line: None,
        end_column: None,
        snippet: None,
    });
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(path),
            region,
            context_region: None,
        },
        message: None,
    }
}
