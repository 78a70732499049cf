//! Request data and other untrusted input becoming an argument of a program run without a shell.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::ArgumentInjection;

const DOCS: TaintDocs = TaintDocs {
    why: "Text from outside the program becomes an element of the argument list of a program \
          the code starts. No shell is involved, but the program itself still reads options \
          from its arguments: a value starting with `-` is taken as an option, so \
          `--upload-pack=touch /tmp/pwned` given to `git clone`, `-oProxyCommand=...` given to \
          `ssh` or `--output=/etc/cron.d/job` given to a downloader runs commands or writes \
          files. The path shown with the finding goes from where the value enters to the call \
          that starts the process.",
    insecure_example: "
import subprocess

from flask import request

def mirror():
    repo = request.form[\"repo\"]
    subprocess.run([\"git\", \"clone\", repo, \"/srv/mirror\"], check=True)
    return \"ok\"
",
    secure_example: "
import re
import subprocess

from flask import abort, request

REPO_URL = r\"https://github\\.com/[\\w.-]+/[\\w.-]+\"

def mirror():
    repo = request.form[\"repo\"]
    if not re.fullmatch(REPO_URL, repo):
        abort(400)
    subprocess.run([\"git\", \"clone\", \"--\", repo, \"/srv/mirror\"], check=True)
    return \"ok\"
",
    references: &[
        "https://docs.python.org/3/library/subprocess.html#frequently-used-arguments",
        "https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/88.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
