//! Taint models as data: which names produce untrusted data (sources),
//! which calls are dangerous with it and for what (sinks, per
//! [`VulnerabilityClass`]), which clear it for some classes (sanitizers,
//! guards), which pass it on (propagators), and which normalise paths
//! (normalisers).
//!
//! The shipped models live in `data/taint/*.toml`, embedded in the binary;
//! users add their own files in the same format ([`Models::with_user_files`]).
//! Errors name the file, the line and the key, like declarative rule files.
//! The format is described in `docs/taint-models.md`.
//!
//! ```
//! use antivenom_taint_models::{Models, VulnerabilityClass};
//!
//! let models = Models::builtin().expect("shipped models load");
//! let sink = models.sinks_for("os.system").next().expect("os.system is a sink");
//! assert_eq!(sink.class, VulnerabilityClass::CommandInjection);
//! assert!(models.source_for("flask.request.args").is_some());
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod class;
mod condition;
mod error;
mod format;
mod model;
mod models;
mod port;
mod source_kind;

pub use class::{ClassMeta, ClassSet, VulnerabilityClass};
pub use condition::{ArgumentState, Condition, Conditions};
pub use error::ModelError;
pub use model::{
    Access, Branch, GuardModel, ModelKey, ModelKind, ModelName, NormaliserModel, Origin,
    PropagatorModel, ReceiverHints, SanitizerModel, SinkModel, SourceModel,
};
pub use models::Models;
pub use port::{AccessPath, MAX_PATH_LEN, PathStep, Port, PortSelector};
pub use source_kind::{InputPart, SourceKind};
