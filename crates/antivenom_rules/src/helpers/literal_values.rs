//! Constant byte strings the general constant folder does not know
//! (`b"\0" * 16`, `bytes(16)`, `"key".encode()`, `bytes.fromhex("00ff")`)
//! and entries of dict displays (`{"verify_signature": False}`), for rules
//! that judge keys, IVs and option dicts.

use crate::helpers::receivers::bound_value;
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{self as ast, Expr, Operator};

/// Deepest nesting of names and operators followed.
const MAX_DEPTH: usize = 8;

/// Largest byte string built by repetition (`b"\0" * n`).
const MAX_BYTES: usize = 1 << 16;

/// The bytes `expr` evaluates to when they are known statically: bytes
/// literals and what the constant folder knows, repetition and
/// concatenation, `bytes(n)`, `bytes([..])`, `bytearray(..)`,
/// `bytes.fromhex("..")` and `"..".encode()`, through names assigned once.
pub(crate) fn constant_bytes(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<Vec<u8>> {
    bytes_at_depth(semantic, expr, 0)
}

fn bytes_at_depth(semantic: &FileSemantic<'_>, expr: &Expr, depth: usize) -> Option<Vec<u8>> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(Constant::Bytes(bytes)) = semantic.constant(expr) {
        return Some(bytes);
    }
    let depth = depth + 1;
    match expr {
        Expr::Name(name) => {
            let value = semantic.single_assigned_value(name)?;
            bytes_at_depth(semantic, value, depth)
        }
        Expr::BinOp(binary) => match binary.op {
            Operator::Mult => {
                let (bytes, count) =
                    if let Some(bytes) = bytes_at_depth(semantic, &binary.left, depth) {
                        (bytes, semantic.constant(&binary.right)?.as_int()?)
                    } else {
                        let bytes = bytes_at_depth(semantic, &binary.right, depth)?;
                        (bytes, semantic.constant(&binary.left)?.as_int()?)
                    };
                let count = usize::try_from(count).ok()?;
                if bytes.len().saturating_mul(count) > MAX_BYTES {
                    return None;
                }
                Some(bytes.repeat(count))
            }
            Operator::Add => {
                let mut left = bytes_at_depth(semantic, &binary.left, depth)?;
                left.extend(bytes_at_depth(semantic, &binary.right, depth)?);
                Some(left)
            }
            _ => None,
        },
        Expr::Call(call) => call_bytes(semantic, call, depth),
        _ => None,
    }
}

fn call_bytes(semantic: &FileSemantic<'_>, call: &ast::ExprCall, depth: usize) -> Option<Vec<u8>> {
    let arguments = &call.arguments;
    // `"secret".encode()` / `.encode("utf-8")`
    if let Expr::Attribute(attribute) = call.func.as_ref()
        && attribute.attr.as_str() == "encode"
        && let Some(text) = semantic.constant_str(&attribute.value)
    {
        return Some(text.into_bytes());
    }
    let callee = semantic.qualified_name(&call.func)?;
    match callee.as_str() {
        "bytes" | "bytearray" => match &*arguments.args {
            [] if arguments.keywords.is_empty() => Some(Vec::new()),
            [value] => match semantic.constant(value) {
                Some(Constant::Int(count)) => {
                    let count = usize::try_from(count).ok()?;
                    (count <= MAX_BYTES).then(|| vec![0; count])
                }
                Some(Constant::Sequence(items)) => items
                    .iter()
                    .map(|item| u8::try_from(item.as_int()?).ok())
                    .collect(),
                _ => bytes_at_depth(semantic, value, depth),
            },
            // `bytes("key", "utf-8")`
            [value, _, ..] => semantic.constant_str(value).map(String::into_bytes),
            _ => None,
        },
        "bytes.fromhex" | "bytearray.fromhex" | "binascii.unhexlify" | "binascii.a2b_hex" => {
            let [value] = &*arguments.args else {
                return None;
            };
            let text = match semantic.constant(value)? {
                Constant::Str(text) => text,
                Constant::Bytes(bytes) => String::from_utf8(bytes).ok()?,
                _ => return None,
            };
            decode_hex(&text)
        }
        _ => None,
    }
}

/// Decodes hex digits, ignoring ASCII whitespace as `bytes.fromhex` does.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .bytes()
        .filter(|byte| !byte.is_ascii_whitespace())
        .map(|byte| {
            char::from(byte)
                .to_digit(16)
                .and_then(|d| u8::try_from(d).ok())
        })
        .collect::<Option<_>>()?;
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    Some(
        digits
            .chunks(2)
            .map(|pair| match pair {
                [high, low] => high * 16 + low,
                _ => 0,
            })
            .collect(),
    )
}

/// The value stored under the string key `key` in the dict `expr` stands
/// for: a dict display, `dict(key=...)`, or a name bound to either by a
/// plain assignment. `None` when unknown or absent.
pub(crate) fn dict_entry<'x, 'a: 'x>(
    semantic: &FileSemantic<'a>,
    expr: &'x Expr,
    key: &str,
) -> Option<&'x Expr> {
    match bound_value(semantic, expr)? {
        Expr::Dict(dict) => dict_display_entry(semantic, dict, key),
        Expr::Call(call) if semantic.qualified_name(&call.func).as_deref() == Some("dict") => call
            .arguments
            .keywords
            .iter()
            .rev()
            .find(|keyword| keyword.arg.as_ref().is_some_and(|arg| arg.as_str() == key))
            .map(|keyword| &keyword.value),
        _ => None,
    }
}

/// The value of the last entry of a dict display whose key folds to `key`.
pub(crate) fn dict_display_entry<'x>(
    semantic: &FileSemantic<'_>,
    dict: &'x ast::ExprDict,
    key: &str,
) -> Option<&'x Expr> {
    dict.items
        .iter()
        .rev()
        .find(|item| {
            item.key
                .as_ref()
                .and_then(|k| semantic.constant_str(k))
                .is_some_and(|k| k == key)
        })
        .map(|item| &item.value)
}

/// `true` when `expr` folds to a constant Python considers false.
pub(crate) fn is_falsy_constant(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    semantic
        .constant(expr)
        .is_some_and(|value| !value.is_truthy())
}

#[cfg(test)]
mod tests {
    use super::decode_hex;

    #[test]
    fn decodes_hex_like_fromhex() {
        assert_eq!(decode_hex("00 ff"), Some(vec![0, 255]));
        assert_eq!(decode_hex("0"), None);
        assert_eq!(decode_hex("zz"), None);
    }
}
