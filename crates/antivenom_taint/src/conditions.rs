//! Whether a model's (or a declarative rule's) `when`/`unless` conditions
//! hold for one call.

use antivenom_semantic::{Constant, FileSemantic};
use antivenom_taint_models::{ArgumentState, Condition, Conditions};
use ruff_python_ast::{Expr, ExprCall};

/// `true` when `conditions` hold for `call`.
pub fn conditions_hold(
    conditions: &Conditions,
    call: &ExprCall,
    semantic: &FileSemantic<'_>,
) -> bool {
    conditions.is_unconditional()
        || conditions.apply(|condition| condition_holds(condition, call, semantic))
}

/// The argument a condition addresses (an element of it with `item`).
fn argument<'e>(condition: &Condition, call: &'e ExprCall) -> Option<&'e Expr> {
    let arguments = &call.arguments;
    let value = match (&condition.arg, condition.pos) {
        (Some(name), Some(position)) => arguments.find_argument_value(name, position),
        (Some(name), None) => arguments.find_keyword(name).map(|keyword| &keyword.value),
        (None, Some(position)) => arguments.find_positional(position),
        (None, None) => None,
    }?;
    match condition.item {
        None => Some(value),
        Some(item) => match value {
            Expr::List(list) => list.elts.get(item),
            Expr::Tuple(tuple) => tuple.elts.get(item),
            _ => None,
        },
    }
}

fn has_unpacking(call: &ExprCall) -> bool {
    call.arguments.args.iter().any(Expr::is_starred_expr)
        || call
            .arguments
            .keywords
            .iter()
            .any(|keyword| keyword.arg.is_none())
}

fn toml_equals(constant: &Constant, value: &toml::Value) -> bool {
    match (constant, value) {
        (Constant::Str(text), toml::Value::String(expected)) => text == expected,
        (Constant::Bool(flag), toml::Value::Boolean(expected)) => flag == expected,
        (Constant::Int(number), toml::Value::Integer(expected)) => number == expected,
        (Constant::Float(number), toml::Value::Float(expected)) => number == expected,
        #[allow(clippy::cast_precision_loss)]
        (Constant::Int(number), toml::Value::Float(expected)) => (*number as f64) == *expected,
        _ => false,
    }
}

fn name_matches(name: &str, patterns: &[String]) -> bool {
    patterns
        .iter()
        .any(|pattern| match pattern.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == pattern,
        })
}

/// `true` when one condition holds for `call` (the declarative rules use
/// the same conditions).
pub fn condition_holds(
    condition: &Condition,
    call: &ExprCall,
    semantic: &FileSemantic<'_>,
) -> bool {
    let value = argument(condition, call);
    let constant = value.and_then(|expr| semantic.constant(expr));
    if let Some(state) = condition.is {
        let ok = match state {
            ArgumentState::Present => value.is_some(),
            // `f(**options)` may pass it: not provably absent.
            ArgumentState::Absent => value.is_none() && !has_unpacking(call),
            ArgumentState::Constant => constant.is_some(),
            ArgumentState::NonConstant => value.is_some() && constant.is_none(),
            ArgumentState::Truthy => constant.as_ref().is_some_and(Constant::is_truthy),
            ArgumentState::Falsy => constant.as_ref().is_some_and(|c| !c.is_truthy()),
        };
        if !ok {
            return false;
        }
    }
    if let Some(expected) = &condition.equals
        && !constant.as_ref().is_some_and(|c| toml_equals(c, expected))
    {
        return false;
    }
    if let Some(options) = &condition.one_of
        && !constant
            .as_ref()
            .is_some_and(|c| options.iter().any(|option| toml_equals(c, option)))
    {
        return false;
    }
    if let Some(names) = &condition.resolves_to {
        let by_name = value
            .and_then(|expr| semantic.qualified_name(expr))
            .is_some_and(|name| name_matches(&name, names));
        let by_text = constant
            .as_ref()
            .and_then(Constant::as_str)
            .is_some_and(|text| name_matches(text, names));
        if !by_name && !by_text {
            return false;
        }
    }
    if let Some(names) = &condition.result_of
        && !value
            .and_then(|expr| semantic.constructor(expr))
            .is_some_and(|callee| name_matches(&callee, names))
    {
        return false;
    }
    if let Some(regex) = condition.regex()
        && !constant
            .as_ref()
            .and_then(Constant::as_str)
            .is_some_and(|text| regex.is_match(text))
    {
        return false;
    }
    true
}
