//! Every `.bind()` on a socket made by the `socket` module (audit).

use crate::helpers::receivers::constructor;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct SocketBind;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SocketBind;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV790",
    name: "socket-bind",
    cwe: &[668],
    severity: Severity::Low,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &[],
    status: Status::Audit,
    summary: "Flags every `.bind()` on a socket created with `socket.socket` or \
              `socket.fromfd`, whatever the address.",
    why: "Binding a socket opens a door into the process: whoever can reach the address can \
          send it data. The stable rule bind-all-interfaces reports binds that listen on every \
          interface; this audit rule lists every bind, so that each listening socket's address, \
          port, authentication and the parsing of what it receives can be reviewed.",
    insecure_example: "
import socket

def serve(address):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen()
    return listener
",
    secure_example: "
import socket

def fetch(host):
    with socket.create_connection((host, 443), timeout=5) as connection:
        return connection.recv(1024)
",
    fix: "bind only to the interface that must serve (often `127.0.0.1`), and authenticate and validate everything the socket receives",
    references: &[
        "https://docs.python.org/3/library/socket.html#socket.socket.bind",
        "https://docs.python.org/3/library/socket.html#socket.create_server",
    ],
};

/// Calls that return a new socket object.
const SOCKET_FACTORIES: &[&str] = &["socket.socket", "socket.fromfd", "socket.SocketType"];

impl Rule for SocketBind {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["bind"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["socket"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Expr::Attribute(attribute) = call.call.func.as_ref() else {
            return;
        };
        if attribute.attr.as_str() != "bind" {
            return;
        }
        // `socket.socket().bind(...)`, `s = socket.socket(); s.bind(...)`,
        // `with socket.socket() as s: s.bind(...)`.
        let made_by_socket = constructor(cx.semantic(), &attribute.value)
            .is_some_and(|name| SOCKET_FACTORIES.contains(&name.as_str()));
        if !made_by_socket {
            return;
        }
        // Reported at the call, like bind-all-interfaces, so a bind both
        // rules report is shown once.
        cx.report(
            call.range(),
            "`.bind()` makes this socket reachable at an address; check who can connect and \
             what it accepts",
        )
        .label("socket bound");
    }
}
