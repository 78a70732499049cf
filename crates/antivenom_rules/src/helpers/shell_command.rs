//! What can be known statically about a command passed to a process API:
//! which parts are constant text, which are quoted with `shlex.quote`, and
//! which are arbitrary run-time values; plus a small POSIX shell lexer that
//! splits the known text into simple commands and words.

use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{self as ast, Expr, FStringPart, InterpolatedStringElement, Operator};

/// How far name and expression chains are followed.
const MAX_DEPTH: usize = 16;
/// How many expression nodes one command may expand to before giving up.
const MAX_NODES: usize = 256;

/// Placeholder for a value quoted with `shlex.quote` (Unicode private use).
const QUOTED: char = '\u{E000}';
/// Placeholder for a value that cannot hold shell syntax (`%d` of a number).
const INERT: char = '\u{E001}';
/// Placeholder for an arbitrary run-time value.
const DYNAMIC: char = '\u{E002}';

/// One part of a command string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Constant text.
    Text(String),
    /// A run-time value passed through `shlex.quote` / `shlex.join`.
    Quoted,
    /// A run-time value that cannot contain shell syntax (`"%d" % n`).
    Inert,
    /// Any other run-time value.
    Dynamic,
}

/// What a command argument is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    /// A command-line string.
    Line(Vec<Piece>),
    /// An argument list; each element as pieces.
    Argv(Vec<Vec<Piece>>),
}

/// How much of a command an attacker could shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum CommandTaint {
    /// Fully constant.
    Constant,
    /// Run-time values only where the shell cannot interpret them: quoted
    /// with `shlex.quote` outside any shell quotes, or numbers.
    Sanitized,
    /// Some run-time value reaches the shell unquoted.
    Dynamic,
}

/// Breaks `expr` into a command string or argument list.
pub(crate) fn analyze_command(semantic: &FileSemantic<'_>, expr: &Expr) -> Command {
    let mut budget = MAX_NODES;
    command_of(semantic, expr, 0, &mut budget)
}

fn command_of(
    semantic: &FileSemantic<'_>,
    expr: &Expr,
    depth: usize,
    budget: &mut usize,
) -> Command {
    if depth > MAX_DEPTH || *budget == 0 {
        return Command::Line(vec![Piece::Dynamic]);
    }
    *budget -= 1;
    if let Some(constant) = semantic.constant(expr) {
        return match constant {
            Constant::Sequence(items) => Command::Argv(
                items
                    .iter()
                    .map(|item| vec![constant_piece(item)])
                    .collect(),
            ),
            other => Command::Line(vec![constant_piece(&other)]),
        };
    }
    match expr {
        Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
            Command::Argv(
                elts.iter()
                    .map(|element| string_pieces(semantic, element, depth + 1, budget))
                    .collect(),
            )
        }
        Expr::BinOp(binary) if binary.op == Operator::Add => {
            match command_of(semantic, &binary.left, depth + 1, budget) {
                Command::Argv(mut items) => {
                    match command_of(semantic, &binary.right, depth + 1, budget) {
                        Command::Argv(rest) => items.extend(rest),
                        Command::Line(_) => items.push(vec![Piece::Dynamic]),
                    }
                    Command::Argv(items)
                }
                Command::Line(mut pieces) => {
                    pieces.extend(string_pieces(semantic, &binary.right, depth + 1, budget));
                    Command::Line(pieces)
                }
            }
        }
        Expr::Name(name) => match semantic.single_assigned_value(name) {
            Some(value) => command_of(semantic, value, depth + 1, budget),
            None => Command::Line(vec![Piece::Dynamic]),
        },
        _ => Command::Line(string_pieces(semantic, expr, depth + 1, budget)),
    }
}

fn constant_piece(constant: &Constant) -> Piece {
    // A constant is never attacker-controlled, whatever its type.
    Piece::Text(match constant {
        Constant::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        other => other.to_python_str().unwrap_or_default(),
    })
}

