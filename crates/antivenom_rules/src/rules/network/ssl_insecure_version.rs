//! SSL / TLS protocol versions that are broken or deprecated.

use crate::helpers::prefilters::{Needles, may_resolve_with_last};
use crate::helpers::value_uses::{
    VALUE_USES, call_values, dict_values, statement_values, stored_under,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct SslInsecureVersion;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SslInsecureVersion;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV703",
    name: "ssl-insecure-version",
    cwe: &[327, 757],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B502", "B503", "B504", "S502", "S503", "S504"],
    status: Status::Stable,
    summary: "Flags SSL 2/3 and TLS 1.0/1.1 protocol constants of `ssl` and pyOpenSSL passed to a \
              call, used as a parameter default or assigned, and `ssl.wrap_socket` called \
              without a protocol version.",
    why: "SSL 2.0 and 3.0 are broken (DROWN, POODLE) and TLS 1.0 and 1.1 were deprecated by \
          RFC 8996: they rely on weak constructions and let an attacker who can tamper with the \
          connection force or exploit a weak session. Pinning a context to one of them, or \
          allowing it as the minimum version, exposes every connection made with it. \
          pyOpenSSL's `SSLv23_METHOD` negotiates whatever the library allows and is reported \
          with low severity. `ssl.wrap_socket` (removed in Python 3.12) is reported when it is \
          called without a version: it is the legacy API that also skips certificate checks.",
    insecure_example: "
import ssl

context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
",
    secure_example: "
import ssl

context = ssl.create_default_context()
context.minimum_version = ssl.TLSVersion.TLSv1_2
",
    fix: "use `ssl.create_default_context()` (or `PROTOCOL_TLS_CLIENT` / `PROTOCOL_TLS_SERVER`) and set `minimum_version = ssl.TLSVersion.TLSv1_2` or higher",
    references: &[
        "https://docs.python.org/3/library/ssl.html#protocol-versions",
        "https://www.rfc-editor.org/rfc/rfc8996",
        "https://www.pyopenssl.org/en/stable/api/ssl.html",
    ],
};

/// (last name segment, protocol shown in messages, severity)
const BAD_VERSIONS: &[(&str, &str, Severity)] = &[
    ("PROTOCOL_SSLv2", "SSL 2.0", Severity::High),
    ("PROTOCOL_SSLv3", "SSL 3.0", Severity::High),
    ("PROTOCOL_TLSv1", "TLS 1.0", Severity::Medium),
    ("PROTOCOL_TLSv1_1", "TLS 1.1", Severity::Medium),
    ("SSLv2_METHOD", "SSL 2.0", Severity::High),
    ("SSLv3_METHOD", "SSL 3.0", Severity::High),
    ("TLSv1_METHOD", "TLS 1.0", Severity::Medium),
    ("TLSv1_1_METHOD", "TLS 1.1", Severity::Medium),
    (
        "SSLv23_METHOD",
        "any version the library allows (including SSL 3.0 unless `OP_NO_SSLv3` is set)",
        Severity::Low,
    ),
];

/// `ssl.TLSVersion` members that are too old.
const BAD_TLS_VERSIONS: &[(&str, &str, Severity)] = &[
    ("SSLv3", "SSL 3.0", Severity::High),
    ("TLSv1", "TLS 1.0", Severity::Medium),
    ("TLSv1_1", "TLS 1.1", Severity::Medium),
];

/// Modules that define the constants. pyOpenSSL is imported as `OpenSSL`;
/// some code spells it with the distribution name.
const PROTOCOL_MODULES: &[&str] = &["ssl.", "OpenSSL.SSL.", "pyOpenSSL.SSL."];

/// The insecure protocol `expr` names: (constant, description, severity).
fn bad_version(
    semantic: &FileSemantic<'_>,
    expr: &Expr,
) -> Option<(String, &'static str, Severity)> {
    if !matches!(expr, Expr::Name(_) | Expr::Attribute(_)) {
        return None;
    }
    // The member is the name's last segment: most attributes rule it out.
    let is_bad_member = |last: &str| {
        BAD_VERSIONS
            .iter()
            .chain(BAD_TLS_VERSIONS)
            .any(|(constant, ..)| *constant == last)
    };
    if !may_resolve_with_last(expr, is_bad_member) {
        return None;
    }
    let name = semantic.qualified_name(expr)?;
    let (table, member) = if let Some(member) = name.strip_prefix("ssl.TLSVersion.") {
        (BAD_TLS_VERSIONS, member)
    } else {
        let member = PROTOCOL_MODULES
            .iter()
            .find_map(|module| name.strip_prefix(module))?;
        (BAD_VERSIONS, member)
    };
    let &(_, protocol, severity) = table.iter().find(|(constant, ..)| *constant == member)?;
    Some((name, protocol, severity))
}

fn report(
    cx: &mut RuleContext<'_, '_>,
    range: TextRange,
    (name, protocol, severity): (String, &'static str, Severity),
) {
    cx.report(
        range,
        format!("`{name}` selects {protocol}, a protocol version with known weaknesses"),
    )
    .label("insecure SSL/TLS version")
    .severity(severity);
}

impl Rule for SslInsecureVersion {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        VALUE_USES
    }

    fn modules(&self) -> &'static [&'static str] {
        &["ssl", "OpenSSL", "pyOpenSSL"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        // One finding per call, for its worst argument.
        let worst = call_values(call.call)
            .filter_map(|(value, _)| bad_version(cx.semantic(), value))
            .max_by_key(|(_, _, severity)| *severity);
        if let Some(found) = worst {
            report(cx, call.range(), found);
            return;
        }
        if call.name() == "ssl.wrap_socket"
            && call.argument("ssl_version", 5).is_none()
            && !call.has_unpacking()
        {
            cx.report(
                call.range(),
                "`ssl.wrap_socket` without `ssl_version` relies on the legacy defaults of an API \
                 removed in Python 3.12, which also skips certificate validation",
            )
            .label("legacy TLS API without explicit version")
            .severity(Severity::Low)
            .confidence(Confidence::Medium)
            .fix("create an `ssl.SSLContext` (`ssl.create_default_context()`) and call its `wrap_socket`");
        }
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        for (value, _) in statement_values(stmt) {
            if let Some(found) = bad_version(cx.semantic(), value) {
                report(cx, value.range(), found);
            }
        }
    }

    /// Settings dicts (`{"ssl_version": ...}`), not lookup tables mapping
    /// names or other constants to protocols.
    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        for (value, use_) in dict_values(expr) {
            const SETTING_WORDS: Needles = Needles::new(&["version", "protocol", "method"]);
            let is_setting = stored_under(&use_).is_some_and(|key| SETTING_WORDS.found_in(key));
            if !is_setting {
                continue;
            }
            if let Some(found) = bad_version(cx.semantic(), value) {
                report(cx, value.range(), found);
            }
        }
    }
}
