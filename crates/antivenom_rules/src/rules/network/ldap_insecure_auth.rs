//! LDAP binds that send passwords in clear text or authenticate no one.

use crate::helpers::receivers::{bound_value, constructor, file_imports};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;

pub(crate) struct LdapInsecureAuth;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &LdapInsecureAuth;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV743",
    name: "ldap-insecure-auth",
    cwe: &[522, 319, 287],
    severity: Severity::High,
    confidence: Confidence::Medium,
    category: Category::Network,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags LDAP simple or anonymous binds over a plain `ldap://` connection without \
              TLS (ldap3 `Connection` on a non-SSL `Server`, python-ldap `simple_bind_s` on \
              `ldap.initialize(\"ldap://...\")`), and binds with a user name and an empty \
              password.",
    why: "A simple bind sends the password as is: over a connection without TLS anyone on the \
          path can read it. A bind with a user name and an empty password is an \
          \"unauthenticated bind\" that many directory servers accept as anonymous, so code \
          that treats a successful bind as a login check lets anyone in who leaves the \
          password empty.",
    insecure_example: "
from ldap3 import Connection, Server, SIMPLE

server = Server(\"ldap://ldap.example.com\")
conn = Connection(server, user=dn, password=password, authentication=SIMPLE, auto_bind=True)
",
    secure_example: "
from ldap3 import Connection, Server, SIMPLE

server = Server(\"ldaps://ldap.example.com\", use_ssl=True)
conn = Connection(server, user=dn, password=password, authentication=SIMPLE, auto_bind=True)
",
    fix: "connect with `ldaps://` / `use_ssl=True` or call `start_tls()` before binding, and reject empty passwords before calling bind",
    references: &[
        "https://ldap3.readthedocs.io/en/latest/connection.html",
        "https://ldap3.readthedocs.io/en/latest/server.html",
        "https://www.python-ldap.org/en/python-ldap-3.4.3/reference/ldap.html#ldap.LDAPObject.simple_bind_s",
        "https://www.rfc-editor.org/rfc/rfc4513#section-5.1.2",
    ],
};

const LDAP3_CONNECTIONS: &[&str] = &["ldap3.Connection", "ldap3.core.connection.Connection"];
const LDAP3_SERVERS: &[&str] = &["ldap3.Server", "ldap3.core.server.Server"];
const PYTHON_LDAP_CONSTRUCTORS: &[&str] = &[
    "ldap.initialize",
    "ldap.open",
    "ldap.ldapobject.LDAPObject",
    "ldap.ldapobject.SimpleLDAPObject",
    "ldap.ldapobject.ReconnectLDAPObject",
];
const SIMPLE_BIND_METHODS: &[&str] = &["simple_bind_s", "simple_bind", "bind_s"];

/// How an ldap3 connection authenticates.
enum Bind {
    Simple,
    Anonymous,
}

fn is_empty_text(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    match semantic.constant(expr) {
        Some(Constant::Str(text)) => text.is_empty(),
        Some(Constant::Bytes(bytes)) => bytes.is_empty(),
        _ => false,
    }
}

/// `true` for a constant that is not empty and not `None` (a user name).
fn is_named(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    semantic
        .constant(expr)
        .is_none_or(|value| value.is_truthy())
}

/// `true` when the constant URL has no TLS: `ldap://` or no scheme at all.
fn is_cleartext_url(url: &str) -> bool {
    match url.split_once("://") {
        Some((scheme, _)) => scheme.eq_ignore_ascii_case("ldap"),
        None => !url.is_empty(),
    }
}

/// `true` when the ldap3 server argument surely connects without TLS.
fn is_cleartext_server(semantic: &FileSemantic<'_>, server: &Expr) -> bool {
    if let Some(url) = semantic.constant_str(server) {
        return is_cleartext_url(&url);
    }
    let Some(Expr::Call(call)) = bound_value(semantic, server) else {
        return false;
    };
    if !semantic
        .qualified_name(&call.func)
        .is_some_and(|name| LDAP3_SERVERS.contains(&name.as_str()))
    {
        return false;
    }
    let arguments = &call.arguments;
    if let Some(use_ssl) = arguments.find_argument_value("use_ssl", 2)
        && semantic
            .constant(use_ssl)
            .is_none_or(|value| value.is_truthy())
    {
        return false;
    }
    if arguments.args.iter().any(Expr::is_starred_expr)
        || arguments
            .keywords
            .iter()
            .any(|keyword| keyword.arg.is_none())
    {
        return false;
    }
    arguments
        .find_argument_value("host", 0)
        .and_then(|host| semantic.constant_str(host))
        .is_some_and(|url| is_cleartext_url(&url))
}

/// The bind an ldap3 `Connection` performs, when it sends or skips credentials.
fn ldap3_bind(semantic: &FileSemantic<'_>, call: &CallSite<'_>) -> Option<Bind> {
    match call.keyword("authentication") {
        Some(value) => {
            let name = semantic.qualified_name(value).or_else(|| {
                semantic
                    .constant_str(value)
                    .map(|text| format!("ldap3.{text}"))
            })?;
            match name.as_str() {
                "ldap3.SIMPLE" => Some(Bind::Simple),
                "ldap3.ANONYMOUS" => Some(Bind::Anonymous),
                _ => None,
            }
        }
        // With a password and no mechanism, ldap3 performs a simple bind.
        None if !call.has_unpacking() && call.argument("password", 2).is_some() => {
            Some(Bind::Simple)
        }
        None => None,
    }
}

/// `true` when TLS is started before the bind (`auto_bind=AUTO_BIND_TLS_BEFORE_BIND`)
/// or anywhere in the file (`conn.start_tls()`).
fn starts_tls(semantic: &FileSemantic<'_>, call: &CallSite<'_>, source: &str) -> bool {
    let before_bind = call.keyword("auto_bind").is_some_and(|value| {
        semantic.qualified_name(value).as_deref() == Some("ldap3.AUTO_BIND_TLS_BEFORE_BIND")
            || semantic.constant_str(value).as_deref() == Some("TLS_BEFORE_BIND")
    });
    before_bind || source.contains("start_tls")
}

impl LdapInsecureAuth {
    fn check_ldap3(call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        if let (Some(user), Some(password)) =
            (call.argument("user", 1), call.argument("password", 2))
            && is_named(semantic, user)
            && is_empty_text(semantic, password)
        {
            cx.report(
                call.range(),
                "LDAP bind with a user name and an empty password is an unauthenticated bind",
            )
            .label("empty password");
            return;
        }
        let Some(server) = call.argument("server", 0) else {
            return;
        };
        if !is_cleartext_server(semantic, server) || starts_tls(semantic, call, cx.source()) {
            return;
        }
        match ldap3_bind(semantic, call) {
            Some(Bind::Simple) => {
                cx.report(
                    call.range(),
                    "LDAP simple bind over a connection without TLS sends the password in clear text",
                )
                .label("clear-text LDAP bind");
            }
            Some(Bind::Anonymous) => {
                cx.report(
                    call.range(),
                    "anonymous LDAP bind over a connection without TLS: nothing is authenticated or encrypted",
                )
                .label("anonymous LDAP bind")
                .severity(Severity::Medium);
            }
            None => {}
        }
    }

    fn check_python_ldap(call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Expr::Attribute(attribute) = call.call.func.as_ref() else {
            return;
        };
        if !SIMPLE_BIND_METHODS.contains(&attribute.attr.as_str()) {
            return;
        }
        let semantic = cx.semantic();
        let receiver = bound_value(semantic, &attribute.value);
        let built_by = constructor(semantic, &attribute.value);
        let is_python_ldap = match &built_by {
            Some(name) => PYTHON_LDAP_CONSTRUCTORS.contains(&name.as_str()),
            None => file_imports(semantic, "ldap"),
        };
        if !is_python_ldap {
            return;
        }
        let (Some(who), Some(cred)) = (call.argument("who", 0), call.argument("cred", 1)) else {
            return;
        };
        if is_named(semantic, who) && is_empty_text(semantic, cred) {
            cx.report(
                call.range(),
                "LDAP bind with a user name and an empty password is an unauthenticated bind",
            )
            .label("empty password");
            return;
        }
        // `ldap.initialize("ldap://...")` then a simple bind without StartTLS.
        let cleartext = match receiver {
            Some(Expr::Call(init)) if built_by.as_deref() == Some("ldap.initialize") => init
                .arguments
                .find_argument_value("uri", 0)
                .and_then(|uri| semantic.constant_str(uri))
                .is_some_and(|uri| {
                    uri.split_once("://")
                        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("ldap"))
                }),
            _ => false,
        };
        if cleartext && !cx.source().contains("start_tls") {
            cx.report(
                call.range(),
                "LDAP simple bind over `ldap://` without StartTLS sends the password in clear text",
            )
            .label("clear-text LDAP bind");
        }
    }
}

impl Rule for LdapInsecureAuth {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(
            LDAP3_CONNECTIONS
                .iter()
                .chain(SIMPLE_BIND_METHODS)
                .copied()
                .collect(),
        )
    }

    fn modules(&self) -> &'static [&'static str] {
        &["ldap3", "ldap"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if LDAP3_CONNECTIONS.contains(&call.name()) {
            Self::check_ldap3(call, cx);
        } else if call.qualified_name().is_none() {
            Self::check_python_ldap(call, cx);
        }
    }
}
