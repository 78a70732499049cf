//! Vulnerability classes: what a sink is dangerous for. Each class is one
//! taint rule, with its code, name, CWE and default severity and confidence.

use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use serde::Deserialize;
use std::fmt;

/// What a tainted value reaching a sink can do. Sinks name one class;
/// sanitizers and guards clear a set of them ([`ClassSet`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VulnerabilityClass {
    /// A shell command string, or the program to run (`os.system(x)`,
    /// `subprocess.run(x, shell=True)`, `subprocess.run([x, ...])`).
    CommandInjection,
    /// An argument in the argument vector of a program that is not chosen
    /// by the attacker (`subprocess.run(["git", "log", x])`).
    ArgumentInjection,
    /// Python source run by the interpreter (`eval`, `exec`, dynamic import).
    CodeInjection,
    /// An attribute name looked up on an object (`getattr(obj, x)`).
    UnsafeReflection,
    /// A SQL statement.
    SqlInjection,
    /// A NoSQL query document (`collection.find(x)`).
    NosqlInjection,
    /// A file system path.
    PathTraversal,
    /// The URL or host of an outgoing request.
    Ssrf,
    /// The target of an HTTP redirect.
    OpenRedirect,
    /// HTML written to a response without escaping.
    Xss,
    /// The source text of a server-side template.
    TemplateInjection,
    /// Bytes given to an object deserializer (`pickle`, unsafe `yaml`).
    Deserialization,
    /// An XPath expression.
    XpathInjection,
    /// An LDAP search filter or distinguished name.
    LdapInjection,
    /// A log message (forged entries through line breaks).
    LogInjection,
    /// An HTTP response header name or value.
    HeaderInjection,
    /// A response cookie name or value.
    CookieInjection,
    /// A regular expression pattern.
    RegexInjection,
    /// An XML document parsed with entity expansion.
    Xxe,
    /// A `str.format` template (it can read attributes of the arguments).
    FormatStringInjection,
    /// Untrusted data stored in the server-side session.
    TrustBoundary,
}

/// The fixed description of a vulnerability class and of the taint rule
/// that reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassMeta {
    /// The class.
    pub class: VulnerabilityClass,
    /// Its kebab-case name in model files (`sql-injection`).
    pub id: &'static str,
    /// The code of its taint rule (`AV420`).
    pub code: &'static str,
    /// The name of its taint rule (`tainted-sql-query`).
    pub rule_name: &'static str,
    /// CWE numbers, most specific first.
    pub cwe: &'static [u32],
    /// Default severity of a finding.
    pub severity: Severity,
    /// Default confidence of a direct flow (the engine lowers it for flows
    /// through unknown calls or heuristic models).
    pub confidence: Confidence,
    /// Rule category.
    pub category: Category,
    /// Whether the rule runs by default (`Preview` classes run when selected).
    pub status: Status,
    /// One sentence: what the rule reports.
    pub summary: &'static str,
    /// One sentence: how to fix a finding.
    pub fix: &'static str,
}

macro_rules! class_table {
    ($( $variant:ident, $id:literal, $code:literal, $rule:literal, [$($cwe:literal),+],
        $severity:ident, $confidence:ident, $category:ident, $status:ident,
        $summary:literal, $fix:literal; )+) => {
        /// Every class with its metadata, in code order.
        const TABLE: &[ClassMeta] = &[
            $( ClassMeta {
                class: VulnerabilityClass::$variant,
                id: $id,
                code: $code,
                rule_name: $rule,
                cwe: &[$($cwe),+],
                severity: Severity::$severity,
                confidence: Confidence::$confidence,
                category: Category::$category,
                status: Status::$status,
                summary: $summary,
                fix: $fix,
            }, )+
        ];
    };
}

