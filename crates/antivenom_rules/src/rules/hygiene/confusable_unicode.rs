//! Homoglyphs (Cyrillic or Greek letters that look Latin) mixed into Latin
//! words, and invisible characters, anywhere in source code.
//!
//! The rule reads the file text, so it covers identifiers, string literals
//! and comments alike: a lookalike in a comment misleads a reviewer as much
//! as one in code does.

use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_text_size::{TextRange, TextSize};

pub(crate) struct ConfusableUnicode;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &ConfusableUnicode;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV955",
    name: "confusable-unicode",
    cwe: &[1007],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Hygiene,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags words that mix Latin letters with Cyrillic or Greek lookalikes, and invisible \
              characters such as zero-width spaces, in identifiers, strings and comments.",
    why: "A Cyrillic `о` or a Greek `ν` renders like a Latin `o` or `v`, and a zero-width space \
          renders as nothing at all. To Python they are different characters, so `is_аdmin` is a \
          new name that can shadow the real `is_admin`, a comparison against `\"аdmin\"` never \
          matches, and a URL or host name in a string can point somewhere else than it seems to. \
          Reviewers cannot see the difference. Text written wholly in another script is normal \
          and is not flagged; only words that blend scripts are.",
    insecure_example: "
def check(user):
    if user.role == \"\u{0430}dmin\":  # the first letter is Cyrillic
        return True
    return False
",
    secure_example: "
def check(user):
    if user.role == \"admin\":
        return True
    greeting = \"\u{043F}\u{0440}\u{0438}\u{0432}\u{0435}\u{0442}\"  # a wholly Russian word is fine
    return greeting == \"caf\u{00E9}\"
",
    fix: "retype the word with Latin letters only, and write invisible characters as `\\u` escapes",
    references: &[
        "https://www.unicode.org/reports/tr39/",
        "https://www.unicode.org/reports/tr36/",
        "https://peps.python.org/pep-0672/",
        "https://cwe.mitre.org/data/definitions/1007.html",
    ],
};

/// The Latin letter a Cyrillic or Greek letter is commonly mistaken for, if
/// it is one of the well-known homoglyphs (UTS #39 confusables, restricted to
/// pairs that look the same in ordinary fonts).
fn latin_lookalike(c: char) -> Option<char> {
    let latin = match c {
        // Cyrillic lower case.
        '\u{0430}' => 'a',
        '\u{0435}' => 'e',
        '\u{043E}' => 'o',
        '\u{0440}' => 'p',
        '\u{0441}' => 'c',
        '\u{0443}' => 'y',
        '\u{0445}' => 'x',
        '\u{0455}' => 's',
        '\u{0456}' => 'i',
        '\u{0458}' => 'j',
        '\u{04BB}' => 'h',
        '\u{04CF}' => 'l',
        '\u{0501}' => 'd',
        '\u{051B}' => 'q',
        '\u{051D}' => 'w',
        // Cyrillic upper case.
        '\u{0410}' => 'A',
        '\u{0412}' => 'B',
        '\u{0415}' => 'E',
        '\u{041A}' => 'K',
        '\u{041C}' => 'M',
        '\u{041D}' => 'H',
        '\u{041E}' => 'O',
        '\u{0420}' => 'P',
        '\u{0421}' => 'C',
        '\u{0422}' => 'T',
        '\u{0425}' => 'X',
        '\u{0405}' => 'S',
        '\u{0406}' => 'I',
        '\u{0408}' => 'J',
        '\u{04AE}' => 'Y',
        '\u{04C0}' => 'I',
        '\u{051A}' => 'Q',
        '\u{051C}' => 'W',
        // Greek lower case.
        '\u{03B1}' => 'a',
        '\u{03B9}' => 'i',
        '\u{03BA}' => 'k',
        '\u{03BD}' => 'v',
        '\u{03BF}' => 'o',
        '\u{03C1}' => 'p',
        '\u{03C4}' => 't',
        '\u{03C5}' => 'u',
        '\u{03C7}' => 'x',
        '\u{03F2}' => 'c',
        '\u{03F3}' => 'j',
        // Greek upper case.
        '\u{0391}' => 'A',
        '\u{0392}' => 'B',
        '\u{0395}' => 'E',
        '\u{0396}' => 'Z',
        '\u{0397}' => 'H',
        '\u{0399}' => 'I',
        '\u{039A}' => 'K',
        '\u{039C}' => 'M',
        '\u{039D}' => 'N',
        '\u{039F}' => 'O',
        '\u{03A1}' => 'P',
        '\u{03A4}' => 'T',
        '\u{03A5}' => 'Y',
        '\u{03A7}' => 'X',
        '\u{03F9}' => 'C',
        _ => return None,
    };
    Some(latin)
}

