//! `urllib` URL openers called on a URL whose scheme is not a fixed
//! `http`/`https`: the openers also read `file:` URLs (and any scheme a
//! handler is installed for).

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{self as ast, Expr, InterpolatedStringElement, Operator};

pub(crate) struct UrlOpenUncheckedScheme;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &UrlOpenUncheckedScheme;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV870",
    name: "url-open-unchecked-scheme",
    cwe: &[939, 22],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &["B310", "S310"],
    status: Status::Stable,
    summary: "Flags `urllib.request.urlopen` and `urlretrieve` (also through `six.moves` and \
              Python 2's `urllib`/`urllib2`) on a URL that does not start with a fixed \
              `http://` or `https://`, or on a constant URL of another scheme such as `file:`.",
    why: "`urlopen` and `urlretrieve` do not restrict the scheme: besides HTTP they open \
          `file:` URLs (reading any local file the process can read), `ftp:` and any scheme a \
          custom handler serves. When the URL comes from a request, a configuration file or \
          a database, an attacker who controls it can make the program read \
          `file:///etc/passwd` or application secrets and return or store their contents. \
          URLs written as constants, f-strings or concatenations that begin with \
          `http://` or `https://` cannot change scheme and are not reported.",
    insecure_example: "
from urllib.request import urlopen

