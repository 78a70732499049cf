//! Collects dependencies into a [`Manifest`], evaluating their markers.

use std::path::Path;
use std::str::FromStr;

use pep508_rs::MarkerTree;

use crate::TargetEnvironment;
use crate::model::{Dependency, Manifest, ManifestKind, ManifestWarning, Origin, RecordedOption};

/// Builds a [`Manifest`]: routes each dependency by its marker and collects warnings.
pub(crate) struct ManifestBuilder<'env> {
    /// The manifest being built.
    manifest: Manifest,
    /// The target that markers are evaluated against.
    env: &'env TargetEnvironment,
}

impl<'env> ManifestBuilder<'env> {
    /// Starts an empty manifest.
    pub(crate) fn new(path: &Path, kind: ManifestKind, env: &'env TargetEnvironment) -> Self {
        Self {
            manifest: Manifest::new(path, kind),
            env,
        }
    }

    /// Records a warning at `origin`.
    pub(crate) fn warn(&mut self, origin: Origin, message: impl Into<String>) {
        self.manifest.warnings.push(ManifestWarning {
            origin,
            message: message.into(),
        });
    }

    /// Records a pip option line.
    pub(crate) fn record_option(&mut self, option: RecordedOption) {
        self.manifest.options.push(option);
    }

    /// Adds a dependency: to `dependencies` when its marker holds for the target
    /// (or it has none), to `skipped_by_marker` otherwise. A marker that does not
    /// parse keeps the dependency and warns.
    pub(crate) fn push(&mut self, dep: Dependency) {
        if self.applies(&dep) {
            self.manifest.dependencies.push(dep);
        } else {
            self.manifest.skipped_by_marker.push(dep);
        }
    }

    /// Adds an entry of a constraints file (markers are evaluated the same way).
    pub(crate) fn push_constraint(&mut self, dep: Dependency) {
        if self.applies(&dep) {
            self.manifest.constraints.push(dep);
        } else {
            self.manifest.skipped_by_marker.push(dep);
        }
    }

    /// Whether the dependency's marker (if any) is true for the target.
    fn applies(&mut self, dep: &Dependency) -> bool {
        let Some(marker) = dep.markers.as_deref() else {
            return true;
        };
        match MarkerTree::from_str(marker) {
            Ok(tree) => self.env.evaluate_tree(&tree, &[]),
            Err(err) => {
                self.warn(
                    dep.origin.clone(),
                    format!(
                        "cannot parse marker `{marker}` of {}: {}; the dependency is kept",
                        dep.display_name, err.message
                    ),
                );
                true
            }
        }
    }

    /// The finished manifest.
    pub(crate) fn finish(self) -> Manifest {
        self.manifest
    }
}
