//! Parsing OSV records from JSON and YAML into the owned [`Advisory`] model.
//!
//! Both formats go through the same private serde structs. Parsing is lenient: unknown fields are
//! ignored, `null` where a list is expected means an empty list, scalar versions written as
//! numbers are accepted, and empty event objects (`{}`) are skipped. A record without an `id`, or
//! with a structurally wrong field (an object where a list must be), is an error.

use serde::{Deserialize, Deserializer};
use serde_json::Value;
use yaml_rust2::YamlLoader;

use crate::model::{Advisory, Affected, Event, Package, Range, RangeKind, SeverityScore};
use crate::timestamp::Timestamp;
use crate::yaml_json::yaml_to_json;

/// Why an advisory record could not be parsed.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The text is not valid JSON, or does not have the OSV shape.
    #[error("invalid OSV JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The text is not valid YAML.
    #[error("invalid YAML: {0}")]
    Yaml(String),
    /// The YAML file holds no document, or several.
    #[error("expected exactly one YAML document, found {0}")]
    DocumentCount(usize),
    /// The YAML tree is nested too deeply to be an OSV record.
    #[error("YAML nested too deeply")]
    TooDeep,
    /// The record's `id` is empty.
    #[error("record has an empty id")]
    EmptyId,
}

impl Advisory {
    /// Parses one OSV record from JSON text.
    pub fn from_json_str(text: &str) -> Result<Self, ParseError> {
        let raw: RawAdvisory = serde_json::from_str(text)?;
        raw.into_model()
    }

    /// Parses one OSV record from YAML text (the pypa/advisory-database format).
    pub fn from_yaml_str(text: &str) -> Result<Self, ParseError> {
        let documents =
            YamlLoader::load_from_str(text).map_err(|e| ParseError::Yaml(e.to_string()))?;
        let [document] = documents.as_slice() else {
            return Err(ParseError::DocumentCount(documents.len()));
        };
        let value = yaml_to_json(document).ok_or(ParseError::TooDeep)?;
        Self::from_json_value(value)
    }

    /// Builds a record from an already-parsed JSON value.
    pub fn from_json_value(value: Value) -> Result<Self, ParseError> {
        let raw: RawAdvisory = serde_json::from_value(value)?;
        raw.into_model()
    }
}

#[derive(Deserialize)]
struct RawAdvisory {
    id: String,
    #[serde(default, deserialize_with = "lenient_strings")]
    aliases: Vec<String>,
    #[serde(default, deserialize_with = "lenient_strings")]
    related: Vec<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    summary: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    details: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    modified: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    published: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    withdrawn: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    severity: Vec<RawSeverity>,
    #[serde(default, deserialize_with = "null_as_default")]
    affected: Vec<RawAffected>,
    #[serde(default)]
    database_specific: Option<Value>,
}

#[derive(Deserialize)]
struct RawSeverity {
    #[serde(rename = "type", default, deserialize_with = "lenient_string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    score: Option<String>,
}

#[derive(Deserialize)]
struct RawAffected {
    #[serde(default)]
    package: Option<RawPackage>,
    #[serde(default, deserialize_with = "null_as_default")]
    ranges: Vec<RawRange>,
    #[serde(default, deserialize_with = "lenient_strings")]
    versions: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    severity: Vec<RawSeverity>,
}

#[derive(Deserialize)]
struct RawPackage {
    #[serde(default, deserialize_with = "lenient_string")]
    ecosystem: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    purl: Option<String>,
}

#[derive(Deserialize)]
struct RawRange {
    #[serde(rename = "type", default, deserialize_with = "lenient_string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    events: Vec<Value>,
}

impl RawAdvisory {
    fn into_model(self) -> Result<Advisory, ParseError> {
        let id = self.id.trim().to_owned();
        if id.is_empty() {
            return Err(ParseError::EmptyId);
        }
        let database_severity = self
            .database_specific
            .as_ref()
            .and_then(|d| d.get("severity"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok(Advisory {
            id,
            aliases: self.aliases,
            related: self.related,
            summary: self.summary,
            details: self.details,
            modified_at: self.modified.as_deref().and_then(Timestamp::parse),
            modified: self.modified,
            published: self.published,
            withdrawn: self.withdrawn,
            severity: convert_severity(self.severity),
            affected: self
                .affected
                .into_iter()
                .filter_map(RawAffected::into_model)
                .collect(),
            database_severity,
        })
    }
}

impl RawAffected {
    /// An entry without a package name cannot be matched, so it is dropped.
    fn into_model(self) -> Option<Affected> {
        let package = self.package?;
        let name = package.name.filter(|n| !n.trim().is_empty())?;
        Some(Affected {
            package: Package {
                ecosystem: package.ecosystem.unwrap_or_default(),
                name,
                purl: package.purl,
            },
            ranges: self.ranges.into_iter().map(RawRange::into_model).collect(),
            versions: self.versions,
            severity: convert_severity(self.severity),
        })
    }
}

impl RawRange {
    fn into_model(self) -> Range {
        let kind = match self.kind.as_deref().map(str::trim) {
            Some(k) if k.eq_ignore_ascii_case("ECOSYSTEM") => RangeKind::Ecosystem,
            Some(k) if k.eq_ignore_ascii_case("SEMVER") => RangeKind::Semver,
            Some(k) if k.eq_ignore_ascii_case("GIT") => RangeKind::Git,
            other => RangeKind::Other(other.unwrap_or_default().to_owned()),
        };
        Range {
            kind,
            events: self.events.iter().flat_map(convert_event).collect(),
        }
    }
}

/// Turns one event object into events. An empty object yields nothing; unknown keys and
/// non-scalar values are ignored. (OSV allows one key per object; several are accepted.)
fn convert_event(value: &Value) -> Vec<Event> {
    let Some(object) = value.as_object() else {
        return Vec::new();
    };
    object
        .iter()
        .filter_map(|(key, value)| {
            let version = scalar_to_string(value)?;
            match key.as_str() {
                "introduced" => Some(Event::Introduced(version)),
                "fixed" => Some(Event::Fixed(version)),
                "last_affected" => Some(Event::LastAffected(version)),
                "limit" => Some(Event::Limit(version)),
                _ => None,
            }
        })
        .collect()
}

fn convert_severity(raw: Vec<RawSeverity>) -> Vec<SeverityScore> {
    raw.into_iter()
        .filter_map(|s| {
            Some(SeverityScore {
                kind: s.kind?,
                score: s.score?,
            })
        })
        .collect()
}

/// A JSON scalar as text: strings as they are, numbers and booleans formatted; others `None`.
fn scalar_to_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.trim().to_owned()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// `null` (or a missing field) becomes the type's default.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A list of scalars as strings; `null` is an empty list, a lone scalar a one-element list,
/// non-scalar items are dropped.
fn lenient_strings<'de, D>(deserializer: D) -> Result<Vec<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match Value::deserialize(deserializer)? {
        Value::Array(items) => items.iter().filter_map(scalar_to_string).collect(),
        other => scalar_to_string(&other).into_iter().collect(),
    })
}

/// A scalar as a string; `null` and non-scalars are `None`.
fn lenient_string<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(scalar_to_string(&Value::deserialize(deserializer)?))
}
