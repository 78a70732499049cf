//! Code that gives a process or a program file Linux capabilities, or
//! keeps them across the switch to another user.

use crate::helpers::is_truthy_constant;
use crate::helpers::process_api::{CommandForm, ProcessApi, process_api, process_api_names};
use crate::helpers::shell_command::{
    Command, Word, analyze_command, constant_text, lex_pieces, program_basename,
};
use crate::{CallSite, Interests, NodeKinds, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct LinuxCapabilityGrant;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &LinuxCapabilityGrant;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV809",
    name: "linux-capability-grant",
    cwe: &[250, 269],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags code that raises Linux capabilities (python-prctl / pyprctl capability \
              sets, `capng_update(CAPNG_ADD, ...)`, an ambient raise), keeps them across a \
              user switch (`set_keepcaps(True)`), or runs `setcap` to grant them to a \
              program file; high severity for capabilities that amount to root.",
    why: "Capabilities split root's power into pieces, but several pieces are root again: \
          `CAP_SYS_ADMIN`, `CAP_SETUID`, `CAP_DAC_OVERRIDE`, `CAP_SYS_PTRACE`, `CAP_SYS_MODULE` \
          and a few others each let their holder take over the machine. A process that \
          raises them, or keeps them (`keepcaps`) after switching to an unprivileged user, \
          turns any bug it has into a root compromise. `setcap` is worse: the file \
          capabilities apply to every later run of that program, by any user who can start \
          it (granting them to an interpreter such as `python3` grants them to every script).",
    insecure_example: "
import subprocess

def allow_packet_capture(binary):
    subprocess.run([\"setcap\", \"cap_net_raw,cap_net_admin+eip\", binary], check=True)
",
    secure_example: "
import prctl

# Keep nothing beyond what the service needs, and no keepcaps.
prctl.cap_permitted.limit(prctl.CAP_NET_BIND_SERVICE)
prctl.cap_effective.limit(prctl.CAP_NET_BIND_SERVICE)
",
    fix: "grant the fewest, least powerful capabilities once at deployment (systemd `AmbientCapabilities=`, a packaged file capability), never from application code; drop them with `capbset.limit()`/`cap_*.limit()` as soon as they are no longer needed",
    references: &[
        "https://man7.org/linux/man-pages/man7/capabilities.7.html",
        "https://man7.org/linux/man-pages/man8/setcap.8.html",
        "https://pythonhosted.org/python-prctl/",
    ],
};

/// Capability names by number (`linux/capability.h`), without `cap_`.
const CAPABILITIES: &[&str] = &[
    "chown",
    "dac_override",
    "dac_read_search",
    "fowner",
    "fsetid",
    "kill",
    "setgid",
    "setuid",
    "setpcap",
    "linux_immutable",
    "net_bind_service",
    "net_broadcast",
    "net_admin",
    "net_raw",
    "ipc_lock",
    "ipc_owner",
    "sys_module",
    "sys_rawio",
    "sys_chroot",
    "sys_ptrace",
    "sys_pacct",
    "sys_admin",
    "sys_boot",
    "sys_nice",
    "sys_resource",
    "sys_time",
    "sys_tty_config",
    "mknod",
    "lease",
    "audit_write",
    "audit_control",
    "setfcap",
    "mac_override",
    "mac_admin",
    "syslog",
    "wake_alarm",
    "block_suspend",
    "audit_read",
    "perfmon",
    "bpf",
    "checkpoint_restore",
];

/// Capabilities known to be enough to become root (own or read any file,
/// change ids, load kernel code, debug root processes, ...).
const ROOT_EQUIVALENT: &[&str] = &[
    "chown",
    "dac_override",
    "dac_read_search",
    "fowner",
    "setgid",
    "setuid",
    "setpcap",
    "net_admin",
    "sys_module",
    "sys_rawio",
    "sys_ptrace",
    "sys_admin",
    "mknod",
    "setfcap",
    "bpf",
];

/// Stands for every capability (`setcap =ep`, `all=ep`).
const ALL: &str = "all";

/// The capability-set objects of python-prctl and pyprctl; assigning
/// `True` to one of their attributes raises that capability.
const CAPABILITY_SETS: &[&str] = &[
    "prctl.cap_effective",
    "prctl.cap_permitted",
    "prctl.cap_inheritable",
    "prctl.cap_ambient",
    "pyprctl.cap_effective",
    "pyprctl.cap_permitted",
    "pyprctl.cap_inheritable",
    "pyprctl.cap_ambient",
];

/// Programs that run the command given as their arguments with root's
/// privileges (`sudo setcap ...`).
const COMMAND_RUNNERS: &[&str] = &["sudo", "doas", "pkexec"];

/// `PR_SET_KEEPCAPS`, `PR_CAP_AMBIENT` and `PR_CAP_AMBIENT_RAISE` (`linux/prctl.h`).
const PR_SET_KEEPCAPS: i64 = 8;
const PR_CAP_AMBIENT: i64 = 47;
const PR_CAP_AMBIENT_RAISE: i64 = 2;

/// The capabilities one call or statement grants.
#[derive(Debug, Default)]
struct Grant {
    /// Known names, without `cap_` ([`ALL`] for every capability).
    capabilities: Vec<String>,
    /// Some capability is not known statically.
    unknown: bool,
}

impl Grant {
    fn is_empty(&self) -> bool {
        self.capabilities.is_empty() && !self.unknown
    }

    fn add(&mut self, capability: Option<String>) {
        match capability {
            Some(name) if !self.capabilities.contains(&name) => self.capabilities.push(name),
            Some(_) => {}
            None => self.unknown = true,
        }
    }

    /// The capabilities that amount to root.
    fn root_equivalent(&self) -> Vec<&str> {
        self.capabilities
            .iter()
            .map(String::as_str)
            .filter(|name| *name == ALL || ROOT_EQUIVALENT.contains(name))
            .collect()
    }

    /// "`cap_net_raw`, `cap_net_admin`" (or "every capability").
    fn describe(&self) -> String {
        if self.capabilities.iter().any(|name| name == ALL) {
            return "every capability".to_owned();
        }
        let mut names: Vec<String> = self
            .capabilities
            .iter()
            .map(|name| format!("`cap_{name}`"))
            .collect();
        if self.unknown {
            names.push("capabilities not known statically".to_owned());
        }
        names.join(", ")
    }
}

/// A capability name as libcap writes it, without `cap_`, when it is one.
fn normalize(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let bare = lower.strip_prefix("cap_").unwrap_or(&lower);
    CAPABILITIES
        .iter()
        .find(|known| **known == bare)
        .map(|known| (*known).to_owned())
}

/// The capability `expr` names: a string (`"sys_admin"`), a number, or a
/// library constant (`prctl.CAP_SYS_ADMIN`, `capng.CAP_SYS_ADMIN`,
/// `pyprctl.Cap.SYS_ADMIN`).
fn capability_of(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<String> {
    if let Some(constant) = semantic.constant(expr) {
        return match constant {
            Constant::Str(name) => normalize(&name),
            other => {
                let number = usize::try_from(other.as_int()?).ok()?;
                CAPABILITIES.get(number).map(|name| (*name).to_owned())
            }
        };
    }
    let name = semantic.qualified_name(expr)?;
    normalize(name.rsplit('.').next().unwrap_or_default())
}

/// Adds the capabilities of `expr`, a single one or a list of them.
fn add_capabilities(grant: &mut Grant, semantic: &FileSemantic<'_>, expr: &Expr) {
    match expr {
        Expr::List(list) => list
            .elts
            .iter()
            .for_each(|item| add_capabilities(grant, semantic, item)),
        Expr::Tuple(tuple) => tuple
            .elts
            .iter()
            .for_each(|item| add_capabilities(grant, semantic, item)),
        Expr::Starred(_) => grant.unknown = true,
        _ => grant.add(capability_of(semantic, expr)),
    }
}

/// `true` when `expr` is the named constant `name` (by its last name
/// segment, for constants of C bindings that do not resolve) or folds to
/// `value`.
fn is_named_constant(semantic: &FileSemantic<'_>, expr: &Expr, name: &str, value: i64) -> bool {
    let written = match expr {
        Expr::Name(named) => Some(named.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    };
    written.is_some_and(|written| written == name || written.strip_prefix("PR_") == Some(name))
        || semantic
            .constant(expr)
            .and_then(|constant| constant.as_int())
            == Some(value)
}

/// What a call of a capability API does.
enum CapabilityCall {
    /// Keeps the capabilities across a user switch.
    KeepCaps,
    /// Raises capabilities of the process.
    Raise(Grant),
}

/// Judges calls of python-prctl, pyprctl, libcap-ng and raw `prctl(2)`.
fn capability_call(call: &CallSite<'_>, semantic: &FileSemantic<'_>) -> Option<CapabilityCall> {
    let truthy = |expr: Option<&Expr>| expr.is_some_and(|expr| is_truthy_constant(semantic, expr));
    let name = call.name();
    match name {
        "prctl.set_keepcaps" | "pyprctl.set_keepcaps" => {
            return truthy(call.argument("keep", 0)).then_some(CapabilityCall::KeepCaps);
        }
        "pyprctl.cap_ambient_raise" => {
            let mut grant = Grant::default();
            call.call
                .arguments
                .args
                .iter()
                .for_each(|cap| add_capabilities(&mut grant, semantic, cap));
            return Some(CapabilityCall::Raise(grant));
        }
        "prctl.set_caps" => {
            // (capabilities, sets, value) triples; `True` raises.
            let mut grant = Grant::default();
            for spec in &call.call.arguments.args {
                if let Expr::Tuple(tuple) = spec
                    && let [capabilities, _, value] = tuple.elts.as_slice()
                    && is_truthy_constant(semantic, value)
                {
                    add_capabilities(&mut grant, semantic, capabilities);
                }
            }
            return (!grant.is_empty()).then_some(CapabilityCall::Raise(grant));
        }
        "capng.capng_update" | "capng.capng_updatev" => {
            // `CAPNG_ADD` is 1 (`CAPNG_DROP` 0).
            let adds = call.positional(0).is_some_and(|action| {
                semantic.qualified_name(action).as_deref() == Some("capng.CAPNG_ADD")
                    || semantic.constant(action).and_then(|c| c.as_int()) == Some(1)
            });
            if !adds {
                return None;
            }
            let mut grant = Grant::default();
            for cap in call.call.arguments.args.iter().skip(2) {
                // `capng_updatev` lists end with -1.
                if semantic.constant(cap).and_then(|c| c.as_int()) != Some(-1) {
                    add_capabilities(&mut grant, semantic, cap);
                }
            }
            return Some(CapabilityCall::Raise(grant));
        }
        _ => {}
    }
    if let Some(set) = name.strip_suffix(".add")
        && CAPABILITY_SETS.contains(&set)
    {
        let mut grant = Grant::default();
        call.call
            .arguments
            .args
            .iter()
            .for_each(|cap| add_capabilities(&mut grant, semantic, cap));
        return Some(CapabilityCall::Raise(grant));
    }
    raw_prctl(call, semantic)
}

/// `prctl(PR_SET_KEEPCAPS, 1)` and `prctl(PR_CAP_AMBIENT,
/// PR_CAP_AMBIENT_RAISE, cap)` through `ctypes`, `cffi` or `_prctl`.
fn raw_prctl(call: &CallSite<'_>, semantic: &FileSemantic<'_>) -> Option<CapabilityCall> {
    let is_prctl = match call.call.func.as_ref() {
        Expr::Attribute(attribute) => attribute.attr.as_str() == "prctl",
        Expr::Name(name) => name.id.as_str() == "prctl",
        _ => false,
    };
    if !is_prctl {
        return None;
    }
    let option = call.positional(0)?;
    if is_named_constant(semantic, option, "SET_KEEPCAPS", PR_SET_KEEPCAPS) {
        return call
            .positional(1)
            .is_some_and(|keep| is_truthy_constant(semantic, keep))
            .then_some(CapabilityCall::KeepCaps);
    }
    if is_named_constant(semantic, option, "CAP_AMBIENT", PR_CAP_AMBIENT)
        && call.positional(1).is_some_and(|operation| {
            is_named_constant(
                semantic,
                operation,
                "CAP_AMBIENT_RAISE",
                PR_CAP_AMBIENT_RAISE,
            )
        })
    {
        let mut grant = Grant::default();
        grant.add(
            call.positional(2)
                .and_then(|cap| capability_of(semantic, cap)),
        );
        return Some(CapabilityCall::Raise(grant));
    }
    None
}

/// The simple commands a process call runs, each as its words (`None`
/// for a word not known statically).
fn command_words(
    api: &ProcessApi,
    call: &CallSite<'_>,
    semantic: &FileSemantic<'_>,
) -> Vec<Vec<Option<String>>> {
    let words_of = |program: &Word, arguments: &[Word]| -> Vec<Option<String>> {
        std::iter::once(program)
            .chain(arguments)
            .map(|word| word.known().map(str::to_owned))
            .collect()
    };
    if let Some(script) = api.shell_script(call, semantic) {
        return script
            .programs()
            .map(|(program, arguments)| words_of(program, arguments))
            .collect();
    }
    let Some(command) = api.command(call) else {
        return Vec::new();
    };
    match analyze_command(semantic, command) {
        Command::Argv(items) => vec![items.iter().map(|item| constant_text(item)).collect()],
        Command::Line(pieces) => lex_pieces(&pieces)
            .programs()
            .map(|(program, arguments)| words_of(program, arguments))
            .collect(),
    }
}

/// The capabilities a capability text (`cap_net_raw,cap_net_admin+eip`,
/// `=ep`) raises in some set; `None` when `text` is not one.
fn raised_by_text(text: &str) -> Option<Vec<String>> {
    let mut raised = Vec::new();
    let mut clauses = 0;
    for clause in text.split_whitespace() {
        let operator = clause.find(['=', '+', '-'])?;
        let (names, actions) = clause.split_at(operator);
        let valid_names = names
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ',');
        let valid_actions = actions
            .chars()
            .all(|c| matches!(c.to_ascii_lowercase(), '=' | '+' | '-' | 'e' | 'i' | 'p'));
        if !valid_names || !valid_actions {
            return None;
        }
        clauses += 1;
        // A flag after `+` or `=` raises; after `-` it lowers.
        let mut operator = '=';
        let mut raises = false;
        for c in actions.chars() {
            match c {
                '=' | '+' | '-' => operator = c,
                _ => raises |= operator != '-',
            }
        }
        if !raises {
            continue;
        }
        if names.is_empty() {
            raised.push(ALL.to_owned());
        }
        for name in names.split(',').filter(|name| !name.is_empty()) {
            if name.eq_ignore_ascii_case(ALL) {
                raised.push(ALL.to_owned());
            } else if let Some(name) = normalize(name) {
                raised.push(name);
            }
        }
    }
    (clauses > 0).then_some(raised)
}

/// What `setcap` grants, from the words after the program name:
/// `setcap [-q] [-n rootid] (caps | -r | -) file ...`. `None` when it
/// only removes (`-r`) or verifies (`-v`) capabilities.
fn setcap_grant(arguments: &[Option<String>]) -> Option<Grant> {
    let mut grant = Grant::default();
    let mut operands = 0_usize;
    let mut skip_next = false;
    for word in arguments {
        if skip_next {
            skip_next = false;
            continue;
        }
        let expects_capabilities = operands.is_multiple_of(2);
        if !expects_capabilities {
            // A file name.
            operands += 1;
            continue;
        }
        match word.as_deref() {
            Some("-q") => continue,
            Some("-n") => {
                skip_next = true;
                continue;
            }
            Some("-v" | "-h" | "--help") => return None,
            // Removes the file's capabilities.
            Some("-r") => {}
            // Read from standard input.
            Some("-") | None => grant.unknown = true,
            Some(text) => {
                for name in raised_by_text(text).unwrap_or_default() {
                    grant.add(Some(name));
                }
            }
        }
        operands += 1;
    }
    (!grant.is_empty()).then_some(grant)
}

/// The grant of a `setcap` command among `words` (run directly or through
/// `sudo`), if any.
fn setcap_command(words: &[Option<String>]) -> Option<Grant> {
    let (first, rest) = words.split_first()?;
    let program = program_basename(first.as_deref()?);
    let arguments = if program == "setcap" {
        rest
    } else if COMMAND_RUNNERS.contains(&program) {
        let position = rest.iter().position(|word| {
            word.as_deref()
                .is_some_and(|word| program_basename(word) == "setcap")
        })?;
        rest.get(position + 1..)?
    } else {
        return None;
    };
    setcap_grant(arguments)
}

/// Reports a grant at `range`, graded by what it grants: root-equivalent
/// capabilities are high severity; capabilities not known statically
/// medium with low confidence; others low (medium on a program file,
/// which every later run inherits).
fn report_grant(
    cx: &mut RuleContext<'_, '_>,
    range: TextRange,
    grant: &Grant,
    on_file: bool,
    what: &str,
) {
    let root = grant.root_equivalent();
    let granted = grant.describe();
    let (severity, confidence, detail) = if !root.is_empty() {
        let detail = if root.contains(&ALL) {
            ": that is all of root's power".to_owned()
        } else {
            let names: Vec<String> = root.iter().map(|name| format!("`cap_{name}`")).collect();
            let verb = if names.len() == 1 {
                "amounts"
            } else {
                "each amount"
            };
            format!(": {} {verb} to root", names.join(", "))
        };
        (Severity::High, Confidence::High, detail)
    } else if grant.capabilities.is_empty() {
        (Severity::Medium, Confidence::Low, String::new())
    } else if on_file {
        (Severity::Medium, Confidence::High, String::new())
    } else {
        (Severity::Low, Confidence::High, String::new())
    };
    let label = if on_file {
        "file capabilities granted"
    } else {
        "capabilities raised"
    };
    cx.report(range, format!("{what} {granted}{detail}"))
        .severity(severity)
        .confidence(confidence)
        .label(label);
}

/// Reports a keepcaps call or assignment (`what` names it).
fn report_keepcaps(cx: &mut RuleContext<'_, '_>, range: TextRange, what: &str) {
    cx.report(
        range,
        format!(
            "setting the keepcaps flag ({what}) keeps the permitted capabilities when the \
             process switches to a non-root user, so the unprivileged code can raise them again"
        ),
    )
    .severity(Severity::Medium)
    .confidence(Confidence::High)
    .label("capabilities kept across the user switch")
    .fix(
        "leave the keepcaps flag off; if one capability must survive the user switch, limit \
         the permitted set to it first and clear the flag right after the switch",
    );
}

impl Rule for LinuxCapabilityGrant {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: true,
            statements: NodeKinds::of(&[NodeKind::StmtAssign]),
            ..Interests::NONE
        }
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // The process APIs (`setcap`), the capability libraries' functions,
        // `<set>.add` and a raw `prctl`.
        Some(
            process_api_names()
                .chain([
                    "set_keepcaps",
                    "cap_ambient_raise",
                    "set_caps",
                    "capng_update",
                    "capng_updatev",
                    "add",
                    "prctl",
                ])
                .collect(),
        )
    }

    fn modules(&self) -> &'static [&'static str] {
        // The capability libraries, the FFI modules a raw `prctl(2)` goes
        // through, and the modules that start processes (`setcap`).
        &[
            "prctl",
            "pyprctl",
            "_prctl",
            "capng",
            "ctypes",
            "cffi",
            "subprocess",
            "os",
            "popen2",
            "commands",
            "platform",
            "asyncio",
        ]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        if let Some(api) = process_api(call.name()) {
            if api.form != CommandForm::CommandLine {
                return;
            }
            let Some(grant) = command_words(&api, call, semantic)
                .iter()
                .find_map(|words| setcap_command(words))
            else {
                return;
            };
            report_grant(
                cx,
                call.range(),
                &grant,
                true,
                "`setcap` grants a program file",
            );
            return;
        }
        match capability_call(call, semantic) {
            Some(CapabilityCall::KeepCaps) => {
                let what = format!("`{}`", cx.text(call.call.func.range()));
                report_keepcaps(cx, call.range(), &what);
            }
            Some(CapabilityCall::Raise(grant)) => {
                let what = format!("`{}` raises", cx.text(call.call.func.range()));
                report_grant(cx, call.range(), &grant, false, &what);
            }
            None => {}
        }
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let Stmt::Assign(assign) = stmt else {
            return;
        };
        let semantic = cx.semantic();
        for target in &assign.targets {
            // Cheap shape checks first: most assignments are to names.
            let Expr::Attribute(attribute) = target else {
                continue;
            };
            let attr = attribute.attr.as_str();
            let capability = normalize(attr);
            if (capability.is_none() && attr != "keep_caps")
                || !is_truthy_constant(semantic, &assign.value)
            {
                continue;
            }
            let Some(owner) = semantic.qualified_name(&attribute.value) else {
                continue;
            };
            if matches!(owner.as_str(), "prctl.securebits" | "pyprctl.securebits")
                && attr == "keep_caps"
            {
                let what = format!("`{}`", cx.text(target.range()));
                report_keepcaps(cx, stmt.range(), &what);
            } else if CAPABILITY_SETS.contains(&owner.as_str())
                && let Some(capability) = capability
            {
                let mut grant = Grant::default();
                grant.add(Some(capability));
                let what = format!("`{}` raises", cx.text(attribute.value.range()));
                report_grant(cx, stmt.range(), &grant, false, &what);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn words(text: &[&str]) -> Vec<Option<String>> {
        text.iter()
            .map(|word| (*word != "?").then(|| (*word).to_owned()))
            .collect()
    }

    #[test]
    fn capability_texts() {
        let names = |text| raised_by_text(text);
        assert_eq!(
            names("cap_net_raw,cap_net_admin+eip"),
            Some(vec!["net_raw".to_owned(), "net_admin".to_owned()])
        );
        assert_eq!(names("=ep"), Some(vec![ALL.to_owned()]));
        assert_eq!(names("all=ep"), Some(vec![ALL.to_owned()]));
        assert_eq!(
            names("CAP_SYS_ADMIN=+ep"),
            Some(vec!["sys_admin".to_owned()])
        );
        assert_eq!(names("cap_sys_admin-ep"), Some(Vec::new()));
        assert_eq!(names("cap_sys_admin="), Some(Vec::new()));
        assert_eq!(
            names("cap_chown+e-i cap_kill-ep"),
            Some(vec!["chown".to_owned()])
        );
        assert_eq!(names("/usr/bin/python3"), None);
        assert_eq!(names("--help"), None);
    }

    #[test]
    fn setcap_arguments() {
        let grant = |text: &[&str]| setcap_grant(&words(text));
        assert!(grant(&["-r", "/bin/x"]).is_none());
        assert!(grant(&["-v", "cap_kill+ep", "/bin/x"]).is_none());
        assert!(grant(&["cap_kill-ep", "/bin/x"]).is_none());
        let unknown = grant(&["?", "/bin/x"]).unwrap();
        assert!(unknown.unknown && unknown.capabilities.is_empty());
        let two = grant(&["-q", "cap_kill+ep", "?", "cap_bpf=p", "/bin/y"]).unwrap();
        assert_eq!(two.capabilities, ["kill", "bpf"]);
        assert_eq!(two.root_equivalent(), ["bpf"]);
        // A file name is never read as capabilities.
        assert!(grant(&["-r", "a+e"]).is_none());
    }

    #[test]
    fn setcap_through_sudo() {
        assert!(setcap_command(&words(&["sudo", "-n", "/sbin/setcap", "=ep", "/x"])).is_some());
        assert!(setcap_command(&words(&["echo", "setcap", "=ep", "/x"])).is_none());
        assert!(setcap_command(&words(&["?", "setcap", "=ep", "/x"])).is_none());
    }
}
