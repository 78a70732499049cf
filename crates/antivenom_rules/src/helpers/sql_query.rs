//! Strings built at run time, and whether they are SQL built from values
//! that may come from outside (sql-injection rules).
//!
//! A *built string* is a `%` format, a `str.format` / `str.replace` /
//! `str.join` call on a constant, an f-string, or a `+` chain with a
//! constant string in it. Its *template* is the text with every
//! non-constant part replaced by `x` (`f"SELECT {c} FROM t"` gives
//! `SELECT x FROM t`); it is *untrusted* when some part is neither a
//! constant nor something that cannot carry SQL text: numbers (`len(ids)`,
//! `%d` conversions), identifier quoting (`connection.ops.quote_name(t)`)
//! and placeholder lists (`", ".join(["%s"] * len(ids))`).

use antivenom_semantic::FileSemantic;
use regex::Regex;
use ruff_python_ast::{self as ast, Expr, InterpolatedStringElement, Operator};
use std::sync::LazyLock;

/// How deep the analysis follows nested expressions and names.
const MAX_DEPTH: usize = 24;

/// What non-constant parts become in a template.
const PLACEHOLDER: &str = "x";

/// Function names whose result is a quoted identifier or literal, safe to
/// splice into SQL text.
const SQL_QUOTERS: &[&str] = &[
    "quote_name",
    "quote_name_unless_alias",
    "quote_ident",
    "quote_identifier",
    "quote_table_name",
    "quote_column_name",
    "escape_identifier",
    "escape_literal",
    "escape_string",
];

/// Builtins whose result is a number or a boolean.
const NUMERIC_BUILTINS: &[&str] = &[
    "int", "float", "len", "bool", "round", "abs", "ord", "hash", "id",
];

/// A string built at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BuiltString {
    /// The text with non-constant parts replaced by `x`.
    pub(crate) template: String,
    /// `true` when some part may carry text from outside.
    pub(crate) untrusted: bool,
    /// How it was built, for messages.
    pub(crate) how: &'static str,
}