// Codes follow the catalogue's numbering: the hundreds digit is the domain
// (1 code execution, 2 commands, 3 deserialization, 4 SQL, 7 network,
// 8 file system, 9 web and hygiene); x20-x39 is the taint block of each
// domain, free of pattern rules (x01-x19), other checks (x40-x69) and audit
// rules (x70-x99). Preview classes are outside the list or flag
// code that other tools consider safe (`subprocess.run(["echo", x])`).
class_table! {
    CodeInjection, "code-injection", "AV120", "tainted-code-execution", [94, 95],
        High, High, CodeExecution, Stable,
        "Untrusted data reaches eval, exec, compile or a dynamic import.",
        "do not run code built from input; parse it (ast.literal_eval, json) or map it to a fixed set of functions";
    UnsafeReflection, "unsafe-reflection", "AV121", "tainted-attribute-name", [470],
        Medium, Low, CodeExecution, Preview,
        "Untrusted data chooses the attribute read with getattr.",
        "look the name up in an explicit allow-list of attributes or handlers";
    CommandInjection, "command-injection", "AV220", "tainted-shell-command", [78],
        High, High, CommandInjection, Stable,
        "Untrusted data reaches a shell command string or chooses the program to run.",
        "pass a constant program and an argument list without shell=True; quote with shlex.quote only as a last resort";
    ArgumentInjection, "argument-injection", "AV221", "tainted-process-argument", [88],
        Medium, Medium, CommandInjection, Preview,
        "Untrusted data becomes an argument of a program run without a shell.",
        "put `--` before untrusted arguments and validate that they do not start with `-`";
    Deserialization, "deserialization", "AV320", "tainted-deserialization", [502],
        High, High, Deserialization, Stable,
        "Untrusted data reaches an object deserializer such as pickle or an unsafe YAML loader.",
        "exchange data as JSON or another data-only format; use yaml.safe_load";
    SqlInjection, "sql-injection", "AV420", "tainted-sql-query", [89],
        High, High, SqlInjection, Stable,
        "Untrusted data is part of the text of a SQL statement.",
        "pass values as query parameters (cursor.execute(sql, params)) instead of formatting them into the SQL";
    NosqlInjection, "nosql-injection", "AV421", "tainted-nosql-query", [943],
        Medium, Low, SqlInjection, Preview,
        "Untrusted data is used as a NoSQL query document.",
        "build the query from validated scalar values, never from a decoded request document";
    Ssrf, "ssrf", "AV720", "tainted-request-url", [918],
        High, Medium, Network, Stable,
        "Untrusted data chooses the URL or host of a request the server makes.",
        "check the scheme and host against an allow-list before requesting; keep the host part constant";
    LdapInjection, "ldap-injection", "AV721", "tainted-ldap-query", [90],
        High, Medium, Network, Stable,
        "Untrusted data is part of an LDAP search filter or base DN.",
        "escape values with ldap.filter.escape_filter_chars / escape_dn_chars";
    PathTraversal, "path-traversal", "AV820", "tainted-file-path", [22],
        High, Medium, Filesystem, Stable,
        "Untrusted data is used in a file system path.",
        "reduce the input to a file name (os.path.basename, secure_filename) or normalise the path and check that it stays under the base directory";
    Xss, "xss", "AV920", "tainted-html-response", [79],
        Medium, Medium, Web, Stable,
        "Untrusted data is written into an HTML response without escaping.",
        "render through an autoescaping template or escape with html.escape / markupsafe.escape";
    TemplateInjection, "template-injection", "AV921", "tainted-template-source", [1336, 94],
        High, High, Web, Stable,
        "Untrusted data is used as the source of a server-side template.",
        "keep template sources constant and pass untrusted data as template variables";
    OpenRedirect, "open-redirect", "AV922", "tainted-redirect-url", [601],
        Medium, Medium, Web, Stable,
        "Untrusted data chooses the target of a redirect.",
        "redirect only to relative paths or to hosts checked with url_has_allowed_host_and_scheme";
    HeaderInjection, "header-injection", "AV923", "tainted-response-header", [113],
        Medium, Medium, Web, Stable,
        "Untrusted data is written into an HTTP response header.",
        "reject or strip CR and LF, and allow-list header names";
    Xxe, "xxe", "AV924", "tainted-xml-document", [611, 776],
        Medium, Medium, Web, Stable,
        "Untrusted XML is parsed by a parser that expands entities.",
        "parse untrusted XML with defusedxml, or disable entity resolution and network access in the parser";
    XpathInjection, "xpath-injection", "AV925", "tainted-xpath-query", [643],
        Medium, Medium, Web, Stable,
        "Untrusted data is part of an XPath expression.",
        "pass values as XPath variables (tree.xpath('//u[@n=$name]', name=value))";
    TrustBoundary, "trust-boundary", "AV926", "tainted-session-data", [501],
        Low, Medium, Web, Stable,
        "Untrusted data is stored in the server-side session, where later code trusts it.",
        "validate data before storing it in the session, or keep it out of the session";
    LogInjection, "log-injection", "AV927", "tainted-log-entry", [117],
        Low, Medium, Hygiene, Stable,
        "Untrusted data is written to a log, where line breaks forge entries.",
        "strip CR and LF (or encode the value with repr) before logging it";
    RegexInjection, "regex-injection", "AV928", "tainted-regex-pattern", [730, 1333],
        Medium, Medium, Hygiene, Stable,
        "Untrusted data is used as a regular expression pattern.",
        "escape the input with re.escape before building a pattern from it";
    CookieInjection, "cookie-injection", "AV929", "tainted-cookie", [20],
        Low, Low, Web, Preview,
        "Untrusted data chooses the name or value of a response cookie.",
        "allow-list cookie names and validate values before setting them";
    FormatStringInjection, "format-string-injection", "AV930", "tainted-format-string", [134],
        Medium, Medium, Web, Preview,
        "Untrusted data is used as a str.format template, which can read attributes of its arguments.",
        "keep format strings constant; use string.Template.safe_substitute for user-written templates";
}

