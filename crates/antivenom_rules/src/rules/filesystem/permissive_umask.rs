//! `os.umask` values that let every user write new files.

use crate::helpers::prefilters::may_resolve_with_last;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct PermissiveUmask;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &PermissiveUmask;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV802",
    name: "permissive-umask",
    cwe: &[732, 276],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `os.umask(mask)` statements whose constant mask leaves the write bit for \
              others open (for example `os.umask(0)`), so that files created afterwards are \
              world-writable.",
    why: "The umask filters the permissions of every file and directory the process creates \
          from then on. With the others-write bit unmasked, files opened with the usual `0o666` \
          and directories made with `0o777` are writable by every local user, who can then \
          tamper with data, logs, sockets or code the application trusts. Only a call whose \
          result is discarded is reported: `old = os.umask(0)` followed by `os.umask(old)` is \
          the common idiom for reading the current mask. A group-writable mask such as `0o002` \
          is the norm on systems with per-user groups and is not reported.",
    insecure_example: "
import os

os.umask(0)
os.makedirs(\"/var/lib/myapp/uploads\")
",
    secure_example: "
import os

os.umask(0o077)
os.makedirs(\"/var/lib/myapp/uploads\")
",
    fix: "set a mask that keeps others from writing (`0o022`, or `0o077` for private data)",
    references: &["https://docs.python.org/3/library/os.html#os.umask"],
};

const OTHERS_WRITE: i64 = 0o002;

impl Rule for PermissiveUmask {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtExpr])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["os", "posix"]
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let Stmt::Expr(statement) = stmt else {
            return;
        };
        let Expr::Call(call) = statement.value.as_ref() else {
            return;
        };
        // Only `umask` resolves to `os.umask`: skip resolving other methods.
        if !may_resolve_with_last(&call.func, |last| last == "umask") {
            return;
        }
        let semantic = cx.semantic();
        if !semantic
            .qualified_name(&call.func)
            .is_some_and(|name| name == "os.umask" || name == "posix.umask")
        {
            return;
        }
        let Some(mask) = call
            .arguments
            .find_argument_value("mask", 0)
            .and_then(|mask| semantic.constant(mask))
            .and_then(|mask| mask.as_int())
        else {
            return;
        };
        if mask & OTHERS_WRITE != 0 {
            return;
        }
        cx.report(
            call.range(),
            format!(
                "umask `0o{mask:o}` does not mask the write bit for others: files and directories \
                 created from now on are world-writable"
            ),
        )
        .label("world-writable umask");
    }
}
