//! Constant values and the folding rules that produce them.

use std::fmt::Write as _;

/// A value known at analysis time.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// A `str`.
    Str(String),
    /// A `bytes`.
    Bytes(Vec<u8>),
    /// An `int` that fits in 64 bits (also used for `bool` arithmetic).
    Int(i64),
    /// A `float`.
    Float(f64),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    None,
    /// `...`.
    Ellipsis,
    /// A tuple, list or set of constants.
    Sequence(Vec<Constant>),
}

impl Constant {
    /// The text, when the constant is a `str`.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(text) => Some(text),
            _ => None,
        }
    }

    /// The value as an integer (`bool` counts as `int`, as in Python).
    #[must_use]
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Self::Int(value) => Some(*value),
            Self::Bool(value) => Some(i64::from(*value)),
            _ => None,
        }
    }

    /// Python truthiness.
    #[must_use]
    pub fn is_truthy(&self) -> bool {
        match self {
            Self::Str(text) => !text.is_empty(),
            Self::Bytes(bytes) => !bytes.is_empty(),
            Self::Int(value) => *value != 0,
            Self::Float(value) => *value != 0.0,
            Self::Bool(value) => *value,
            Self::None => false,
            Self::Ellipsis => true,
            Self::Sequence(items) => !items.is_empty(),
        }
    }

    /// What `str(value)` gives, for values whose text is well defined.
    #[must_use]
    pub fn to_python_str(&self) -> Option<String> {
        Some(match self {
            Self::Str(text) => text.clone(),
            Self::Int(value) => value.to_string(),
            Self::Float(value) => format_float(*value),
            Self::Bool(true) => "True".to_owned(),
            Self::Bool(false) => "False".to_owned(),
            Self::None => "None".to_owned(),
            Self::Ellipsis => "Ellipsis".to_owned(),
            Self::Bytes(_) | Self::Sequence(_) => return Option::None,
        })
    }

    /// What `repr(value)` gives for strings and scalars.
    #[must_use]
    pub fn to_python_repr(&self) -> Option<String> {
        match self {
            Self::Str(text) => Some(format!("'{text}'")),
            other => other.to_python_str(),
        }
    }
}

fn format_float(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e16 {
        format!("{value:.1}")
    } else {
        value.to_string()
    }
}

/// Applies a `%` format (`"a %s b" % x`) to constant arguments. Supports the
/// conversions that matter for strings (`s r d i x o f %`) without width or
/// precision subtleties; returns `None` when it cannot be sure.
pub(crate) fn percent_format(template: &str, arguments: &Constant) -> Option<String> {
    let values: Vec<&Constant> = match arguments {
        Constant::Sequence(items) => items.iter().collect(),
        single => vec![single],
    };
    let mut values = values.into_iter();
    let mut output = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(character) = chars.next() {
        if character != '%' {
            output.push(character);
            continue;
        }
        // Skip flags, width and precision.
        let mut conversion = chars.next()?;
        while matches!(conversion, '-' | '+' | ' ' | '#' | '0'..='9' | '.') {
            conversion = chars.next()?;
        }
        match conversion {
            '%' => output.push('%'),
            's' => output.push_str(&values.next()?.to_python_str()?),
            'r' | 'a' => output.push_str(&values.next()?.to_python_repr()?),
            'd' | 'i' | 'u' => write!(output, "{}", values.next()?.as_int()?).ok()?,
            'x' => write!(output, "{:x}", values.next()?.as_int()?).ok()?,
            'o' => write!(output, "{:o}", values.next()?.as_int()?).ok()?,
            'f' | 'g' | 'e' => output.push_str(&values.next()?.to_python_str()?),
            _ => return Option::None,
        }
    }
    values.next().is_none().then_some(output)
}

/// Applies `str.format` with constant positional and keyword arguments.
/// Format specs and conversions are ignored (they change appearance, not
/// whether the result is constant).
pub(crate) fn brace_format(
    template: &str,
    positional: &[Constant],
    keywords: &[(&str, Constant)],
) -> Option<String> {
    let mut output = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    let mut next_index = 0usize;
    while let Some(character) = chars.next() {
        match character {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                output.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                output.push('}');
            }
            '{' => {
                let mut field = String::new();
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                    field.push(inner);
                }
                let name = field.split([':', '!']).next().unwrap_or_default();
                let value = if name.is_empty() {
                    let value = positional.get(next_index)?;
                    next_index += 1;
                    value
                } else if let Ok(index) = name.parse::<usize>() {
                    positional.get(index)?
                } else {
                    &keywords.iter().find(|(key, _)| *key == name)?.1
                };
                output.push_str(&value.to_python_str()?);
            }
            other => output.push(other),
        }
    }
    Some(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_format_folds_strings_and_numbers() {
        let arguments = Constant::Sequence(vec![Constant::Str("x".into()), Constant::Int(3)]);
        assert_eq!(
            percent_format("a %s b %d %%", &arguments).as_deref(),
            Some("a x b 3 %")
        );
        assert_eq!(
            percent_format("%s", &Constant::Str("y".into())).as_deref(),
            Some("y")
        );
        assert_eq!(percent_format("%s %s", &Constant::Str("y".into())), None);
    }

    #[test]
    fn brace_format_handles_auto_manual_and_named_fields() {
        let positional = [Constant::Str("a".into()), Constant::Int(2)];
        let keywords = [("k", Constant::Bool(true))];
        assert_eq!(
            brace_format("{} {} {0} {k} {{x}} {1:>3}", &positional, &keywords).as_deref(),
            Some("a 2 a True {x} 2")
        );
        assert_eq!(brace_format("{missing}", &positional, &keywords), None);
    }
}
