//! HTTP clients told not to check TLS certificates (`verify=False`).

use crate::helpers::http_clients::{REQUESTS_METHODS, REQUESTS_SESSIONS, is_requests_function};
use crate::helpers::receivers::{constructor, file_imports};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct RequestWithoutCertValidation;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &RequestWithoutCertValidation;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV701",
    name: "request-without-cert-validation",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B501", "S501"],
    status: Status::Stable,
    summary: "Flags `requests`, `httpx` and `aiohttp` calls, clients and sessions that switch off \
              TLS certificate checking (`verify=False`, `ssl=False`).",
    why: "Without certificate validation the client accepts any certificate, including one \
          forged by whoever sits on the network path (public Wi-Fi, a compromised router, a \
          proxy). That party can read and change every request and response, including \
          credentials, cookies and downloaded code. `verify=None` is not reported: `requests` \
          then falls back to its default, which checks certificates.",
    insecure_example: "
import requests

def fetch_report(url, token):
    return requests.get(url, headers={\"Authorization\": token}, verify=False, timeout=10)
",
    secure_example: "
import requests

def fetch_report(url, token):
    # a private CA is configured with a bundle, not by disabling checks
    return requests.get(url, headers={\"Authorization\": token}, verify=\"/etc/ssl/corp-ca.pem\", timeout=10)
",
    fix: "keep certificate validation on; for a private CA pass its bundle (`verify=\"/path/ca.pem\"`) or an `ssl.SSLContext`",
    references: &[
        "https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",
        "https://www.python-httpx.org/advanced/ssl/",
        "https://docs.aiohttp.org/en/stable/client_advanced.html#ssl-control-for-tcp-sockets",
    ],
};

/// `httpx` functions and classes that take `verify=`.
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
    "HTTPTransport",
    "AsyncHTTPTransport",
];

const AIOHTTP_SESSIONS: &[&str] = &["aiohttp.ClientSession", "aiohttp.client.ClientSession"];

/// `aiohttp` client session methods that take `ssl=`.
const AIOHTTP_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "ws_connect",
];

/// `true` when `expr` is a constant that turns verification off: false-like
/// but not `None` (which means "use the default" in these libraries).
fn disables(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    semantic
        .constant(expr)
        .is_some_and(|value| value != Constant::None && !value.is_truthy())
}

/// The keyword that disables verification for this call, and how to name
/// the callee in the message.
fn disabling_keyword(
    call: &CallSite<'_>,
    semantic: &FileSemantic<'_>,
) -> Option<(String, &'static str)> {
    if let Some(name) = call.qualified_name() {
        let requests_function = is_requests_function(name);
        let httpx_callable = name
            .strip_prefix("httpx.")
            .is_some_and(|rest| HTTPX_CALLABLES.contains(&rest));
        if requests_function || httpx_callable {
            return Some((name.to_owned(), "verify"));
        }
        if matches!(
            name,
            "aiohttp.TCPConnector" | "aiohttp.connector.TCPConnector"
        ) {
            let keyword = if call.keyword("verify_ssl").is_some() {
                "verify_ssl"
            } else {
                "ssl"
            };
            return Some((name.to_owned(), keyword));
        }
        return None;
    }
    // A method on a session object: `s = requests.Session(); s.get(url, verify=False)`.
    let Expr::Attribute(attribute) = call.call.func.as_ref() else {
        return None;
    };
    let method = attribute.attr.as_str();
    let built_by = constructor(semantic, &attribute.value)?;
    if REQUESTS_SESSIONS.contains(&built_by.as_str())
        && (REQUESTS_METHODS.contains(&method) || method == "send")
    {
        return Some((format!("Session.{method}"), "verify"));
    }
    if AIOHTTP_SESSIONS.contains(&built_by.as_str()) && AIOHTTP_METHODS.contains(&method) {
        return Some((format!("ClientSession.{method}"), "ssl"));
    }
    None
}

/// The last identifier of a receiver (`session` in `self.session`).
fn last_identifier(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

impl Rule for RequestWithoutCertValidation {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: true,
            ..Interests::statements(&[NodeKind::StmtAssign])
        }
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(
            REQUESTS_METHODS
                .iter()
                .chain(HTTPX_CALLABLES)
                .chain(AIOHTTP_METHODS)
                .copied()
                .chain(["send", "TCPConnector"])
                .collect(),
        )
    }

    fn modules(&self) -> &'static [&'static str] {
        &["requests", "httpx", "aiohttp"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if call.call.arguments.keywords.is_empty() {
            return;
        }
        let Some((callee, keyword)) = disabling_keyword(call, cx.semantic()) else {
            return;
        };
        let Some(value) = call.keyword(keyword) else {
            return;
        };
        if !disables(cx.semantic(), value) {
            return;
        }
        let shown = cx.text(value.range()).to_owned();
        cx.report(
            call.range(),
            format!(
                "`{callee}` is called with `{keyword}={shown}`: the server's TLS certificate is not \
                 checked, so anyone on the network path can impersonate it"
            ),
        )
        .label("certificate validation disabled");
    }

    /// `session.verify = False` on a `requests` session.
    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let Stmt::Assign(assign) = stmt else {
            return;
        };
        let [Expr::Attribute(target)] = assign.targets.as_slice() else {
            return;
        };
        if target.attr.as_str() != "verify" || !disables(cx.semantic(), &assign.value) {
            return;
        }
        let semantic = cx.semantic();
        let is_session = constructor(semantic, &target.value)
            .is_some_and(|built_by| REQUESTS_SESSIONS.contains(&built_by.as_str()))
            || (file_imports(semantic, "requests")
                && last_identifier(&target.value)
                    .is_some_and(|name| name.to_ascii_lowercase().contains("session")));
        if !is_session {
            return;
        }
        cx.report(
            stmt.range(),
            "the session's `verify` is set to a false value: no request made with it checks the \
             server's TLS certificate",
        )
        .label("certificate validation disabled for the whole session");
    }
}
