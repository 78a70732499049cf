//! HTTP requests that can wait forever.

use crate::helpers::http_clients::{REQUESTS_METHODS, REQUESTS_SESSIONS, is_requests_function};
use crate::helpers::receivers::constructor;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;

pub(crate) struct RequestWithoutTimeout;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &RequestWithoutTimeout;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV704",
    name: "request-without-timeout",
    cwe: &[400, 1088],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Network,
    aliases: &["B113", "S113"],
    status: Status::Stable,
    summary: "Flags `requests` calls (functions and `Session` methods) without a `timeout=`, and \
              `requests` or `httpx` calls and clients given `timeout=None`.",
    why: "`requests` has no default timeout: a server that accepts the connection and then \
          stops answering (by accident or on purpose) blocks the calling thread forever. A \
          handful of such requests exhausts a worker pool, which is an easy denial of service. \
          `httpx` has a 5-second default, so it is only reported when `timeout=None` turns the \
          limit off. Calls that forward `**kwargs` may pass a timeout and are not reported.",
    insecure_example: "
import requests

def fetch_avatar(url):
    return requests.get(url).content
",
    secure_example: "
import requests

def fetch_avatar(url):
    return requests.get(url, timeout=(3.05, 10)).content
",
    fix: "pass `timeout=` (seconds, or a `(connect, read)` tuple) to every request",
    references: &[
        "https://requests.readthedocs.io/en/latest/user/advanced/#timeouts",
        "https://www.python-httpx.org/advanced/timeouts/",
    ],
};

const HTTPX_CALLABLES: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "stream",
    "Client",
    "AsyncClient",
];

const HTTPX_CLIENT_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send",
];

const HTTPX_CLIENTS: &[&str] = &["httpx.Client", "httpx.AsyncClient"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Library {
    /// No default timeout: a missing `timeout=` counts.
    Requests,
    /// A default timeout: only `timeout=None` counts.
    Httpx,
}

/// Which library a call belongs to, and how to name it in the message.
fn classify(call: &CallSite<'_>, semantic: &FileSemantic<'_>) -> Option<(Library, String)> {
    if let Some(name) = call.qualified_name() {
        if is_requests_function(name) {
            return Some((Library::Requests, name.to_owned()));
        }
        if name
            .strip_prefix("httpx.")
            .is_some_and(|rest| HTTPX_CALLABLES.contains(&rest))
        {
            return Some((Library::Httpx, name.to_owned()));
        }
        return None;
    }
    let Expr::Attribute(attribute) = call.call.func.as_ref() else {
        return None;
    };
    let method = attribute.attr.as_str();
    let built_by = constructor(semantic, &attribute.value)?;
    if REQUESTS_SESSIONS.contains(&built_by.as_str()) && REQUESTS_METHODS.contains(&method) {
        return Some((Library::Requests, format!("Session.{method}")));
    }
    if HTTPX_CLIENTS.contains(&built_by.as_str()) && HTTPX_CLIENT_METHODS.contains(&method) {
        return Some((Library::Httpx, format!("{built_by}.{method}")));
    }
    None
}

impl Rule for RequestWithoutTimeout {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(
            REQUESTS_METHODS
                .iter()
                .chain(HTTPX_CALLABLES)
                .chain(HTTPX_CLIENT_METHODS)
                .copied()
                .collect(),
        )
    }

    fn modules(&self) -> &'static [&'static str] {
        &["requests", "httpx"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some((library, callee)) = classify(call, cx.semantic()) else {
            return;
        };
        match call.keyword("timeout") {
            Some(timeout) if cx.semantic().constant(timeout) == Some(Constant::None) => {
                cx.report(
                    call.range(),
                    format!(
                        "`{callee}` is called with `timeout=None`: a server that stops \
                         answering blocks this call forever"
                    ),
                )
                .label("timeout disabled");
            }
            None if library == Library::Requests && !call.has_unpacking() => {
                cx.report(
                    call.range(),
                    format!(
                        "`{callee}` has no `timeout`: `requests` waits forever for a server that \
                         stops answering"
                    ),
                )
                .label("no timeout");
            }
            _ => {}
        }
    }
}
