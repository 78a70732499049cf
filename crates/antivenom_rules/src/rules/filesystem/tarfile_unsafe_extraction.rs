//! Tar archives extracted without a member filter.

use crate::helpers::receivers::{constructor, file_imports};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;

pub(crate) struct TarfileUnsafeExtraction;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TarfileUnsafeExtraction;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV805",
    name: "tarfile-unsafe-extraction",
    cwe: &[22, 59],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Filesystem,
    aliases: &["B202", "S202"],
    status: Status::Stable,
    summary: "Flags `TarFile.extractall` / `extract` and `shutil.unpack_archive` called without \
              a safe extraction filter (`filter=\"data\"` or `\"tar\"`).",
    why: "Tar members carry their own path and type. Without a filter, a crafted archive \
          writes to absolute paths or climbs out of the target directory with `..`, and \
          symlink or hard-link members redirect later writes anywhere the process can write \
          (CVE-2007-4559): configuration, code, SSH keys. Python 3.12 added extraction filters; \
          the `data` filter rejects all of this. Before 3.14 the default is still \"fully \
          trusted\". A `members=` list built by custom code is reported with low severity, to be \
          reviewed; a constant `members=` (nothing extracted) is not reported. The receiver must \
          come from `tarfile.open` / `TarFile` in the same scope, or, when it is unknown, the \
          file must import `tarfile` (medium confidence). Zip archives are covered by \
          `zipfile-unbounded-extraction` (`zipfile` itself strips absolute paths and `..`).",
    insecure_example: "
import tarfile

def unpack(upload, target):
    with tarfile.open(upload) as archive:
        archive.extractall(target)
",
    secure_example: "
import tarfile

def unpack(upload, target):
    with tarfile.open(upload) as archive:
        archive.extractall(target, filter=\"data\")
",
    fix: "pass `filter=\"data\"` (Python 3.12+, and backports in 3.8.17+ / 3.9.17+ / 3.10.12+ / 3.11.4+), or validate each member's name and type before extracting it",
    references: &[
        "https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter",
        "https://peps.python.org/pep-0706/",
        "https://docs.python.org/3/library/shutil.html#shutil.unpack_archive",
    ],
};

/// Callables that return a `TarFile`.
const TAR_OPENERS: &[&str] = &[
    "tarfile.open",
    "tarfile.TarFile",
    "tarfile.TarFile.open",
    "tarfile.TarFile.taropen",
    "tarfile.TarFile.gzopen",
    "tarfile.TarFile.bz2open",
    "tarfile.TarFile.xzopen",
    "tarfile.TarFile.zstopen",
];

