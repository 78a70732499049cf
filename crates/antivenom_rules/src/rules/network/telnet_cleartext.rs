//! Telnet: a cleartext remote-login protocol.

use crate::helpers::imports::imports_module;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct TelnetCleartext;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TelnetCleartext;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV706",
    name: "telnet-cleartext",
    cwe: &[319],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B312", "B401", "S312", "S401"],
    status: Status::Stable,
    summary: "Flags `telnetlib.Telnet` connections, and imports of `telnetlib` with low severity.",
    why: "Telnet sends everything, including the user name and password, in cleartext and does \
          not authenticate the server. Anyone who can observe the network path can capture the \
          credentials and anyone who can modify it can inject commands into the session. \
          `telnetlib` was also removed from the standard library in Python 3.13.",
    insecure_example: "
import telnetlib

session = telnetlib.Telnet(\"switch.example\")
session.write(b\"admin\\n\")
",
    secure_example: "
import paramiko

client = paramiko.SSHClient()
client.load_system_host_keys()
client.connect(\"switch.example\", username=\"admin\")
",
    fix: "use SSH (`paramiko`, `asyncssh`) or another authenticated, encrypted protocol instead of Telnet",
    references: &[
        "https://docs.python.org/3.12/library/telnetlib.html",
        "https://peps.python.org/pep-0594/#telnetlib",
    ],
};

impl Rule for TelnetCleartext {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: true,
            ..Interests::statements(&[NodeKind::StmtImport, NodeKind::StmtImportFrom])
        }
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["telnetlib.Telnet"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["telnetlib"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if call.name() != "telnetlib.Telnet" {
            return;
        }
        cx.report(
            call.range(),
            "`telnetlib.Telnet` opens a cleartext session: credentials and commands can be read \
             and changed on the network",
        )
        .label("cleartext Telnet connection");
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let imports = imports_module(stmt, "telnetlib", &[]);
        if imports {
            cx.report(
                stmt.range(),
                "`telnetlib` implements Telnet, a cleartext protocol (and is gone from Python 3.13)",
            )
            .label("cleartext protocol module")
            .severity(Severity::Low)
            .confidence(Confidence::Medium);
        }
    }
}