/// The pieces of a string-valued expression.
fn string_pieces(
    semantic: &FileSemantic<'_>,
    expr: &Expr,
    depth: usize,
    budget: &mut usize,
) -> Vec<Piece> {
    if depth > MAX_DEPTH || *budget == 0 {
        return vec![Piece::Dynamic];
    }
    *budget -= 1;
    if let Some(constant) = semantic.constant(expr) {
        return vec![constant_piece(&constant)];
    }
    match expr {
        Expr::FString(fstring) => {
            let mut pieces = Vec::new();
            for part in fstring.value.iter() {
                match part {
                    FStringPart::Literal(literal) => {
                        pieces.push(Piece::Text(literal.value.to_string()));
                    }
                    FStringPart::FString(inner) => {
                        for element in &inner.elements {
                            match element {
                                InterpolatedStringElement::Literal(literal) => {
                                    pieces.push(Piece::Text(literal.value.to_string()));
                                }
                                InterpolatedStringElement::Interpolation(interpolation) => {
                                    pieces.extend(string_pieces(
                                        semantic,
                                        &interpolation.expression,
                                        depth + 1,
                                        budget,
                                    ));
                                }
                            }
                        }
                    }
                }
            }
            pieces
        }
        Expr::BinOp(binary) if binary.op == Operator::Add => {
            let mut pieces = string_pieces(semantic, &binary.left, depth + 1, budget);
            pieces.extend(string_pieces(semantic, &binary.right, depth + 1, budget));
            pieces
        }
        Expr::BinOp(binary) if binary.op == Operator::Mod => {
            match semantic.constant_str(&binary.left) {
                Some(template) => percent_pieces(semantic, &template, &binary.right, depth, budget),
                None => vec![Piece::Dynamic],
            }
        }
        Expr::Call(call) => call_pieces(semantic, call, depth, budget),
        Expr::Name(name) => match semantic.single_assigned_value(name) {
            Some(value) => string_pieces(semantic, value, depth + 1, budget),
            None => vec![Piece::Dynamic],
        },
        _ => vec![Piece::Dynamic],
    }
}

/// Pieces of `shlex.quote(x)`, `"...".format(...)` and `sep.join([...])`.
fn call_pieces(
    semantic: &FileSemantic<'_>,
    call: &ast::ExprCall,
    depth: usize,
    budget: &mut usize,
) -> Vec<Piece> {
    if let Some(callee) = semantic.qualified_name(&call.func)
        && matches!(
            callee.as_str(),
            "shlex.quote" | "shlex.join" | "pipes.quote"
        )
    {
        return vec![Piece::Quoted];
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return vec![Piece::Dynamic];
    };
    let Some(receiver) = semantic.constant_str(&attribute.value) else {
        return vec![Piece::Dynamic];
    };
    match attribute.attr.as_str() {
        "format" => brace_pieces(semantic, &receiver, call, depth, budget),
        "join" => {
            let [Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. })] =
                &*call.arguments.args
            else {
                return vec![Piece::Dynamic];
            };
            let mut pieces = Vec::new();
            for (index, element) in elts.iter().enumerate() {
                if index > 0 {
                    pieces.push(Piece::Text(receiver.clone()));
                }
                pieces.extend(string_pieces(semantic, element, depth + 1, budget));
            }
            pieces
        }
        _ => vec![Piece::Dynamic],
    }
}

/// Pieces of `template % arguments`.
fn percent_pieces(
    semantic: &FileSemantic<'_>,
    template: &str,
    arguments: &Expr,
    depth: usize,
    budget: &mut usize,
) -> Vec<Piece> {
    let values: Vec<&Expr> = match arguments {
        Expr::Tuple(tuple) => tuple.elts.iter().collect(),
        single => vec![single],
    };
    let mut values = values.into_iter();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars();
    while let Some(character) = chars.next() {
        if character != '%' {
            text.push(character);
            continue;
        }
        let mut conversion = chars.next();
        while let Some('-' | '+' | ' ' | '#' | '0'..='9' | '.') = conversion {
            conversion = chars.next();
        }
        match conversion {
            Some('%') => text.push('%'),
            Some(kind @ ('s' | 'r' | 'a' | 'd' | 'i' | 'u' | 'x' | 'o' | 'f' | 'g' | 'e')) => {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
                let Some(value) = values.next() else {
                    pieces.push(Piece::Dynamic);
                    return pieces;
                };
                if matches!(kind, 's' | 'r' | 'a') {
                    pieces.extend(string_pieces(semantic, value, depth + 1, budget));
                } else {
                    // A number: no shell syntax can come out of it.
                    pieces.push(Piece::Inert);
                }
            }
            // `%(name)s` mappings and anything unusual.
            _ => {
                pieces.push(Piece::Text(text));
                pieces.push(Piece::Dynamic);
                return pieces;
            }
        }
    }
    pieces.push(Piece::Text(text));
    pieces
}

