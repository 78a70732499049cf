//! HTTP client calls given a literal `http://` URL to a public host, and
//! HTTP Basic credentials sent to one.

use crate::helpers::test_code::in_test_code;
use crate::helpers::url_hosts::{is_public_host, url_host};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct CleartextHttpUrl;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &CleartextHttpUrl;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV840",
    name: "cleartext-http-url",
    cwe: &[319, 523],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    category: Category::Network,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `requests`, `httpx` and `urllib.request` calls given a literal `http://` URL to a \
              public host, and `http.client.HTTPConnection` to a literal public host; HTTP Basic \
              credentials sent that way are reported with a higher severity.",
    why: "Plain HTTP is neither encrypted nor authenticated: anyone on the network path (public \
          Wi-Fi, a compromised router, an ISP) can read the request and the response and change \
          them, for example to serve a malicious download or to inject a redirect. Credentials in \
          an `Authorization: Basic` header are only base64-encoded, so they are read as they pass. \
          Loopback, private addresses and names reserved for examples and tests are not flagged.",
    insecure_example: "
import requests

response = requests.get(\"http://api.partner-bank.com/v1/rates\", auth=(USER, PASSWORD))
",
    secure_example: "
import requests

response = requests.get(\"https://api.partner-bank.com/v1/rates\", auth=(USER, PASSWORD))
",
    fix: "use an `https://` URL (and keep certificate verification on)",
    references: &[
        "https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",
        "https://docs.python.org/3/library/http.client.html#http.client.HTTPSConnection",
        "https://www.python-httpx.org/advanced/ssl/",
    ],
};

/// Callables that take a URL (or a host), and where.
struct UrlCallables {
    /// The modules they are reached from.
    modules: &'static [&'static str],
    /// Their names in those modules.
    functions: &'static [&'static str],
    /// The URL's position.
    position: usize,
    /// The URL's keyword.
    keyword: &'static str,
}

const HTTP_CLIENT_MODULES: &[&str] = &["requests", "requests.api", "httpx"];

const URL_CALLABLES: &[UrlCallables] = &[
    UrlCallables {
        modules: HTTP_CLIENT_MODULES,
        functions: &["get", "post", "put", "patch", "delete", "head", "options"],
        position: 0,
        keyword: "url",
    },
    UrlCallables {
        modules: HTTP_CLIENT_MODULES,
        functions: &["request", "stream"],
        position: 1,
        keyword: "url",
    },
    UrlCallables {
        modules: &["urllib.request", "six.moves.urllib.request"],
        functions: &["urlopen", "urlretrieve", "Request"],
        position: 0,
        keyword: "url",
    },
    UrlCallables {
        modules: &["http.client"],
        functions: &["HTTPConnection"],
        position: 0,
        keyword: "host",
    },
];

/// Where the URL is: (position, keyword), by callee.
fn url_parameter(name: &str) -> Option<(usize, &'static str)> {
    let (module, function) = name.rsplit_once('.')?;
    URL_CALLABLES
        .iter()
        .find(|callables| {
            callables.modules.contains(&module) && callables.functions.contains(&function)
        })
        .map(|callables| (callables.position, callables.keyword))
}

/// `true` when `auth` sends HTTP Basic credentials: a pair or a Basic auth object.
fn is_basic_auth(call: &CallSite<'_>, cx: &RuleContext<'_, '_>) -> bool {
    match call.keyword("auth") {
        Some(Expr::Tuple(pair)) => pair.len() == 2,
        Some(Expr::Call(auth)) => cx
            .semantic()
            .qualified_name(&auth.func)
            .is_some_and(|name| {
                matches!(
                    name.as_str(),
                    "requests.auth.HTTPBasicAuth" | "httpx.BasicAuth" | "httpx._auth.BasicAuth"
                )
            }),
        _ => false,
    }
}

impl Rule for CleartextHttpUrl {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(
            URL_CALLABLES
                .iter()
                .flat_map(|callables| callables.functions.iter().copied())
                .collect(),
        )
    }

    fn modules(&self) -> &'static [&'static str] {
        &["requests", "httpx", "urllib", "http", "six"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let Some((position, keyword)) = url_parameter(name) else {
            return;
        };
        // Tests of HTTP code talk to made-up hosts on purpose.
        if in_test_code(cx, call.range()) {
            return;
        }
        let Some(argument) = call.argument(keyword, position) else {
            return;
        };
        let Some(value) = cx.semantic().constant_str(argument) else {
            return;
        };
        let host = if keyword == "host" {
            // `HTTPConnection("host:port")`: the host alone, no scheme.
            url_host(&format!("http://{value}"), "http")
        } else {
            url_host(&value, "http")
        };
        let Some(host) = host else {
            return;
        };
        if !is_public_host(&host) {
            return;
        }
        if is_basic_auth(call, cx) {
            cx.report(
                call.range(),
                format!("`{name}` sends HTTP Basic credentials to `{host}` over unencrypted HTTP"),
            )
            .label("credentials over http://")
            .severity(Severity::Medium)
            .confidence(Confidence::High);
            return;
        }
        cx.report(
            call.range(),
            format!("`{name}` talks to `{host}` over unencrypted HTTP"),
        )
        .label("http:// URL");
    }
}
