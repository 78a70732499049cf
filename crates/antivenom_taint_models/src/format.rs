//! The TOML model format (`docs/taint-models.md`) and its validation.

use crate::class::{ClassSet, VulnerabilityClass};
use crate::condition::{Condition, Conditions};
use crate::error::ModelError;
use crate::model::{
    Access, Branch, GuardModel, ModelKey, NormaliserModel, Origin, PropagatorModel, ReceiverHints,
    SanitizerModel, SinkModel, SourceModel,
};
use crate::port::{Port, PortSelector, is_identifier};
use crate::source_kind::{InputPart, SourceKind};
use antivenom_diagnostics::{Confidence, describe_toml_error, line_at};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;
use std::sync::Arc;
use toml::Spanned;

/// One name or a list of names.
#[derive(Debug)]
struct Names(Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamesVisitor;
        impl<'de> Visitor<'de> for NamesVisitor {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Names, E> {
                Ok(Names(vec![value.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        deserializer.deserialize_any(NamesVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SourceSpec {
    name: Option<Spanned<Names>>,
    method: Option<Spanned<Names>>,
    receiver_hints: Option<Vec<String>>,
    kind: SourceKind,
    part: Option<Spanned<InputPart>>,
    access: Access,
    port: Option<Spanned<toml::Value>>,
    confidence: Option<Confidence>,
    #[serde(default)]
    when: Vec<Spanned<Condition>>,
    #[serde(default)]
    unless: Vec<Spanned<Condition>>,
    #[serde(default)]
    server_keys: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SinkSpec {
    name: Option<Spanned<Names>>,
    method: Option<Spanned<Names>>,
    receiver_hints: Option<Vec<String>>,
    class: VulnerabilityClass,
    ports: Spanned<Vec<Spanned<toml::Value>>>,
    confidence: Option<Confidence>,
    #[serde(default)]
    when: Vec<Spanned<Condition>>,
    #[serde(default)]
    unless: Vec<Spanned<Condition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SanitizerSpec {
    name: Option<Spanned<Names>>,
    method: Option<Spanned<Names>>,
    receiver_hints: Option<Vec<String>>,
    clears: Spanned<Vec<Spanned<String>>>,
    from: Option<Spanned<Vec<Spanned<toml::Value>>>>,
    to: Option<Spanned<toml::Value>>,
    #[serde(default)]
    when: Vec<Spanned<Condition>>,
    #[serde(default)]
    unless: Vec<Spanned<Condition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PropagatorSpec {
    name: Option<Spanned<Names>>,
    method: Option<Spanned<Names>>,
    receiver_hints: Option<Vec<String>>,
    from: Spanned<Vec<Spanned<toml::Value>>>,
    to: Spanned<toml::Value>,
    #[serde(default)]
    when: Vec<Spanned<Condition>>,
    #[serde(default)]
    unless: Vec<Spanned<Condition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct GuardSpec {
    name: Option<Spanned<Names>>,
    method: Option<Spanned<Names>>,
    receiver_hints: Option<Vec<String>>,
    clears: Spanned<Vec<Spanned<String>>>,
    guarded: Spanned<toml::Value>,
    branch: Option<Branch>,
    #[serde(default)]
    requires_normalised: bool,
    #[serde(default)]
    when: Vec<Spanned<Condition>>,
    #[serde(default)]
    unless: Vec<Spanned<Condition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct NormaliserSpec {
    name: Option<Spanned<Names>>,
    method: Option<Spanned<Names>>,
    receiver_hints: Option<Vec<String>>,
    from: Option<Spanned<Vec<Spanned<toml::Value>>>>,
    to: Option<Spanned<toml::Value>>,
    #[serde(default)]
    when: Vec<Spanned<Condition>>,
    #[serde(default)]
    unless: Vec<Spanned<Condition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    #[serde(default)]
    source: Vec<Spanned<SourceSpec>>,
    #[serde(default)]
    sink: Vec<Spanned<SinkSpec>>,
    #[serde(default)]
    sanitizer: Vec<Spanned<SanitizerSpec>>,
    #[serde(default)]
    propagator: Vec<Spanned<PropagatorSpec>>,
    #[serde(default)]
    guard: Vec<Spanned<GuardSpec>>,
    #[serde(default)]
    normaliser: Vec<Spanned<NormaliserSpec>>,
}

/// The validated models of one file, in file order per kind.
#[derive(Debug, Default)]
pub(crate) struct ParsedFile {
    pub(crate) sources: Vec<SourceModel>,
    pub(crate) sinks: Vec<SinkModel>,
    pub(crate) sanitizers: Vec<SanitizerModel>,
    pub(crate) propagators: Vec<PropagatorModel>,
    pub(crate) guards: Vec<GuardModel>,
    pub(crate) normalisers: Vec<NormaliserModel>,
}

/// Builds errors with the file name and line of a byte offset.
struct Context<'a> {
    file: Arc<str>,
    contents: &'a str,
}

impl Context<'_> {
    fn error(&self, offset: usize, message: impl Into<String>) -> ModelError {
        ModelError::Invalid {
            file: self.file.to_string(),
            line: line_at(self.contents, offset),
            message: message.into(),
        }
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin {
            file: Arc::clone(&self.file),
            line: line_at(self.contents, offset),
        }
    }

    /// The keys of one model table: every name and method it lists.
    fn keys(
        &self,
        table: &str,
        offset: usize,
        name: Option<Spanned<Names>>,
        method: Option<Spanned<Names>>,
        receiver_hints: Option<Vec<String>>,
    ) -> Result<Vec<ModelKey>, ModelError> {
        let mut keys = Vec::new();
        if let Some(names) = name {
            let at = names.span().start;
            for name in names.into_inner().0 {
                let name = name.strip_prefix("builtins.").unwrap_or(&name);
                if !is_model_name(name) {
                    return Err(self.error(
                        at,
                        format!(
                            "[[{table}]] key `name`: `{name}` is not a dotted Python name (a trailing `*` matches a prefix)"
                        ),
                    ));
                }
                keys.push(ModelKey::Name(name.to_owned()));
            }
        }
        let hints = match receiver_hints {
            Some(hints) => {
                if method.is_none() {
                    return Err(self.error(
                        offset,
                        format!("[[{table}]] key `receiver-hints`: only a `method` model has receiver hints"),
                    ));
                }
                if let Some(bad) = hints.iter().find(|hint| !is_identifier(hint)) {
                    return Err(self.error(
                        offset,
                        format!("[[{table}]] key `receiver-hints`: `{bad}` is not an identifier"),
                    ));
                }
                ReceiverHints::new(hints)
            }
            None => ReceiverHints::default(),
        };
        if let Some(methods) = method {
            let at = methods.span().start;
            for method in methods.into_inner().0 {
                if !is_identifier(&method) {
                    return Err(self.error(
                        at,
                        format!("[[{table}]] key `method`: `{method}` is not a method name"),
                    ));
                }
                keys.push(ModelKey::Method {
                    name: method,
                    receiver_hints: hints.clone(),
                });
            }
        }
        if keys.is_empty() {
            return Err(self.error(
                offset,
                format!("[[{table}]]: give `name` (a qualified name) or `method` (keys missing)"),
            ));
        }
        Ok(keys)
    }

    fn port(
        &self,
        table: &str,
        key: &str,
        value: &Spanned<toml::Value>,
    ) -> Result<Port, ModelError> {
        Port::from_toml(value.get_ref()).map_err(|message| {
            self.error(
                value.span().start,
                format!("[[{table}]] key `{key}`: {message}"),
            )
        })
    }

    fn ports(
        &self,
        table: &str,
        key: &str,
        values: &Spanned<Vec<Spanned<toml::Value>>>,
    ) -> Result<Vec<Port>, ModelError> {
        if values.get_ref().is_empty() {
            return Err(self.error(
                values.span().start,
                format!("[[{table}]] key `{key}`: list at least one port"),
            ));
        }
        values
            .get_ref()
            .iter()
            .map(|value| self.port(table, key, value))
            .collect()
    }

    /// Checks a port against what a key allows.
    fn allow(
        &self,
        table: &str,
        key: &str,
        offset: usize,
        port: &Port,
        allowed: &[PortShape],
    ) -> Result<(), ModelError> {
        let shape = PortShape::of(port);
        if allowed.contains(&shape) {
            return Ok(());
        }
        let expected: Vec<&str> = allowed.iter().map(|shape| shape.describe()).collect();
        Err(self.error(
            offset,
            format!(
                "[[{table}]] key `{key}`: {} is not allowed here (expected {})",
                shape.describe(),
                expected.join(" or ")
            ),
        ))
    }

    fn clears(
        &self,
        table: &str,
        clears: &Spanned<Vec<Spanned<String>>>,
    ) -> Result<ClassSet, ModelError> {
        if clears.get_ref().is_empty() {
            return Err(self.error(
                clears.span().start,
                format!(
                    "[[{table}]] key `clears`: list at least one class, `string-injection` or `all`"
                ),
            ));
        }
        clears.get_ref().iter().try_fold(ClassSet::EMPTY, |set, entry| {
            ClassSet::parse_entry(entry.get_ref())
                .map(|parsed| set.union(parsed))
                .ok_or_else(|| {
                    let known: Vec<&str> = VulnerabilityClass::table().iter().map(|meta| meta.id).collect();
                    self.error(
                        entry.span().start,
                        format!(
                            "[[{table}]] key `clears`: unknown class `{}` (expected all, string-injection, {})",
                            entry.get_ref(),
                            known.join(", ")
                        ),
                    )
                })
        })
    }

    fn conditions(
        &self,
        table: &str,
        when: Vec<Spanned<Condition>>,
        unless: Vec<Spanned<Condition>>,
    ) -> Result<Conditions, ModelError> {
        let compile = |conditions: Vec<Spanned<Condition>>, key: &str| {
            conditions
                .into_iter()
                .map(|spanned| {
                    let offset = spanned.span().start;
                    let mut condition = spanned.into_inner();
                    condition.validate().map_err(|message| {
                        self.error(offset, format!("[[{table}]] key `{key}`: {message}"))
                    })?;
                    Ok(condition)
                })
                .collect::<Result<Vec<_>, ModelError>>()
        };
        Ok(Conditions {
            when: compile(when, "when")?,
            unless: compile(unless, "unless")?,
        })
    }
}

/// The broad shapes of ports, for per-key checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PortShape {
    Argument,
    Arguments,
    Keywords,
    Receiver,
    Return,
}

impl PortShape {
    fn of(port: &Port) -> Self {
        match port.selector {
            PortSelector::Argument { .. } => Self::Argument,
            PortSelector::Arguments { .. } => Self::Arguments,
            PortSelector::Keywords => Self::Keywords,
            PortSelector::Receiver => Self::Receiver,
            PortSelector::Return => Self::Return,
        }
    }

    const fn describe(self) -> &'static str {
        match self {
            Self::Argument => "an argument",
            Self::Arguments => "\"args\"/args-from",
            Self::Keywords => "\"kwargs\"",
            Self::Receiver => "\"receiver\"",
            Self::Return => "\"return\"",
        }
    }
}

const INPUTS: &[PortShape] = &[
    PortShape::Argument,
    PortShape::Arguments,
    PortShape::Keywords,
    PortShape::Receiver,
];
const TARGETS: &[PortShape] = &[PortShape::Return, PortShape::Receiver, PortShape::Argument];
const CHECKED: &[PortShape] = &[PortShape::Argument, PortShape::Receiver];

/// A dotted name of identifiers; the last segment may end with `*`.
fn is_model_name(name: &str) -> bool {
    let body = name.strip_suffix('*').unwrap_or(name);
    if body.is_empty() {
        return false;
    }
    let segments: Vec<&str> = body.split('.').collect();
    let last = segments.len().saturating_sub(1);
    segments.iter().enumerate().all(|(index, segment)| {
        is_identifier(segment)
            // `os.*` and `os.exec*` are fine; `os.*.x` is not.
            || (index == last && segment.is_empty() && name.ends_with('*') && index > 0)
    })
}

/// Parses and validates one model file. `origin` names it in errors.
pub(crate) fn parse_model_file(origin: &str, contents: &str) -> Result<ParsedFile, ModelError> {
    let cx = Context {
        file: Arc::from(origin),
        contents,
    };
    let file: ModelFile = toml::from_str(contents).map_err(|error| {
        let (line, message) = describe_toml_error(contents, &error);
        ModelError::Invalid {
            file: origin.to_owned(),
            line,
            message,
        }
    })?;
    let mut parsed = ParsedFile::default();

    for spanned in file.source {
        let offset = spanned.span().start;
        let spec = spanned.into_inner();
        let keys = cx.keys(
            "source",
            offset,
            spec.name,
            spec.method,
            spec.receiver_hints,
        )?;
        if let Some(part) = &spec.part
            && spec.kind != SourceKind::RemoteUserInput
        {
            return Err(cx.error(
                part.span().start,
                format!(
                    "[[source]] key `part`: only remote-user-input sources have a part, not {}",
                    spec.kind
                ),
            ));
        }
        let port = match &spec.port {
            Some(value) => {
                let port = cx.port("source", "port", value)?;
                let allowed: &[PortShape] = match spec.access {
                    Access::Attribute => &[PortShape::Return],
                    Access::Call => &[PortShape::Return, PortShape::Argument],
                };
                cx.allow("source", "port", value.span().start, &port, allowed)?;
                port
            }
            None => Port::whole_return(),
        };
        if spec.access == Access::Attribute && !(spec.when.is_empty() && spec.unless.is_empty()) {
            return Err(cx.error(
                offset,
                "[[source]]: an attribute source has no call, so it cannot have `when`/`unless`",
            ));
        }
        if !spec.server_keys.is_empty() && spec.access != Access::Attribute {
            return Err(cx.error(
                offset,
                "[[source]] key `server-keys`: only an attribute source (a mapping) has keys",
            ));
        }
        let conditions = cx.conditions("source", spec.when, spec.unless)?;
        for key in keys {
            parsed.sources.push(SourceModel {
                key,
                kind: spec.kind,
                part: spec.part.as_ref().map(|part| *part.get_ref()),
                access: spec.access,
                port: port.clone(),
                confidence: spec.confidence,
                conditions: conditions.clone(),
                server_keys: spec.server_keys.clone(),
                origin: cx.origin(offset),
            });
        }
    }

    for spanned in file.sink {
        let offset = spanned.span().start;
        let spec = spanned.into_inner();
        let keys = cx.keys("sink", offset, spec.name, spec.method, spec.receiver_hints)?;
        let ports = cx.ports("sink", "ports", &spec.ports)?;
        for (port, value) in ports.iter().zip(spec.ports.get_ref()) {
            cx.allow("sink", "ports", value.span().start, port, INPUTS)?;
        }
        let conditions = cx.conditions("sink", spec.when, spec.unless)?;
        for key in keys {
            parsed.sinks.push(SinkModel {
                key,
                class: spec.class,
                ports: ports.clone(),
                confidence: spec.confidence,
                conditions: conditions.clone(),
                origin: cx.origin(offset),
            });
        }
    }

    for spanned in file.sanitizer {
        let offset = spanned.span().start;
        let spec = spanned.into_inner();
        let keys = cx.keys(
            "sanitizer",
            offset,
            spec.name,
            spec.method,
            spec.receiver_hints,
        )?;
        let clears = cx.clears("sanitizer", &spec.clears)?;
        let (from, to) = flow(&cx, "sanitizer", spec.from.as_ref(), spec.to.as_ref())?;
        let conditions = cx.conditions("sanitizer", spec.when, spec.unless)?;
        for key in keys {
            parsed.sanitizers.push(SanitizerModel {
                key,
                clears,
                from: from.clone(),
                to: to.clone(),
                conditions: conditions.clone(),
                origin: cx.origin(offset),
            });
        }
    }

    for spanned in file.propagator {
        let offset = spanned.span().start;
        let spec = spanned.into_inner();
        let keys = cx.keys(
            "propagator",
            offset,
            spec.name,
            spec.method,
            spec.receiver_hints,
        )?;
        let (from, to) = flow(&cx, "propagator", Some(&spec.from), Some(&spec.to))?;
        let conditions = cx.conditions("propagator", spec.when, spec.unless)?;
        for key in keys {
            parsed.propagators.push(PropagatorModel {
                key,
                from: from.clone(),
                to: to.clone(),
                conditions: conditions.clone(),
                origin: cx.origin(offset),
            });
        }
    }

    for spanned in file.guard {
        let offset = spanned.span().start;
        let spec = spanned.into_inner();
        let keys = cx.keys("guard", offset, spec.name, spec.method, spec.receiver_hints)?;
        let clears = cx.clears("guard", &spec.clears)?;
        let guarded = cx.port("guard", "guarded", &spec.guarded)?;
        cx.allow(
            "guard",
            "guarded",
            spec.guarded.span().start,
            &guarded,
            CHECKED,
        )?;
        let conditions = cx.conditions("guard", spec.when, spec.unless)?;
        for key in keys {
            parsed.guards.push(GuardModel {
                key,
                clears,
                guarded: guarded.clone(),
                branch: spec.branch.unwrap_or(Branch::True),
                requires_normalised: spec.requires_normalised,
                conditions: conditions.clone(),
                origin: cx.origin(offset),
            });
        }
    }

    for spanned in file.normaliser {
        let offset = spanned.span().start;
        let spec = spanned.into_inner();
        let keys = cx.keys(
            "normaliser",
            offset,
            spec.name,
            spec.method,
            spec.receiver_hints,
        )?;
        let (from, to) = flow(&cx, "normaliser", spec.from.as_ref(), spec.to.as_ref())?;
        let conditions = cx.conditions("normaliser", spec.when, spec.unless)?;
        for key in keys {
            parsed.normalisers.push(NormaliserModel {
                key,
                from: from.clone(),
                to: to.clone(),
                conditions: conditions.clone(),
                origin: cx.origin(offset),
            });
        }
    }

    Ok(parsed)
}

/// The `from` and `to` ports of a flow model; `from` defaults to the first
/// argument and `to` to the return value.
fn flow(
    cx: &Context<'_>,
    table: &str,
    from: Option<&Spanned<Vec<Spanned<toml::Value>>>>,
    to: Option<&Spanned<toml::Value>>,
) -> Result<(Vec<Port>, Port), ModelError> {
    let from_ports = match from {
        Some(values) => {
            let ports = cx.ports(table, "from", values)?;
            for (port, value) in ports.iter().zip(values.get_ref()) {
                cx.allow(table, "from", value.span().start, port, INPUTS)?;
            }
            ports
        }
        None => vec![Port::first_argument()],
    };
    let to_port = match to {
        Some(value) => {
            let port = cx.port(table, "to", value)?;
            cx.allow(table, "to", value.span().start, &port, TARGETS)?;
            port
        }
        None => Port::whole_return(),
    };
    if from_ports.contains(&to_port) {
        return Err(cx.error(
            to.map_or(0, |value| value.span().start),
            format!("[[{table}]] key `to`: {to_port} is also listed in `from`"),
        ));
    }
    Ok((from_ports, to_port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names() {
        for good in ["os.system", "eval", "os.exec*", "flask.request.*", "_x.y_1"] {
            assert!(is_model_name(good), "{good}");
        }
        for bad in [
            "",
            "*",
            "os..system",
            "os.*.x",
            "1os",
            "os.system()",
            "<PEP 249>.execute",
            ".x",
        ] {
            assert!(!is_model_name(bad), "{bad}");
        }
    }
}
