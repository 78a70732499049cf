//! Constant patterns handed to the `re` module, their flags, and a small
//! conservative parser of Python regular expression syntax (regex rules).

use crate::{CallSite, RuleContext};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, Operator};

/// A constant pattern passed to an `re` function, with the flags that are
/// known to be set.
pub(crate) struct RegexLiteral<'e> {
    /// The pattern text (after string escapes).
    pub(crate) pattern: String,
    /// The pattern argument.
    pub(crate) expr: &'e Expr,
    /// `re.IGNORECASE` is set (argument or inline flag).
    pub(crate) ignore_case: bool,
    /// `re.DOTALL` is set (argument or inline flag).
    pub(crate) dot_all: bool,
}

/// Position of the `flags` argument of the `re` functions that take a pattern.
fn flags_position(name: &str) -> Option<usize> {
    RE_FUNCTIONS
        .iter()
        .find(|(function, _)| *function == name)
        .map(|(_, position)| *position)
}

/// The `re` functions that take a pattern, with the position of their
/// `flags` argument.
const RE_FUNCTIONS: &[(&str, usize)] = &[
    ("re.compile", 1),
    ("re.template", 1),
    ("re.search", 2),
    ("re.match", 2),
    ("re.fullmatch", 2),
    ("re.findall", 2),
    ("re.finditer", 2),
    ("re.split", 3),
    ("re.sub", 4),
    ("re.subn", 4),
];

/// The callees [`regex_literal`] accepts (for [`crate::Rule::callee_names`]).
pub(crate) fn regex_function_names() -> Vec<&'static str> {
    RE_FUNCTIONS.iter().map(|(name, _)| *name).collect()
}

/// The constant pattern of an `re` call; `None` for other calls and for
/// patterns built at run time. `must_contain` is a cheap byte filter
/// applied to the pattern text before any other work (empty: none).
pub(crate) fn regex_literal<'e>(
    call: &CallSite<'e>,
    cx: &RuleContext<'_, '_>,
    must_contain: impl Fn(&str) -> bool,
) -> Option<RegexLiteral<'e>> {
    let flags_at = flags_position(call.name())?;
    let expr = call.argument("pattern", 0)?;
    let pattern = cx.semantic().constant_str(expr)?;
    if !must_contain(&pattern) {
        return None;
    }
    let (mut ignore_case, mut dot_all) = (false, false);
    if let Some(flags) = call.argument("flags", flags_at) {
        collect_flags(cx.semantic(), flags, &mut ignore_case, &mut dot_all, 0);
    }
    if let Some(inline) = pattern.strip_prefix("(?") {
        let letters: String = inline
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        ignore_case |= letters.contains('i');
        dot_all |= letters.contains('s');
    }
    Some(RegexLiteral {
        pattern,
        expr,
        ignore_case,
        dot_all,
    })
}

fn collect_flags(
    semantic: &FileSemantic<'_>,
    expr: &Expr,
    ignore_case: &mut bool,
    dot_all: &mut bool,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    if let Expr::BinOp(binary) = expr
        && binary.op == Operator::BitOr
    {
        collect_flags(semantic, &binary.left, ignore_case, dot_all, depth + 1);
        collect_flags(semantic, &binary.right, ignore_case, dot_all, depth + 1);
        return;
    }
    match semantic.qualified_name(expr).as_deref() {
        Some("re.I" | "re.IGNORECASE" | "re.RegexFlag.IGNORECASE") => *ignore_case = true,
        Some("re.S" | "re.DOTALL" | "re.RegexFlag.DOTALL") => *dot_all = true,
        Some(_) => {}
        None => {
            // An unknown flags value may set anything: assume both.
            if let Some(number) = semantic.constant(expr).and_then(|c| match c {
                antivenom_semantic::Constant::Int(number) => Some(number),
                _ => None,
            }) {
                *ignore_case |= number & 2 != 0;
                *dot_all |= number & 16 != 0;
            } else {
                *ignore_case = true;
                *dot_all = true;
            }
        }
    }
}

/// One element of a parsed pattern with its repetition bounds.
#[derive(Debug)]
pub(crate) struct Item {
    /// What repeats.
    pub(crate) kind: ItemKind,
    /// Minimum repetitions.
    pub(crate) min: u32,
    /// Maximum repetitions (`None`: unbounded).
    pub(crate) max: Option<u32>,
}

/// The element kinds the checks distinguish.
#[derive(Debug)]
pub(crate) enum ItemKind {
    /// A character, class, escape, backreference or `.`.
    Atom,
    /// A capturing or non-capturing group: its alternatives, each with its source text.
    Group(Vec<(String, Vec<Item>)>),
    /// Zero-width: anchors, lookarounds, flags, comments, conditionals.
    ZeroWidth,
}

/// A parsed pattern: its top-level alternatives, and the character ranges
/// seen in classes (`('A', 'z')` for `[A-z]`).
pub(crate) struct ParsedRegex {
    /// Top-level alternatives.
    pub(crate) alternatives: Vec<(String, Vec<Item>)>,
    /// Literal `a-b` ranges in character classes.
    pub(crate) ranges: Vec<(char, char)>,
}

/// Parses `pattern`; `None` when it uses syntax this parser does not
/// understand (the checks then stay silent).
pub(crate) fn parse_regex(pattern: &str) -> Option<ParsedRegex> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut parser = Parser {
        chars: &chars,
        at: 0,
        ranges: Vec::new(),
    };
    let alternatives = parser.alternatives(0)?;
    if parser.at != chars.len() {
        return None;
    }
    Some(ParsedRegex {
        alternatives,
        ranges: parser.ranges,
    })
}

