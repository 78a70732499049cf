//! Allow-list checks on URLs done with substring tests
//! (`"example.com" in url`, `url.startswith("https://example.com")`).

use crate::helpers::prefilters::Needles;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{CmpOp, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct UrlSubstringSanitization;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &UrlSubstringSanitization;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV941",
    name: "url-substring-sanitization",
    cwe: &[20, 601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `if` tests that accept a URL or host because a trusted host name appears in it \
              (`\"example.com\" in url`), because it starts with a scheme and host without a path \
              (`url.startswith(\"https://example.com\")`), or because it ends with a host name \
              without a leading dot (`host.endswith(\"example.com\")`).",
    why: "A substring is not a host. `\"example.com\" in url` also holds for \
          `https://evil.net/?example.com` and `https://example.com.evil.net`; \
          `url.startswith(\"https://example.com\")` holds for `https://example.com.evil.net/`; \
          `host.endswith(\"example.com\")` holds for `evilexample.com`. Used to decide where to \
          redirect a user or which server to call, such checks let an attacker pass their own host \
          (open redirect, SSRF, token leaks).",
    insecure_example: "
def safe_next(request):
    next_url = request.args[\"next\"]
    if \"example.com\" in next_url:
        return next_url
    return \"/\"
",
    secure_example: "
from urllib.parse import urlsplit

ALLOWED_HOSTS = {\"example.com\", \"www.example.com\"}

def safe_next(request):
    next_url = request.args[\"next\"]
    parts = urlsplit(next_url)
    if parts.scheme == \"https\" and parts.hostname in ALLOWED_HOSTS:
        return next_url
    return \"/\"
",
    fix: "parse the URL (`urllib.parse.urlsplit`) and compare its `hostname` exactly with an allow-list (or check `hostname == h or hostname.endswith(\".\" + h)`)",
    references: &[
        "https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit",
        "https://cwe.mitre.org/data/definitions/20.html",
    ],
};

/// Words in a variable name that say it holds a URL or a host.
const URL_WORDS: &[&str] = &[
    "url", "uri", "host", "domain", "netloc", "origin", "referer", "referrer", "redirect", "next",
    "location", "link", "href",
];

/// The last identifier of `expr` (`next_url`, `request.referrer`).
fn holder_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

fn holds_url(expr: &Expr) -> bool {
    const URL_MARKERS: Needles = Needles::new(URL_WORDS);
    holder_name(expr).is_some_and(|name| URL_MARKERS.found_in(name))
}

/// `example.com`, `api.example.co.uk`: labels of letters, digits and `-`,
/// at least two of them, the last one alphabetic.
fn is_host_name(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// `https://example.com` (a scheme and a host, nothing after the host).
fn is_bare_origin(text: &str) -> bool {
    text.split_once("://").is_some_and(|(scheme, host)| {
        !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphabetic()) && is_host_name(host)
    })
}

/// How `expr` tests a URL by substring, if it does.
fn substring_test(cx: &RuleContext<'_, '_>, expr: &Expr) -> Option<&'static str> {
    match expr {
        Expr::Compare(compare) => {
            let [CmpOp::In | CmpOp::NotIn, ..] = &*compare.ops else {
                return None;
            };
            let [haystack, ..] = &*compare.comparators else {
                return None;
            };
            if !holds_url(haystack) {
                return None;
            }
            let needle = cx.semantic().constant_str(&compare.left)?;
            (is_host_name(&needle) || is_bare_origin(&needle))
                .then_some("a host name is looked for anywhere in the URL")
        }
        Expr::Call(call) => {
            let Expr::Attribute(method) = call.func.as_ref() else {
                return None;
            };
            if !matches!(method.attr.as_str(), "startswith" | "endswith")
                || !holds_url(&method.value)
                || !call.arguments.keywords.is_empty()
            {
                return None;
            }
            let [argument] = &*call.arguments.args else {
                return None;
            };
            let text = cx.semantic().constant_str(argument)?;
            match method.attr.as_str() {
                "startswith" if is_bare_origin(&text) => {
                    Some("the URL only has to start with the trusted origin, with no `/` after it")
                }
                "endswith" if is_host_name(&text) => {
                    Some("the host only has to end with the trusted name, with no `.` before it")
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The test expressions of the `if` / `elif` statement `stmt`.
fn if_tests(stmt: &Stmt) -> Vec<TextRange> {
    let Stmt::If(if_stmt) = stmt else {
        return Vec::new();
    };
    std::iter::once(if_stmt.test.range())
        .chain(
            if_stmt
                .elif_else_clauses
                .iter()
                .filter_map(|clause| clause.test.as_ref().map(Ranged::range)),
        )
        .collect()
}

impl Rule for UrlSubstringSanitization {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::expressions(&[NodeKind::ExprCompare, NodeKind::ExprCall])
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        // Only decisions: the expression sits in an `if` / `elif` test.
        let Some(stmt) = cx.statement() else {
            return;
        };
        if !matches!(stmt, Stmt::If(_)) {
            return;
        }
        let Some(how) = substring_test(cx, expr) else {
            return;
        };
        if !if_tests(stmt)
            .iter()
            .any(|test| test.contains_range(expr.range()))
        {
            return;
        }
        cx.report(
            expr.range(),
            format!("URL allow-list check by substring: {how}"),
        )
        .label("incomplete URL check");
    }
}