impl VulnerabilityClass {
    /// Every class, in code order.
    pub const ALL: [Self; 21] = [
        Self::CodeInjection,
        Self::UnsafeReflection,
        Self::CommandInjection,
        Self::ArgumentInjection,
        Self::Deserialization,
        Self::SqlInjection,
        Self::NosqlInjection,
        Self::Ssrf,
        Self::LdapInjection,
        Self::PathTraversal,
        Self::Xss,
        Self::TemplateInjection,
        Self::OpenRedirect,
        Self::HeaderInjection,
        Self::Xxe,
        Self::XpathInjection,
        Self::TrustBoundary,
        Self::LogInjection,
        Self::RegexInjection,
        Self::CookieInjection,
        Self::FormatStringInjection,
    ];

    /// Metadata of every class, in code order.
    #[must_use]
    pub fn table() -> &'static [ClassMeta] {
        TABLE
    }

    /// This class's metadata.
    #[must_use]
    pub fn meta(self) -> &'static ClassMeta {
        // The table holds every class (checked by a test); the fallback is
        // never taken but keeps this total without a panic path.
        TABLE
            .iter()
            .find(|meta| meta.class == self)
            .unwrap_or(&TABLE[0])
    }

    /// The kebab-case name used in model files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.meta().id
    }

    /// Parses a kebab-case class name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        TABLE
            .iter()
            .find(|meta| meta.id == text)
            .map(|meta| meta.class)
    }

    /// Position of this class in a [`ClassSet`].
    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for VulnerabilityClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of vulnerability classes (a bit set), as cleared by a sanitizer or
/// a guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ClassSet(u32);

impl ClassSet {
    /// No class.
    pub const EMPTY: Self = Self(0);

    /// Every class (`"all"` in model files).
    #[must_use]
    pub fn all() -> Self {
        VulnerabilityClass::ALL
            .iter()
            .fold(Self::EMPTY, |set, class| set.with(*class))
    }

