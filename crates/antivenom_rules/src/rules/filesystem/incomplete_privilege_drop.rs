//! Switching to another user while keeping root's supplementary groups,
//! or changing the groups only after the user id.

use crate::helpers::enclosing_scope::{
    EnclosingScope, enclosing_scope, on_exclusive_branches, scope_calls,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::helpers::any_over_expr;
use ruff_python_ast::{Expr, ExprCall, Stmt};
use ruff_python_semantic::ScopeKind;
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct IncompletePrivilegeDrop;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &IncompletePrivilegeDrop;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV808",
    name: "incomplete-privilege-drop",
    cwe: &[271, 273, 696],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `os.setuid`, `os.setreuid` and `os.setresuid` switching to another user \
              in a function (or module body) that never resets the supplementary groups with \
              `os.setgroups` / `os.initgroups`, or that changes its group ids only after the \
              user id.",
    why: "Changing the user id does not touch the group ids. A process started as root that \
          only calls `os.setuid` keeps root's primary group and every supplementary group \
          (`root`, `disk`, `adm`, `docker`, ...), so the \"unprivileged\" code can still read \
          and write whatever those groups may. The groups must be reset while the process is \
          still root: once the user id is dropped, `os.setgroups` and `os.setgid` fail with \
          a permission error (and if that error is swallowed, the groups silently stay).",
    insecure_example: "
import os
import pwd

def drop_privileges(name):
    account = pwd.getpwnam(name)
    os.setuid(account.pw_uid)
    os.setgid(account.pw_gid)  # too late: no longer allowed
",
    secure_example: "
import os
import pwd

def drop_privileges(name):
    account = pwd.getpwnam(name)
    os.setgroups([])  # or os.initgroups(name, account.pw_gid)
    os.setgid(account.pw_gid)
    os.setuid(account.pw_uid)
",
    fix: "reset the groups first, while still root: `os.setgroups([])` (or `os.initgroups(user, gid)`), then `os.setgid(gid)`, then `os.setuid(uid)`",
    references: &[
        "https://docs.python.org/3/library/os.html#os.setgroups",
        "https://docs.python.org/3/library/os.html#os.setuid",
        "https://wiki.sei.cmu.edu/confluence/display/c/POS36-C.+Observe+correct+revocation+order+while+relinquishing+privileges",
    ],
};

/// The functions that switch the user id for good, with their id
/// parameters in order. (`seteuid` alone is a temporary switch that can
/// be undone, not a privilege drop.)
const USER_SWITCHES: &[(&str, &[&str])] = &[
    ("setuid", &["uid"]),
    ("setreuid", &["ruid", "euid"]),
    ("setresuid", &["ruid", "euid", "suid"]),
];

/// What a call of the `os` id functions changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdChange {
    /// The user id.
    User,
    /// The primary group id.
    Group,
    /// The supplementary groups.
    Groups,
}

/// The function name of an `os` (or `posix`) id function, and what it changes.
fn id_change(qualified_name: &str) -> Option<(&str, IdChange)> {
    let function = qualified_name
        .strip_prefix("os.")
        .or_else(|| qualified_name.strip_prefix("posix."))?;
    let change = match function {
        "setuid" | "setreuid" | "setresuid" => IdChange::User,
        "setgid" | "setregid" | "setresgid" => IdChange::Group,
        "setgroups" | "initgroups" => IdChange::Groups,
        _ => return None,
    };
    Some((function, change))
}

/// `true` for the process's own id (`os.getuid()`, or a name bound once
/// to it): switching to it only gives up what a setuid-root program got,
/// and the groups are already the invoking user's.
fn is_own_id(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    let value = match expr {
        Expr::Name(name) => semantic.single_assigned_value(name).unwrap_or(expr),
        _ => expr,
    };
    let Expr::Call(call) = value else {
        return false;
    };
    semantic.qualified_name(&call.func).is_some_and(|name| {
        matches!(
            name.as_str(),
            "os.getuid" | "os.geteuid" | "posix.getuid" | "posix.geteuid"
        )
    })
}

/// `true` when every id the call sets is another user's for good: present,
/// not root (`0`, reported by `set-root-privileges`), not "keep" (`-1`,
/// which leaves a way back to root), not the process's own id.
fn drops_to_other_user(
    call: &CallSite<'_>,
    parameters: &[&str],
    semantic: &FileSemantic<'_>,
) -> bool {
    !call.has_unpacking()
        && parameters.iter().enumerate().all(|(position, parameter)| {
            call.argument(parameter, position).is_some_and(|id| {
                let special = semantic
                    .constant(id)
                    .and_then(|id| id.as_int())
                    .is_some_and(|id| id <= 0);
                !special && !is_own_id(semantic, id)
            })
        })
}

