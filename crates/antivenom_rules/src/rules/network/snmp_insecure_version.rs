//! pysnmp community-based security (SNMPv1 / SNMPv2c).

use crate::helpers::prefilters::{has_last_segment, may_resolve_with_last};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct SnmpInsecureVersion;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SnmpInsecureVersion;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV781",
    name: "snmp-insecure-version",
    cwe: &[319],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B508", "S508"],
    status: Status::Stable,
    summary: "Flags pysnmp `CommunityData(...)` credentials created with `mpModel=0` (SNMPv1) \
              or `mpModel=1` (SNMPv2c).",
    why: "SNMPv1 and SNMPv2c authenticate with a community string that travels in cleartext \
          in every request, and they encrypt nothing. Anyone on the network path can read \
          the community string and the management data, then reuse the string to query the \
          device or, with a write community, reconfigure it. SNMPv3 with the user-based \
          security model (authentication and privacy) protects both.",
    insecure_example: "
from pysnmp.hlapi import CommunityData

credentials = CommunityData(\"public\", mpModel=0)
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
    fix: "use SNMPv3: `UsmUserData` with an authentication key and a privacy key",
    references: &[
        "https://docs.lextudio.com/pysnmp/v7.1/docs/api-reference#security-parameters",
        "https://www.rfc-editor.org/rfc/rfc3414",
    ],
};

impl Rule for SnmpInsecureVersion {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["CommunityData"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["pysnmp"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if !may_resolve_with_last(&call.call.func, |last| last == "CommunityData") {
            return;
        }
        let name = call.name();
        if !name.starts_with("pysnmp.") || !has_last_segment(name, "CommunityData") {
            return;
        }
        // `CommunityData(communityIndex, communityName=None, mpModel=None, ...)`
        let Some(model) = call.argument("mpModel", 2) else {
            return;
        };
        let version = match cx
            .semantic()
            .constant(model)
            .and_then(|value| value.as_int())
        {
            Some(0) => "SNMPv1",
            Some(1) => "SNMPv2c",
            _ => return,
        };
        cx.report(
            call.range(),
            format!(
                "`CommunityData` with `mpModel` selecting {version} sends the community string \
                 and all data in cleartext"
            ),
        )
        .label(format!("{version} community-based security"));
    }
}
