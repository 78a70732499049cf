//! Credentials passed as string literals in keyword arguments.

use crate::helpers::secret_values::{credential_levels, is_hardcoded_credential};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct HardcodedPasswordArgument;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HardcodedPasswordArgument;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV502",
    name: "hardcoded-password-argument",
    cwe: &[259, 798],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Secrets,
    aliases: &["B106", "S106"],
    status: Status::Stable,
    summary: "Flags calls that pass a string literal as a keyword argument whose name denotes a \
              credential (`connect(password=\"...\")`, `Client(api_key=\"...\")`).",
    why: "A credential written into a call is part of the source code: everyone with access to \
          the repository, its history or the installed package can read it and use it, and it \
          cannot be changed without a new release. Placeholders, empty strings, prompts and \
          non-string values (`secret=True`) are not flagged. One finding per call. Trivial \
          values (`1234`, `test-pass`) and calls in test code get low confidence.",
    insecure_example: "
import psycopg2

conn = psycopg2.connect(host=\"db\", user=\"app\", password=\"s3cr3t-pa55\")
",
    secure_example: "
import os
import psycopg2

conn = psycopg2.connect(host=\"db\", user=\"app\", password=os.environ[\"DB_PASSWORD\"])
",
    fix: "pass a value read from the environment, a secrets manager or an untracked config file",
    references: &[
        "https://cwe.mitre.org/data/definitions/798.html",
        "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
    ],
};

impl Rule for HardcodedPasswordArgument {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let found = call.call.arguments.keywords.iter().find_map(|keyword| {
            let name = keyword.arg.as_ref()?.as_str();
            is_hardcoded_credential(name, &keyword.value).then_some((name, &keyword.value))
        });
        let Some((name, value)) = found else {
            return;
        };
        let (severity, confidence) = credential_levels(cx, value, META.severity, META.confidence);
        cx.report(
            call.range(),
            format!("hard-coded credential passed as `{name}=`"),
        )
        .label("hard-coded credential")
        .severity(severity)
        .confidence(confidence);
    }
}