const SAFE_FILTERS: &[&str] = &["data", "tar"];
const SAFE_FILTER_FUNCTIONS: &[&str] = &["tarfile.data_filter", "tarfile.tar_filter"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Receiver {
    /// Built by `tarfile.open` and friends.
    Known,
    /// Unknown, in a file that imports `tarfile`.
    Inferred,
}

/// Whether `call` is `<tar>.extractall()` / `<tar>.extract()`, which, and
/// how many leading positional arguments precede the method's own (1 for
/// `TarFile.extractall(archive, ...)`).
fn tar_method(
    call: &CallSite<'_>,
    semantic: &FileSemantic<'_>,
) -> Option<(&'static str, Receiver, usize)> {
    let Expr::Attribute(attribute) = call.call.func.as_ref() else {
        return None;
    };
    let method = match attribute.attr.as_str() {
        "extractall" => "extractall",
        "extract" => "extract",
        _ => return None,
    };
    // `tarfile.TarFile.extractall(archive, path)`.
    if let Some(name) = call.qualified_name() {
        let unbound = usize::from(name.starts_with("tarfile.TarFile."));
        return name
            .starts_with("tarfile.")
            .then_some((method, Receiver::Known, unbound));
    }
    match constructor(semantic, &attribute.value) {
        Some(built_by) => {
            TAR_OPENERS
                .contains(&built_by.as_str())
                .then_some((method, Receiver::Known, 0))
        }
        None => file_imports(semantic, "tarfile").then_some((method, Receiver::Inferred, 0)),
    }
}

enum FilterState {
    Safe,
    /// Absent, `None` or `fully_trusted`: (how it was given).
    Unsafe(&'static str),
}

fn filter_state(semantic: &FileSemantic<'_>, filter: Option<&Expr>) -> FilterState {
    let Some(filter) = filter else {
        return FilterState::Unsafe("without `filter=`");
    };
    match semantic.constant(filter) {
        Some(Constant::Str(name)) if SAFE_FILTERS.contains(&name.as_str()) => FilterState::Safe,
        Some(Constant::Str(_)) => FilterState::Unsafe("with the `fully_trusted` filter"),
        Some(_) => FilterState::Unsafe("with `filter=None`"),
        None => match semantic.qualified_name(filter).as_deref() {
            Some(name) if SAFE_FILTER_FUNCTIONS.contains(&name) => FilterState::Safe,
            Some("tarfile.fully_trusted_filter") => {
                FilterState::Unsafe("with the `fully_trusted` filter")
            }
            // A filter of the application's own: trusted to do its job.
            _ => FilterState::Safe,
        },
    }
}

enum Members {
    /// Every member of the archive.
    All,
    /// A constant selection (nothing, or fixed names).
    Constant,
    /// Chosen by code of the application.
    Custom,
}

fn members_state(semantic: &FileSemantic<'_>, members: Option<&Expr>) -> Members {
    let Some(members) = members else {
        return Members::All;
    };
    match semantic.constant(members) {
        Some(Constant::None) => return Members::All,
        Some(_) => return Members::Constant,
        None => {}
    }
    // `members=archive` or `members=archive.getmembers()`.
    let archive = match members {
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(attribute) if attribute.attr.as_str() == "getmembers" => {
                Some(&*attribute.value)
            }
            _ => None,
        },
        other => Some(other),
    };
    if archive
        .and_then(|archive| constructor(semantic, archive))
        .is_some_and(|built_by| TAR_OPENERS.contains(&built_by.as_str()))
    {
        Members::All
    } else {
        Members::Custom
    }
}

impl Rule for TarfileUnsafeExtraction {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(vec!["shutil.unpack_archive", "extractall", "extract"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &["tarfile", "shutil"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        if call.name() == "shutil.unpack_archive" {
            let is_zip = call
                .argument("format", 2)
                .and_then(|format| semantic.constant_str(format))
                .is_some_and(|format| format == "zip");
            if is_zip || call.has_unpacking() {
                return;
            }
            if let FilterState::Unsafe(how) = filter_state(semantic, call.keyword("filter")) {
                cx.report(
                    call.range(),
                    format!(
                        "`shutil.unpack_archive` {how} extracts tar archives without checking member \
                         paths and links"
                    ),
                )
                .label("archive extracted without a safe filter")
                .severity(Severity::Medium)
                .confidence(Confidence::Medium)
                .fix("pass `filter=\"data\"` (Python 3.12+)");
            }
            return;
        }
        let Some((method, receiver, offset)) = tar_method(call, semantic) else {
            return;
        };
        if call.keyword("filter").is_none() && call.has_unpacking() {
            return;
        }
        let FilterState::Unsafe(how) = filter_state(semantic, call.keyword("filter")) else {
            return;
        };
        let members = if method == "extractall" {
            members_state(semantic, call.argument("members", 1 + offset))
        } else {
            Members::All
        };
        let confidence = match receiver {
            Receiver::Known => Confidence::High,
            Receiver::Inferred => Confidence::Medium,
        };
        match members {
            Members::Constant => {}
            Members::All => {
                cx.report(
                    call.range(),
                    format!(
                        "`{method}` {how} writes members wherever their names and links point: a \
                         crafted archive can overwrite files outside the target directory"
                    ),
                )
                .label("tar extraction without a safe filter")
                .severity(if method == "extract" {
                    Severity::Medium
                } else {
                    Severity::High
                })
                .confidence(confidence);
            }
            Members::Custom => {
                cx.report(
                    call.range(),
                    format!(
                        "`{method}` {how} extracts members chosen by custom code: make sure it \
                         rejects absolute paths, `..` and links that leave the target directory"
                    ),
                )
                .label("tar members filtered by hand")
                .severity(Severity::Low)
                .confidence(Confidence::Low);
            }
        }
    }
}
