//! Audit: every `assert` statement outside test code.

use crate::helpers::test_code::in_test_code;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct AssertStatement;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &AssertStatement;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV954",
    name: "assert-statement",
    cwe: &[617, 703],
    severity: Severity::Low,
    confidence: Confidence::High,
    category: Category::Hygiene,
    aliases: &["B101", "S101"],
    status: Status::Audit,
    summary: "Flags every `assert` statement outside test code, whatever it checks.",
    why: "Python compiles `assert` statements away under `-O` or `PYTHONOPTIMIZE`. Code that \
          relies on an assertion to reject bad input, stop an unauthorised caller or keep a \
          state consistent loses that check in such deployments. The stable rule \
          assert-security-check (AV951) reports only assertions that look like security \
          checks; this audit rule lists all of them so that each can be confirmed to be a \
          mere internal invariant. Assertions in test code are not reported.",
    insecure_example: "
def withdraw(account, amount):
    assert amount <= account.balance
    account.balance -= amount
",
    secure_example: "
def withdraw(account, amount):
    if amount > account.balance:
        raise ValueError(\"insufficient funds\")
    account.balance -= amount
",
    fix: "raise an exception with `if ...: raise` for any check that must also hold under `python -O`",
    references: &[
        "https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement",
        "https://docs.python.org/3/using/cmdline.html#cmdoption-O",
    ],
};

impl Rule for AssertStatement {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtAssert])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        if !matches!(stmt, Stmt::Assert(_)) || in_test_code(cx, stmt.range()) {
            return;
        }
        // The statement's range: the one assert-security-check reports, so
        // that an assertion reported by both is shown once.
        cx.report(
            stmt.range(),
            "`assert` is removed under `python -O`; make sure nothing depends on this check",
        )
        .label("removed by `python -O`");
    }
}