/// Pieces of `template.format(...)`.
fn brace_pieces(
    semantic: &FileSemantic<'_>,
    template: &str,
    call: &ast::ExprCall,
    depth: usize,
    budget: &mut usize,
) -> Vec<Piece> {
    let arguments = &call.arguments;
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    let mut next_index = 0usize;
    while let Some(character) = chars.next() {
        match character {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut field = String::new();
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                    field.push(inner);
                }
                pieces.push(Piece::Text(std::mem::take(&mut text)));
                let name = field.split([':', '!']).next().unwrap_or_default();
                let value = if name.is_empty() {
                    let value = arguments.find_positional(next_index);
                    next_index += 1;
                    value
                } else if let Ok(index) = name.parse::<usize>() {
                    arguments.find_positional(index)
                } else {
                    arguments.find_keyword(name).map(|keyword| &keyword.value)
                };
                match value {
                    Some(value) if !value.is_starred_expr() => {
                        pieces.extend(string_pieces(semantic, value, depth + 1, budget));
                    }
                    _ => pieces.push(Piece::Dynamic),
                }
            }
            other => text.push(other),
        }
    }
    pieces.push(Piece::Text(text));
    pieces
}

/// Renders pieces as text with a placeholder character for each run-time
/// value, for the lexer.
fn render(pieces: &[Piece]) -> String {
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(part) => text.push_str(part),
            Piece::Quoted => text.push(QUOTED),
            Piece::Inert => text.push(INERT),
            Piece::Dynamic => text.push(DYNAMIC),
        }
    }
    text
}

/// The constant text of `pieces`, when they are all constant.
pub(crate) fn constant_text(pieces: &[Piece]) -> Option<String> {
    let mut text = String::new();
    for piece in pieces {
        let Piece::Text(part) = piece else {
            return None;
        };
        text.push_str(part);
    }
    Some(text)
}

/// How much of a command line given to a shell an attacker could shape.
pub(crate) fn shell_taint(command: &Command) -> CommandTaint {
    match command {
        Command::Line(pieces) => line_taint(pieces),
        // On POSIX only the first element reaches `sh -c`; on Windows all
        // are joined into one line. Take the worst element.
        Command::Argv(items) => items
            .iter()
            .map(|item| line_taint(item))
            .max()
            .unwrap_or(CommandTaint::Constant),
    }
}

fn line_taint(pieces: &[Piece]) -> CommandTaint {
    if pieces.iter().all(|piece| matches!(piece, Piece::Text(_))) {
        return CommandTaint::Constant;
    }
    if pieces.contains(&Piece::Dynamic) {
        return CommandTaint::Dynamic;
    }
    // Only quoted or inert values: safe unless a quoted value sits inside
    // shell quotes, where its own quotes no longer protect it.
    if lex(&render(pieces)).quoted_value_in_quotes {
        CommandTaint::Dynamic
    } else {
        CommandTaint::Sanitized
    }
}

/// One shell word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word after quote removal; run-time values appear as placeholders.
    text: String,
    /// The word starts with an unquoted `*` or `?` glob, whose expansion
    /// may start with `-` and be read as an option.
    pub(crate) glob_at_start: bool,
}

impl Word {
    /// The word's text when fully known (no run-time value in it).
    pub(crate) fn known(&self) -> Option<&str> {
        (!self.text.contains([QUOTED, INERT, DYNAMIC])).then_some(self.text.as_str())
    }

    /// `true` for a `NAME=value` prefix assignment.
    fn is_assignment(&self) -> bool {
        self.text.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty()
                && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    }
}

