//! Paramiko clients that accept unknown SSH host keys.

use crate::helpers::receivers::bound_value;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;

pub(crate) struct SshNoHostKeyVerification;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SshNoHostKeyVerification;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV708",
    name: "ssh-no-host-key-verification",
    cwe: &[295, 322],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B507", "S507"],
    status: Status::Stable,
    summary: "Flags paramiko `set_missing_host_key_policy` given `AutoAddPolicy` or \
              `WarningPolicy` (class or instance), which accept any unknown host key.",
    why: "SSH authenticates the server by its host key. With `AutoAddPolicy` (or \
          `WarningPolicy`, which only logs) a client connecting to a host it does not know \
          accepts whatever key is presented, so an attacker who can redirect the connection \
          impersonates the server, receives the password or agent-forwarded credentials and \
          sees every command and file.",
    insecure_example: "
import paramiko

client = paramiko.SSHClient()
client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
client.connect(\"build.example\", username=\"deploy\")
",
    secure_example: "
import paramiko

client = paramiko.SSHClient()
client.load_system_host_keys()
client.set_missing_host_key_policy(paramiko.RejectPolicy())
client.connect(\"build.example\", username=\"deploy\")
",
    fix: "load known host keys (`load_system_host_keys()` / `load_host_keys(path)`) and keep the default `RejectPolicy`",
    references: &[
        "https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.set_missing_host_key_policy",
        "https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.AutoAddPolicy",
    ],
};

const ACCEPTING_POLICIES: &[&str] = &[
    "paramiko.AutoAddPolicy",
    "paramiko.client.AutoAddPolicy",
    "paramiko.WarningPolicy",
    "paramiko.client.WarningPolicy",
];

/// The accepting policy `expr` is (the class, an instance, or a name bound
/// to an instance).
fn accepting_policy(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<String> {
    let value = bound_value(semantic, expr).unwrap_or(expr);
    let class = match value {
        Expr::Call(call) => &*call.func,
        other => other,
    };
    let name = semantic
        .qualified_name(class)
        .or_else(|| semantic.qualified_name(expr))?;
    ACCEPTING_POLICIES.contains(&name.as_str()).then_some(name)
}

impl Rule for SshNoHostKeyVerification {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["set_missing_host_key_policy"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["paramiko"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Expr::Attribute(attribute) = call.call.func.as_ref() else {
            return;
        };
        if attribute.attr.as_str() != "set_missing_host_key_policy" {
            return;
        }
        let Some(policy) = call.argument("policy", 0) else {
            return;
        };
        let Some(name) = accepting_policy(cx.semantic(), policy) else {
            return;
        };
        let short = name.rsplit('.').next().unwrap_or(&name);
        cx.report(
            call.range(),
            format!(
                "`{short}` accepts the host key of any server not yet known: the SSH server is \
                 not authenticated"
            ),
        )
        .label("unknown SSH host keys accepted");
    }
}
