//! Flask-CORS and Starlette / FastAPI `CORSMiddleware` allowing every
//! origin together with credentials.

use crate::helpers::is_truthy_constant;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, ExprCall};

pub(crate) struct CorsAnyOriginWithCredentials;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &CorsAnyOriginWithCredentials;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV918",
    name: "cors-any-origin-with-credentials",
    cwe: &[942, 346],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags Flask-CORS `CORS(...)` / `cross_origin(...)` with `supports_credentials=True` \
              and any origin allowed (`\"*\"`, `\".*\"`, or no `origins`, whose default is `\"*\"`), \
              and Starlette / FastAPI `CORSMiddleware` with `allow_credentials=True` and \
              `allow_origins` holding `\"*\"` (or `allow_origin_regex=\".*\"`).",
    why: "Browsers refuse a literal `*` together with credentials, so these libraries answer a \
          credentialed request by echoing the caller's `Origin` back. The result is that every \
          web site the user visits can send requests carrying the user's cookies to the API \
          and read the responses: personal data, tokens, anything the user can see. Any origin \
          without credentials, or credentials for a fixed list of origins, is not reported; \
          only options written as constants are judged.",
    insecure_example: "
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_credentials=True)
",
    secure_example: "
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=[\"https://app.example.com\"],
    allow_credentials=True,
)
",
    fix: "list the trusted origins explicitly when credentials are allowed, or stop allowing credentials",
    references: &[
        "https://flask-cors.readthedocs.io/en/latest/api.html",
        "https://www.starlette.io/middleware/#corsmiddleware",
        "https://fastapi.tiangolo.com/tutorial/cors/",
        "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials",
    ],
};

const FLASK_CORS: &[&str] = &[
    "flask_cors.CORS",
    "flask_cors.cross_origin",
    "flask_cors.extension.CORS",
    "flask_cors.decorator.cross_origin",
];
const CORS_MIDDLEWARE: &[&str] = &[
    "starlette.middleware.cors.CORSMiddleware",
    "fastapi.middleware.cors.CORSMiddleware",
];

/// `true` when an origins option folds to "every origin".
fn allows_any_origin(semantic: &FileSemantic<'_>, origins: &Expr) -> bool {
    let any = |origin: &Constant| matches!(origin.as_str(), Some("*" | ".*" | "^.*$" | "^.*"));
    match semantic.constant(origins) {
        Some(Constant::Sequence(items)) => items.iter().any(any),
        Some(origin) => any(&origin),
        // A list literal with a wildcard among run-time values.
        None => match origins {
            Expr::List(list) => list.elts.iter().any(|element| {
                semantic
                    .constant(element)
                    .is_some_and(|origin| any(&origin))
            }),
            _ => false,
        },
    }
}

/// The value of `key` in a dict literal with constant keys.
fn dict_value<'e>(semantic: &FileSemantic<'_>, dict: &'e Expr, key: &str) -> Option<&'e Expr> {
    let Expr::Dict(dict) = dict else {
        return None;
    };
    dict.items
        .iter()
        .find(|item| {
            item.key
                .as_ref()
                .and_then(|name| semantic.constant_str(name))
                .is_some_and(|name| name == key)
        })
        .map(|item| &item.value)
}

/// Flask-CORS: top-level options, or per-resource options overriding them.
fn flask_cors_is_open(semantic: &FileSemantic<'_>, call: &CallSite<'_>) -> bool {
    let credentials = call.keyword("supports_credentials");
    let origins = call.keyword("origins");
    let open = |origins: Option<&Expr>, credentials: Option<&Expr>| {
        credentials.is_some_and(|value| is_truthy_constant(semantic, value))
            // No `origins` anywhere: Flask-CORS allows `*`.
            && origins.is_none_or(|value| allows_any_origin(semantic, value))
    };
    match call.keyword("resources") {
        Some(Expr::Dict(resources)) => resources.items.iter().any(|resource| {
            let options = &resource.value;
            if !matches!(options, Expr::Dict(_)) {
                return false;
            }
            open(
                dict_value(semantic, options, "origins").or(origins),
                dict_value(semantic, options, "supports_credentials").or(credentials),
            )
        }),
        Some(_) => false,
        None => (origins.is_some() || !call.has_unpacking()) && open(origins, credentials),
    }
}

/// Starlette / FastAPI middleware options.
fn middleware_is_open(semantic: &FileSemantic<'_>, call: &ExprCall) -> bool {
    let keyword = |name: &str| call.arguments.find_keyword(name).map(|k| &k.value);
    keyword("allow_credentials").is_some_and(|value| is_truthy_constant(semantic, value))
        && (keyword("allow_origins").is_some_and(|value| allows_any_origin(semantic, value))
            || keyword("allow_origin_regex")
                .is_some_and(|value| allows_any_origin(semantic, value)))
}

impl Rule for CorsAnyOriginWithCredentials {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn modules(&self) -> &'static [&'static str] {
        &["flask_cors", "starlette", "fastapi"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        let open = if FLASK_CORS.contains(&call.name()) {
            flask_cors_is_open(semantic, call)
        } else if CORS_MIDDLEWARE.contains(&call.name()) {
            middleware_is_open(semantic, call.call)
        } else {
            // `app.add_middleware(CORSMiddleware, ...)`, `Middleware(CORSMiddleware, ...)`
            call.positional(0)
                .and_then(|first| semantic.qualified_name(first))
                .is_some_and(|first| CORS_MIDDLEWARE.contains(&first.as_str()))
                && middleware_is_open(semantic, call.call)
        };
        if open {
            cx.report(
                call.range(),
                "CORS allows any origin together with credentials: every web site can make requests with the user's cookies and read the answers",
            )
            .label("CORS: any origin with credentials");
        }
    }
}
