//! The byte scanner behind [`super::check_nesting`].

use super::byte_classes::{BACKSLASH, BRACE, DIGIT, LINE_BREAK, WORD, class_of, quote_class};
use super::depth::{CONTEXT_COST, LEVEL_BASE, Level, TRAILER, binary_level};
use super::indentation::{Blocks, Indentation};
use super::quiet_lines::quiet_line_end;
use super::{MAX_EXPRESSION_DEPTH, MAX_INDENTATION_LEVELS, MAX_NESTED_BRACKETS};

/// Depth estimate of an infix operator that lacks its left operand (only
/// in broken code, or statement keywords such as `else:` and `for`).
const MISSING_OPERAND_COST: usize = 2;

/// Byte offset and message of the limit that was exceeded.
type Problem = (usize, String);

/// `Err` stops the scan.
type Step = Result<(), Problem>;

/// Scans `bytes`; returns where and why it exceeds a limit.
pub(super) fn scan(bytes: &[u8]) -> Option<Problem> {
    Scanner::new(bytes).run().err()
}

/// What an open construct is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    /// `(`, `[` or `{` in code; holds the matching closer.
    Bracket(u8),
    /// Parameters of a `lambda`, closed by its `:`.
    Lambda,
    /// The operand of `yield`, which may be a tuple (`yield a, b`): closed
    /// by the end of the enclosing bracket or statement.
    Yield,
    /// A replacement field `{...}` of an f-/t-string, in code mode.
    Field,
    /// The format spec of a replacement field (after its top-level `:`).
    Spec,
    /// A string literal.
    Str {
        quote: u8,
        triple: bool,
        interpolated: bool,
        raw: bool,
    },
}

/// What kind of token came before the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Previous {
    /// An operator, keyword, opening bracket or the start of a line.
    Other,
    /// The keyword `is` (so that `is not` is one operator).
    Is,
    /// The `not` of `not in`.
    NotOfNotIn,
    /// A name, number, string or closing bracket.
    Operand,
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Open constructs, innermost last.
    frames: Vec<FrameKind>,
    /// The enclosing level of every open frame that is not a string,
    /// restored when that frame closes.
    saved: Vec<Level>,
    /// Open brackets, replacement fields and format specs.
    brackets: usize,
    /// Open string literals.
    strings: usize,
    level: Level,
    /// Sum of `own()` of the levels saved in `frames`.
    outer: usize,
    /// Block nesting.
    blocks: Blocks,
    previous: Previous,
}