/// Analyses `expr` when it is a string-building expression.
pub(crate) fn built_string(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<BuiltString> {
    built_string_at(semantic, expr, 0, true)
}

/// The template [`built_string`] gives for `expr`, without judging whether
/// its parts are trusted (`untrusted` is always `false`): a cheaper first
/// look, for callers that only care about SQL-looking templates.
pub(crate) fn built_template(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<String> {
    built_string_at(semantic, expr, 0, false).map(|built| built.template)
}

/// The parts of a `+` chain, left to right (iterative: chains can be long).
pub(crate) fn add_chain(expr: &Expr) -> Vec<&Expr> {
    let mut parts = Vec::new();
    let mut stack = vec![expr];
    while let Some(current) = stack.pop() {
        match current {
            Expr::BinOp(binary) if binary.op == Operator::Add => {
                stack.push(&binary.right);
                stack.push(&binary.left);
            }
            other => parts.push(other),
        }
    }
    parts
}

/// `judge` is `false` to build the template only: the template never
/// depends on what is trusted.
fn built_string_at(
    semantic: &FileSemantic<'_>,
    expr: &Expr,
    depth: usize,
    judge: bool,
) -> Option<BuiltString> {
    if depth > MAX_DEPTH {
        return None;
    }
    let depth = depth + 1;
    match expr {
        Expr::BinOp(binary) if binary.op == Operator::Add => {
            let mut template = String::new();
            let mut untrusted = false;
            let mut has_text = false;
            for part in add_chain(expr) {
                if let Some(text) = semantic.constant_str(part) {
                    template.push_str(&text);
                    has_text = true;
                } else if let Some(inner) = built_string_at(semantic, part, depth, judge) {
                    template.push_str(&inner.template);
                    untrusted |= inner.untrusted;
                    has_text = true;
                } else {
                    template.push_str(PLACEHOLDER);
                    untrusted |= judge && !is_trusted_at(semantic, part, depth);
                }
            }
            has_text.then_some(BuiltString {
                template,
                untrusted,
                how: "`+` concatenation",
            })
        }
        Expr::BinOp(binary) if binary.op == Operator::Mod => {
            let template = semantic.constant_str(&binary.left)?;
            let untrusted =
                judge && !percent_arguments_trusted(semantic, &template, &binary.right, depth);
            Some(BuiltString {
                template,
                untrusted,
                how: "`%` formatting",
            })
        }
        Expr::FString(fstring) => Some(fstring_template(semantic, fstring, depth, judge)),
        Expr::Call(call) => string_method_template(semantic, call, depth, judge),
        _ => None,
    }
}

fn fstring_template(
    semantic: &FileSemantic<'_>,
    fstring: &ast::ExprFString,
    depth: usize,
    judge: bool,
) -> BuiltString {
    let mut template = String::new();
    let mut untrusted = false;
    for part in fstring.value.iter() {
        match part {
            ast::FStringPart::Literal(literal) => template.push_str(&literal.value),
            ast::FStringPart::FString(inner) => {
                for element in &inner.elements {
                    match element {
                        InterpolatedStringElement::Literal(literal) => {
                            template.push_str(&literal.value);
                        }
                        InterpolatedStringElement::Interpolation(interpolation) => {
                            let value = &interpolation.expression;
                            if let Some(text) = semantic
                                .constant(value)
                                .and_then(|constant| constant.to_python_str())
                            {
                                template.push_str(&text);
                            } else if has_numeric_format_spec(interpolation) {
                                template.push('0');
                            } else if let Some(inner) =
                                built_string_at(semantic, value, depth, judge)
                            {
                                template.push_str(&inner.template);
                                untrusted |= inner.untrusted;
                            } else {
                                template.push_str(PLACEHOLDER);
                                untrusted |= judge && !is_trusted_at(semantic, value, depth);
                            }
                        }
                    }
                }
            }
        }
    }
    BuiltString {
        template,
        untrusted,
        how: "an f-string",
    }
}

/// `{n:d}`, `{price:.2f}`: the value can only render as a number.
fn has_numeric_format_spec(interpolation: &ast::InterpolatedElement) -> bool {
    let Some(spec) = &interpolation.format_spec else {
        return false;
    };
    let mut text = String::new();
    for element in spec.elements.iter() {
        match element {
            InterpolatedStringElement::Literal(literal) => text.push_str(&literal.value),
            InterpolatedStringElement::Interpolation(_) => return false,
        }
    }
    text.ends_with([
        'b', 'd', 'o', 'x', 'X', 'n', 'e', 'E', 'f', 'F', 'g', 'G', '%',
    ])
}

/// `"…".format(…)`, `"…".replace(old, new)`, `" ".join([...])` on a
/// constant receiver.
fn string_method_template(
    semantic: &FileSemantic<'_>,
    call: &ast::ExprCall,
    depth: usize,
    judge: bool,
) -> Option<BuiltString> {
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return None;
    };
    let method = attribute.attr.as_str();
    if !matches!(method, "format" | "replace" | "join") {
        return None;
    }
    let receiver = semantic.constant_str(&attribute.value)?;
    let arguments = &call.arguments;
    match method {
        "format" => {
            let untrusted = judge
                && arguments
                    .args
                    .iter()
                    .chain(arguments.keywords.iter().map(|keyword| &keyword.value))
                    .any(|argument| !is_trusted_at(semantic, argument, depth));
            Some(BuiltString {
                template: receiver,
                untrusted,
                how: "`str.format`",
            })
        }
        "replace" => {
            let new = arguments.find_argument_value("new", 1)?;
            Some(BuiltString {
                template: receiver,
                untrusted: judge && !is_trusted_at(semantic, new, depth),
                how: "`str.replace`",
            })
        }
        _ => {
            let [Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. })] =
                &*arguments.args
            else {
                return None;
            };
            let mut pieces = Vec::with_capacity(elts.len());
            let mut untrusted = false;
            for element in elts {
                if let Some(text) = semantic.constant_str(element) {
                    pieces.push(text);
                } else if let Some(inner) = built_string_at(semantic, element, depth, judge) {
                    untrusted |= inner.untrusted;
                    pieces.push(inner.template);
                } else {
                    untrusted |= judge && !is_trusted_at(semantic, element, depth);
                    pieces.push(PLACEHOLDER.to_owned());
                }
            }
            Some(BuiltString {
                template: pieces.join(&receiver),
                untrusted,
                how: "`str.join`",
            })
        }
    }
}