/// Letters of the Latin script: ASCII, Latin-1, Latin Extended-A/B and
/// Latin Extended Additional (accented letters such as `é` count as Latin).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}'
}

/// Which script a homoglyph belongs to, for the message.
fn script_name(c: char) -> &'static str {
    if matches!(c, '\u{0370}'..='\u{03FF}') {
        "Greek"
    } else {
        "Cyrillic"
    }
}

/// Invisible characters that have no business in a Latin identifier or
/// word. The joiners (U+200C, U+200D) are needed inside Persian and Indic
/// words and emoji sequences, so they count only when a neighbour is ASCII,
/// a Latin letter or the edge of the line. U+FEFF at the very start of the
/// file is a byte order mark.
fn is_suspicious_invisible(c: char, previous: Option<char>, next: Option<char>) -> bool {
    match c {
        '\u{200B}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}' => true,
        '\u{200C}' | '\u{200D}' => [previous, next]
            .into_iter()
            .any(|neighbour| neighbour.is_none_or(|n| n.is_ascii() || is_latin_letter(n))),
        _ => false,
    }
}

/// What was found on a line, at which byte offset of the file.
enum Problem {
    /// A word that mixes Latin letters with lookalike `letter`.
    Homoglyph {
        offset: usize,
        letter: char,
        latin: char,
        word: String,
    },
    /// An invisible character.
    Invisible { offset: usize, character: char },
}

impl Problem {
    fn offset(&self) -> usize {
        match self {
            Self::Homoglyph { offset, .. } | Self::Invisible { offset, .. } => *offset,
        }
    }

    fn character(&self) -> char {
        match self {
            Self::Homoglyph { letter, .. } => *letter,
            Self::Invisible { character, .. } => *character,
        }
    }

    fn message(&self) -> String {
        match self {
            Self::Homoglyph {
                letter,
                latin,
                word,
                ..
            } => format!(
                "`{word}` mixes Latin letters with the {} letter U+{:04X}, which looks like \
                 Latin `{latin}`: the text is not what it appears to be",
                script_name(*letter),
                u32::from(*letter)
            ),
            Self::Invisible { character, .. } => format!(
                "this line contains the invisible character U+{:04X}: \
                 the text is not what it appears to be",
                u32::from(*character)
            ),
        }
    }

    fn label(&self) -> &'static str {
        match self {
            Self::Homoglyph { .. } => "lookalike letter",
            Self::Invisible { .. } => "invisible character",
        }
    }
}

/// A run of alphanumeric characters being collected on a line.
#[derive(Default)]
struct Word {
    start: usize,
    latin_letters: usize,
    /// Whether a lookalike is Cyrillic (Greek ones alone need more evidence).
    has_cyrillic_lookalike: bool,
    /// Cyrillic or Greek letters that do not look Latin: the word is written
    /// in that script, and lookalikes in it are ordinary letters.
    has_other_letter: bool,
    first_lookalike: Option<(usize, char, char)>,
}

impl Word {
    fn add(&mut self, offset: usize, c: char) {
        if is_latin_letter(c) {
            self.latin_letters += 1;
        } else if let Some(latin) = latin_lookalike(c) {
            if script_name(c) == "Cyrillic" {
                self.has_cyrillic_lookalike = true;
            }
            if self.first_lookalike.is_none() {
                self.first_lookalike = Some((offset, c, latin));
            }
        } else if c.is_alphabetic() {
            self.has_other_letter = true;
        }
    }