impl<'a> Scanner<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            pos: 0,
            frames: Vec::new(),
            saved: Vec::new(),
            brackets: 0,
            strings: 0,
            level: Level::with_base(LEVEL_BASE),
            outer: 0,
            blocks: Blocks::default(),
            previous: Previous::Other,
        }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        // `pos` never exceeds the length of a slice, so this cannot overflow.
        self.bytes.get(self.pos + ahead).copied()
    }

    fn top_kind(&self) -> Option<FrameKind> {
        self.frames.last().copied()
    }

    fn run(mut self) -> Step {
        self.start_logical_line()?;
        self.skip_quiet_line();
        while let Some(byte) = self.peek(0) {
            match self.top_kind() {
                Some(FrameKind::Spec) => self.spec_byte(byte)?,
                Some(FrameKind::Str {
                    quote,
                    triple,
                    interpolated,
                    raw,
                }) => {
                    // Only the bytes after the plain text can change the state.
                    self.skip_plain_text(quote, triple, interpolated);
                    match self.peek(0) {
                        Some(byte) => self.string_byte(byte, quote, triple, interpolated, raw)?,
                        None => break,
                    }
                }
                _ => self.code_byte(byte)?,
            }
        }
        Ok(())
    }

    /// Stops the scan with a problem at the current position.
    fn fail(&self, message: String) -> Step {
        Err((self.pos, message))
    }

    // ----- code -------------------------------------------------------

    fn code_byte(&mut self, byte: u8) -> Step {
        // What the token just scanned leaves behind, for `is not` and for
        // telling binary from unary operators.
        let mut previous = Previous::Other;
        let after_operand = self.previous == Previous::Operand;
        match byte {
            b' ' | b'\t' | b'\x0c' => {
                self.pos += 1;
                while matches!(self.peek(0), Some(b' ' | b'\t' | b'\x0c')) {
                    self.pos += 1;
                }
                return Ok(());
            }
            b'\n' | b'\r' => return self.newline(),
            b'\\' => {
                self.pos += 1;
                // A continuation joins the next line; skip its line break.
                match (self.peek(0), self.peek(1)) {
                    (Some(b'\r'), Some(b'\n')) => self.pos += 2,
                    (Some(b'\n' | b'\r'), _) => self.pos += 1,
                    _ => {}
                }
                return Ok(());
            }
            b'#' => {
                self.skip_comment();
                return Ok(());
            }
            b'\'' | b'"' => self.open_string(byte, false, false),
            b'0'..=b'9' => {
                self.skip_number();
                previous = Previous::Operand;
            }
            b'.' if self.peek(1).is_some_and(|next| next.is_ascii_digit()) => {
                self.skip_number();
                previous = Previous::Operand;
            }
            b'(' | b'[' | b'{' => {
                // After an operand the bracket is a call or a subscript.
                self.open_bracket(FrameKind::Bracket(closer_of(byte)), after_operand)?;
                self.pos += 1;
            }
            b')' | b']' | b'}' => {
                self.pos += 1;
                self.close_bracket(byte)?;
                previous = Previous::Operand;
            }
            b',' => {
                self.level.end_segment();
                self.pos += 1;
            }
            b';' => {
                self.pos += 1;
                self.close_open_ended()?;
                self.level.end_segment();
            }
            // In a replacement field, `:=` starts a format spec (`f"{x:=^9}"`).
            b':' if self.peek(1) != Some(b'=') || self.top_kind() == Some(FrameKind::Field) => {
                self.pos += 1;
                self.colon(after_operand)?;
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>'
            | b'=' | b'!' | b'.' | b':' => {
                let operator = operator_at(self.bytes.get(self.pos..).unwrap_or_default());
                self.pos += operator.len().max(1);
                previous = self.operator(operator, after_operand)?;
            }
            _ if is_word_byte(byte) => return self.word(),
            _ => self.pos += 1,
        }
        self.previous = previous;
        Ok(())
    }

    fn check_depth(&self) -> Step {
        if self.outer.saturating_add(self.level.value()) > MAX_EXPRESSION_DEPTH {
            return self.fail(format!(
                "expression nested too deeply (more than {MAX_EXPRESSION_DEPTH} levels)"
            ));
        }
        Ok(())
    }

    fn prefix(&mut self, amount: usize) -> Step {
        self.level.prefix(amount);
        self.check_depth()
    }

    /// Opens a bracket or replacement field. A trailer (call, subscript)
    /// nests the expression before it.
    fn open_bracket(&mut self, kind: FrameKind, trailer: bool) -> Step {
        if self.brackets >= MAX_NESTED_BRACKETS {
            return self.fail("too many nested parentheses".to_owned());
        }
        if trailer {
            self.level.binary(TRAILER);
            self.check_depth()?;
        }
        self.brackets += 1;
        self.push_level(kind);
        self.previous = Previous::Other;
        Ok(())
    }

    fn push_level(&mut self, kind: FrameKind) {
        self.outer = self.outer.saturating_add(self.level.own());
        self.frames.push(kind);
        self.saved.push(self.level);
        self.level = Level::with_base(LEVEL_BASE);
    }

    /// Pops the top frame, restoring the enclosing level.
    fn pop_frame(&mut self) -> Step {
        let Some(kind) = self.frames.pop() else {
            return Ok(());
        };
        match kind {
            FrameKind::Str { .. } => {
                self.strings = self.strings.saturating_sub(1);
                return Ok(());
            }
            FrameKind::Bracket(_) | FrameKind::Field | FrameKind::Spec => {
                self.brackets = self.brackets.saturating_sub(1);
            }
            FrameKind::Lambda | FrameKind::Yield => {}
        }
        let child = self.level.max_value();
        // Every frame other than a string saved exactly one level.
        self.level = self.saved.pop().unwrap_or_default();
        self.outer = self.outer.saturating_sub(self.level.own());
        self.level.child(child);
        self.check_depth()
    }

    /// Closes the `lambda` parameter lists and `yield` operands on top.
    fn close_open_ended(&mut self) -> Step {
        while matches!(self.top_kind(), Some(FrameKind::Lambda | FrameKind::Yield)) {
            self.pop_frame()?;
        }
        Ok(())
    }

    fn close_bracket(&mut self, byte: u8) -> Step {
        // A closing bracket ends `yield` operands and any `lambda` whose
        // `:` never came.
        self.close_open_ended()?;
        match self.top_kind() {
            Some(FrameKind::Bracket(closer)) if closer == byte => self.pop_frame(),
            Some(FrameKind::Field) if byte == b'}' => self.pop_frame(),
            // A stray or mismatched closer. The parser does not close the
            // open bracket either (it keeps parsing its contents), so the
            // bracket stays open here too.
            _ => Ok(()),
        }
    }

    /// Counts an operator token; returns what it leaves as `previous`.
    fn operator(&mut self, operator: &[u8], after_operand: bool) -> Result<Previous, Problem> {
        match operator {
            b"..." => return Ok(Previous::Operand),
            b":=" => self.prefix(CONTEXT_COST)?,
            // `**kwargs` unpacks.
            b"**" if !after_operand => self.prefix(CONTEXT_COST)?,
            // `*args`: in broken code the parser may put a whole boolean
            // expression under the star, so it opens a context.
            b"*" if !after_operand => self.prefix(CONTEXT_COST)?,
            b"+" | b"-" | b"~" if !after_operand => self.prefix(1)?,
            b"." if after_operand => {
                self.level.binary(TRAILER);
                self.check_depth()?;
            }
            _ if !after_operand => self.prefix(MISSING_OPERAND_COST)?,
            _ => match binary_level(operator) {
                Some(level) => {
                    self.level.binary(level);
                    self.check_depth()?;
                }
                // Comparisons, assignments, `->`: flat.
                None => self.level.flat(),
            },
        }
        Ok(Previous::Other)
    }

    /// A `:` that is not part of `:=`.
    fn colon(&mut self, after_operand: bool) -> Step {
        match self.top_kind() {
            Some(FrameKind::Lambda) => self.pop_frame(),
            Some(FrameKind::Field) => {
                // The format spec starts; it stays part of the field's level.
                if let Some(kind) = self.frames.last_mut() {
                    *kind = FrameKind::Spec;
                }
                Ok(())
            }
            // Dict entries, slices and annotations: siblings.
            _ if after_operand => {
                self.level.flat();
                Ok(())
            }
            // `else:`, `[:n]`, or broken code.
            _ => self.prefix(MISSING_OPERAND_COST),
        }
    }

    fn word(&mut self) -> Step {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let length = rest
            .iter()
            .position(|&byte| class_of(byte) & (WORD | DIGIT) == 0)
            .unwrap_or(rest.len());
        self.pos += length;
        let word = rest.get(..length).unwrap_or_default();
        if let Some(quote @ (b'\'' | b'"')) = self.peek(0)
            && let Some((interpolated, raw)) = string_prefix(word)
        {
            self.previous = Previous::Other;
            self.open_string(quote, interpolated, raw);
            return Ok(());
        }
        if !may_be_keyword(word) {
            self.previous = Previous::Operand;
            return Ok(());
        }
        let mut previous = Previous::Other;
        match word {
            // `is not` is one comparison operator, and so is `not in` after
            // an operand. Any other `not` counts twice: in broken code such
            // as `a is not not b is not not c` the parser nests a comparison
            // inside every `not`.
            b"not" if self.previous == Previous::Is => {}
            b"not" if self.previous == Previous::Operand => {
                self.level.flat();
                previous = Previous::NotOfNotIn;
            }
            b"not" => self.prefix(2)?,
            b"in" if self.previous == Previous::NotOfNotIn => {}
            b"is" | b"and" | b"or" | b"in" | b"else" | b"for" => {
                if self.previous == Previous::Operand {
                    self.level.flat();
                } else {
                    // An operator without its left operand: the parser's
                    // recovery may nest what follows.
                    self.prefix(MISSING_OPERAND_COST)?;
                }
                if word == b"is" {
                    previous = Previous::Is;
                }
            }
            b"await" => self.prefix(1)?,
            b"if" => {
                self.level.flat();
                self.prefix(CONTEXT_COST)?;
            }
            b"yield" => {
                self.prefix(CONTEXT_COST)?;
                self.push_level(FrameKind::Yield);
            }
            b"lambda" => {
                self.prefix(CONTEXT_COST)?;
                self.push_level(FrameKind::Lambda);
            }
            _ if !is_keyword(word) => previous = Previous::Operand,
            _ => {}
        }
        self.previous = previous;
        Ok(())
    }

    /// Skips a number literal. Only its own characters are consumed, so
    /// that `1 .real`, `1.e5.imag` or `1.x` still count their attributes.
    fn skip_number(&mut self) {
        if self.peek(0) == Some(b'0')
            && matches!(self.peek(1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'))
        {
            self.pos += 2;
            self.skip_digits(true);
            return;
        }
        self.skip_digits(false);
        if self.peek(0) == Some(b'.') {
            self.pos += 1;
            self.skip_digits(false);
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(self.peek(1), Some(b'+' | b'-')));
            if self
                .peek(1 + sign)
                .is_some_and(|byte| byte.is_ascii_digit())
            {
                self.pos += 1 + sign;
                self.skip_digits(false);
            }
        }
        if matches!(self.peek(0), Some(b'j' | b'J')) {
            self.pos += 1;
        }
    }

    fn skip_digits(&mut self, hex: bool) {
        while self.peek(0).is_some_and(|byte| {
            byte.is_ascii_digit() || byte == b'_' || (hex && byte.is_ascii_hexdigit())
        }) {
            self.pos += 1;
        }
    }

    fn skip_comment(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
    }

    // ----- line structure ----------------------------------------------

    /// Consumes one line break (`\n`, `\r\n` or `\r`).
    fn skip_line_break(&mut self) {
        if self.peek(0) == Some(b'\r') && self.peek(1) == Some(b'\n') {
            self.pos += 2;
        } else {
            self.pos += 1;
        }
    }

    fn newline(&mut self) -> Step {
        self.skip_line_break();
        if self.brackets > 0 || self.strings > 0 {
            // Inside brackets a line break is just whitespace.
            return Ok(());
        }
        self.previous = Previous::Other;
        // The logical line ends, and with it `yield` operands, unclosed
        // lambdas and the statement's estimate.
        self.close_open_ended()?;
        self.level = Level::with_base(LEVEL_BASE);
        self.outer = 0;
        self.start_logical_line()?;
        self.skip_quiet_line();
        Ok(())
    }

    /// At the start of a logical line, skips to its end when it surely
    /// stays within every limit (see `quiet_lines.rs`). The state after a
    /// logical line is always the same, so nothing else needs updating.
    fn skip_quiet_line(&mut self) {
        if let Some(end) = quiet_line_end(self.bytes, self.pos) {
            self.pos = end;
        }
    }

    /// At the start of a physical line that begins a logical line: skips
    /// blank and comment-only lines and tracks the indentation of the first
    /// line with code, the way Ruff's lexer does.
    fn start_logical_line(&mut self) -> Step {
        loop {
            let mut indentation = Indentation::default();
            while let Some(byte) = self.peek(0) {
                match byte {
                    b' ' => {
                        let rest = self.bytes.get(self.pos..).unwrap_or_default();
                        let spaces = rest
                            .iter()
                            .position(|&byte| byte != b' ')
                            .unwrap_or(rest.len());
                        indentation.add_spaces(spaces);
                        self.pos += spaces;
                        continue;
                    }
                    b'\t' => indentation.add_tab(),
                    b'\x0c' => indentation = Indentation::default(),
                    b'\\' => {
                        self.pos += 1;
                        if matches!(self.peek(0), Some(b'\n' | b'\r')) {
                            self.skip_line_break();
                            // Whitespace after a continuation does not indent.
                            if !indentation.is_root() {
                                while matches!(self.peek(0), Some(b' ' | b'\t' | b'\x0c')) {
                                    self.pos += 1;
                                }
                            }
                        } else {
                            // A stray backslash: the lexer starts over after it.
                            indentation = Indentation::default();
                        }
                        continue;
                    }
                    _ => break,
                }
                self.pos += 1;
            }
            match self.peek(0) {
                None => return Ok(()),
                Some(b'#') => self.skip_comment(),
                Some(b'\n' | b'\r') => {}
                Some(_) => {
                    if self.blocks.line(indentation) >= MAX_INDENTATION_LEVELS {
                        return self.fail("too many levels of indentation".to_owned());
                    }
                    return Ok(());
                }
            }
            if self.peek(0).is_some() {
                self.skip_line_break();
            }
        }
    }

    // ----- strings --------------------------------------------------------

    /// Opens a string literal at the quote under the cursor.
    fn open_string(&mut self, quote: u8, interpolated: bool, raw: bool) {
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.pos += if triple { 3 } else { 1 };
        self.strings += 1;
        self.frames.push(FrameKind::Str {
            quote,
            triple,
            interpolated,
            raw,
        });
    }

    /// Skips the bytes of a string literal's text that [`Self::string_byte`]
    /// would step over one at a time: everything but backslashes, quotes,
    /// line breaks (in single-line strings) and braces (in f-/t-strings).
    fn skip_plain_text(&mut self, quote: u8, triple: bool, interpolated: bool) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let length = if triple && !interpolated {
            // Docstrings, the bulk of string text.
            memchr::memchr2(b'\\', quote, rest)
        } else {
            let mut stops = BACKSLASH | quote_class(quote);
            if !triple {
                stops |= LINE_BREAK;
            }
            if interpolated {
                stops |= BRACE;
            }
            rest.iter().position(|&byte| class_of(byte) & stops != 0)
        };
        self.pos += length.unwrap_or(rest.len());
    }

    /// One step inside a string literal.
    fn string_byte(
        &mut self,
        byte: u8,
        quote: u8,
        triple: bool,
        interpolated: bool,
        raw: bool,
    ) -> Step {
        match byte {
            b'\\' => {
                self.pos += 1;
                match self.peek(0) {
                    // In f-strings a backslash does not escape a brace.
                    Some(b'{' | b'}') if interpolated => {}
                    // `\N{NAME}` is one escape, not a replacement field.
                    Some(b'N') if interpolated && !raw && self.peek(1) == Some(b'{') => {
                        self.skip_named_escape();
                    }
                    Some(b'\r') if self.peek(1) == Some(b'\n') => self.pos += 2,
                    Some(_) => self.pos += 1,
                    None => {}
                }
            }
            b'\n' | b'\r' if !triple => {
                // Unterminated string: it ends here, the line break is code.
                self.pop_frame()?;
            }
            b'{' if interpolated => {
                if self.peek(1) == Some(b'{') {
                    self.pos += 2;
                } else {
                    self.open_bracket(FrameKind::Field, false)?;
                    self.pos += 1;
                }
            }
            b'}' if interpolated && self.peek(1) == Some(b'}') => self.pos += 2,
            _ if byte == quote => {
                let closing = if triple { 3 } else { 1 };
                let closes = (0..closing).all(|ahead| self.peek(ahead) == Some(quote));
                self.pos += if closes { closing } else { 1 };
                if closes {
                    self.pop_frame()?;
                    self.previous = Previous::Operand;
                }
            }
            _ => self.pos += 1,
        }
        Ok(())
    }

    /// One step inside the format spec of a replacement field.
    fn spec_byte(&mut self, byte: u8) -> Step {
        match byte {
            b'{' => {
                self.open_bracket(FrameKind::Field, false)?;
                self.pos += 1;
            }
            b'}' => {
                self.pos += 1;
                self.pop_frame()?;
            }
            b'\n' | b'\r' if self.string_below_is_single_line() => {
                // Unterminated string: drop the spec and the string.
                self.pop_frame()?;
                if matches!(self.top_kind(), Some(FrameKind::Str { .. })) {
                    self.pop_frame()?;
                }
            }
            b'\\' => self.pos += 2,
            _ => self.pos += 1,
        }
        Ok(())
    }

    /// `true` when the frame below the top one is a single-quoted string.
    fn string_below_is_single_line(&self) -> bool {
        let below = self.frames.len().checked_sub(2);
        matches!(
            below.and_then(|index| self.frames.get(index)).copied(),
            Some(FrameKind::Str { triple: false, .. })
        )
    }

    /// Skips `N{...}` after a backslash, up to the `}` on the same line.
    fn skip_named_escape(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let end = rest
            .iter()
            .position(|&byte| matches!(byte, b'}' | b'\n' | b'\r' | b'\'' | b'"'))
            .unwrap_or(rest.len());
        let closes = rest.get(end) == Some(&b'}');
        self.pos += end + usize::from(closes);
    }
}

