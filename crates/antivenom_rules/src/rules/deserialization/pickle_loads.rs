//! pickle and the libraries built on it (dill, cloudpickle, joblib,
//! jsonpickle, `pandas.read_pickle`).

use crate::helpers::receivers::constructor;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;

pub(crate) struct PickleLoads;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &PickleLoads;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV301",
    name: "pickle-loads",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Deserialization,
    aliases: &["B301", "S301"],
    status: Status::Stable,
    summary: "Flags unpickling with `pickle`, `cPickle`, `_pickle`, `dill`, `cloudpickle`, \
              `joblib.load`, `jsonpickle` and `pandas.read_pickle`.",
    why: "A pickle is a small program for the unpickler: it can import any callable and call \
          it with any arguments (`os.system` included) while the object is rebuilt. Loading a \
          pickle that an attacker wrote, or could modify (an upload, a cache in a shared \
          directory, a message queue, a downloaded model), runs their code in this process. \
          Unpickling a constant payload, or the immediate result of `pickle.dumps`, is not \
          flagged; a payload read from a variable assigned from `pickle.dumps` (a round-trip \
          test) is reported with low severity and confidence.",
    insecure_example: "
import pickle

def restore_session(cookie_value):
    return pickle.loads(cookie_value)
",
    secure_example: "
import json

def restore_session(cookie_value):
    return json.loads(cookie_value)
",
    fix: "use a data-only format such as `json`, or sign and verify the payload (hmac) before loading",
    references: &[
        "https://docs.python.org/3/library/pickle.html#restricting-globals",
        "https://docs.python.org/3/library/hmac.html",
    ],
};

/// How a deserializer receives its input.
enum Input {
    /// Bytes or text in memory (`pickle.loads(data)`), at this position.
    Data(usize),
    /// A file, path or stream (`pickle.load(f)`, `pandas.read_pickle(p)`).
    Source,
}

fn deserializer(name: &str) -> Option<Input> {
    Some(match name {
        "pickle.loads"
        | "cPickle.loads"
        | "_pickle.loads"
        | "dill.loads"
        | "cloudpickle.loads"
        | "jsonpickle.decode"
        | "jsonpickle.unpickler.decode" => Input::Data(0),
        "pickle.load"
        | "cPickle.load"
        | "_pickle.load"
        | "pickle.Unpickler"
        | "cPickle.Unpickler"
        | "_pickle.Unpickler"
        | "dill.load"
        | "dill.Unpickler"
        | "cloudpickle.load"
        | "joblib.load"
        | "jsonpickle.unpickler.Unpickler"
        | "pandas.read_pickle" => Input::Source,
        _ => return None,
    })
}

/// Serializers whose output, unpickled on the spot, is a copy of a local object.
const ROUND_TRIP: &[&str] = &[
    "pickle.dumps",
    "cPickle.dumps",
    "_pickle.dumps",
    "dill.dumps",
    "cloudpickle.dumps",
    "jsonpickle.encode",
];

impl Rule for PickleLoads {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // The last segments of the names [`deserializer`] knows.
        Some(vec!["loads", "decode", "load", "Unpickler", "read_pickle"])
    }

    fn modules(&self) -> &'static [&'static str] {
        &[
            "pickle",
            "cPickle",
            "_pickle",
            "dill",
            "cloudpickle",
            "jsonpickle",
            "joblib",
            "pandas",
        ]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let Some(input) = deserializer(name) else {
            return;
        };
        let data = match input {
            Input::Data(position) => call.positional(position),
            Input::Source => None,
        };
        let semantic = cx.semantic();
        if data.is_some_and(|data| is_trusted_payload(semantic, data)) {
            return;
        }
        let found = cx
            .report(
                call.range(),
                format!("Deserializing data with `{name}` can execute arbitrary code"),
            )
            .label("untrusted data must not be unpickled");
        // `data = pickle.dumps(obj)` then `pickle.loads(data)`: the program's
        // own output unless the variable travels; kept, but at the bottom.
        if data.is_some_and(|data| is_round_trip(semantic, data)) {
            found
                .severity(Severity::Low)
                .confidence(Confidence::Low)
                .label("this program's own pickle.dumps output");
        }
    }
}

/// A payload written in the source, or one serialized in the same breath
/// (`pickle.loads(pickle.dumps(obj))`, a deep-copy idiom).
fn is_trusted_payload(semantic: &FileSemantic<'_>, data: &Expr) -> bool {
    if semantic.is_constant(data) {
        return true;
    }
    let Expr::Call(inner) = data else {
        return false;
    };
    semantic
        .qualified_name(&inner.func)
        .is_some_and(|callee| ROUND_TRIP.contains(&callee.as_str()))
}

/// A name assigned from a serializer's result (`data = pickle.dumps(obj)`).
fn is_round_trip(semantic: &FileSemantic<'_>, data: &Expr) -> bool {
    data.is_name_expr()
        && constructor(semantic, data).is_some_and(|callee| ROUND_TRIP.contains(&callee.as_str()))
}