/// One `%` conversion: its mapping key (for `%(name)s`) and whether it
/// only accepts numbers.
struct Conversion {
    key: Option<String>,
    numeric: bool,
}

/// The conversions of a `%` template, `%%` excluded.
fn percent_conversions(template: &str) -> Vec<Conversion> {
    let mut conversions = Vec::new();
    let mut chars = template.chars().peekable();
    while let Some(character) = chars.next() {
        if character != '%' {
            continue;
        }
        let mut key = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            let mut name = String::new();
            for inner in chars.by_ref() {
                if inner == ')' {
                    break;
                }
                name.push(inner);
            }
            key = Some(name);
        }
        let mut conversion = None;
        for inner in chars.by_ref() {
            if !matches!(
                inner,
                '-' | '+' | ' ' | '#' | '0'..='9' | '.' | '*' | 'h' | 'l' | 'L'
            ) {
                conversion = Some(inner);
                break;
            }
        }
        match conversion {
            Some('%') | None => {}
            Some(conversion) => conversions.push(Conversion {
                key,
                numeric: matches!(
                    conversion,
                    'd' | 'i' | 'o' | 'u' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G'
                ),
            }),
        }
    }
    conversions
}

/// `true` when the right operand of `template % arguments` cannot put
/// outside text into the result.
fn percent_arguments_trusted(
    semantic: &FileSemantic<'_>,
    template: &str,
    arguments: &Expr,
    depth: usize,
) -> bool {
    if semantic.is_constant(arguments) {
        return true;
    }
    let conversions = percent_conversions(template);
    if conversions.iter().all(|conversion| conversion.numeric) {
        return true;
    }
    match arguments {
        Expr::Tuple(tuple) if tuple.elts.len() == conversions.len() => tuple
            .elts
            .iter()
            .zip(&conversions)
            .all(|(value, conversion)| conversion.numeric || is_trusted_at(semantic, value, depth)),
        Expr::Dict(dict) => dict.items.iter().all(|item| {
            let numeric_only = item
                .key
                .as_ref()
                .and_then(|key| semantic.constant_str(key))
                .is_some_and(|key| {
                    conversions
                        .iter()
                        .filter(|c| c.key.as_deref() == Some(key.as_str()))
                        .all(|c| c.numeric)
                });
            numeric_only || is_trusted_at(semantic, &item.value, depth)
        }),
        single if conversions.len() == 1 => is_trusted_at(semantic, single, depth),
        other => is_trusted_at(semantic, other, depth),
    }
}

/// `true` when `expr` cannot carry text from outside into SQL: constants,
/// numbers, quoted identifiers, placeholder lists, and strings built only
/// from those.
pub(crate) fn is_trusted(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    is_trusted_at(semantic, expr, 0)
}

fn is_trusted_at(semantic: &FileSemantic<'_>, expr: &Expr, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    if semantic.is_constant(expr) {
        return true;
    }
    let depth = depth + 1;
    match expr {
        Expr::Name(name) => semantic
            .single_assigned_value(name)
            .is_some_and(|value| is_trusted_at(semantic, value, depth)),
        Expr::BinOp(binary) => match binary.op {
            Operator::Add | Operator::Mod => match built_string_at(semantic, expr, depth, true) {
                Some(built) => !built.untrusted,
                None => {
                    is_trusted_at(semantic, &binary.left, depth)
                        && is_trusted_at(semantic, &binary.right, depth)
                }
            },
            // `"?" * n`, `["%s"] * len(ids)`: repeated constants.
            Operator::Mult => {
                semantic.is_constant(&binary.left)
                    || semantic.is_constant(&binary.right)
                    || (is_trusted_at(semantic, &binary.left, depth)
                        && is_trusted_at(semantic, &binary.right, depth))
            }
            // Arithmetic and bit operations give numbers.
            _ => true,
        },
        Expr::UnaryOp(_) | Expr::Compare(_) => true,
        Expr::BoolOp(boolean) => boolean
            .values
            .iter()
            .all(|value| is_trusted_at(semantic, value, depth)),
        Expr::If(ternary) => {
            is_trusted_at(semantic, &ternary.body, depth)
                && is_trusted_at(semantic, &ternary.orelse, depth)
        }
        Expr::FString(_) => {
            built_string_at(semantic, expr, depth, true).is_some_and(|b| !b.untrusted)
        }
        Expr::List(ast::ExprList { elts, .. })
        | Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => elts
            .iter()
            .all(|element| is_trusted_at(semantic, element, depth)),
        Expr::ListComp(ast::ExprListComp { elt, .. })
        | Expr::SetComp(ast::ExprSetComp { elt, .. })
        | Expr::Generator(ast::ExprGenerator { elt, .. }) => is_trusted_at(semantic, elt, depth),
        Expr::Call(call) => is_trusted_call(semantic, call, depth),
        _ => false,
    }
}

