//! Servers and sockets bound to every network interface.

use crate::helpers::callee_names::CalleeNames;
use crate::helpers::prefilters::{Needles, may_fold_to_str};
use crate::helpers::value_uses::{
    VALUE_USES, ValueUse, call_values, dict_values, statement_values, stored_under,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::borrow::Cow;

pub(crate) struct BindAllInterfaces;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &BindAllInterfaces;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV705",
    name: "bind-all-interfaces",
    cwe: &[1327, 605],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Network,
    aliases: &["B104", "S104"],
    status: Status::Stable,
    summary: "Flags sockets and servers bound to every interface (`0.0.0.0`, `::`, or `\"\"` in \
              an address tuple) and host settings (`host=`, `HOST = …`, `bind = …`) with that \
              value.",
    why: "Binding to all interfaces makes the service reachable from every network the machine \
          is attached to, not only from the one it was meant for: a development server, an \
          admin port or a debug endpoint becomes reachable from the LAN, a container network or \
          the internet. Only values used as a bind address or stored under a host-like name are \
          reported, not every `\"0.0.0.0\"` in the code.",
    insecure_example: "
import socket

listener = socket.socket()
listener.bind((\"0.0.0.0\", 8080))
",
    secure_example: "
import os
import socket

listener = socket.socket()
listener.bind((os.environ.get(\"LISTEN_ADDRESS\", \"127.0.0.1\"), 8080))
",
    fix: "bind to `127.0.0.1` or the specific interface that must serve, and make exposure an explicit deployment setting",
    references: &[
        "https://docs.python.org/3/library/socket.html#socket.socket.bind",
        "https://cwe.mitre.org/data/definitions/1327.html",
    ],
};

/// Calls whose first argument is a `(host, port)` address to listen on.
const ADDRESS_SERVERS: CalleeNames = CalleeNames::new(&[
    "socket.create_server",
    "socketserver.TCPServer",
    "socketserver.UDPServer",
    "socketserver.ThreadingTCPServer",
    "socketserver.ThreadingUDPServer",
    "socketserver.ForkingTCPServer",
    "socketserver.ForkingUDPServer",
    "http.server.HTTPServer",
    "http.server.ThreadingHTTPServer",
    "xmlrpc.server.SimpleXMLRPCServer",
    "xmlrpc.server.DocXMLRPCServer",
    "gevent.pywsgi.WSGIServer",
    "gevent.server.StreamServer",
]);

/// Calls whose first argument is the host name to listen on.
const HOST_SERVERS: CalleeNames = CalleeNames::new(&[
    "wsgiref.simple_server.make_server",
    "werkzeug.serving.run_simple",
    "werkzeug.run_simple",
]);

/// `true` for identifiers that hold a listening address.
fn is_host_like(identifier: &str) -> bool {
    const HOST_WORDS: Needles =
        Needles::new(&["host", "bind", "listen", "addr", "interface", "iface"]);
    HOST_WORDS.found_in(identifier)
}

/// `true` for texts meaning "every interface", optionally with a port
/// (`0.0.0.0:8000`, `[::]:8000`) or a ZeroMQ-style scheme (`tcp://*:5555`).
fn is_all_interfaces(text: &str, with_port: bool) -> bool {
    if matches!(text, "0.0.0.0" | "::" | "[::]") {
        return true;
    }
    if !with_port {
        return false;
    }
    let without_scheme = text
        .strip_prefix("tcp://")
        .or_else(|| text.strip_prefix("udp://"))
        .unwrap_or(text);
    let host = match without_scheme.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit() || c == '*') => host,
        _ => return false,
    };
    matches!(host, "0.0.0.0" | "[::]" | "*")
}

/// `true` when `expr` is a name that is itself host-like: its assignment is
/// reported where the constant is written, not at every use.
fn is_reported_elsewhere(expr: &Expr) -> bool {
    matches!(expr, Expr::Name(name) if is_host_like(name.id.as_str()))
}

/// The host of a `(host, port)` address that listens everywhere (`""`
/// included), or `None`.
fn address_host_is_any(semantic: &FileSemantic<'_>, address: &Expr) -> bool {
    let host_is_any = |host: &Constant| {
        host.as_str()
            .is_some_and(|text| text.is_empty() || is_all_interfaces(text, false))
    };
    match address {
        Expr::Tuple(tuple) => tuple.elts.first().is_some_and(|host| {
            !is_reported_elsewhere(host)
                && semantic.constant(host).as_ref().is_some_and(host_is_any)
        }),
        Expr::Name(_) if is_reported_elsewhere(address) => false,
        other => match semantic.constant(other) {
            Some(Constant::Sequence(items)) => items.first().is_some_and(host_is_any),
            _ => false,
        },
    }
}

/// `true` when `value` folds to a text meaning "every interface" (see
/// [`is_all_interfaces`]) and is not a host-like name.
fn constant_all_interfaces(semantic: &FileSemantic<'_>, value: &Expr) -> bool {
    if !may_fold_to_str(value) || is_reported_elsewhere(value) {
        return false;
    }
    // A literal folds to its own text: read it in place.
    if let Expr::StringLiteral(literal) = value {
        return is_all_interfaces(literal.value.to_str(), true);
    }
    semantic
        .constant_str(value)
        .is_some_and(|text| is_all_interfaces(&text, true))
}

/// The text `expr` folds to when it is a constant `str`, borrowed from a
/// literal without copying it.
fn folded_text<'e>(semantic: &FileSemantic<'_>, expr: &'e Expr) -> Option<Cow<'e, str>> {
    match expr {
        Expr::StringLiteral(literal) => Some(Cow::Borrowed(literal.value.to_str())),
        other if may_fold_to_str(other) => semantic.constant_str(other).map(Cow::Owned),
        _ => None,
    }
}

fn report(cx: &mut RuleContext<'_, '_>, range: TextRange, what: &str) {
    cx.report(
        range,
        format!("{what} listens on every network interface, not only where it must be reachable"),
    )
    .label("bound to all interfaces");
}

impl Rule for BindAllInterfaces {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        VALUE_USES
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        // Every case below reads an argument.
        let arguments = &call.call.arguments;
        if arguments.args.is_empty() && arguments.keywords.is_empty() {
            return;
        }
        let semantic = cx.semantic();
        // `.bind()` and `.run()` of an unresolved receiver: the only methods
        // looked at, so other method calls need not be resolved for this.
        let method = match call.call.func.as_ref() {
            Expr::Attribute(attribute)
                if matches!(attribute.attr.as_str(), "bind" | "run")
                    && call.qualified_name().is_none() =>
            {
                Some(attribute.attr.as_str())
            }
            _ => None,
        };
        // `sock.bind(("0.0.0.0", port))`, `sock.bind("tcp://*:5555")`, servers.
        if (method == Some("bind") || call.name_is_one_of(&ADDRESS_SERVERS))
            && let Some(address) = call.argument("address", 0)
            && (address_host_is_any(semantic, address)
                || (method == Some("bind") && constant_all_interfaces(semantic, address)))
        {
            let what = method.map_or_else(|| format!("`{}`", call.name()), |m| format!("`.{m}()`"));
            report(cx, call.range(), &what);
            return;
        }
        // `app.run("0.0.0.0")`, `make_server("", 8000, app)`.
        let host_first = if call.name_is_one_of(&HOST_SERVERS) {
            call.positional(0).filter(|host| {
                !is_reported_elsewhere(host)
                    && semantic
                        .constant_str(host)
                        .is_some_and(|text| text.is_empty() || is_all_interfaces(&text, false))
            })
        } else if method == Some("run") {
            call.positional(0)
                .filter(|host| constant_all_interfaces(semantic, host))
        } else {
            None
        };
        if host_first.is_some() {
            let what = method.map_or_else(|| format!("`{}`", call.name()), |m| format!("`.{m}()`"));
            report(cx, call.range(), &what);
            return;
        }
        // `uvicorn.run(app, host="0.0.0.0")`, `app.listen(port, address="::")`.
        // Only keyword arguments are stored under a name.
        if !call.call.arguments.keywords.is_empty() {
            for (value, use_) in call_values(call.call) {
                let Some(keyword) = stored_under(&use_) else {
                    continue;
                };
                if may_fold_to_str(value)
                    && is_host_like(keyword)
                    && constant_all_interfaces(semantic, value)
                {
                    report(cx, call.range(), &format!("`{keyword}=` of this call"));
                    return;
                }
            }
        }
        // Defaults of host settings: `os.getenv("HOST", "0.0.0.0")`,
        // `parser.add_argument("--host", default="0.0.0.0")`.
        // Most calls pass no default: look for it before folding the name.
        let Some(default) = call
            .keyword("default")
            .or_else(|| call.keyword("fallback"))
            .or_else(|| call.positional(1))
        else {
            return;
        };
        let Some(setting_name) = call.positional(0) else {
            return;
        };
        // A default that cannot be text is no address, and a literal one
        // is read in place: nothing to fold.
        let literal_default = matches!(default, Expr::StringLiteral(_));
        if !may_fold_to_str(default)
            || (literal_default && !constant_all_interfaces(semantic, default))
        {
            return;
        }
        let setting = folded_text(semantic, setting_name)
            .filter(|setting| is_host_like(setting.trim_start_matches('-')));
        if let Some(setting) = setting
            && (literal_default || constant_all_interfaces(semantic, default))
        {
            report(cx, call.range(), &format!("the default of `{setting}`"));
        }
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        for (value, use_) in statement_values(stmt) {
            // Only text can name every interface.
            if matches!(use_, ValueUse::Returned) || !may_fold_to_str(value) {
                continue;
            }
            let Some(name) = stored_under(&use_).filter(|name| is_host_like(name)) else {
                continue;
            };
            if constant_all_interfaces(cx.semantic(), value) {
                report(cx, value.range(), &format!("`{name}`"));
            }
        }
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        for (value, use_) in dict_values(expr) {
            if !may_fold_to_str(value) {
                continue;
            }
            let Some(key) = stored_under(&use_).filter(|key| is_host_like(key)) else {
                continue;
            };
            if constant_all_interfaces(cx.semantic(), value) {
                report(cx, value.range(), &format!("`{key}`"));
            }
        }
    }
}
