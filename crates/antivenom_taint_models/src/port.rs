//! Ports: which value of a call a model talks about (an argument, the
//! receiver, the return value), optionally narrowed by an access path.
//!
//! In model files a port is a string (`"receiver"`, `"return"`, `"args"`,
//! `"kwargs"`, each optionally followed by a path such as `"receiver[*]"`) or
//! a table (`{ pos = 0, arg = "args", path = "[0]" }`, `{ args-from = 1 }`).

use std::fmt;

/// The longest access path a model may name. Paths longer than the engine's
/// tree depth are collapsed anyway.
pub const MAX_PATH_LEN: usize = 4;

/// One step of an access path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathStep {
    /// `[*]`: any element of a container.
    AnyIndex,
    /// `[3]`: the element at a constant integer index.
    Index(i64),
    /// `["key"]`: the value at a constant string key.
    Key(String),
    /// `.name`: an attribute.
    Attribute(String),
}

/// A bounded access path (`[*]`, `[0]`, `.filename`, `[*][1]`); empty
/// means the whole value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AccessPath(Vec<PathStep>);

impl AccessPath {
    /// The whole value.
    #[must_use]
    pub const fn whole() -> Self {
        Self(Vec::new())
    }

    /// The steps, outermost first.
    #[must_use]
    pub fn steps(&self) -> &[PathStep] {
        &self.0
    }

    /// Whether the path names the whole value.
    #[must_use]
    pub fn is_whole(&self) -> bool {
        self.0.is_empty()
    }

    /// Parses `[*]`, `[0]`, `["key"]`, `.name` and sequences of them.
    ///
    /// # Errors
    /// A message naming the problem.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut steps = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            if steps.len() == MAX_PATH_LEN {
                return Err(format!("path `{text}` is longer than {MAX_PATH_LEN} steps"));
            }
            if let Some(after) = rest.strip_prefix('.') {
                let end = after.find(['.', '[']).unwrap_or(after.len());
                let (name, tail) = after.split_at(end);
                if !is_identifier(name) {
                    return Err(format!("path `{text}`: `.{name}` is not an attribute name"));
                }
                steps.push(PathStep::Attribute(name.to_owned()));
                rest = tail;
            } else if let Some(after) = rest.strip_prefix('[') {
                let Some(end) = after.find(']') else {
                    return Err(format!("path `{text}`: `[` without `]`"));
                };
                let (inside, tail) = after.split_at(end);
                let inside = inside.trim();
                let step = if inside == "*" {
                    PathStep::AnyIndex
                } else if let Ok(index) = inside.parse::<i64>() {
                    PathStep::Index(index)
                } else if let Some(key) = inside
                    .strip_prefix('"')
                    .and_then(|key| key.strip_suffix('"'))
                    .or_else(|| {
                        inside
                            .strip_prefix('\'')
                            .and_then(|key| key.strip_suffix('\''))
                    })
                {
                    PathStep::Key(key.to_owned())
                } else {
                    return Err(format!(
                        "path `{text}`: `[{inside}]` must be `[*]`, an integer or a quoted key"
                    ));
                };
                steps.push(step);
                rest = tail.get(1..).unwrap_or_default();
            } else {
                return Err(format!(
                    "path `{text}` must be made of `[*]`, `[N]`, `[\"key\"]` and `.name` steps"
                ));
            }
        }
        Ok(Self(steps))
    }
}

impl fmt::Display for AccessPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for step in &self.0 {
            match step {
                PathStep::AnyIndex => f.write_str("[*]")?,
                PathStep::Index(index) => write!(f, "[{index}]")?,
                PathStep::Key(key) => write!(f, "[{key:?}]")?,
                PathStep::Attribute(name) => write!(f, ".{name}")?,
            }
        }
        Ok(())
    }
}

/// Which value of a call a port selects. Positions never count the
/// receiver: in `cursor.execute(sql)`, `sql` is position 0.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PortSelector {
    /// One parameter, passed at `position` or as keyword `keyword` (at
    /// least one is set).
    Argument {
        /// 0-based position.
        position: Option<usize>,
        /// Keyword name.
        keyword: Option<String>,
    },
    /// Every positional argument from `from` on (`*args`).
    Arguments {
        /// First position included.
        from: usize,
    },
    /// Every keyword argument (`**kwargs`).
    Keywords,
    /// The object a method is called on (`self`).
    Receiver,
    /// The value of the call, or of the attribute for attribute sources.
    Return,
}

