//! Request data and other untrusted input reaching pickle, marshal, an unsafe YAML loader or another object deserializer.

use crate::helpers::taint_rule::{TaintDocs, TaintRule, taint_meta};
use crate::{Rule, StaticRuleMeta};
use antivenom_taint_models::VulnerabilityClass;
use std::sync::LazyLock;

const CLASS: VulnerabilityClass = VulnerabilityClass::Deserialization;

const DOCS: TaintDocs = TaintDocs {
    why: "Bytes from outside the program are handed to a deserializer that rebuilds arbitrary \
          Python objects. A pickle (or a YAML document with Python tags) can name any callable \
          and its arguments, and the loader calls it while decoding: a crafted cookie or \
          upload runs `os.system` in the server before the application ever looks at the \
          result. Checking the data after loading is too late. The path shown with the finding \
          goes from where the bytes enter to the loading call.",
    insecure_example: "
import base64
import pickle

from flask import request

def cart():
    items = pickle.loads(base64.b64decode(request.cookies[\"cart\"]))
    return {\"count\": len(items)}
",
    secure_example: "
import base64
import json

from flask import request

def cart():
    items = json.loads(base64.b64decode(request.cookies[\"cart\"]))
    return {\"count\": len(items)}
",
    references: &[
        "https://docs.python.org/3/library/pickle.html",
        "https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/502.html",
    ],
};

static META: LazyLock<StaticRuleMeta> = LazyLock::new(|| taint_meta(CLASS, &DOCS));

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &TaintRule {
    class: CLASS,
    meta: &META,
};
