//! `except: continue` — every error in a loop silently skipped.

use crate::helpers::exception_handlers::catches_everything;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{ExceptHandler, NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct TryExceptContinue;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TryExceptContinue;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV953",
    name: "try-except-continue",
    cwe: &[703, 390],
    severity: Severity::Low,
    confidence: Confidence::High,
    category: Category::Hygiene,
    aliases: &["B112", "S112"],
    status: Status::Stable,
    summary: "Flags `except:` / `except Exception:` (or `BaseException`) handlers whose only \
              statement is `continue`.",
    why: "Skipping to the next iteration on any exception hides every failure of the loop \
          body: records that were not validated, files that were not scanned, permissions that \
          were not applied. The loop reports success while part of the work silently did not \
          happen, and nothing is left to investigate. Handlers for specific exception types are \
          not reported.",
    insecure_example: "
for path in uploads:
    try:
        scan_for_malware(path)
    except Exception:
        continue
",
    secure_example: "
import logging

for path in uploads:
    try:
        scan_for_malware(path)
    except ScannerTimeout:
        logging.getLogger(__name__).warning(\"scan timed out for %s\", path)
        quarantine(path)
        continue
",
    fix: "catch the specific exceptions you expect, and log or record the skipped item before continuing",
    references: &["https://docs.python.org/3/tutorial/errors.html#handling-exceptions"],
};

impl Rule for TryExceptContinue {
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
            if matches!(handler.body.as_slice(), [Stmt::Continue(_)])
                && catches_everything(cx.semantic(), handler)
            {
                cx.report(
                    handler.range(),
                    "every exception is caught and the iteration skipped: failures leave no trace",
                )
                .label("exception silently skipped");
            }
        }
    }
}
