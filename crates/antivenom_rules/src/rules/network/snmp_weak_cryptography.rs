//! pysnmp SNMPv3 users without authentication or without privacy.

use crate::helpers::prefilters::{has_last_segment, may_resolve_with_last};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;

pub(crate) struct SnmpWeakCryptography;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SnmpWeakCryptography;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV782",
    name: "snmp-weak-cryptography",
    cwe: &[319, 327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B509", "S509"],
    status: Status::Stable,
    summary: "Flags pysnmp `UsmUserData(...)` SNMPv3 users without a privacy key \
              (noAuthNoPriv or authNoPriv security level).",
    why: "An SNMPv3 user with no privacy key (or with the no-privacy protocol) sends every \
          request and response unencrypted, so the management data, which often includes \
          configuration details and further credentials, can be read on the network. Without \
          an authentication key as well, nothing proves who sent a message, and anyone who \
          knows the user name can query or reconfigure the device.",
    insecure_example: "
from pysnmp.hlapi import UsmUserData

credentials = UsmUserData(\"monitor\", auth_key)
",
    secure_example: "
from pysnmp.hlapi import UsmUserData, usmAesCfb128Protocol, usmHMACSHAAuthProtocol

credentials = UsmUserData(
    \"monitor\",
    auth_key,
    priv_key,
    authProtocol=usmHMACSHAAuthProtocol,
    privProtocol=usmAesCfb128Protocol,
)
",
    fix: "give `UsmUserData` both an authentication key and a privacy key (authPriv), with \
          SHA-2 authentication and AES privacy",
    references: &[
        "https://docs.lextudio.com/pysnmp/v7.1/docs/api-reference#security-parameters",
        "https://www.rfc-editor.org/rfc/rfc3414",
    ],
};

/// pysnmp's "no authentication" protocol constants (old and new names).
const NO_AUTH: &[&str] = &["usmNoAuthProtocol", "USM_AUTH_NONE"];
/// pysnmp's "no privacy" protocol constants (old and new names).
const NO_PRIV: &[&str] = &["usmNoPrivProtocol", "USM_PRIV_NONE"];

/// Whether a key of the user is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyState {
    /// A key is given (or may be: non-constant, or passed through `**kwargs`).
    Given,
    /// No key: absent, `None`, or turned off by the matching `*Protocol=`.
    Missing,
}

impl Rule for SnmpWeakCryptography {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["UsmUserData"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["pysnmp"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if !may_resolve_with_last(&call.call.func, |last| last == "UsmUserData") {
            return;
        }
        let name = call.name();
        if !name.starts_with("pysnmp.") || !has_last_segment(name, "UsmUserData") {
            return;
        }
        let semantic = cx.semantic();
        // `UsmUserData(userName, authKey=None, privKey=None, authProtocol=None,
        // privProtocol=None, ...)`
        let auth = key_state(semantic, call, ("authKey", 1), ("authProtocol", 3), NO_AUTH);
        let privacy = key_state(semantic, call, ("privKey", 2), ("privProtocol", 4), NO_PRIV);
        let (level, message) = match (auth, privacy) {
            (_, KeyState::Given) => return,
            (KeyState::Missing, KeyState::Missing) => (
                "noAuthNoPriv",
                "SNMPv3 user without authentication or privacy: messages are neither \
                 authenticated nor encrypted",
            ),
            (KeyState::Given, KeyState::Missing) => (
                "authNoPriv",
                "SNMPv3 user without a privacy key: messages are sent unencrypted",
            ),
        };
        cx.report(call.range(), message)
            .label(format!("{level} security level"));
    }
}

/// Whether the key at (`key_name`, `key_position`) is set, given that the
/// protocol argument at (`protocol_name`, `protocol_position`) may turn it off.
fn key_state(
    semantic: &FileSemantic<'_>,
    call: &CallSite<'_>,
    (key_name, key_position): (&str, usize),
    (protocol_name, protocol_position): (&str, usize),
    disabled: &[&str],
) -> KeyState {
    let turned_off = call
        .argument(protocol_name, protocol_position)
        .is_some_and(|protocol| is_pysnmp_constant(semantic, protocol, disabled));
    if turned_off {
        return KeyState::Missing;
    }
    match call.argument(key_name, key_position) {
        // `UsmUserData(user, **options)` may pass the key.
        None if call.has_unpacking() => KeyState::Given,
        None => KeyState::Missing,
        Some(key) => match semantic.constant(key) {
            Some(Constant::None) => KeyState::Missing,
            _ => KeyState::Given,
        },
    }
}

/// `true` when `expr` names one of pysnmp's `names` constants.
fn is_pysnmp_constant(semantic: &FileSemantic<'_>, expr: &Expr, names: &[&str]) -> bool {
    semantic.qualified_name(expr).is_some_and(|qualified| {
        qualified.starts_with("pysnmp.")
            && names.iter().any(|name| has_last_segment(&qualified, name))
    })
}
