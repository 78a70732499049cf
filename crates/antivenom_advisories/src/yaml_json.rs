//! Conversion of a `yaml-rust2` tree into a `serde_json::Value`, so YAML and JSON records share
//! one set of serde structs.
//!
//! Scalars other than booleans and null become JSON strings, keeping the text as written: an
//! unquoted `3.10` stays `"3.10"` (as a float it would become `3.1`, a different version).

use serde_json::{Map, Value};
use yaml_rust2::Yaml;

/// Deepest nesting accepted; OSV records are about five levels deep.
const MAX_DEPTH: usize = 64;

/// Converts a YAML node to JSON. Returns `None` if the tree is nested deeper than [`MAX_DEPTH`].
pub(crate) fn yaml_to_json(node: &Yaml) -> Option<Value> {
    convert(node, 0)
}

fn convert(node: &Yaml, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match node {
        Yaml::Real(text) | Yaml::String(text) => Value::String(text.clone()),
        Yaml::Integer(number) => Value::String(number.to_string()),
        Yaml::Boolean(flag) => Value::Bool(*flag),
        Yaml::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| convert(item, depth + 1))
                .collect::<Option<Vec<_>>>()?,
        ),
        Yaml::Hash(entries) => {
            let mut map = Map::with_capacity(entries.len());
            for (key, value) in entries {
                // Only scalar keys make sense for OSV; others are dropped.
                let key = match key {
                    Yaml::Real(text) | Yaml::String(text) => text.clone(),
                    Yaml::Integer(number) => number.to_string(),
                    Yaml::Boolean(flag) => flag.to_string(),
                    _ => continue,
                };
                map.insert(key, convert(value, depth + 1)?);
            }
            Value::Object(map)
        }
        // Aliases are not resolved by yaml-rust2; treat them (and bad values) as null.
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    })
}
