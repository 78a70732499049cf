//! Credentials written as string literals in assignments, dict literals
//! and comparisons.

use crate::helpers::secret_values::{
    credential_levels, is_hardcoded_credential, may_be_literal_text,
};
use crate::{Interests, NodeKinds, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{CmpOp, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;
use std::borrow::Cow;

pub(crate) struct HardcodedPasswordString;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HardcodedPasswordString;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV501",
    name: "hardcoded-password-string",
    cwe: &[259, 798],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Secrets,
    aliases: &["B105", "S105"],
    status: Status::Stable,
    summary: "Flags string literals assigned to, stored under or compared with a name that \
              denotes a credential (password, passwd, pwd, pass, passphrase, secret, token, \
              api key).",
    why: "A credential in the source code is readable by everyone who can read the code, its \
          history, its packages and its backups, and it cannot be rotated without a release. \
          Anyone who finds it can log in as the application. Names are matched as words \
          (`db_password`, `apiKey`, `SECRET_KEY`), but not when a later word says the name \
          describes the credential (`password_field`, `token_type`, `secret_name`, `TOKEN_URL`). \
          Empty strings, placeholders (`changeme`, `<token>`, `${VAR}`), prompts and messages, \
          paths and URLs, and values equal to the name itself (`PASSWORD = \"password\"`) are \
          not flagged. Trivial values (`1234`, `qwerty`, values with `test` or `fake` as a \
          word) and values in test code are reported with low confidence (and, in tests, low \
          severity): they are usually fixtures, but a weak password in a test can still be a \
          real account's.",
    insecure_example: "
DATABASE = {\"user\": \"app\", \"password\": \"s3cr3t-pa55\"}
",
    secure_example: "
import os

DATABASE = {\"user\": \"app\", \"password\": os.environ[\"DB_PASSWORD\"]}
",
    fix: "load the credential from the environment, a secrets manager or an untracked config file",
    references: &[
        "https://cwe.mitre.org/data/definitions/798.html",
        "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
    ],
};

/// The name a target binds: a variable, an attribute, or a constant
/// subscript key (`config["password"]`).
fn target_name<'t>(semantic: &FileSemantic<'_>, target: &'t Expr) -> Option<Cow<'t, str>> {
    match target {
        Expr::Name(name) => Some(Cow::Borrowed(name.id.as_str())),
        Expr::Attribute(attribute) => Some(Cow::Borrowed(attribute.attr.as_str())),
        Expr::Subscript(subscript) => semantic.constant_str(&subscript.slice).map(Cow::Owned),
        _ => None,
    }
}

fn report(cx: &mut RuleContext<'_, '_>, value: &Expr, name: &str, how: &str) {
    let (severity, confidence) = credential_levels(cx, value, META.severity, META.confidence);
    cx.report(
        value.range(),
        format!("hard-coded credential {how} `{name}`"),
    )
    .label("hard-coded credential")
    .severity(severity)
    .confidence(confidence);
}

/// Checks `target = value`, pairing tuple targets with tuple values.
fn check_binding(cx: &mut RuleContext<'_, '_>, target: &Expr, value: &Expr) -> bool {
    if let (Expr::Tuple(targets), Expr::Tuple(values)) = (target, value)
        && targets.elts.len() == values.elts.len()
    {
        let mut reported = false;
        for (target, value) in targets.elts.iter().zip(&values.elts) {
            reported |= check_binding(cx, target, value);
        }
        return reported;
    }
    // Only literals can be reported: skip finding the name of anything else.
    if !may_be_literal_text(value) {
        return false;
    }
    let Some(name) = target_name(cx.semantic(), target) else {
        return false;
    };
    if !is_hardcoded_credential(&name, value) {
        return false;
    }
    report(cx, value, &name, "assigned to");
    true
}

impl Rule for HardcodedPasswordString {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            expressions: NodeKinds::of(&[NodeKind::ExprDict, NodeKind::ExprCompare]),
            ..Interests::statements(&[NodeKind::StmtAssign, NodeKind::StmtAnnAssign])
        }
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        match stmt {
            Stmt::Assign(assign) => {
                // `a = password = "x"`: one literal, one finding.
                for target in &assign.targets {
                    if check_binding(cx, target, &assign.value) {
                        break;
                    }
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    check_binding(cx, &assign.target, value);
                }
            }
            _ => {}
        }
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        match expr {
            Expr::Dict(dict) => {
                for item in &dict.items {
                    let Some(key) = &item.key else {
                        continue;
                    };
                    if !may_be_literal_text(&item.value) {
                        continue;
                    }
                    let Some(name) = cx.semantic().constant_str(key) else {
                        continue;
                    };
                    // Only identifier-like keys name a setting (`"password"`,
                    // `"db.password"`); keys like `"AWS::AppSync::ApiKey"` are data.
                    let identifier_like = name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
                    if identifier_like && is_hardcoded_credential(&name, &item.value) {
                        report(cx, &item.value, &name, "stored under");
                    }
                }
            }
            Expr::Compare(compare) => {
                let mut left = compare.left.as_ref();
                for (op, right) in compare.ops.iter().zip(&compare.comparators) {
                    if matches!(op, CmpOp::Eq | CmpOp::NotEq) {
                        for (named, value) in [(left, right), (right, left)] {
                            if !may_be_literal_text(value) {
                                continue;
                            }
                            let Some(name) = target_name(cx.semantic(), named) else {
                                continue;
                            };
                            if is_hardcoded_credential(&name, value) {
                                report(cx, value, &name, "compared with");
                            }
                        }
                    }
                    left = right;
                }
            }
            _ => {}
        }
    }
}
