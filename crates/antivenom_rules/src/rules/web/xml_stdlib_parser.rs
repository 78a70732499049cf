//! Standard-library XML parsers used on data that is not a constant.

use crate::helpers::is_truthy_constant;
use crate::helpers::receivers::constructor;
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct XmlStdlibParser;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &XmlStdlibParser;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV906",
    name: "xml-stdlib-parser",
    cwe: &[776, 611],
    severity: Severity::Medium,
    confidence: Confidence::Low,
    category: Category::Web,
    aliases: &[
        "B313", "B314", "B315", "B316", "B317", "B318", "B319", "S313", "S314", "S315", "S316",
        "S317", "S318", "S319",
    ],
    status: Status::Stable,
    summary: "Flags parsing with `xml.etree`, `xml.dom.minidom`, `xml.dom.pulldom`, \
              `xml.dom.expatbuilder` and `xml.sax` (parsers, `parse`, `fromstring`, \
              `parseString`...) unless the XML text is a constant, and, with high severity, SAX \
              parsers told to resolve external entities.",
    why: "The standard-library parsers expand entities defined in the document. On untrusted \
          XML, nested entity definitions (\"billion laughs\") or quadratic blow-ups exhaust \
          memory and CPU unless the process uses Expat 2.4.1 or newer, which many long-lived \
          distributions and embedded builds do not. A SAX parser with \
          `feature_external_ges` enabled also reads local files and URLs named by the document \
          (XXE). `defusedxml` provides the same APIs with these features refused. XML text \
          that is a constant in the code is not reported, nor text the program has just \
          serialized with `ElementTree.tostring` (re-parsed to pretty-print it), which \
          cannot declare entities.",
    insecure_example: "
import xml.etree.ElementTree as ET

def import_feed(request):
    root = ET.fromstring(request.body)
    return [item.text for item in root.iter(\"title\")]
",
    secure_example: "
import defusedxml.ElementTree as ET

def import_feed(request):
    root = ET.fromstring(request.body)
    return [item.text for item in root.iter(\"title\")]
",
    fix: "parse untrusted XML with `defusedxml` (same API: `defusedxml.ElementTree`, `defusedxml.minidom`, `defusedxml.sax`)",
    references: &[
        "https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
        "https://pypi.org/project/defusedxml/",
    ],
};

/// Modules with the ElementTree API.
const ELEMENT_TREE_MODULES: &[&str] = &["xml.etree.ElementTree.", "xml.etree.cElementTree."];

/// Whether the call parses XML, and where its text argument is when the
/// document is passed as text (so that a constant can be recognised).
enum Parsing {
    /// Parses a file, a stream or later feeds: never exempt.
    Source,
    /// Parses the text in this argument (name, position).
    Text(&'static str, usize),
}

fn parsing(name: &str) -> Option<Parsing> {
    if let Some(function) = ELEMENT_TREE_MODULES
        .iter()
        .find_map(|module| name.strip_prefix(module))
    {
        return match function {
            "parse" | "iterparse" | "XMLParser" | "XMLPullParser" => Some(Parsing::Source),
            "fromstring" | "XML" => Some(Parsing::Text("text", 0)),
            "fromstringlist" => Some(Parsing::Text("sequence", 0)),
            _ => None,
        };
    }
    match name {
        "xml.dom.minidom.parse"
        | "xml.dom.pulldom.parse"
        | "xml.dom.expatbuilder.parse"
        | "xml.sax.parse"
        | "xml.sax.make_parser"
        | "xml.sax.expatreader.create_parser" => Some(Parsing::Source),
        "xml.dom.minidom.parseString"
        | "xml.dom.pulldom.parseString"
        | "xml.dom.expatbuilder.parseString" => Some(Parsing::Text("string", 0)),
        "xml.sax.parseString" => Some(Parsing::Text("string", 0)),
        _ => None,
    }
}

/// `ElementTree.tostring(element)`, in place or through a variable: XML
/// written by the serializer from a tree, which never holds a DTD.
fn is_serialized_tree(semantic: &antivenom_semantic::FileSemantic<'_>, text: &Expr) -> bool {
    constructor(semantic, text).is_some_and(|callee| {
        ELEMENT_TREE_MODULES.iter().any(|module| {
            callee
                .strip_prefix(module)
                .is_some_and(|function| matches!(function, "tostring" | "tostringlist"))
        })
    })
}

const EXTERNAL_ENTITY_FEATURES: &[&str] = &[
    "xml.sax.handler.feature_external_ges",
    "xml.sax.handler.feature_external_pes",
];

impl Rule for XmlStdlibParser {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // `setFeature` and the functions [`parsing`] knows.
        Some(vec![
            "setFeature",
            "parse",
            "iterparse",
            "XMLParser",
            "XMLPullParser",
            "fromstring",
            "XML",
            "fromstringlist",
            "make_parser",
            "create_parser",
            "parseString",
        ])
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        // `parser.setFeature(feature_external_ges, True)`: XXE on purpose.
        if let Expr::Attribute(attribute) = call.call.func.as_ref()
            && attribute.attr.as_str() == "setFeature"
            && call.qualified_name().is_none()
        {
            let feature = call
                .positional(0)
                .and_then(|feature| {
                    semantic
                        .qualified_name(feature)
                        .or_else(|| semantic.constant_str(feature))
                })
                .unwrap_or_default();
            let external = EXTERNAL_ENTITY_FEATURES.contains(&feature.as_str())
                || feature.starts_with("http://xml.org/sax/features/external-");
            if external
                && call
                    .positional(1)
                    .is_some_and(|on| is_truthy_constant(semantic, on))
            {
                cx.report(
                    call.range(),
                    "the SAX parser is told to resolve external entities: documents can make it \
                     read local files or fetch URLs (XXE)",
                )
                .label("external entities enabled")
                .severity(Severity::High)
                .confidence(Confidence::High);
            }
            return;
        }
        let name = call.name();
        let Some(kind) = parsing(name) else {
            return;
        };
        if let Parsing::Text(keyword, position) = kind
            && call.argument(keyword, position).is_some_and(|text| {
                semantic.is_constant(text) || is_serialized_tree(semantic, text)
            })
        {
            return;
        }
        cx.report(
            call.range(),
            format!(
                "`{name}` expands entities of the documents it parses: untrusted XML can exhaust \
                 memory unless Expat is recent; `defusedxml` refuses such documents"
            ),
        )
        .label("XML parsed without defusedxml");
    }
}