fn is_trusted_call(semantic: &FileSemantic<'_>, call: &ast::ExprCall, depth: usize) -> bool {
    let arguments = &call.arguments;
    if let Some(name) = semantic.qualified_name(&call.func) {
        if NUMERIC_BUILTINS.contains(&name.as_str()) {
            return true;
        }
        if matches!(name.as_str(), "str" | "repr" | "list" | "tuple" | "sorted") {
            return match &*arguments.args {
                [value] => is_trusted_at(semantic, value, depth),
                [] => true,
                _ => false,
            };
        }
        if name == "itertools.repeat" {
            return arguments
                .find_argument_value("object", 0)
                .is_some_and(|value| is_trusted_at(semantic, value, depth));
        }
    }
    let method = match call.func.as_ref() {
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        Expr::Name(name) => name.id.as_str(),
        _ => return false,
    };
    if SQL_QUOTERS.contains(&method) {
        return true;
    }
    if let Expr::Attribute(attribute) = call.func.as_ref() {
        match method {
            // `", ".join(["%s"] * n)`: a constant separator between trusted items.
            "join" => {
                return is_trusted_at(semantic, &attribute.value, depth)
                    && matches!(&*arguments.args, [items] if is_trusted_at(semantic, items, depth));
            }
            "format" | "replace" => {
                return string_method_template(semantic, call, depth, true)
                    .is_some_and(|built| !built.untrusted);
            }
            "count" | "index" | "find" | "rfind" | "bit_length" | "isoformat" => return true,
            _ => {}
        }
    }
    false
}

/// A statement keyword and what must follow it for the text to be a SQL
/// statement rather than an English sentence.
static STATEMENT_SHAPES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("select", r"(?is)^\s.*?\S.*?\sfrom\s+(\S*)"),
        (
            "insert",
            r"(?is)^\s+(?:(?:or\s+\w+|ignore|low_priority|delayed|high_priority)\s+)*into\s",
        ),
        ("replace", r"(?is)^\s+into\s"),
        ("update", r"(?is)^\s+\S+.*?\sset\s"),
        ("delete", r"(?is)^\s+(?:\S+\s+)?from\s+(\S*)"),
        (
            "with",
            r"(?is)^\s+(?:recursive\s+)?\w+(?:\s*\([^)]*\))?\s+as\s*(?:not\s+)?(?:materialized\s+)?\(",
        ),
        (
            "create",
            r"(?is)^\s+(?:or\s+replace\s+)?(?:(?:temp|temporary|unique|global|local|virtual|materialized)\s+)*(?:table|view|index|database|schema|trigger|function|procedure|sequence)\b",
        ),
        (
            "alter",
            r"(?is)^\s+(?:table|view|index|database|schema|sequence|function|procedure|user|role)\b",
        ),
        (
            "drop",
            r"(?is)^\s+(?:table|view|index|database|schema|trigger|function|procedure|sequence|user|role)\b",
        ),
        ("truncate", r"(?is)^\s+table\b"),
    ]
    .into_iter()
    .filter_map(|(keyword, pattern)| Regex::new(pattern).ok().map(|regex| (keyword, regex)))
    .collect()
});

