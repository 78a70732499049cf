//! Request data and other untrusted input used in a file system path.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::PathTraversal;

const DOCS: TaintDocs = TaintDocs {
    why: "A file name or path from outside the program is joined to a directory and then \
          opened, sent, written or deleted. `../` sequences, and absolute paths (which \
          `os.path.join` lets replace the directory), take the operation out of the directory \
          the code had in mind: the attacker downloads `/etc/passwd` or the application's own \
          settings, or overwrites and deletes files the process can reach. The path shown with \
          the finding goes from where the value enters to the file operation.",
    insecure_example: "
import os

from flask import request, send_file

UPLOADS = \"/srv/uploads\"

def download():
    name = request.args[\"name\"]
    return send_file(os.path.join(UPLOADS, name))
",
    secure_example: "
import os

from flask import request, send_file
from werkzeug.utils import secure_filename

UPLOADS = \"/srv/uploads\"

def download():
    name = secure_filename(request.args[\"name\"])
    return send_file(os.path.join(UPLOADS, name))
",
    references: &[
        "https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.utils.secure_filename",
        "https://owasp.org/www-community/attacks/Path_Traversal",
        "https://cwe.mitre.org/data/definitions/22.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
