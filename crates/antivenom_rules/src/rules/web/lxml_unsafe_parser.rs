//! lxml parsers that may resolve entities of untrusted documents.

use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::Expr;

pub(crate) struct LxmlUnsafeParser;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &LxmlUnsafeParser;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV907",
    name: "lxml-unsafe-parser",
    cwe: &[611, 776],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &["B320", "S320"],
    status: Status::Stable,
    summary: "Flags lxml `XMLParser` / `iterparse` with `resolve_entities=True` or \
              `no_network=False` (high), and lxml parsers or `parse` / `fromstring` / `XML` \
              calls that rely on the default entity resolution (low).",
    why: "An XML document can declare entities that point to local files (`file:///etc/passwd`) \
          or URLs. A parser that resolves them discloses those files in the parsed result or \
          makes requests on the attacker's behalf (XXE, server-side request forgery). lxml \
          resolved all entities by default before version 5.0; since then it resolves only \
          internal ones, so code that does not set `resolve_entities=False` is reported with low \
          severity, and code that turns resolution or network access on explicitly with high \
          severity. A call given its own `parser=` is judged where that parser is created; XML \
          text that is a constant is not reported.",
    insecure_example: "
from lxml import etree

parser = etree.XMLParser(resolve_entities=True)
tree = etree.fromstring(upload, parser)
",
    secure_example: "
from lxml import etree

parser = etree.XMLParser(resolve_entities=False, no_network=True)
tree = etree.fromstring(upload, parser)
",
    fix: "create the parser with `resolve_entities=False` (and keep `no_network=True`), or parse untrusted XML with `defusedxml.lxml`-style wrappers",
    references: &[
        "https://lxml.de/api/lxml.etree.XMLParser-class.html",
        "https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint",
    ],
};

/// Constructors and functions that take the parser options themselves.
const PARSER_OPTIONS: &[&str] = &[
    "lxml.etree.XMLParser",
    "lxml.etree.XMLPullParser",
    "lxml.etree.ETCompatXMLParser",
    "lxml.etree.iterparse",
];

/// Functions that parse with the default parser unless given `parser=`:
/// (name, text-or-source argument position, `parser` position, text input).
const DEFAULT_PARSER_FUNCTIONS: &[(&str, usize, usize, bool)] = &[
    ("lxml.etree.parse", 0, 1, false),
    ("lxml.etree.fromstring", 0, 1, true),
    ("lxml.etree.XML", 0, 1, true),
    ("lxml.etree.fromstringlist", 0, 1, true),
];

/// What the options of a parser say about entity resolution.
enum Resolution {
    /// Turned off: safe.
    Off,
    /// Not set: depends on the lxml version.
    Default,
    /// Turned on, or network access allowed.
    On(&'static str),
}

fn resolution(call: &CallSite<'_>, semantic: &FileSemantic<'_>) -> Resolution {
    if let Some(network) = call.keyword("no_network")
        && semantic
            .constant(network)
            .is_some_and(|value| !value.is_truthy())
    {
        return Resolution::On("`no_network=False`");
    }
    let Some(resolve) = call.keyword("resolve_entities") else {
        return if call.has_unpacking() {
            Resolution::Off
        } else {
            Resolution::Default
        };
    };
    match semantic.constant(resolve) {
        // `"internal"` (lxml 5+) resolves only entities defined inline.
        Some(Constant::Str(mode)) if mode == "internal" => Resolution::Off,
        Some(value) if value.is_truthy() => Resolution::On("`resolve_entities=True`"),
        Some(_) => Resolution::Off,
        // Chosen at run time: assume it is configured on purpose.
        None => Resolution::Off,
    }
}

impl Rule for LxmlUnsafeParser {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(
            PARSER_OPTIONS
                .iter()
                .copied()
                .chain(DEFAULT_PARSER_FUNCTIONS.iter().map(|(name, ..)| *name))
                .collect(),
        )
    }

    fn modules(&self) -> &'static [&'static str] {
        &["lxml"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let name = call.name();
        let semantic = cx.semantic();
        if PARSER_OPTIONS.contains(&name) {
            match resolution(call, semantic) {
                Resolution::Off => {}
                Resolution::On(setting) => {
                    cx.report(
                        call.range(),
                        format!(
                            "`{name}` with {setting}: documents can make the parser read local \
                             files or fetch URLs through entities (XXE)"
                        ),
                    )
                    .label("external entities resolved");
                }
                Resolution::Default => {
                    cx.report(
                        call.range(),
                        format!(
                            "`{name}` does not set `resolve_entities=False`: lxml before 5.0 \
                             resolves external entities of the parsed document"
                        ),
                    )
                    .label("entity resolution left at the default")
                    .severity(Severity::Low)
                    .confidence(Confidence::Low);
                }
            }
            return;
        }
        let Some(&(_, source, parser, text)) = DEFAULT_PARSER_FUNCTIONS
            .iter()
            .find(|(function, ..)| *function == name)
        else {
            return;
        };
        if call.argument("parser", parser).is_some() || call.has_unpacking() {
            return;
        }
        let input: Option<&Expr> = call.positional(source);
        if text && input.is_some_and(|input| semantic.is_constant(input)) {
            return;
        }
        cx.report(
            call.range(),
            format!(
                "`{name}` uses lxml's default parser: lxml before 5.0 resolves external entities \
                 of the parsed document"
            ),
        )
        .label("default lxml parser")
        .severity(Severity::Low)
        .confidence(Confidence::Low);
    }
}