/// The longest operator token at the start of `rest`.
fn operator_at(rest: &[u8]) -> &[u8] {
    let length = match rest {
        [b'*', b'*', b'=', ..]
        | [b'/', b'/', b'=', ..]
        | [b'>', b'>', b'=', ..]
        | [b'<', b'<', b'=', ..]
        | [b'.', b'.', b'.', ..] => 3,
        [b'*', b'*', ..]
        | [b'/', b'/', ..]
        | [b'<', b'<' | b'=' | b'>', ..]
        | [b'>', b'>' | b'=', ..]
        | [b'=' | b'!' | b':', b'=', ..]
        | [b'-', b'>', ..]
        | [
            b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^',
            b'=',
            ..,
        ] => 2,
        _ => 1,
    };
    rest.get(..length).unwrap_or_default()
}

pub(super) fn closer_of(opener: u8) -> u8 {
    match opener {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// `false` for words that are surely not keywords: every keyword is
/// lowercase and 2 to 8 bytes long.
fn may_be_keyword(word: &[u8]) -> bool {
    (2..=8).contains(&word.len()) && word.first().is_some_and(u8::is_ascii_lowercase)
}

/// Python's hard keywords, except `True`, `False` and `None` (operands).
fn is_keyword(word: &[u8]) -> bool {
    matches!(
        word,
        b"and"
            | b"as"
            | b"assert"
            | b"async"
            | b"await"
            | b"break"
            | b"class"
            | b"continue"
            | b"def"
            | b"del"
            | b"elif"
            | b"else"
            | b"except"
            | b"finally"
            | b"for"
            | b"from"
            | b"global"
            | b"if"
            | b"import"
            | b"in"
            | b"is"
            | b"lambda"
            | b"nonlocal"
            | b"not"
            | b"or"
            | b"pass"
            | b"raise"
            | b"return"
            | b"try"
            | b"while"
            | b"with"
            | b"yield"
    )
}

fn is_word_byte(byte: u8) -> bool {
    class_of(byte) & WORD != 0
}

/// `(interpolated, raw)` when `word` is a string prefix such as `rb` or `f`.
fn string_prefix(word: &[u8]) -> Option<(bool, bool)> {
    if word.is_empty() || word.len() > 2 {
        return None;
    }
    let mut interpolated = false;
    let mut raw = false;
    for &byte in word {
        match byte.to_ascii_lowercase() {
            b'f' | b't' => interpolated = true,
            b'r' => raw = true,
            b'b' | b'u' => {}
            _ => return None,
        }
    }
    Some((interpolated, raw))
}
