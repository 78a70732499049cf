//! FTP without TLS.

use crate::helpers::imports::imports_module;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct FtpCleartext;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &FtpCleartext;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV707",
    name: "ftp-cleartext",
    cwe: &[319],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Network,
    aliases: &["B321", "B402", "S321", "S402"],
    status: Status::Stable,
    summary: "Flags `ftplib.FTP` connections, and imports of `ftplib` (other than of `FTP_TLS` \
              and the error classes) with low severity.",
    why: "Plain FTP sends the login, the password and every file in cleartext. Anyone on the \
          network path can capture the credentials and read or replace the transferred files. \
          `ftplib.FTP_TLS` encrypts the control and, after `prot_p()`, the data connection, and \
          is not reported.",
    insecure_example: "
from ftplib import FTP

ftp = FTP(\"files.example\")
ftp.login(\"deploy\", password)
",
    secure_example: "
from ftplib import FTP_TLS

ftp = FTP_TLS(\"files.example\")
ftp.login(\"deploy\", password)
ftp.prot_p()
",
    fix: "use `ftplib.FTP_TLS` (and call `prot_p()`), or SFTP / HTTPS for file transfer",
    references: &[
        "https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS",
        "https://cwe.mitre.org/data/definitions/319.html",
    ],
};

/// Names of `ftplib` that do not imply cleartext FTP.
const HARMLESS_NAMES: &[&str] = &[
    "FTP_TLS",
    "all_errors",
    "error_perm",
    "error_proto",
    "error_reply",
    "error_temp",
    "Error",
];

impl Rule for FtpCleartext {
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
        Some(vec!["ftplib.FTP"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["ftplib"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if call.name() != "ftplib.FTP" {
            return;
        }
        cx.report(
            call.range(),
            "`ftplib.FTP` transfers credentials and files in cleartext",
        )
        .label("cleartext FTP connection")
        .fix("use `ftplib.FTP_TLS` and call `prot_p()` before transferring data");
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let imports = imports_module(stmt, "ftplib", HARMLESS_NAMES);
        if imports {
            cx.report(
                stmt.range(),
                "`ftplib` is imported: plain FTP sends credentials and data in cleartext",
            )
            .label("cleartext protocol module")
            .severity(Severity::Low)
            .confidence(Confidence::Low);
        }
    }
}
