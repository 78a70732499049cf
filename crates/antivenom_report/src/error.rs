//! The printers' error type.

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing to the output failed (closed pipe, full disk, ...).
    #[error("cannot write the report: {0}")]
    Io(#[from] std::io::Error),
    /// Serializing the JSON or SARIF document failed.
    #[error("cannot serialize the report: {0}")]
    Json(#[from] serde_json::Error),
}
