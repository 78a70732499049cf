//! pip requirements files (`requirements*.txt`, `*.in`).
//!
//! Follows pip's file format: continuations and comments ([`logical_lines`]),
//! option lines and per-requirement options ([`options`]), bare URL and path
//! requirements ([`unnamed`]); named requirements are parsed with pep508_rs.
//! `-r` and `-c` includes are resolved relative to the including file; a file
//! that includes itself (directly or not) is reported once and not followed.

mod logical_lines;
mod options;
mod unnamed;

use std::path::{Path, PathBuf};

use crate::manifest_builder::ManifestBuilder;
use crate::model::{Dependency, Manifest, ManifestKind, Origin, RecordedOption, Requirement};
use crate::{DepsError, TargetEnvironment};

use logical_lines::logical_lines;
use options::{
    OptionLine, parse_option_line, parse_requirement_options, split_requirement_and_options,
};

/// Reads a requirements file and everything it includes.
///
/// # Errors
/// [`DepsError::Io`] if the file itself cannot be read. Problems in the file or in
/// included files are warnings.
pub(crate) fn read(path: &Path, env: &TargetEnvironment) -> Result<Manifest, DepsError> {
    let text = read_text(path)?;
    let mut reader = Reader {
        builder: ManifestBuilder::new(path, ManifestKind::Requirements, env),
        stack: Vec::new(),
        done: Vec::new(),
    };
    reader.read_file(path, &text, false);
    Ok(reader.builder.finish())
}

/// Reads a file as UTF-8 (invalid bytes are replaced).
fn read_text(path: &Path) -> Result<String, DepsError> {
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|source| DepsError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// A path made canonical when possible, for cycle detection.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// State of one read: the manifest being built and the include chain.
struct Reader<'env> {
    /// The manifest being built.
    builder: ManifestBuilder<'env>,
    /// Files being read, outermost first (canonical paths), for cycle detection.
    stack: Vec<PathBuf>,
    /// Files already read, with whether they were read as constraints.
    done: Vec<(PathBuf, bool)>,
}

impl Reader<'_> {
    /// Reads one file's lines; `constraint` marks entries of a `-c` file.
    fn read_file(&mut self, path: &Path, text: &str, constraint: bool) {
        let id = identity(path);
        self.stack.push(id.clone());
        for line in logical_lines(text) {
            let origin = Origin::new(path, line.line);
            if line.text.contains("${") {
                self.builder.warn(
                    origin.clone(),
                    format!(
                        "environment variable in `{}` is not expanded; the line is read as written (a version given by a variable is unknown)",
                        line.text
                    ),
                );
            }
            if line.text.starts_with('-') {
                self.option_line(path, &line.text, origin, constraint);
            } else {
                self.requirement_line(&line.text, origin, constraint, false);
            }
        }
        self.stack.pop();
        self.done.push((id, constraint));
    }

    /// Handles a line starting with `-`.
    fn option_line(&mut self, path: &Path, text: &str, origin: Origin, constraint: bool) {
        match parse_option_line(text) {
            OptionLine::Requirement(file) => self.include(path, &file, origin, constraint),
            OptionLine::Constraint(file) => self.include(path, &file, origin, true),
            OptionLine::Editable(target, rest) => {
                let mut requirement = target;
                if !rest.is_empty() {
                    requirement.push(' ');
                    requirement.push_str(&rest.join(" "));
                }
                self.requirement_line(&requirement, origin, constraint, true);
            }
            OptionLine::Other { name, value } => self.builder.record_option(RecordedOption {
                name,
                value,
                origin,
            }),
            OptionLine::Invalid(text) => {
                self.builder.warn(
                    origin,
                    format!("unknown or incomplete pip option `{text}`; the line is ignored"),
                );
            }
        }
    }

    /// Follows `-r`/`-c FILE`, relative to the including file.
    fn include(&mut self, including: &Path, file: &str, origin: Origin, constraint: bool) {
        if file.contains("://") {
            self.builder.warn(
                origin,
                format!("include `{file}` is a URL; it is not fetched (offline)"),
            );
            return;
        }
        let target = including
            .parent()
            .unwrap_or_else(|| Path::new(""))
            .join(file);
        let id = identity(&target);
        if let Some(start) = self.stack.iter().position(|open| *open == id) {
            let cycle: Vec<String> = self
                .stack
                .get(start..)
                .unwrap_or_default()
                .iter()
                .chain(std::iter::once(&id))
                .map(|p| p.display().to_string())
                .collect();
            self.builder.warn(
                origin,
                format!(
                    "include cycle: {}; `{file}` is not read again",
                    cycle.join(" -> ")
                ),
            );
            return;
        }
        if self.done.contains(&(id, constraint)) {
            return; // Already read through another include: do not list it twice.
        }
        match read_text(&target) {
            Ok(text) => self.read_file(&target, &text, constraint),
            Err(err) => self
                .builder
                .warn(origin, format!("cannot follow include: {err}")),
        }
    }

    /// Handles a requirement (named, URL or path; `editable` for `-e`).
    fn requirement_line(&mut self, text: &str, origin: Origin, constraint: bool, editable: bool) {
        let (requirement_text, option_tokens) = split_requirement_and_options(text);
        let options = parse_requirement_options(&option_tokens);
        if !options.unknown.is_empty() {
            self.builder.warn(
                origin.clone(),
                format!(
                    "ignored unknown requirement options: {}",
                    options.unknown.join(" ")
                ),
            );
        }
        let dep = if editable || unnamed::is_url_or_path(&requirement_text) {
            Some(self.unnamed_requirement(&requirement_text, origin, editable))
        } else {
            match crate::pep508_convert::parse_pep508(&requirement_text, origin.clone()) {
                Ok(dep) => Some(dep),
                // `name==${VERSION}`: the name is known, the version is not.
                Err(_) if requirement_text.contains("${") => {
                    crate::pep508_convert::written_name(&requirement_text).map(|name| {
                        Dependency::new(
                            &name,
                            Requirement::Range(pep440_rs::VersionSpecifiers::empty()),
                            origin,
                        )
                    })
                }
                Err(message) => {
                    self.builder.warn(
                        origin,
                        format!("cannot parse requirement `{requirement_text}`: {message}"),
                    );
                    None
                }
            }
        };
        let Some(mut dep) = dep else {
            return;
        };
        dep.hashes = options.hashes;
        if constraint {
            self.builder.push_constraint(dep);
        } else {
            self.builder.push(dep);
        }
    }

    /// A bare URL or path requirement (or an editable one): kept, even without a name.
    fn unnamed_requirement(&mut self, text: &str, origin: Origin, editable: bool) -> Dependency {
        // An editable may also be written `name @ url`; the URL is what matters.
        let parsed = unnamed::parse_unnamed(text);
        let requirement = if editable {
            Requirement::Editable(parsed.target.clone())
        } else {
            Requirement::Url(parsed.target.clone())
        };
        let mut dep = match &parsed.name {
            Some(name) => {
                if parsed.name_inferred {
                    self.builder.warn(
                        origin.clone(),
                        format!(
                            "no #egg= name for `{}`; name `{name}` inferred from the path",
                            parsed.target
                        ),
                    );
                }
                Dependency::new(name, requirement, origin)
            }
            None => {
                self.builder.warn(
                    origin.clone(),
                    format!("cannot tell the package name of `{}`; it is kept as an unnamed, unverifiable requirement", parsed.target),
                );
                let mut dep = Dependency::new("", requirement, origin);
                dep.display_name = parsed.target.clone();
                dep
            }
        };
        dep.extras = parsed.extras;
        dep.markers = parsed.marker;
        dep
    }
}