/// Keywords that suggest SQL anywhere in a text passed to a SQL API.
static SQL_WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:select|insert|update|delete|replace|merge|upsert|create|alter|drop|truncate|pragma|grant|revoke|explain|vacuum|analy[sz]e|call|exec|declare|set|show|describe|copy|lock|listen|notify|begin|commit|rollback|savepoint|where|from|values|join|having|limit|offset|union|into|order\s+by|group\s+by)\b",
    )
    .ok()
});

/// `text` without leading blanks, parentheses and SQL comments.
fn strip_sql_prefix(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
        if let Some(rest) = trimmed.strip_prefix("--") {
            text = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(rest) = trimmed.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return trimmed;
        }
    }
}

/// `true` when `template` starts like a SQL statement (`SELECT … FROM`,
/// `INSERT INTO`, `UPDATE … SET`, `DELETE FROM`, `WITH x AS (`,
/// `CREATE/ALTER/DROP TABLE …`, `TRUNCATE TABLE`). With
/// `require_sql_case`, the keyword must be all upper or all lower case, so
/// that sentences like "Select a file from the list" do not count.
pub(crate) fn is_sql_statement(template: &str, require_sql_case: bool) -> bool {
    let mut text = strip_sql_prefix(template);
    let lowered_prefix: String = text.chars().take(8).flat_map(char::to_lowercase).collect();
    if lowered_prefix.starts_with("explain") {
        text = strip_sql_prefix(text.get(7..).unwrap_or_default());
        let lowered: String = text.chars().take(8).flat_map(char::to_lowercase).collect();
        if lowered.starts_with("analyze") || lowered.starts_with("analyse") {
            text = strip_sql_prefix(text.get(7..).unwrap_or_default());
        }
    }
    STATEMENT_SHAPES.iter().any(|(keyword, shape)| {
        let Some(head) = text.get(..keyword.len()) else {
            return false;
        };
        if !head.eq_ignore_ascii_case(keyword) {
            return false;
        }
        let well_cased = head.bytes().all(|b| b.is_ascii_uppercase())
            || head.bytes().all(|b| b.is_ascii_lowercase());
        if require_sql_case && !well_cased {
            return false;
        }
        let Some(captures) = text
            .get(keyword.len()..)
            .and_then(|rest| shape.captures(rest))
        else {
            return false;
        };
        // `delete from the cache`: English, not a table name.
        captures.get(1).is_none_or(|word| {
            let word = word
                .as_str()
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            !ENGLISH_DETERMINERS.contains(&word.as_str())
        })
    })
}

/// What the first significant character of a text says about whether it
/// can start a SQL statement (see [`is_sql_statement`]).
enum Lead {
    /// Only blanks and `(` so far: the text that follows decides.
    Undecided,
    /// It may start a statement (a keyword's first letter, or `-` / `/`
    /// which may open a comment).
    May,
    /// It surely does not.
    Cannot,
}

/// The keywords of [`STATEMENT_SHAPES`] (a unit test keeps them in step).
/// Each must be followed by whitespace in a statement.
const STATEMENT_KEYWORDS: &[&str] = &[
    "select", "insert", "replace", "update", "delete", "with", "create", "alter", "drop",
    "truncate",
];

