//! Files and directories created with a world- or group-writable mode.

use crate::helpers::receivers::{constructor, file_imports};
use crate::helpers::test_code::in_test_code;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct PermissiveCreationMode;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &PermissiveCreationMode;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV812",
    name: "permissive-creation-mode",
    cwe: &[732, 276],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `os.mkdir`, `os.makedirs`, `os.open`, `os.mkfifo`, `os.mknod` and \
              `pathlib.Path.mkdir` / `.touch` called with an explicit mode that folds to a \
              constant letting others (medium) or the group (low) write.",
    why: "A world-writable directory or file can be changed by every local user or compromised \
          service: files dropped into a plugin or cache directory, a script or configuration \
          rewritten, a FIFO fed with forged input. The process umask (usually `022`) clears \
          these bits at creation, which is why the severity is moderate, but it is not \
          guaranteed: services, containers and code that calls `os.umask(0)` keep them. Asking \
          for the bits states an intent that should be reviewed. `0o666` for `os.open` and \
          `Path.touch` is not reported (it is the mode `open()` uses for every new file), nor \
          is test code. Only modes written at the \
          call (constants, `stat.S_IWOTH | ...`) are judged; the functions' defaults are not \
          reported.",
    insecure_example: "
import os

os.makedirs(\"/var/lib/myapp/plugins\", mode=0o777, exist_ok=True)
",
    secure_example: "
import os

os.makedirs(\"/var/lib/myapp/plugins\", mode=0o750, exist_ok=True)
",
    fix: "create files and directories writable by the owner only (for example `0o600` / `0o700`, or `0o755` for shared read-only directories)",
    references: &[
        "https://docs.python.org/3/library/os.html#os.makedirs",
        "https://docs.python.org/3/library/os.html#os.open",
        "https://docs.python.org/3/library/pathlib.html#pathlib.Path.mkdir",
    ],
};

const WORLD_WRITABLE: i64 = 0o002;
const GROUP_WRITABLE: i64 = 0o020;

/// The mode argument of a creating call, if this is one.
fn mode_argument<'e>(call: &CallSite<'e>, cx: &RuleContext<'_, '_>) -> Option<&'e Expr> {
    match call.name() {
        "os.mkdir" | "os.makedirs" | "os.mkfifo" | "os.mknod" | "posix.mkdir" | "posix.mkfifo"
        | "posix.mknod" => return call.argument("mode", 1),
        "os.open" | "posix.open" => return call.argument("mode", 2),
        "pathlib.Path.mkdir" | "pathlib.Path.touch" => return call.argument("mode", 1),
        "" => {}
        _ => return None,
    }
    // `Path(p).mkdir(mode=...)`, `path.touch(0o666)` on a pathlib object.
    let Expr::Attribute(method) = call.call.func.as_ref() else {
        return None;
    };
    if !matches!(method.attr.as_str(), "mkdir" | "touch") {
        return None;
    }
    let semantic = cx.semantic();
    match constructor(semantic, &method.value) {
        Some(built) if built.starts_with("pathlib.") => call.argument("mode", 0),
        Some(_) => None,
        None if file_imports(semantic, "pathlib") => call.keyword("mode"),
        None => None,
    }
}

/// `true` for `os.open` and `.touch()`, which create ordinary files.
fn creates_plain_file(call: &CallSite<'_>) -> bool {
    matches!(call.name(), "os.open" | "posix.open" | "pathlib.Path.touch")
        || matches!(call.call.func.as_ref(), Expr::Attribute(method) if method.attr.as_str() == "touch")
}

impl Rule for PermissiveCreationMode {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec![
            "mkdir", "makedirs", "mkfifo", "mknod", "open", "touch",
        ])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["os", "posix", "pathlib"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(mode) = mode_argument(call, cx) else {
            return;
        };
        let Some(mode) = cx
            .semantic()
            .constant(mode)
            .and_then(|value| value.as_int())
        else {
            return;
        };
        // `0o666` is what `open()` asks for on every new file: a plain file
        // opened like any other, not a request for shared write access.
        if mode & 0o7777 == 0o666 && creates_plain_file(call) {
            return;
        }
        if in_test_code(cx, call.range()) {
            return;
        }
        let (who, severity, label) = if mode & WORLD_WRITABLE != 0 {
            (
                "every user on the system",
                Severity::Medium,
                "world-writable mode at creation",
            )
        } else if mode & GROUP_WRITABLE != 0 {
            (
                "every member of its group",
                Severity::Low,
                "group-writable mode at creation",
            )
        } else {
            return;
        };
        let mode = mode & 0o7777;
        cx.report(
            call.range(),
            format!(
                "created with mode `0o{mode:o}`, which lets {who} write to it unless the umask removes that"
            ),
        )
        .label(label)
        .severity(severity);
    }
}
