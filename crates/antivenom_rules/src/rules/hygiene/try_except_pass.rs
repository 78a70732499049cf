//! `except: pass` — every error silently ignored.

use crate::helpers::exception_handlers::catches_everything;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{ExceptHandler, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct TryExceptPass;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TryExceptPass;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV952",
    name: "try-except-pass",
    cwe: &[703, 390],
    severity: Severity::Low,
    confidence: Confidence::High,
    category: Category::Hygiene,
    aliases: &["B110", "S110"],
    status: Status::Stable,
    summary: "Flags `except:` / `except Exception:` (or `BaseException`) handlers whose only \
              statement is `pass` or `...`.",
    why: "Swallowing every exception hides failures that matter for security: a failed \
          signature or permission check, a write that did not happen, an audit log that was \
          not recorded. The program then continues in a state nobody checked, and the error \
          leaves no trace for incident response. Handlers for specific exception types are not \
          reported.",
    insecure_example: "
try:
    audit_log.record(event)
except Exception:
    pass
",
    secure_example: "
import logging

try:
    audit_log.record(event)
except OSError:
    logging.getLogger(__name__).exception(\"could not record audit event\")
",
    fix: "catch the specific exceptions you expect and log or handle them; use `contextlib.suppress(SpecificError)` when ignoring is really intended",
    references: &[
        "https://docs.python.org/3/tutorial/errors.html#handling-exceptions",
        "https://docs.python.org/3/library/contextlib.html#contextlib.suppress",
    ],
};

impl Rule for TryExceptPass {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtTry])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let Stmt::Try(try_stmt) = stmt else {
            return;
        };
        for handler in &try_stmt.handlers {
            let ExceptHandler::ExceptHandler(handler) = handler;
            let only_pass = match handler.body.as_slice() {
                [Stmt::Pass(_)] => true,
                [Stmt::Expr(expression)] => {
                    matches!(expression.value.as_ref(), Expr::EllipsisLiteral(_))
                }
                _ => false,
            };
            if only_pass && catches_everything(cx.semantic(), handler) {
                cx.report(
                    handler.range(),
                    "every exception is caught and ignored here: failures leave no trace",
                )
                .label("exception silently ignored");
            }
        }
    }
}
