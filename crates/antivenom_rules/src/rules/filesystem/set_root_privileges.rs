//! Processes that switch their user or group id to root.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct SetRootPrivileges;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SetRootPrivileges;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV806",
    name: "set-root-privileges",
    cwe: &[250, 269],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `os.setuid`, `setgid`, `seteuid`, `setegid`, `setreuid`, `setregid`, \
              `setresuid` and `setresgid` called with an id that folds to `0` (root).",
    why: "Switching an id to 0 gives the process (or keeps for it) full root privileges. Any \
          bug after that point, such as a path traversal, an injection or a parsing flaw, then \
          runs with unrestricted access to the machine. Privileged work should be done by a \
          small helper, or privileges should be dropped to an unprivileged account as soon as \
          the privileged resource (a low port, a key file) has been opened.",
    insecure_example: "
import os

os.setuid(0)
run_maintenance_tasks()
",
    secure_example: "
import os
import pwd

service = pwd.getpwnam(\"myapp\")
os.setgid(service.pw_gid)
os.setuid(service.pw_uid)  # drop privileges for the rest of the run
run_maintenance_tasks()
",
    fix: "run as an unprivileged account and drop privileges (`os.setgid` then `os.setuid` to that account) instead of switching to root",
    references: &[
        "https://docs.python.org/3/library/os.html#os.setuid",
        "https://cwe.mitre.org/data/definitions/250.html",
    ],
};

/// (function, names of its id parameters in order)
const ID_SETTERS: &[(&str, &[&str])] = &[
    ("os.setuid", &["uid"]),
    ("os.setgid", &["gid"]),
    ("os.seteuid", &["euid"]),
    ("os.setegid", &["egid"]),
    ("os.setreuid", &["ruid", "euid"]),
    ("os.setregid", &["rgid", "egid"]),
    ("os.setresuid", &["ruid", "euid", "suid"]),
    ("os.setresgid", &["rgid", "egid", "sgid"]),
];

impl Rule for SetRootPrivileges {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(ID_SETTERS.iter().map(|(name, _)| *name).collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["os"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let Some((_, parameters)) = ID_SETTERS.iter().find(|(setter, _)| *setter == name) else {
            return;
        };
        let semantic = cx.semantic();
        let root = parameters.iter().enumerate().any(|(position, parameter)| {
            call.argument(parameter, position)
                .and_then(|id| semantic.constant(id))
                .and_then(|id| id.as_int())
                == Some(0)
        });
        if root {
            cx.report(
                call.range(),
                format!("`{name}` switches to id 0: the process runs with full root privileges"),
            )
            .label("switches to root");
        }
    }
}
