//! `runs[0].invocations[0]`: whether the run succeeded, and one notification
//! per file error (level `error`) and per skipped file (level `note`).

use super::locations::file_location;
use super::model::{
    Configuration, DescriptorReference, Invocation, MultiformatMessage, Notification,
    NotificationDescriptor,
};
use antivenom_diagnostics::{FileErrorKind, Report};

/// Notification kinds, in the order of `tool.driver.notifications`.
const NOTIFICATIONS: [(&str, &str, &str); 5] = [
    ("io-error", "error", "A file could not be read."),
    (
        "encoding-error",
        "error",
        "A file could not be decoded as text.",
    ),
    (
        "syntax-error",
        "error",
        "A file has a syntax error; the statements the parser recovered were still analysed.",
    ),
    (
        "internal-error",
        "error",
        "Analysing a file failed because of a bug in antivenom; other files were unaffected.",
    ),
    (
        "file-skipped",
        "note",
        "A file was deliberately not analysed.",
    ),
];

/// `tool.driver.notifications`.
pub(crate) fn notification_descriptors() -> Vec<NotificationDescriptor> {
    NOTIFICATIONS
        .iter()
        .map(|(id, level, description)| NotificationDescriptor {
            id,
            short_description: MultiformatMessage::text(*description),
            default_configuration: Configuration { level },
        })
        .collect()
}

fn reference(index: usize) -> DescriptorReference {
    DescriptorReference {
        id: NOTIFICATIONS.get(index).map_or("", |(id, _, _)| id),
        index,
    }
}

const fn error_descriptor(kind: FileErrorKind) -> usize {
    match kind {
        FileErrorKind::Io => 0,
        FileErrorKind::Encoding => 1,
        FileErrorKind::Syntax => 2,
        FileErrorKind::Internal => 3,
    }
}

const SKIPPED_DESCRIPTOR: usize = 4;

/// The invocation: successful unless a file hit an internal error.
pub(crate) fn invocation(report: &Report) -> Invocation {
    let mut notifications = Vec::with_capacity(report.errors.len() + report.skipped.len());
    for error in &report.errors {
        notifications.push(Notification {
            level: "error",
            message: MultiformatMessage::text(&error.message),
            locations: vec![file_location(&error.path, error.line, error.column)],
            descriptor: reference(error_descriptor(error.kind)),
        });
    }
    for skipped in &report.skipped {
        notifications.push(Notification {
            level: "note",
            message: MultiformatMessage::text(format!("skipped: {}", skipped.reason)),
            locations: vec![file_location(&skipped.path, None, None)],
            descriptor: reference(SKIPPED_DESCRIPTOR),
        });
    }
    Invocation {
        execution_successful: !report
            .errors
            .iter()
            .any(|error| error.kind == FileErrorKind::Internal),
        tool_execution_notifications: notifications,
    }
}