def fetch_avatar(profile):
    return urlopen(profile[\"avatar_url\"]).read()
",
    secure_example: "
from urllib.parse import urlsplit
from urllib.request import urlopen

def fetch_avatar(profile):
    url = profile[\"avatar_url\"]
    if urlsplit(url).scheme not in (\"http\", \"https\"):
        raise ValueError(\"avatar URL must use http or https\")
    return urlopen(f\"https://avatars.example.com/{urlsplit(url).path}\").read()
",
    fix: "allow only `http`/`https` URLs (check `urllib.parse.urlsplit(url).scheme`) or build the URL from a fixed `https://` prefix",
    references: &[
        "https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen",
        "https://cwe.mitre.org/data/definitions/939.html",
    ],
};

/// Openers whose first argument (`url`) is opened.
const OPENERS: &[&str] = &[
    "urllib.request.urlopen",
    "urllib.request.urlretrieve",
    "six.moves.urllib.request.urlopen",
    "six.moves.urllib.request.urlretrieve",
    "urllib.urlopen",
    "urllib.urlretrieve",
    "urllib2.urlopen",
];

/// `Request` classes whose first argument (`url`) is the URL opened.
const REQUESTS: &[&str] = &[
    "urllib.request.Request",
    "six.moves.urllib.request.Request",
    "urllib2.Request",
];

/// How deep names and nested expressions are followed.
const MAX_DEPTH: usize = 8;

/// What is known about the URL an opener receives.
enum Url {
    /// Its scheme is fixed to `http` or `https`.
    Web,
    /// A constant without a scheme: `urlopen` rejects it.
    NoScheme,
    /// Its scheme is fixed to this other scheme (`file`, `ftp`...).
    OtherScheme(String),
    /// Its scheme is decided at run time.
    Open,
}

/// The scheme at the start of `text`, when `text` starts with one
/// (`scheme ":"`, RFC 3986).
fn scheme(text: &str) -> Option<&str> {
    let (candidate, _) = text.split_once(':')?;
    let mut characters = candidate.chars();
    let valid = characters.next().is_some_and(|c| c.is_ascii_alphabetic())
        && characters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate)
}

/// Judges the known leading text of a URL. `complete` is `true` when the
/// whole URL is that text.
fn judge_prefix(prefix: &str, complete: bool) -> Url {
    let trimmed = prefix.trim_start();
    match scheme(trimmed) {
        Some(found)
            if found.eq_ignore_ascii_case("http") || found.eq_ignore_ascii_case("https") =>
        {
            Url::Web
        }
        Some(found) => Url::OtherScheme(found.to_ascii_lowercase()),
        None if complete => Url::NoScheme,
        None => Url::Open,
    }
}

/// The text an expression is known to start with, and whether that is all
/// of it. `None` when nothing is known.
fn known_prefix(semantic: &FileSemantic<'_>, expr: &Expr, depth: usize) -> Option<(String, bool)> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(text) = semantic.constant_str(expr) {
        return Some((text, true));
    }
    match expr {
        Expr::FString(fstring) => Some((fstring_prefix(semantic, fstring), false)),
        Expr::BinOp(binop) => match binop.op {
            Operator::Add => {
                let (left, complete) = known_prefix(semantic, &binop.left, depth + 1)?;
                if !complete {
                    return Some((left, false));
                }
                let right = known_prefix(semantic, &binop.right, depth + 1)
                    .map(|(text, _)| text)
                    .unwrap_or_default();
                Some((left + &right, false))
            }
            // `"https://%s/" % host`: the template's text before the first `%`.
            Operator::Mod => {
                let template = semantic.constant_str(&binop.left)?;
                let before = template.split('%').next().unwrap_or_default();
                Some((before.to_owned(), false))
            }
            _ => None,
        },
        // `"https://{}/".format(host)`: the text before the first `{`.
        Expr::Call(call) => {
            let Expr::Attribute(attribute) = call.func.as_ref() else {
                return None;
            };
            if attribute.attr.as_str() != "format" {
                return None;
            }
            let template = semantic.constant_str(&attribute.value)?;
            let before = template.split('{').next().unwrap_or_default();
            Some((before.to_owned(), false))
        }
        Expr::Name(name) => {
            let value = semantic.single_assigned_value(name)?;
            known_prefix(semantic, value, depth + 1)
        }
        _ => None,
    }
}

/// The literal text of an f-string up to its first non-constant part.
fn fstring_prefix(semantic: &FileSemantic<'_>, fstring: &ast::ExprFString) -> String {
    let mut prefix = String::new();
    for part in fstring.value.iter() {
        match part {
            ast::FStringPart::Literal(literal) => prefix.push_str(&literal.value),
            ast::FStringPart::FString(inner) => {
                for element in &inner.elements {
                    match element {
                        InterpolatedStringElement::Literal(literal) => {
                            prefix.push_str(&literal.value);
                        }
                        InterpolatedStringElement::Interpolation(interpolation) => {
                            match semantic
                                .constant(&interpolation.expression)
                                .and_then(|constant| constant.to_python_str())
                            {
                                Some(text) if interpolation.format_spec.is_none() => {
                                    prefix.push_str(&text);
                                }
                                _ => return prefix,
                            }
                        }
                    }
                }
            }
        }
    }
    prefix
}

/// The URL a `Request(...)` (inline or assigned once to a name) carries.
fn request_url<'a>(semantic: &FileSemantic<'a>, expr: &'a Expr, depth: usize) -> Option<&'a Expr> {
    if depth > MAX_DEPTH {
        return None;
    }
    match expr {
        Expr::Call(call) => {
            let constructor = semantic.qualified_name(&call.func)?;
            if !REQUESTS.contains(&constructor.as_str()) {
                return None;
            }
            call.arguments.find_argument_value("url", 0)
        }
        Expr::Name(name) => {
            let value = semantic.single_assigned_value(name)?;
            request_url(semantic, value, depth + 1)
        }
        _ => None,
    }
}

/// Judges the URL expression handed to an opener.
fn judge_url<'a>(semantic: &FileSemantic<'a>, url: &'a Expr) -> Url {
    let url = request_url(semantic, url, 0).unwrap_or(url);
    match known_prefix(semantic, url, 0) {
        Some((prefix, complete)) => judge_prefix(&prefix, complete),
        None => Url::Open,
    }
}

impl Rule for UrlOpenUncheckedScheme {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(OPENERS.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["urllib", "urllib2", "six"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        if !OPENERS.contains(&name) {
            return;
        }
        let Some(url) = call.argument("url", 0) else {
            return;
        };
        let message = match judge_url(cx.semantic(), url) {
            Url::Web | Url::NoScheme => return,
            Url::OtherScheme(scheme) => {
                format!(
                    "`{name}` opens a `{scheme}:` URL; `urllib` openers read local files and any scheme they have a handler for"
                )
            }
            Url::Open => format!(
                "`{name}` opens a URL whose scheme is decided at run time: `file:` URLs would \
                 read local files"
            ),
        };
        // The call's range: the one url-open-call (the audit rule) reports,
        // so that a call reported by both is shown once.
        cx.report(call.range(), message)
            .label("URL scheme not restricted to http(s)");
    }
}

#[cfg(test)]
mod tests {
    use super::{Url, judge_prefix, scheme};

    #[test]
    fn finds_schemes() {
        assert_eq!(scheme("https://example.com"), Some("https"));
        assert_eq!(scheme("file:///etc/passwd"), Some("file"));
        assert_eq!(scheme("svn+ssh://host"), Some("svn+ssh"));
        assert_eq!(scheme("/etc/passwd"), None);
        assert_eq!(scheme("example.com/a:b"), None);
        assert_eq!(scheme("1abc:x"), None);
    }

    #[test]
    fn judges_prefixes() {
        assert!(matches!(judge_prefix("HTTPS://x", false), Url::Web));
        assert!(matches!(judge_prefix("file:", false), Url::OtherScheme(_)));
        assert!(matches!(judge_prefix("example.com", true), Url::NoScheme));
        assert!(matches!(judge_prefix("", false), Url::Open));
        assert!(matches!(judge_prefix("http", false), Url::Open));
    }
}
