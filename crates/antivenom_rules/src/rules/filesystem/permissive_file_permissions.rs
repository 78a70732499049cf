//! `chmod` to a world- or group-writable mode.

use crate::helpers::test_code::in_test_code;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct PermissiveFilePermissions;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &PermissiveFilePermissions;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV801",
    name: "permissive-file-permissions",
    cwe: &[732, 276],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Filesystem,
    aliases: &["B103", "S103"],
    status: Status::Stable,
    summary: "Flags `os.chmod`, `os.fchmod`, `os.lchmod` and `.chmod()` methods (such as \
              `pathlib.Path.chmod`) whose mode folds to a constant that lets others (high) or \
              the group (medium) write the file.",
    why: "Unlike file creation, `chmod` is not filtered by the umask: the mode is applied as \
          written. A world-writable file can be changed by any local user or compromised \
          service; if it is a script, a configuration or a library that a privileged process \
          loads, that is a path to code execution or privilege escalation. Group-writable \
          files extend the same trust to every member of the group. Execute and setuid bits \
          are not reported, nor modes computed at run time, nor test code (tests of \
          permission handling set such modes on their own scratch files).",
    insecure_example: "
import os

os.chmod(\"/etc/myapp/config.ini\", 0o777)
",
    secure_example: "
import os
import stat

os.chmod(\"/etc/myapp/config.ini\", stat.S_IRUSR | stat.S_IWUSR)  # 0o600
",
    fix: "grant write access to the owner only (for example `0o600` for files, `0o700` or `0o755` for directories and programs)",
    references: &[
        "https://docs.python.org/3/library/os.html#os.chmod",
        "https://docs.python.org/3/library/stat.html#stat.S_IWOTH",
    ],
};

const WORLD_WRITABLE: i64 = 0o002;
const GROUP_WRITABLE: i64 = 0o020;

/// `os` functions taking `(path_or_fd, mode)`.
const OS_CHMODS: &[&str] = &[
    "os.chmod",
    "os.fchmod",
    "os.lchmod",
    "posix.chmod",
    "posix.fchmod",
    "posix.lchmod",
];

/// The mode argument of a chmod-like call, if this is one.
fn mode_argument<'e>(call: &CallSite<'e>) -> Option<&'e Expr> {
    if let Some(name) = call.qualified_name() {
        if OS_CHMODS.contains(&name) {
            return call.argument("mode", 1);
        }
        // Other resolved names (`shutil.chmod` does not exist; a module's
        // own `chmod` helper) are not known to take a mode.
        if !name.ends_with(".chmod") && !name.ends_with(".lchmod") {
            return None;
        }
    }
    let Expr::Attribute(attribute) = call.call.func.as_ref() else {
        return None;
    };
    if !matches!(attribute.attr.as_str(), "chmod" | "lchmod") {
        return None;
    }
    if let Some(mode) = call.keyword("mode") {
        return Some(mode);
    }
    // `Path(p).chmod(mode)` on the path itself, `sftp.chmod(path, mode)` on
    // a client: the mode is the last of one or two positional arguments.
    match call.call.arguments.args.as_ref() {
        [mode] | [_, mode] if !mode.is_starred_expr() => Some(mode),
        _ => None,
    }
}

impl Rule for PermissiveFilePermissions {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(
            OS_CHMODS
                .iter()
                .copied()
                .chain(["chmod", "lchmod"])
                .collect(),
        )
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(mode) = mode_argument(call) else {
            return;
        };
        let Some(mode) = cx
            .semantic()
            .constant(mode)
            .and_then(|value| value.as_int())
        else {
            return;
        };
        // Checked last: it looks at the file's imports and scopes.
        if (mode & (WORLD_WRITABLE | GROUP_WRITABLE)) != 0 && in_test_code(cx, call.range()) {
            return;
        }
        let (who, severity) = if mode & WORLD_WRITABLE != 0 {
            ("every user on the system", Severity::High)
        } else if mode & GROUP_WRITABLE != 0 {
            ("every member of the file's group", Severity::Medium)
        } else {
            return;
        };
        cx.report(
            call.range(),
            format!("mode `0o{mode:o}` lets {who} modify this file"),
        )
        .label(if severity == Severity::High {
            "world-writable permissions"
        } else {
            "group-writable permissions"
        })
        .severity(severity);
    }
}
