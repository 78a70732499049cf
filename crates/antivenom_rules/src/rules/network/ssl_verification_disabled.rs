//! `ssl` contexts that skip certificate or hostname verification.

use crate::helpers::callee_names::CalleeNames;
use crate::helpers::prefilters::has_last_segment;
use crate::helpers::receivers::bound_value;
use crate::helpers::value_uses::{
    VALUE_USES, ValueUse, call_values, dict_values, statement_values, stored_under,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct SslVerificationDisabled;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SslVerificationDisabled;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV702",
    name: "ssl-verification-disabled",
    cwe: &[295, 297],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B323", "S323"],
    status: Status::Stable,
    summary: "Flags `ssl._create_unverified_context`, `ssl.CERT_NONE` used as a setting, \
              `check_hostname = False` and urllib3's `cert_reqs=\"CERT_NONE\"`, which turn off \
              TLS certificate or hostname verification.",
    why: "A TLS connection only authenticates the server if the certificate chain and the \
          host name are both checked. `ssl._create_unverified_context()` and `CERT_NONE` skip \
          the chain, `check_hostname = False` accepts a valid certificate issued for any other \
          site. Either way an attacker on the network path can present their own certificate \
          and read or modify the traffic. Replacing `ssl._create_default_https_context` with \
          the unverified factory disables checks for the whole process. Setting `CERT_NONE` on \
          a server-side context (`PROTOCOL_TLS_SERVER`, `Purpose.CLIENT_AUTH`, \
          `server_side=True`) only means \"no client certificates\" and is not reported.",
    insecure_example: "
import ssl
import urllib.request

context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
urllib.request.urlopen(\"https://internal.example\", context=context)
",
    secure_example: "
import ssl
import urllib.request

context = ssl.create_default_context(cafile=\"/etc/ssl/internal-ca.pem\")
urllib.request.urlopen(\"https://internal.example\", context=context)
",
    fix: "use `ssl.create_default_context()` and keep `verify_mode = CERT_REQUIRED` and `check_hostname = True`; trust a private CA with `cafile=`",
    references: &[
        "https://docs.python.org/3/library/ssl.html#ssl-security",
        "https://docs.python.org/3/library/ssl.html#ssl.SSLContext.check_hostname",
        "https://peps.python.org/pep-0476/",
    ],
};

const UNVERIFIED_FACTORIES: CalleeNames = CalleeNames::new(&[
    "ssl._create_unverified_context",
    "ssl._create_stdlib_context",
]);

/// Keywords / keys that carry a certificate requirement as text (urllib3).
const CERT_REQS_KEYS: &[&str] = &["cert_reqs", "ssl_cert_reqs", "verify_mode"];

/// Keywords / keys whose false value turns hostname checking off.
const HOSTNAME_KEYS: &[&str] = &["check_hostname", "assert_hostname"];

/// The qualified names of `CERT_NONE`.
const CERT_NONE: &[&str] = &["ssl.CERT_NONE", "ssl.VerifyMode.CERT_NONE"];

/// The qualified name of a name or attribute that may be `CERT_NONE` or an
/// unverified factory; `None` for anything else (without resolving it when
/// its attribute or its known last segment already rules that out).
fn relevant_name(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<String> {
    if !matches!(expr, Expr::Name(_) | Expr::Attribute(_))
        || !semantic.may_resolve_with_last(expr, |last| {
            CERT_NONE
                .iter()
                .chain(UNVERIFIED_FACTORIES.names())
                .any(|name| has_last_segment(name, last))
        })
    {
        return None;
    }
    semantic.qualified_name(expr)
}

/// `false`, `0` or `""`, but not `None` (the libraries' "default").
fn is_off(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    semantic
        .constant(expr)
        .is_some_and(|value| value != Constant::None && !value.is_truthy())
}

/// `true` for a context built for the server side of a connection, where
/// `CERT_NONE` only means that clients need no certificate.
fn is_server_context(semantic: &FileSemantic<'_>, receiver: &Expr) -> bool {
    let Some(Expr::Call(call)) = bound_value(semantic, receiver) else {
        return false;
    };
    let resolves = |expr: Option<&Expr>, wanted: &str| {
        expr.and_then(|expr| semantic.qualified_name(expr))
            .is_some_and(|name| name == wanted)
    };
    match semantic.qualified_name(&call.func).as_deref() {
        Some("ssl.SSLContext") => resolves(
            call.arguments.find_argument_value("protocol", 0),
            "ssl.PROTOCOL_TLS_SERVER",
        ),
        Some("ssl.create_default_context") => resolves(
            call.arguments.find_argument_value("purpose", 0),
            "ssl.Purpose.CLIENT_AUTH",
        ),
        _ => false,
    }
}

/// `true` when a value stored under `key` is a setting this rule reads
/// (`cert_reqs=`, `check_hostname = …`).
fn is_setting_key(key: &str) -> bool {
    CERT_REQS_KEYS.contains(&key) || HOSTNAME_KEYS.contains(&key)
}

/// What is wrong with `value` used as `use_`, if anything. `ssl_possible`
/// tells whether the file may import `ssl` at all: without it, only the
/// value's key can make it a setting of this rule.
fn problem(
    semantic: &FileSemantic<'_>,
    value: &Expr,
    use_: &ValueUse<'_>,
    ssl_possible: bool,
) -> Option<Problem> {
    // A plain variable (`check_hostname = False`) is only a setting waiting
    // to be used; attributes, keywords, keys and defaults configure a client.
    let key = match use_ {
        ValueUse::Assigned {
            target: Expr::Name(_),
        } => None,
        other => stored_under(other),
    };
    // Resolved once for both questions, and only when it may be `ssl`'s.
    let name = ssl_possible
        .then(|| relevant_name(semantic, value))
        .flatten();
    if let Some(name) = name.as_deref() {
        if UNVERIFIED_FACTORIES.contains(name) {
            return Some(Problem::UnverifiedFactory);
        }
        if CERT_NONE.contains(&name) {
            return Some(Problem::CertNone);
        }
    }
    let key = key.filter(|key| is_setting_key(key))?;
    if CERT_REQS_KEYS.contains(&key)
        && semantic
            .constant_str(value)
            .is_some_and(|text| matches!(text.as_str(), "CERT_NONE" | "NONE" | "none"))
    {
        return Some(Problem::CertNone);
    }
    if HOSTNAME_KEYS.contains(&key) && is_off(semantic, value) {
        return Some(Problem::NoHostname);
    }
    None
}

#[derive(Debug, Clone, Copy)]
enum Problem {
    UnverifiedFactory,
    CertNone,
    NoHostname,
}

fn report(cx: &mut RuleContext<'_, '_>, range: TextRange, problem: Problem) {
    match problem {
        Problem::UnverifiedFactory => {
            cx.report(
                range,
                "the unverified context factory is installed or passed on: connections made with it \
                 accept any certificate",
            )
            .label("unverified TLS context");
        }
        Problem::CertNone => {
            cx.report(
                range,
                "`CERT_NONE` turns off certificate validation: the peer's certificate is accepted \
                 without any check",
            )
            .label("certificate validation disabled")
            .confidence(Confidence::Medium);
        }
        Problem::NoHostname => {
            cx.report(
                range,
                "hostname checking is turned off: a valid certificate issued for any other site is \
                 accepted",
            )
            .label("hostname verification disabled");
        }
    }
}

impl Rule for SslVerificationDisabled {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        VALUE_USES
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let ssl_possible = cx.facts().may_import(cx.semantic(), "ssl");
        if !ssl_possible {
            // Only a setting passed by keyword can be one (names of `ssl`
            // cannot resolve); most calls pass none.
            let keywords = &call.call.arguments.keywords;
            if !keywords.iter().any(|keyword| {
                keyword
                    .arg
                    .as_ref()
                    .is_some_and(|name| is_setting_key(name.as_str()))
            }) {
                return;
            }
        } else if call.name_is_one_of(&UNVERIFIED_FACTORIES) {
            cx.report(
                call.range(),
                format!(
                    "`{}` creates a TLS context that checks neither certificates nor host names",
                    call.name()
                ),
            )
            .label("unverified TLS context");
            return;
        }
        let server_side = call
            .keyword("server_side")
            .is_some_and(|value| crate::helpers::is_truthy_constant(cx.semantic(), value));
        for (value, use_) in call_values(call.call) {
            match problem(cx.semantic(), value, &use_, ssl_possible) {
                Some(Problem::CertNone) if server_side => {}
                Some(found) => report(cx, value.range(), found),
                None => {}
            }
        }
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let ssl_possible = cx.facts().may_import(cx.semantic(), "ssl");
        for (value, use_) in statement_values(stmt) {
            let Some(found) = problem(cx.semantic(), value, &use_, ssl_possible) else {
                continue;
            };
            if let (
                Problem::CertNone,
                ValueUse::Assigned {
                    target: Expr::Attribute(target),
                },
            ) = (found, use_)
                && is_server_context(cx.semantic(), &target.value)
            {
                continue;
            }
            let range = match found {
                Problem::NoHostname => stmt.range(),
                _ => value.range(),
            };
            report(cx, range, found);
        }
    }

    /// Settings dicts; a lookup table such as `{"none": ssl.CERT_NONE, ...}`
    /// (keyed by anything but a setting name) is not a use.
    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        let ssl_possible = cx.facts().may_import(cx.semantic(), "ssl");
        for (value, use_) in dict_values(expr) {
            let found = problem(cx.semantic(), value, &use_, ssl_possible);
            let is_setting = stored_under(&use_).is_some_and(is_setting_key);
            if matches!(found, Some(Problem::CertNone)) && !is_setting {
                continue;
            }
            if let Some(found) = found {
                report(cx, value.range(), found);
            }
        }
    }
}
