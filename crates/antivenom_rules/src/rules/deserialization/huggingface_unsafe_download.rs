//! Hugging Face Hub downloads not pinned to a commit.

use crate::helpers::is_truthy_constant;
use crate::helpers::prefilters::may_resolve_with_last;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::Constant;

pub(crate) struct HuggingfaceUnsafeDownload;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &HuggingfaceUnsafeDownload;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV381",
    name: "huggingface-unsafe-download",
    cwe: &[494],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Deserialization,
    aliases: &["B615"],
    status: Status::Stable,
    summary: "Flags Hugging Face Hub downloads of a repository named in the code \
              (`from_pretrained`, `hf_hub_download`, `snapshot_download`, `load_dataset`) \
              without `revision=` set to a commit hash.",
    why: "Without a revision, or with a branch or tag such as `\"main\"` or `\"v1.0\"`, the \
          files fetched are whatever the repository holds at run time. Whoever controls the \
          repository (its owner, a compromised account, a new owner after a rename) can \
          replace weights, tokenizer files, dataset loading scripts or custom modeling code, \
          and many of these formats (pickled checkpoints, `trust_remote_code`) run code when \
          loaded. A commit hash names immutable content. Local paths, packaged dataset \
          builders such as `\"csv\"`, `local_files_only=True` and revisions computed at run \
          time are not reported; a hexadecimal revision of 7 to 40 digits counts as a \
          commit hash.",
    insecure_example: "
from transformers import AutoModel

model = AutoModel.from_pretrained(\"acme/sentiment\", revision=\"main\")
",
    secure_example: "
from transformers import AutoModel

model = AutoModel.from_pretrained(
    \"acme/sentiment\",
    revision=\"0f3c1a9be2d84471c6d5e0a7f28b9c3d41e6a5b7\",
)
",
    fix: "pass `revision=` with the full commit hash of the reviewed repository state",
    references: &[
        "https://huggingface.co/docs/huggingface_hub/en/guides/download",
        "https://huggingface.co/docs/transformers/en/main_classes/model#transformers.PreTrainedModel.from_pretrained",
        "https://huggingface.co/docs/datasets/en/package_reference/loading_methods#datasets.load_dataset",
    ],
};

/// The functions that download, by last segment.
const FUNCTIONS: &[&str] = &[
    "from_pretrained",
    "hf_hub_download",
    "snapshot_download",
    "load_dataset",
    "load_dataset_builder",
];

/// Dataset builders shipped inside `datasets`: `load_dataset("csv", ...)`
/// reads local or explicitly named files, not a Hub repository.
const PACKAGED_BUILDERS: &[&str] = &[
    "arrow",
    "audiofolder",
    "cache",
    "csv",
    "generator",
    "imagefolder",
    "json",
    "niftifolder",
    "pandas",
    "parquet",
    "pdffolder",
    "spark",
    "sql",
    "text",
    "videofolder",
    "webdataset",
    "xml",
];

/// Where the repository id of a downloading call is.
#[derive(Debug, Clone, Copy)]
struct RepositoryArgument {
    /// Keyword name.
    name: &'static str,
    /// Position.
    position: usize,
    /// Whether a local path may be given instead.
    may_be_local: bool,
}

impl Rule for HuggingfaceUnsafeDownload {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(FUNCTIONS.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &[
            "transformers",
            "diffusers",
            "peft",
            "optimum",
            "setfit",
            "huggingface_hub",
            "datasets",
        ]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        if !may_resolve_with_last(&call.call.func, |last| FUNCTIONS.contains(&last)) {
            return;
        }
        let name = call.name();
        let Some(repository) = repository_argument(name) else {
            return;
        };
        let semantic = cx.semantic();
        // `local_files_only=True` reads the local cache only.
        if call
            .keyword("local_files_only")
            .is_some_and(|value| is_truthy_constant(semantic, value))
        {
            return;
        }
        // Only a repository named in the code can be pinned there; a
        // computed id may just as well be a local directory.
        let Some(id) = call
            .argument(repository.name, repository.position)
            .and_then(|id| semantic.constant(id))
        else {
            return;
        };
        let Constant::Str(id) = id else {
            return;
        };
        if repository.may_be_local && is_local_path(&id) {
            return;
        }
        let dataset = name.ends_with("load_dataset") || name.ends_with("load_dataset_builder");
        if dataset && PACKAGED_BUILDERS.contains(&id.as_str()) {
            return;
        }
        let problem = match call.keyword("revision") {
            // `**kwargs` may pass a revision.
            None if call.has_unpacking() => return,
            None => "without a `revision`".to_owned(),
            Some(revision) => match semantic.constant(revision) {
                Some(Constant::Str(revision)) if is_commit_hash(&revision) => return,
                Some(Constant::Str(revision)) => {
                    format!("with `revision=\"{revision}\"`, a movable branch or tag")
                }
                // `revision=None` means the default branch.
                Some(Constant::None) => "with `revision=None` (the default branch)".to_owned(),
                // Computed at run time: cannot tell, the author chose one.
                _ => return,
            },
        };
        let function = name.rsplit('.').next().unwrap_or(name);
        cx.report(
            call.range(),
            format!(
                "`{function}` downloads Hugging Face repository `{id}` {problem}: its content \
                 can change without notice"
            ),
        )
        .label("download not pinned to a commit");
    }
}

/// Where the repository id is for a downloading function, `None` when
/// `qualified_name` is not one.
fn repository_argument(qualified_name: &str) -> Option<RepositoryArgument> {
    let (module, function) = qualified_name.rsplit_once('.')?;
    let root = module.split('.').next().unwrap_or(module);
    let argument = |name, position, may_be_local| RepositoryArgument {
        name,
        position,
        may_be_local,
    };
    match (root, function) {
        // `PeftModel.from_pretrained(model, model_id, ...)`
        ("peft", "from_pretrained") => Some(argument("model_id", 1, true)),
        ("optimum", "from_pretrained") => Some(argument("model_id", 0, true)),
        ("transformers" | "diffusers" | "setfit" | "huggingface_hub", "from_pretrained") => {
            Some(argument("pretrained_model_name_or_path", 0, true))
        }
        ("huggingface_hub", "hf_hub_download" | "snapshot_download") => {
            Some(argument("repo_id", 0, false))
        }
        ("datasets", "load_dataset" | "load_dataset_builder") => Some(argument("path", 0, true)),
        _ => None,
    }
}

/// `true` for a path that names a local file or directory rather than a
/// Hub repository id (`org/name`).
fn is_local_path(id: &str) -> bool {
    let bytes = id.as_bytes();
    let windows_drive = bytes.len() >= 3
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && matches!(bytes.get(2), Some(b'\\' | b'/'));
    id.starts_with(['/', '.', '~', '\\']) || windows_drive || id.contains('\\')
}

/// `true` for a full or abbreviated (at least 7 digits) hexadecimal commit
/// hash.
fn is_commit_hash(revision: &str) -> bool {
    (7..=40).contains(&revision.len()) && revision.bytes().all(|byte| byte.is_ascii_hexdigit())
}