/// A lexed shell script.
#[derive(Debug, Default)]
pub(crate) struct Script {
    /// The simple commands (split at `;`, `&`, `|`, newlines, parentheses
    /// and backquotes), each a list of words; redirections are dropped.
    pub(crate) commands: Vec<Vec<Word>>,
    /// A `shlex.quote`d value appears inside shell quotes.
    quoted_value_in_quotes: bool,
}

impl Script {
    /// The program word of each simple command, after any `NAME=value`
    /// prefix assignments, with the words that follow it.
    pub(crate) fn programs(&self) -> impl Iterator<Item = (&Word, &[Word])> {
        self.commands.iter().filter_map(|words| {
            let start = words.iter().position(|word| !word.is_assignment())?;
            let (program, arguments) = words.get(start..)?.split_first()?;
            Some((program, arguments))
        })
    }
}

/// Lexes the known text of a shell command line.
pub(crate) fn lex_pieces(pieces: &[Piece]) -> Script {
    lex(&render(pieces))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// A small POSIX shell lexer: enough to find command words, globs and
/// quoting; it does not expand anything.
fn lex(text: &str) -> Script {
    let mut script = Script::default();
    let mut command: Vec<Word> = Vec::new();
    let mut word = Word::default();
    let mut in_word = false;
    let mut skip_next_word = false;
    let mut quote = Quote::None;
    let mut chars = text.chars().peekable();

    // Ends the current word (a redirection target is dropped).
    let finish_word =
        |word: &mut Word, in_word: &mut bool, skip: &mut bool, command: &mut Vec<Word>| {
            if *in_word {
                let done = std::mem::take(word);
                if *skip {
                    *skip = false;
                } else {
                    command.push(done);
                }
                *in_word = false;
            }
        };

    while let Some(character) = chars.next() {
        match quote {
            Quote::Single => {
                if character == '\'' {
                    quote = Quote::None;
                } else {
                    word.text.push(character);
                }
                continue;
            }
            Quote::Double => {
                match character {
                    '"' => quote = Quote::None,
                    '\\' => {
                        if let Some(next) = chars.next() {
                            word.text.push(next);
                        }
                    }
                    QUOTED => {
                        script.quoted_value_in_quotes = true;
                        word.text.push(character);
                    }
                    other => word.text.push(other),
                }
                continue;
            }
            Quote::None => {}
        }
        match character {
            ' ' | '\t' => finish_word(&mut word, &mut in_word, &mut skip_next_word, &mut command),
            ';' | '&' | '|' | '\n' | '\r' | '(' | ')' | '`' => {
                finish_word(&mut word, &mut in_word, &mut skip_next_word, &mut command);
                skip_next_word = false;
                if !command.is_empty() {
                    script.commands.push(std::mem::take(&mut command));
                }
            }
            '<' | '>' => {
                // `2>` is a file descriptor, not an argument.
                if in_word && word.text.chars().all(|c| c.is_ascii_digit()) {
                    word = Word::default();
                    in_word = false;
                }
                finish_word(&mut word, &mut in_word, &mut skip_next_word, &mut command);
                if chars.peek() == Some(&'&') {
                    chars.next();
                }
                while chars.peek().is_some_and(|c| matches!(c, '<' | '>')) {
                    chars.next();
                }
                skip_next_word = true;
            }
            '#' if !in_word => {
                // A comment runs to the end of the line.
                for rest in chars.by_ref() {
                    if rest == '\n' {
                        break;
                    }
                }
                if !command.is_empty() {
                    script.commands.push(std::mem::take(&mut command));
                }
            }
            '\'' => {
                in_word = true;
                quote = Quote::Single;
            }
            '"' => {
                in_word = true;
                quote = Quote::Double;
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    word.text.push(next);
                }
            }
            '*' | '?' if !in_word => {
                in_word = true;
                word.glob_at_start = true;
                word.text.push(character);
            }
            other => {
                in_word = true;
                word.text.push(other);
            }
        }
    }
    finish_word(&mut word, &mut in_word, &mut skip_next_word, &mut command);
    if !command.is_empty() {
        script.commands.push(command);
    }
    script
}

/// The last path component of a program word (`/usr/bin/sudo` → `sudo`,
/// `C:\tools\tar.exe` → `tar`).
pub(crate) fn program_basename(program: &str) -> &str {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
    base.strip_suffix(".exe").unwrap_or(base)
}