    /// The homoglyph problem of the word `text[self.start..end]`, if any.
    fn finish(&self, source: &str, end: usize) -> Option<Problem> {
        let (offset, letter, latin) = self.first_lookalike?;
        // Mathematical notation puts one Latin letter next to a Greek one
        // (`dα`, `kτ`); a disguised word has more Latin letters than that.
        let latin_needed = if self.has_cyrillic_lookalike { 1 } else { 2 };
        if self.latin_letters < latin_needed || self.has_other_letter {
            return None;
        }
        Some(Problem::Homoglyph {
            offset,
            letter,
            latin,
            word: source.get(self.start..end).unwrap_or_default().to_owned(),
        })
    }
}

/// Consumes the characters of an escape sequence after its backslash:
/// one character, plus the hex digits of `\x`, `\u` and `\U` escapes.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
    let digits = match chars.next() {
        Some((_, 'x')) => 2,
        Some((_, 'u')) => 4,
        Some((_, 'U')) => 8,
        _ => 0,
    };
    for _ in 0..digits {
        if chars.next_if(|&(_, c)| c.is_ascii_hexdigit()).is_none() {
            break;
        }
    }
}

/// The position of the first non-ASCII byte of `bytes` at or after
/// `from`, checking blocks at a time (most text is ASCII).
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 64;
    let rest = bytes.get(from..)?;
    let mut block_start = from;
    for block in rest.chunks(BLOCK) {
        if !block.is_ascii() {
            return block
                .iter()
                .position(|b| !b.is_ascii())
                .map(|index| block_start + index);
        }
        block_start += block.len();
    }
    None
}

/// The first problem on the line `source[line_start..line_end]`.
fn first_problem(source: &str, line_start: usize, line_end: usize) -> Option<Problem> {
    let line = source.get(line_start..line_end)?;
    let mut word: Option<Word> = None;
    let mut previous = None;
    let mut chars = line.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let offset = line_start + index;
        let next = chars.peek().map(|&(_, n)| n);
        if c == '\\' {
            // An escape sequence (`\n`, `\u0345`) is not part of a word.
            if let Some(problem) = word.take().and_then(|w| w.finish(source, offset)) {
                return Some(problem);
            }
            skip_escape(&mut chars);
            previous = None;
            continue;
        }
        if c.is_alphanumeric() {
            word.get_or_insert_with(|| Word {
                start: offset,
                ..Word::default()
            })
            .add(offset, c);
        } else {
            if let Some(problem) = word.take().and_then(|w| w.finish(source, offset)) {
                return Some(problem);
            }
            if offset != 0 && is_suspicious_invisible(c, previous, next) {
                return Some(Problem::Invisible {
                    offset,
                    character: c,
                });
            }
        }
        previous = Some(c);
    }
    word.and_then(|w| w.finish(source, line_end))
}

impl Rule for ConfusableUnicode {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::MODULE
    }

    /// One finding per line, at its first lookalike or invisible character.
    fn check_module(&self, cx: &mut RuleContext<'_, '_>) {
        let source = cx.source();
        // Every character the rule looks for is outside ASCII.
        if source.is_ascii() {
            return;
        }
        // Only lines with a non-ASCII byte can hold a problem: jump from one
        // to the next. A line includes its `\n`.
        let bytes = source.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(position) = next_non_ascii(bytes, from) {
            let line_start = bytes
                .get(..position)
                .and_then(|before| memchr::memrchr(b'\n', before))
                .map_or(0, |newline| newline + 1);
            let line_end = bytes
                .get(position..)
                .and_then(|after| memchr::memchr(b'\n', after))
                .map_or(bytes.len(), |newline| position + newline + 1);
            if let Some(problem) = first_problem(source, line_start, line_end) {
                found.push(problem);
            }
            from = line_end;
        }
        for problem in found {
            let (Ok(start), Ok(length)) = (
                u32::try_from(problem.offset()),
                u32::try_from(problem.character().len_utf8()),
            ) else {
                continue;
            };
            cx.report(
                TextRange::at(TextSize::new(start), TextSize::new(length)),
                problem.message(),
            )
            .label(problem.label());
        }
    }
}
