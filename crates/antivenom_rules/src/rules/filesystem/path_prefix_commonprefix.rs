//! `os.path.commonprefix(...)` compared with a path as a containment check.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{CmpOp, Expr};

pub(crate) struct PathPrefixCommonprefix;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &PathPrefixCommonprefix;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV241",
    name: "path-prefix-commonprefix",
    cwe: &[22, 183],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `os.path.commonprefix(...)` whose result is compared with `==` or `!=`, the usual \
              shape of a 'is this path inside that directory' check.",
    why: "`commonprefix` compares strings character by character, not path components: the common \
          prefix of `/srv/app` and `/srv/app-secrets/key` is `/srv/app`, so a check that the prefix \
          equals the base directory accepts a sibling directory whose name merely starts the same \
          way. Paths with `..` are not normalised either. An attacker who controls the file name can \
          escape the intended directory.",
    insecure_example: "
import os

def is_inside(base, path):
    return os.path.commonprefix([base, path]) == base
",
    secure_example: "
import os

def is_inside(base, path):
    base, path = os.path.realpath(base), os.path.realpath(path)
    return os.path.commonpath([base, path]) == base
",
    fix: "resolve both paths (`os.path.realpath`) and compare with `os.path.commonpath` or `pathlib.Path.is_relative_to`",
    references: &[
        "https://docs.python.org/3/library/os.path.html#os.path.commonprefix",
        "https://docs.python.org/3/library/os.path.html#os.path.commonpath",
    ],
};

impl Rule for PathPrefixCommonprefix {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["os.path.commonprefix"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["os", "posixpath", "ntpath", "genericpath"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if !matches!(
            call.name(),
            "os.path.commonprefix"
                | "posixpath.commonprefix"
                | "ntpath.commonprefix"
                | "genericpath.commonprefix"
        ) {
            return;
        }
        let Some(Expr::Compare(compare)) = cx.parent_expression() else {
            return;
        };
        if !compare
            .ops
            .iter()
            .all(|op| matches!(op, CmpOp::Eq | CmpOp::NotEq))
        {
            return;
        }
        cx.report(
            call.range(),
            "`os.path.commonprefix` compares characters, not path components: a sibling directory with the same leading characters passes this check",
        )
        .label("character-wise prefix");
    }
}