/// Looks at the start of `text`, skipping what [`strip_sql_prefix`] skips
/// before comments: a statement starts with one of the
/// [`STATEMENT_KEYWORDS`] and whitespace, or with `explain`.
fn lead_of(text: &str) -> Lead {
    let Some(start) = text.find(|c: char| !(c.is_whitespace() || c == '(')) else {
        return Lead::Undecided;
    };
    let rest = text.get(start..).unwrap_or_default();
    // The first word: its ASCII letters.
    let length = rest
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let word = rest.get(..length).unwrap_or_default();
    if word.is_empty() {
        // A comment may come first.
        return if rest.starts_with(['-', '/']) {
            Lead::May
        } else {
            Lead::Cannot
        };
    }
    let starts = |keyword: &str| {
        keyword
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    let explain = word
        .get(..7)
        .is_some_and(|head| head.eq_ignore_ascii_case("explain"));
    let may = match rest.get(length..).and_then(|after| after.chars().next()) {
        // The word goes on in the next piece: it must start a keyword.
        None => explain || starts("explain") || STATEMENT_KEYWORDS.iter().any(|k| starts(k)),
        // A whole word: a keyword followed by whitespace (anything not
        // ASCII is let through).
        Some(next) => {
            explain
                || (!next.is_ascii() || next.is_ascii_whitespace() || next == '\u{b}')
                    && STATEMENT_KEYWORDS
                        .iter()
                        .any(|keyword| keyword.eq_ignore_ascii_case(word))
        }
    };
    if may { Lead::May } else { Lead::Cannot }
}

/// `false` when the text of the literal pieces of `pieces`, read up to the
/// first non-literal piece (`None`), surely does not start like a SQL
/// statement.
fn pieces_may_start_sql<'t>(pieces: impl IntoIterator<Item = Option<&'t str>>) -> bool {
    for piece in pieces {
        let Some(text) = piece else {
            return true;
        };
        match lead_of(text) {
            Lead::Undecided => {}
            Lead::May => return true,
            Lead::Cannot => return false,
        }
    }
    true
}

/// The literal pieces of an f-string in order, `None` for interpolations.
fn fstring_pieces(fstring: &ast::ExprFString) -> impl Iterator<Item = Option<&str>> {
    fstring.value.iter().flat_map(|part| {
        let (literal, elements): (Option<&str>, &[InterpolatedStringElement]) = match part {
            ast::FStringPart::Literal(literal) => (Some(&literal.value), &[]),
            ast::FStringPart::FString(inner) => (None, &inner.elements),
        };
        literal
            .map(Some)
            .into_iter()
            .chain(elements.iter().map(|element| match element {
                InterpolatedStringElement::Literal(literal) => Some(&*literal.value),
                InterpolatedStringElement::Interpolation(_) => None,
            }))
    })
}

/// `false` when the text `expr` contributes at the start of a template
/// surely does not start like a SQL statement. Only literals are looked
/// at: anything that may fold to a constant may be SQL.
fn leading_value_may_start_sql(expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(literal) => {
            pieces_may_start_sql(literal.value.iter().map(|part| Some(&*part.value)))
        }
        Expr::FString(fstring) => pieces_may_start_sql(fstring_pieces(fstring)),
        // Not text: a placeholder (`x`) in the template.
        Expr::NumberLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => false,
        _ => true,
    }
}

/// `false` when the template [`built_template`] gives for `expr` surely
/// does not start like a SQL statement (or there is none), found without
/// building text; of a `+` chain only the first part is folded.
pub(crate) fn template_may_start_sql(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    match expr {
        Expr::BinOp(binary) if binary.op == Operator::Add => {
            // The first part of the `+` chain starts the template.
            let mut first = expr;
            while let Expr::BinOp(binary) = first
                && binary.op == Operator::Add
            {
                first = &binary.left;
            }
            match first {
                Expr::StringLiteral(_)
                | Expr::FString(_)
                | Expr::NumberLiteral(_)
                | Expr::BytesLiteral(_)
                | Expr::BooleanLiteral(_)
                | Expr::NoneLiteral(_)
                | Expr::EllipsisLiteral(_) => leading_value_may_start_sql(first),
                // These may build a string of their own.
                Expr::BinOp(_) | Expr::Call(_) => true,
                // Anything else starts the template with its folded text,
                // or with the placeholder, which starts no statement.
                other => semantic
                    .constant_str(other)
                    .is_some_and(|text| !matches!(lead_of(&text), Lead::Cannot)),
            }
        }
        // The template is the folded left side.
        Expr::BinOp(binary) if binary.op == Operator::Mod => match &*binary.left {
            literal @ (Expr::StringLiteral(_) | Expr::FString(_)) => {
                leading_value_may_start_sql(literal)
            }
            Expr::NumberLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => false,
            _ => true,
        },
        // Other operators build no string.
        Expr::BinOp(_) => false,
        Expr::FString(fstring) => pieces_may_start_sql(fstring_pieces(fstring)),
        // Only these string methods build one; `"…".format(…)` and
        // `"…".replace(…)` keep their receiver's start.
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(attribute) => match attribute.attr.as_str() {
                "format" | "replace" => match &*attribute.value {
                    Expr::StringLiteral(_) => leading_value_may_start_sql(&attribute.value),
                    _ => true,
                },
                "join" => true,
                _ => false,
            },
            _ => false,
        },
        _ => false,
    }
}