/// A selected value plus an access path into it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Port {
    /// The value.
    pub selector: PortSelector,
    /// Where in the value (empty: all of it).
    pub path: AccessPath,
}

impl Port {
    /// The whole return value.
    #[must_use]
    pub const fn whole_return() -> Self {
        Self {
            selector: PortSelector::Return,
            path: AccessPath::whole(),
        }
    }

    /// The whole first argument.
    #[must_use]
    pub const fn first_argument() -> Self {
        Self {
            selector: PortSelector::Argument {
                position: Some(0),
                keyword: None,
            },
            path: AccessPath::whole(),
        }
    }

    /// Whether the positional argument at `position` is selected.
    #[must_use]
    pub fn accepts_position(&self, position: usize) -> bool {
        match &self.selector {
            PortSelector::Argument {
                position: Some(at), ..
            } => *at == position,
            PortSelector::Arguments { from } => position >= *from,
            _ => false,
        }
    }

    /// Whether the keyword argument `name` is selected.
    #[must_use]
    pub fn accepts_keyword(&self, name: &str) -> bool {
        match &self.selector {
            PortSelector::Argument {
                keyword: Some(keyword),
                ..
            } => keyword == name,
            PortSelector::Keywords => true,
            _ => false,
        }
    }

    /// Whether the port is the receiver.
    #[must_use]
    pub fn is_receiver(&self) -> bool {
        self.selector == PortSelector::Receiver
    }

    /// Whether the port is the return value.
    #[must_use]
    pub fn is_return(&self) -> bool {
        self.selector == PortSelector::Return
    }

    /// Whether the port is one or more arguments (not receiver or return).
    #[must_use]
    pub fn is_argument(&self) -> bool {
        matches!(
            self.selector,
            PortSelector::Argument { .. } | PortSelector::Arguments { .. } | PortSelector::Keywords
        )
    }

    /// Parses a port written in a model file.
    ///
    /// # Errors
    /// A message naming the problem.
    pub(crate) fn from_toml(value: &toml::Value) -> Result<Self, String> {
        match value {
            toml::Value::String(text) => Self::parse_shorthand(text),
            toml::Value::Table(table) => Self::parse_table(table),
            other => Err(format!(
                "a port is a string such as \"receiver\" or a table such as {{ pos = 0, arg = \"cmd\" }}, not {}",
                other.type_str()
            )),
        }
    }

    fn parse_shorthand(text: &str) -> Result<Self, String> {
        let split = text.find(['[', '.']).unwrap_or(text.len());
        let (head, path) = text.split_at(split);
        let selector = match head.trim() {
            "receiver" => PortSelector::Receiver,
            "return" => PortSelector::Return,
            "args" => PortSelector::Arguments { from: 0 },
            "kwargs" => PortSelector::Keywords,
            other => {
                return Err(format!(
                    "unknown port `{other}`: use \"receiver\", \"return\", \"args\", \"kwargs\" or a table such as {{ pos = 0, arg = \"name\" }}"
                ));
            }
        };
        Ok(Self {
            selector,
            path: AccessPath::parse(path)?,
        })
    }

