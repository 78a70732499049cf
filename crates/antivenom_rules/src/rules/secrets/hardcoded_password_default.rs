//! Credentials as string-literal defaults of function parameters.

use crate::helpers::secret_values::{credential_levels, is_hardcoded_credential};
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct HardcodedPasswordDefault;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HardcodedPasswordDefault;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV503",
    name: "hardcoded-password-default",
    cwe: &[259, 798],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Secrets,
    aliases: &["B107", "S107"],
    status: Status::Stable,
    summary: "Flags function parameters whose name denotes a credential and whose default is a \
              string literal (`def connect(password=\"...\")`).",
    why: "A default credential is used whenever a caller forgets to pass one, so the code \
          silently runs with a password that everyone who can read the source knows. Defaults \
          of `None`, empty strings and placeholders are not flagged. Trivial values (`1234`, \
          `test-pass`) and defaults in test code get low confidence.",
    insecure_example: "
def connect(host, user=\"admin\", password=\"admin123\"):
    ...
",
    secure_example: "
def connect(host, user, password):
    ...
",
    fix: "make the parameter required or default it to `None` and read the value from configuration",
    references: &[
        "https://cwe.mitre.org/data/definitions/798.html",
        "https://cwe.mitre.org/data/definitions/1392.html",
    ],
};

impl Rule for HardcodedPasswordDefault {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtFunctionDef])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let Stmt::FunctionDef(function) = stmt else {
            return;
        };
        for parameter in function.parameters.iter_non_variadic_params() {
            let Some(default) = parameter.default() else {
                continue;
            };
            let name = parameter.name().as_str();
            if is_hardcoded_credential(name, default) {
                let (severity, confidence) =
                    credential_levels(cx, default, META.severity, META.confidence);
                cx.report(
                    default.range(),
                    format!("hard-coded credential as the default of `{name}`"),
                )
                .label("hard-coded default credential")
                .severity(severity)
                .confidence(confidence);
            }
        }
    }
}