/// How trustworthy the command of `call` is: from the `command` argument
/// when given, `Dynamic` when `*args`/`**kwargs` could pass it, `None`
/// when the call has no command at all.
pub(crate) fn call_command_taint(
    semantic: &FileSemantic<'_>,
    call: &crate::CallSite<'_>,
    command: Option<&Expr>,
) -> Option<CommandTaint> {
    match command {
        Some(command) => Some(shell_taint(&analyze_command(semantic, command))),
        None if call.has_unpacking() => Some(CommandTaint::Dynamic),
        None => None,
    }
}

/// Reports a call that runs its command through a shell, graded by
/// `taint`: high severity (the rule's default) for a run-time command,
/// low when it is constant or its run-time parts are quoted. `how` is
/// appended after "through the shell" (e.g. `` (`shell=True`)``).
pub(crate) fn report_shell_command(
    cx: &mut crate::RuleContext<'_, '_>,
    call: &crate::CallSite<'_>,
    taint: CommandTaint,
    how: &str,
) {
    let name = call.name();
    match taint {
        CommandTaint::Dynamic => {
            cx.report(
                call.range(),
                format!(
                    "`{name}` runs a command built at run time through the shell{how}; \
                     shell syntax in it will be executed"
                ),
            )
            .label("non-constant command run by a shell");
        }
        CommandTaint::Sanitized => {
            cx.report(
                call.range(),
                format!(
                    "`{name}` runs a command through the shell{how}; its run-time parts are quoted"
                ),
            )
            .label("shell command with quoted values")
            .severity(antivenom_diagnostics::Severity::Low);
        }
        CommandTaint::Constant => {
            cx.report(
                call.range(),
                format!("`{name}` runs a constant command through the shell{how}"),
            )
            .label("constant command run by a shell")
            .severity(antivenom_diagnostics::Severity::Low);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        lex(text)
            .commands
            .iter()
            .map(|command| command.iter().map(|word| word.text.clone()).collect())
            .collect()
    }

    #[test]
    fn splits_commands_and_words() {
        assert_eq!(
            words("cd /tmp && tar cf 'a b.tar' *; ls -l 2>&1 > out.txt | wc"),
            vec![
                vec!["cd", "/tmp"],
                vec!["tar", "cf", "a b.tar", "*"],
                vec!["ls", "-l"],
                vec!["wc"],
            ]
        );
        assert_eq!(
            words("echo \"a \\\"b\\\"\" # c"),
            vec![vec!["echo", "a \"b\""]]
        );
    }

    #[test]
    fn marks_unquoted_leading_globs() {
        let script = lex("chmod 644 * '*' ./* \\*");
        let globs: Vec<bool> = script.commands[0]
            .iter()
            .map(|word| word.glob_at_start)
            .collect();
        assert_eq!(globs, vec![false, false, true, false, false, false]);
    }

    #[test]
    fn finds_programs_after_assignments() {
        let script = lex("LANG=C FOO=1 make install");
        let (program, arguments) = script.programs().next().unwrap();
        assert_eq!(program.known(), Some("make"));
        assert_eq!(arguments.len(), 1);
    }

    #[test]
    fn quoted_values_are_safe_only_outside_quotes() {
        let outside = vec![
            Piece::Text("ls ".into()),
            Piece::Quoted,
            Piece::Text(" -n ".into()),
            Piece::Inert,
        ];
        assert_eq!(line_taint(&outside), CommandTaint::Sanitized);
        let inside = vec![
            Piece::Text("ls \"".into()),
            Piece::Quoted,
            Piece::Text("\"".into()),
        ];
        assert_eq!(line_taint(&inside), CommandTaint::Dynamic);
        assert_eq!(
            line_taint(&[Piece::Text("ls ".into()), Piece::Dynamic]),
            CommandTaint::Dynamic
        );
        assert_eq!(
            line_taint(&[Piece::Text("ls".into())]),
            CommandTaint::Constant
        );
    }

    #[test]
    fn basenames() {
        assert_eq!(program_basename("/usr/bin/sudo"), "sudo");
        assert_eq!(program_basename("C:\\tools\\tar.exe"), "tar");
        assert_eq!(program_basename("rsync"), "rsync");
    }
}