    fn parse_table(table: &toml::Table) -> Result<Self, String> {
        let mut position = None;
        let mut keyword = None;
        let mut from = None;
        let mut path = AccessPath::whole();
        for (key, value) in table {
            match (key.as_str(), value) {
                ("pos", toml::Value::Integer(number)) => {
                    position = Some(to_index(*number, "pos")?);
                }
                ("arg", toml::Value::String(name)) => {
                    if !is_identifier(name) {
                        return Err(format!("port key `arg`: `{name}` is not a parameter name"));
                    }
                    keyword = Some(name.clone());
                }
                ("args-from", toml::Value::Integer(number)) => {
                    from = Some(to_index(*number, "args-from")?);
                }
                ("path", toml::Value::String(text)) => path = AccessPath::parse(text)?,
                ("pos" | "args-from", other) => {
                    return Err(format!(
                        "port key `{key}` must be an integer, not {}",
                        other.type_str()
                    ));
                }
                ("arg" | "path", other) => {
                    return Err(format!(
                        "port key `{key}` must be a string, not {}",
                        other.type_str()
                    ));
                }
                _ => {
                    return Err(format!(
                        "unknown port key `{key}`, expected `pos`, `arg`, `args-from` or `path`"
                    ));
                }
            }
        }
        let selector = match (position, keyword, from) {
            (None, None, Some(from)) => PortSelector::Arguments { from },
            (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
                return Err("a port has `args-from` or `pos`/`arg`, not both".to_owned());
            }
            (None, None, None) => {
                return Err("a port table needs `pos`, `arg` or `args-from`".to_owned());
            }
            (position, keyword, None) => PortSelector::Argument { position, keyword },
        };
        Ok(Self { selector, path })
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.selector {
            PortSelector::Argument { position, keyword } => match (position, keyword) {
                (Some(position), Some(keyword)) => write!(f, "argument {position} (`{keyword}`)")?,
                (Some(position), None) => write!(f, "argument {position}")?,
                (None, Some(keyword)) => write!(f, "argument `{keyword}`")?,
                (None, None) => f.write_str("argument")?,
            },
            PortSelector::Arguments { from } => write!(f, "arguments from {from}")?,
            PortSelector::Keywords => f.write_str("keyword arguments")?,
            PortSelector::Receiver => f.write_str("receiver")?,
            PortSelector::Return => f.write_str("return value")?,
        }
        if !self.path.is_whole() {
            write!(f, " at {}", self.path)?;
        }
        Ok(())
    }
}

fn to_index(number: i64, key: &str) -> Result<usize, String> {
    usize::try_from(number)
        .ok()
        .filter(|index| *index < 256)
        .ok_or_else(|| format!("port key `{key}` must be between 0 and 255, not {number}"))
}

/// A Python identifier (ASCII subset, as used in model names).
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(text: &str) -> Result<Port, String> {
        let value: toml::Value = toml::from_str::<toml::Table>(&format!("p = {text}"))
            .map(|mut table| table.remove("p").unwrap())
            .map_err(|error| error.to_string())?;
        Port::from_toml(&value)
    }

    #[test]
    fn parses_shorthands_with_paths() {
        let receiver = port("\"receiver[*]\"").unwrap();
        assert!(receiver.is_receiver());
        assert_eq!(receiver.path.steps(), &[PathStep::AnyIndex]);
        let ret = port("\"return[0].filename\"").unwrap();
        assert_eq!(
            ret.path.steps(),
            &[
                PathStep::Index(0),
                PathStep::Attribute("filename".to_owned())
            ]
        );
        assert_eq!(
            port("\"args\"").unwrap().selector,
            PortSelector::Arguments { from: 0 }
        );
        assert!(port("\"self\"").is_err());
        assert!(port("\"return[\"").is_err());
    }

    #[test]
    fn parses_tables() {
        let argument = port("{ pos = 0, arg = \"args\", path = \"[0]\" }").unwrap();
        assert!(argument.accepts_position(0));
        assert!(argument.accepts_keyword("args"));
        assert!(!argument.accepts_position(1));
        let rest = port("{ args-from = 1 }").unwrap();
        assert!(rest.accepts_position(3) && !rest.accepts_position(0));
        assert!(port("{ pos = -1 }").is_err());
        assert!(port("{ pos = 0, args-from = 1 }").is_err());
        assert!(port("{ position = 0 }").is_err());
        assert!(port("{ path = \"[*]\" }").is_err());
        assert!(port("3").is_err());
    }

    #[test]
    fn paths_are_bounded() {
        assert!(AccessPath::parse("[*][*][*][*]").is_ok());
        assert!(AccessPath::parse("[*][*][*][*][*]").is_err());
        assert_eq!(
            AccessPath::parse("[\"k\"]").unwrap().steps(),
            &[PathStep::Key("k".to_owned())]
        );
        assert!(AccessPath::parse("x").is_err());
        assert!(AccessPath::parse(".1a").is_err());
    }
}
