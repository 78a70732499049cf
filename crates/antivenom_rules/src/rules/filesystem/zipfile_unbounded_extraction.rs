//! Zip archives extracted whole, without checking what they contain.

use crate::helpers::receivers::constructor;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct ZipfileUnboundedExtraction;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &ZipfileUnboundedExtraction;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV807",
    name: "zipfile-unbounded-extraction",
    cwe: &[409, 22],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    category: Category::Filesystem,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `ZipFile.extractall` / `extract` on an archive opened with `zipfile.ZipFile`, \
              which writes whatever the archive holds without a size or count limit.",
    why: "An archive that comes from a user or the network decides how much is written: a \
          few kilobytes of zip can expand to gigabytes (a zip bomb) and fill the disk or \
          exhaust inodes. `zipfile` removes absolute paths and `..` from member names, so \
          path traversal is mitigated in current Python, but member names still choose which \
          files inside the target directory are overwritten. Extracting an untrusted archive \
          should check the member list, the total uncompressed size and the compression ratio \
          first. Reported with low severity: it matters when the archive is untrusted.",
    insecure_example: "
import zipfile

def unpack(upload, target):
    with zipfile.ZipFile(upload) as archive:
        archive.extractall(target)
",
    secure_example: "
import zipfile

MAX_TOTAL = 100 * 1024 * 1024

def unpack(upload, target):
    with zipfile.ZipFile(upload) as archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_TOTAL:
            raise ValueError(\"archive too large\")
        for member in members:
            archive.extract(member, target)
",
    fix: "check `infolist()` first (member count, total `file_size`, compression ratio, expected names) and extract only what passes",
    references: &[
        "https://docs.python.org/3/library/zipfile.html#zipfile-resources-limitations",
        "https://docs.python.org/3/library/zipfile.html#zipfile.ZipFile.extractall",
    ],
};

impl Rule for ZipfileUnboundedExtraction {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["extractall"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["zipfile"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Expr::Attribute(attribute) = call.call.func.as_ref() else {
            return;
        };
        // Only extracting everything: `extract(member)` names one member.
        if attribute.attr.as_str() != "extractall" {
            return;
        }
        let from_zipfile = match call.qualified_name() {
            Some(name) => name == "zipfile.ZipFile.extractall",
            None => constructor(cx.semantic(), &attribute.value)
                .is_some_and(|built_by| built_by == "zipfile.ZipFile"),
        };
        // An explicit member list is a selection the code made.
        if !from_zipfile || call.argument("members", 1).is_some() {
            return;
        }
        cx.report(
            call.range(),
            "`ZipFile.extractall` writes every member of the archive with no limit on count or size",
        )
        .label("whole archive extracted unchecked");
    }
}