    /// The classes whose exploitation needs characters other than ASCII
    /// letters, digits and `_` (`"string-injection"` in model files): every
    /// class except SSRF (`localhost` is a plain word), trust boundary (any
    /// value is untrusted) and unsafe reflection (any identifier is an
    /// attribute). What `str.isalnum()` or an anchored `re.fullmatch`
    /// guarantees.
    #[must_use]
    pub fn string_injection() -> Self {
        Self::all()
            .without(VulnerabilityClass::Ssrf)
            .without(VulnerabilityClass::TrustBoundary)
            .without(VulnerabilityClass::UnsafeReflection)
    }

    /// This set plus `class`.
    #[must_use]
    pub const fn with(self, class: VulnerabilityClass) -> Self {
        Self(self.0 | class.bit())
    }

    /// This set minus `class`.
    #[must_use]
    pub const fn without(self, class: VulnerabilityClass) -> Self {
        Self(self.0 & !class.bit())
    }

    /// Whether `class` is in the set.
    #[must_use]
    pub const fn contains(self, class: VulnerabilityClass) -> bool {
        self.0 & class.bit() != 0
    }

    /// Union.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The classes of `self` not in `other`.
    #[must_use]
    pub const fn difference(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The raw bits (bit `n` is the `n`-th variant of [`VulnerabilityClass`]).
    #[must_use]
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// The classes in the set, in code order.
    pub fn iter(self) -> impl Iterator<Item = VulnerabilityClass> {
        VulnerabilityClass::ALL
            .into_iter()
            .filter(move |class| self.contains(*class))
    }

    /// Parses one entry of a `clears` list: a class name, `all` or
    /// `string-injection`.
    #[must_use]
    pub fn parse_entry(text: &str) -> Option<Self> {
        match text {
            "all" => Some(Self::all()),
            "string-injection" => Some(Self::string_injection()),
            _ => VulnerabilityClass::parse(text).map(|class| Self::EMPTY.with(class)),
        }
    }
}

impl FromIterator<VulnerabilityClass> for ClassSet {
    fn from_iter<I: IntoIterator<Item = VulnerabilityClass>>(iter: I) -> Self {
        iter.into_iter().fold(Self::EMPTY, Self::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_covers_every_class_once_in_order() {
        let table = VulnerabilityClass::table();
        assert_eq!(table.len(), VulnerabilityClass::ALL.len());
        for (meta, class) in table.iter().zip(VulnerabilityClass::ALL) {
            assert_eq!(meta.class, class);
            assert_eq!(VulnerabilityClass::parse(meta.id), Some(class));
            assert_eq!(class.meta().code, meta.code);
        }
        let codes: HashSet<_> = table.iter().map(|meta| meta.code).collect();
        let names: HashSet<_> = table.iter().map(|meta| meta.rule_name).collect();
        assert_eq!(codes.len(), table.len());
        assert_eq!(names.len(), table.len());
    }

    #[test]
    fn variant_order_fits_the_bit_set() {
        assert!(VulnerabilityClass::ALL.len() <= 32);
        let all = ClassSet::all();
        assert_eq!(all.iter().count(), VulnerabilityClass::ALL.len());
    }

    #[test]
    fn groups_parse() {
        let strings = ClassSet::parse_entry("string-injection").unwrap();
        assert!(strings.contains(VulnerabilityClass::SqlInjection));
        assert!(!strings.contains(VulnerabilityClass::Ssrf));
        assert_eq!(ClassSet::parse_entry("all"), Some(ClassSet::all()));
        assert_eq!(ClassSet::parse_entry("sql"), None);
        let xss = ClassSet::parse_entry("xss").unwrap();
        assert_eq!(
            xss.iter().collect::<Vec<_>>(),
            vec![VulnerabilityClass::Xss]
        );
        assert!(
            ClassSet::all()
                .difference(xss)
                .contains(VulnerabilityClass::SqlInjection)
        );
    }
}