/// `true` for a function whose body (after its docstring) is just the
/// switch (`os.setuid(uid)` or `return os.setuid(parse(uid))`) of an id
/// made from its parameters: a thin wrapper whose callers decide how the groups are
/// handled. (A closure switching to a captured id, such as a
/// `preexec_fn`, is the drop itself.)
fn is_thin_wrapper(scope: &EnclosingScope<'_>, call: &CallSite<'_>) -> bool {
    let Some(function) = scope.function else {
        return false;
    };
    let body = match function.body.split_first() {
        Some((Stmt::Expr(first), rest)) if first.value.is_string_literal_expr() => rest,
        _ => function.body.as_slice(),
    };
    let value = match body {
        [Stmt::Expr(stmt)] => Some(&*stmt.value),
        [Stmt::Return(stmt)] => stmt.value.as_deref(),
        _ => None,
    };
    value.is_some_and(|value| value.range() == call.range())
        && call.call.arguments.args.iter().any(|argument| {
            any_over_expr(argument, |node| {
                node.as_name_expr()
                    .is_some_and(|name| function.parameters.includes(name.id.as_str()))
            })
        })
}

/// The names of the functions of the file that reset the supplementary
/// groups themselves: a drop split across helpers (one resets the groups,
/// another switches the user) calls one of them first.
fn group_resetting_functions<'a>(semantic: &FileSemantic<'a>, source: &str) -> Vec<&'a str> {
    if !source.contains("setgroups") && !source.contains("initgroups") {
        return Vec::new();
    }
    semantic
        .model()
        .scopes
        .iter()
        .filter_map(|scope| match scope.kind {
            ScopeKind::Function(function) => Some(function),
            _ => None,
        })
        .filter(|function| {
            scope_calls(&function.body).iter().any(|call| {
                semantic
                    .qualified_name(&call.func)
                    .is_some_and(|name| resets_groups(&name))
            })
        })
        .map(|function| function.name.as_str())
        .collect()
}

/// `true` for `os.setgroups` / `os.initgroups`.
fn resets_groups(qualified_name: &str) -> bool {
    id_change(qualified_name).is_some_and(|(_, change)| change == IdChange::Groups)
}

/// The name a call's callee is written with (`reset` for `reset()` and
/// `self.reset()`).
fn callee_name(call: &ExprCall) -> Option<&str> {
    match call.func.as_ref() {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

impl Rule for IncompletePrivilegeDrop {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(USER_SWITCHES.iter().map(|(name, _)| *name).collect())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["os", "posix"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some((function, IdChange::User)) = id_change(call.name()) else {
            return;
        };
        let Some((_, parameters)) = USER_SWITCHES.iter().find(|(name, _)| *name == function) else {
            return;
        };
        let semantic = cx.semantic();
        if !drops_to_other_user(call, parameters, semantic) {
            return;
        }
        // User switches are rare: only for them is the function around
        // looked up and its other id calls listed.
        let Some(scope) = enclosing_scope(semantic, call.range()) else {
            return;
        };
        let switch = call.range();
        let calls: Vec<&ExprCall> = scope_calls(scope.body)
            .into_iter()
            .filter(|other| {
                other.range() != switch && !on_exclusive_branches(scope.body, switch, other.range())
            })
            .collect();
        let changes: Vec<(String, IdChange, TextRange)> = calls
            .iter()
            .filter_map(|other| {
                let name = semantic.qualified_name(&other.func)?;
                let (_, change) = id_change(&name)?;
                (change != IdChange::User).then_some((name, change, other.range()))
            })
            .collect();
        let name = call.name();
        if let Some((late, _, _)) = changes
            .iter()
            .find(|(_, _, range)| range.start() >= switch.end())
        {
            cx.report(
                switch,
                format!(
                    "`{late}` runs after `{name}` has switched the user: without root it can no \
                     longer change the groups, so the process keeps root's group ids"
                ),
            )
            .label("user id dropped before the groups")
            .confidence(Confidence::High);
            return;
        }
        let before = |wanted: IdChange| {
            changes
                .iter()
                .any(|(_, change, range)| *change == wanted && range.end() <= switch.start())
        };
        if before(IdChange::Groups) || is_thin_wrapper(&scope, call) {
            return;
        }
        let helpers = group_resetting_functions(semantic, cx.source());
        let calls_helper = calls.iter().any(|other| {
            other.range().end() <= switch.start()
                && callee_name(other).is_some_and(|callee| helpers.contains(&callee))
        });
        if calls_helper {
            return;
        }
        let message = if before(IdChange::Group) {
            format!(
                "`{name}` switches to another user but the supplementary groups are never \
                 reset (`os.setgroups` / `os.initgroups`): the process keeps root's groups"
            )
        } else {
            format!(
                "`{name}` switches to another user but neither the group id nor the \
                 supplementary groups are changed: the process keeps root's groups"
            )
        };
        cx.report(switch, message)
            .label("supplementary groups not reset");
    }
}