/// Words that follow "from" in English but are not table names.
const ENGLISH_DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "our", "their", "his", "her",
    "its", "all", "any", "each", "every", "some",
];

/// Looser test for text that reaches a SQL API: a SQL statement anywhere
/// in it, or any SQL keyword.
pub(crate) fn mentions_sql(template: &str) -> bool {
    is_sql_statement(template, false)
        || SQL_WORDS
            .as_ref()
            .is_some_and(|words| words.is_match(template))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_follow_the_shapes() {
        let shapes: Vec<&str> = STATEMENT_SHAPES
            .iter()
            .map(|(keyword, _)| *keyword)
            .collect();
        assert_eq!(shapes, STATEMENT_KEYWORDS);
    }

    /// Whatever a statement starts with, its leading text is never ruled
    /// out, piece by piece.
    #[test]
    fn leads_of_statements() {
        let statements = [
            "SELECT * FROM foo WHERE id = x",
            "select a, b from t",
            "\n  SELECT x\nFROM foo",
            "INSERT INTO foo VALUES (x)",
            "insert or replace into t values (1)",
            "REPLACE INTO t VALUES (1)",
            "UPDATE x SET id = 1",
            "DELETE FROM foo WHERE id = x",
            "WITH cte AS (SELECT x FROM foo) SELECT x FROM cte",
            "CREATE TABLE x (id int)",
            "alter table x add y",
            "DROP TABLE x",
            "truncate\ttable x",
            "select\u{b}* from t",
            "-- comment\nSELECT * FROM t",
            "/* c */ SELECT * FROM t",
            "EXPLAIN ANALYZE SELECT * FROM t",
            "explain(select 1 from t)",
            "(SELECT 1 FROM t)",
        ];
        for sql in statements {
            assert!(is_sql_statement(sql, false), "{sql:?}");
            for cut in 0..=sql.len() {
                if let Some(head) = sql.get(..cut) {
                    assert!(!matches!(lead_of(head), Lead::Cannot), "{head:?}");
                }
            }
        }
        for text in [
            "The value",
            "selected x",
            "select_x from t",
            "x",
            "%s",
            "drop",
        ] {
            let cannot = matches!(lead_of(text), Lead::Cannot);
            assert_eq!(cannot, text != "drop", "{text:?}");
        }
    }

    #[test]
    fn statement_shapes() {
        for sql in [
            "SELECT * FROM foo WHERE id = x",
            "select a, b from t",
            "\n  SELECT x\nFROM foo",
            "INSERT INTO foo VALUES (x)",
            "insert or replace into t values (1)",
            "UPDATE x SET id = 1",
            "DELETE FROM foo WHERE id = x",
            "WITH cte AS (SELECT x FROM foo) SELECT x FROM cte",
            "CREATE TABLE x (id int)",
            "DROP TABLE x",
            "-- comment\nSELECT * FROM t",
            "EXPLAIN ANALYZE SELECT * FROM t",
            "(SELECT 1 FROM t)",
        ] {
            assert!(is_sql_statement(sql, true), "{sql:?}");
        }
        for text in [
            "Select a file from the list: x",
            "delete from the cache: x",
            "select one from your list",
            "select from",
            "Update your settings",
            "delete x",
            "The SELECT x FROM y",
            "selection from x",
        ] {
            assert!(!is_sql_statement(text, true), "{text:?}");
        }
        assert!(mentions_sql("x WHERE id = x"));
        assert!(!mentions_sql("Running task x"));
    }

    #[test]
    fn percent_conversions_know_numbers() {
        let conversions = percent_conversions("a %s %d %(k)05.2f %% %r");
        let numeric: Vec<bool> = conversions.iter().map(|c| c.numeric).collect();
        assert_eq!(numeric, [false, true, true, false]);
        assert_eq!(conversions[2].key.as_deref(), Some("k"));
    }
}