struct Parser<'c> {
    chars: &'c [char],
    at: usize,
    ranges: Vec<(char, char)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn text(&self, start: usize) -> String {
        self.chars
            .get(start..self.at)
            .map(|slice| slice.iter().collect())
            .unwrap_or_default()
    }

    fn alternatives(&mut self, depth: usize) -> Option<Vec<(String, Vec<Item>)>> {
        if depth > 64 {
            return None;
        }
        let mut alternatives = Vec::new();
        loop {
            let start = self.at;
            let mut items = Vec::new();
            while let Some(c) = self.peek() {
                if c == '|' || c == ')' {
                    break;
                }
                let kind = self.atom(depth)?;
                let (min, max) = self.quantifier()?;
                items.push(Item { kind, min, max });
            }
            alternatives.push((self.text(start), items));
            if self.peek() == Some('|') {
                self.at += 1;
            } else {
                return Some(alternatives);
            }
        }
    }

    fn atom(&mut self, depth: usize) -> Option<ItemKind> {
        let c = self.peek()?;
        self.at += 1;
        match c {
            '\\' => {
                self.peek()?;
                self.at += 1;
                Some(ItemKind::Atom)
            }
            '[' => {
                self.class()?;
                Some(ItemKind::Atom)
            }
            '^' | '$' => Some(ItemKind::ZeroWidth),
            '(' => {
                let mut zero_width = false;
                if self.peek() == Some('?') {
                    self.at += 1;
                    match self.peek()? {
                        ':' => self.at += 1,
                        'P' => {
                            self.at += 1;
                            match self.peek()? {
                                '<' => self.skip_past('>')?,
                                _ => {
                                    // `(?P=name)`: a backreference.
                                    self.skip_past(')')?;
                                    return Some(ItemKind::Atom);
                                }
                            }
                        }
                        '=' | '!' => {
                            self.at += 1;
                            zero_width = true;
                        }
                        '<' => {
                            self.at += 1;
                            match self.peek()? {
                                '=' | '!' => {
                                    self.at += 1;
                                    zero_width = true;
                                }
                                _ => self.skip_past('>')?,
                            }
                        }
                        '#' | '(' => {
                            // Comments and conditionals: not modelled.
                            if self.peek()? == '#' {
                                self.skip_past(')')?;
                                return Some(ItemKind::ZeroWidth);
                            }
                            return None;
                        }
                        '>' => self.at += 1,
                        _ => {
                            // Inline flags: `(?i)` or `(?i:...)` / `(?-i:...)`.
                            while self
                                .peek()
                                .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
                            {
                                self.at += 1;
                            }
                            match self.peek()? {
                                ')' => {
                                    self.at += 1;
                                    return Some(ItemKind::ZeroWidth);
                                }
                                ':' => self.at += 1,
                                _ => return None,
                            }
                        }
                    }
                }
                let alternatives = self.alternatives(depth + 1)?;
                if self.peek() != Some(')') {
                    return None;
                }
                self.at += 1;
                Some(if zero_width {
                    ItemKind::ZeroWidth
                } else {
                    ItemKind::Group(alternatives)
                })
            }
            '*' | '+' | '?' => None,
            _ => Some(ItemKind::Atom),
        }
    }

    fn skip_past(&mut self, end: char) -> Option<()> {
        while let Some(c) = self.peek() {
            self.at += 1;
            if c == end {
                return Some(());
            }
        }
        None
    }

    /// The rest of a character class after its `[`.
    fn class(&mut self) -> Option<()> {
        if self.peek() == Some('^') {
            self.at += 1;
        }
        let mut first = true;
        let mut previous: Option<char> = None;
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                ']' if !first => return Some(()),
                '\\' => {
                    self.peek()?;
                    self.at += 1;
                    previous = None;
                }
                '-' if previous.is_some() && self.peek().is_some_and(|n| n != ']') => {
                    let end = self.peek()?;
                    self.at += 1;
                    if end == '\\' {
                        self.peek()?;
                        self.at += 1;
                    } else if let Some(start) = previous {
                        self.ranges.push((start, end));
                    }
                    previous = None;
                }
                '[' if self.peek() == Some(':') => return None,
                other => previous = Some(other),
            }
            first = false;
        }
    }

    /// A quantifier after an atom: (min, max).
    fn quantifier(&mut self) -> Option<(u32, Option<u32>)> {
        let bounds = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                let start = self.at;
                let close = self.chars.get(start..)?.iter().position(|&c| c == '}');
                let Some(close) = close else {
                    return Some((1, Some(1)));
                };
                let inner: String = self.chars.get(start + 1..start + close)?.iter().collect();
                let parsed = match inner.split_once(',') {
                    None => inner.parse().ok().map(|n| (n, Some(n))),
                    Some((low, high)) => {
                        let low = if low.is_empty() {
                            Some(0)
                        } else {
                            low.parse().ok()
                        };
                        let high = if high.is_empty() {
                            Some(None)
                        } else {
                            high.parse().ok().map(Some)
                        };
                        low.zip(high)
                    }
                };
                // `{` that is not a quantifier is a literal.
                let Some(bounds) = parsed else {
                    return Some((1, Some(1)));
                };
                self.at = start + close;
                bounds
            }
            _ => return Some((1, Some(1))),
        };
        self.at += 1;
        // Lazy and possessive suffixes do not change what can match.
        if matches!(self.peek(), Some('?' | '+')) {
            self.at += 1;
        }
        Some(bounds)
    }
}
