//! What a rule sees while it runs, and how it reports.

use crate::analyze::RuleMatch;
use crate::file_facts::FileFacts;
use crate::helpers::callee_names::CalleeNames;
use antivenom_diagnostics::RuleMeta;
use antivenom_semantic::FileSemantic;
use antivenom_taint::{FileAnalysis, ModuleContext};
use ruff_python_ast::{Expr, ExprCall, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::cell::OnceCell;
use std::sync::Arc;

/// A call expression whose callee is resolved at most once for all rules,
/// and only when needed: the last segment of its qualified name, which
/// picks the rules to run, is mostly known without resolving it (see
/// [`Self::resolved_last_segment`]), and most calls interest no rule that
/// needs the whole name.
#[derive(Clone, Copy)]
pub struct CallSite<'e> {
    /// The call.
    pub call: &'e ExprCall,
    /// The same call as an expression.
    pub expr: &'e Expr,
    semantic: &'e FileSemantic<'e>,
    /// The callee's qualified name, once resolved.
    resolved: &'e OnceCell<Option<String>>,
    /// See [`Self::resolved_last_segment`].
    resolved_last: Option<&'e str>,
}

impl std::fmt::Debug for CallSite<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("CallSite")
            .field("call", self.call)
            .field("resolved", self.resolved)
            .finish_non_exhaustive()
    }
}

impl<'e> CallSite<'e> {
    /// The call `call` (also given as the expression `expr`), whose callee
    /// `semantic` resolves into `resolved` when first asked.
    pub(crate) fn new(
        call: &'e ExprCall,
        expr: &'e Expr,
        semantic: &'e FileSemantic<'e>,
        resolved: &'e OnceCell<Option<String>>,
    ) -> Self {
        let mut site = Self {
            call,
            expr,
            semantic,
            resolved,
            resolved_last: None,
        };
        site.resolved_last = match call.func.as_ref() {
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            Expr::Name(name) => semantic
                .known_last_segment(name)
                .or_else(|| site.qualified_name().map(last_segment)),
            _ => site.qualified_name().map(last_segment),
        };
        site
    }

    /// The callee's fully-qualified name (`subprocess.Popen`, `eval`), when
    /// it resolves to an import or a builtin.
    #[must_use]
    pub fn qualified_name(&self) -> Option<&'e str> {
        self.resolved
            .get_or_init(|| self.semantic.qualified_name(&self.call.func))
            .as_deref()
    }

    /// The resolved callee name, or `""` when unresolved.
    #[must_use]
    pub fn name(&self) -> &'e str {
        self.qualified_name().unwrap_or_default()
    }

    /// `names` holds the callee's qualified name, found without resolving
    /// the callee when the last segment it would resolve to rules every
    /// name out (see [`Self::resolved_last_segment`]).
    #[must_use]
    #[inline]
    pub(crate) fn name_is_one_of(&self, names: &CalleeNames) -> bool {
        if let Some(last) = self.resolved_last
            && !names.may_end_with(last)
        {
            return false;
        }
        names.contains(self.name())
    }

    /// The last dotted segment of the callee's qualified name when it
    /// resolves; when it does not, the callee's own last name or `None`.
    /// Worked out without resolving an attribute callee (see
    /// [`crate::helpers::prefilters::may_resolve_with_last`]) or a name
    /// bound by something other than a relative import or an assignment
    /// (see [`FileSemantic::known_last_segment`]).
    pub(crate) fn resolved_last_segment(&self) -> Option<&'e str> {
        self.resolved_last
    }

    /// The argument passed by keyword `name` or else at `position`.
    #[must_use]
    pub fn argument(&self, name: &str, position: usize) -> Option<&'e Expr> {
        self.call.arguments.find_argument_value(name, position)
    }

    /// The argument passed by keyword `name` only.
    #[must_use]
    pub fn keyword(&self, name: &str) -> Option<&'e Expr> {
        self.call
            .arguments
            .find_keyword(name)
            .map(|keyword| &keyword.value)
    }

    /// The argument at `position` only (not a keyword).
    #[must_use]
    pub fn positional(&self, position: usize) -> Option<&'e Expr> {
        self.call.arguments.find_positional(position)
    }

    /// `true` when the call spreads `*args` or `**kwargs`, so absent
    /// arguments may still be passed.
    #[must_use]
    pub fn has_unpacking(&self) -> bool {
        self.call.arguments.args.iter().any(Expr::is_starred_expr)
            || self
                .call
                .arguments
                .keywords
                .iter()
                .any(|keyword| keyword.arg.is_none())
    }

    /// The range of the whole call.
    #[must_use]
    pub fn range(&self) -> TextRange {
        self.call.range()
    }
}

/// The last dotted segment of `name`. (A byte search: `rsplit_once('.')`
/// costs several times more on these short names.)
pub(crate) fn last_segment(name: &str) -> &str {
    match name.bytes().rposition(|byte| byte == b'.') {
        Some(dot) => name.get(dot + 1..).unwrap_or_default(),
        None => name,
    }
}

/// The state a rule reads and reports into. One per file.
pub struct RuleContext<'a, 'f> {
    semantic: &'f FileSemantic<'a>,
    source: &'f str,
    comments: &'f [TextRange],
    rules: &'f [Arc<RuleMeta>],
    /// Index into `rules` of the rule being run.
    pub(crate) current_rule: usize,
    /// Range of the statement being visited (for suppression comments).
    pub(crate) statement_range: TextRange,
    /// The innermost statement being visited.
    pub(crate) statement: Option<&'a Stmt>,
    /// The expression whose child is being visited.
    pub(crate) parent_expression: Option<&'a Expr>,
    /// Subtrees a rule has asked not to be called on: (rule index, range).
    /// Each entry lives until the walk leaves the expression it was made in.
    pub(crate) skipped: Vec<(usize, TextRange)>,
    pub(crate) matches: Vec<RuleMatch>,
    /// The file's taint analysis, run when the first taint rule asks.
    pub(crate) taint: OnceCell<FileAnalysis>,
    /// File-level facts rules ask about often, worked out on first use.
    facts: &'f FileFacts,
    /// Where the taint analysis runs: the file's index, the threat model
    /// (see [`crate::RuleSet::with_taint_local_sources`]) and the project.
    taint_context: ModuleContext<'f>,
}

impl<'a, 'f> RuleContext<'a, 'f> {
    pub(crate) fn new(
        semantic: &'f FileSemantic<'a>,
        source: &'f str,
        comments: &'f [TextRange],
        rules: &'f [Arc<RuleMeta>],
        facts: &'f FileFacts,
    ) -> Self {
        Self {
            semantic,
            source,
            comments,
            rules,
            current_rule: 0,
            statement_range: TextRange::default(),
            statement: None,
            parent_expression: None,
            skipped: Vec::new(),
            matches: Vec::new(),
            taint: OnceCell::new(),
            facts,
            taint_context: ModuleContext::default(),
        }
    }

    pub(crate) fn with_taint(mut self, context: ModuleContext<'f>) -> Self {
        self.taint_context = context;
        self
    }

    /// `true` when taint rules report flows from local input too.
    #[must_use]
    pub fn taint_local_sources(&self) -> bool {
        self.taint_context.local_sources
    }

    /// The index of the file in the run (taint steps in other files carry
    /// theirs).
    #[must_use]
    pub fn file_index(&self) -> u32 {
        self.taint_context.file
    }

    /// The taint analysis of the file (run once, shared by the taint rules).
    pub fn taint_analysis(&self) -> &FileAnalysis {
        self.taint.get_or_init(|| {
            let suite = self
                .semantic
                .model()
                .definitions
                .python_ast()
                .unwrap_or_default();
            crate::taint::analyze(suite, self.semantic, self.source, self.taint_context)
        })
    }

    /// The innermost statement around the node being checked.
    #[must_use]
    pub fn statement(&self) -> Option<&'a Stmt> {
        self.statement
    }

    /// The expression the expression being checked is a direct child of
    /// (`None` at the top of a statement's expressions).
    #[must_use]
    pub fn parent_expression(&self) -> Option<&'a Expr> {
        self.parent_expression
    }

    /// Asks the walker not to call the current rule's expression and call
    /// hooks on anything inside `range`, a part of the expression being
    /// checked (the rule has judged that subtree as a whole).
    pub fn skip_subtree(&mut self, range: TextRange) {
        self.skipped.push((self.current_rule, range));
    }

    /// `true` when rule `index` asked to skip a subtree holding `range`.
    pub(crate) fn is_skipped(&self, index: usize, range: TextRange) -> bool {
        self.skipped
            .iter()
            .any(|&(rule, skipped)| rule == index && skipped.contains_range(range))
    }

    /// File-level facts, worked out once per file (borrowed for the
    /// file, not from the context, so a rule can keep them while it
    /// reports).
    pub(crate) fn facts(&self) -> &'f FileFacts {
        self.facts
    }

    /// [`FileSemantic::may_import`], asked once per file and root (for
    /// rules that ask on many nodes).
    #[must_use]
    pub fn may_import(&self, root: &'static str) -> bool {
        self.facts.may_import(self.semantic, root)
    }

    /// Names, bindings and constants of the file.
    #[must_use]
    pub fn semantic(&self) -> &'f FileSemantic<'a> {
        self.semantic
    }

    /// The file's whole (decoded) text.
    #[must_use]
    pub fn source(&self) -> &'f str {
        self.source
    }

    /// The ranges of the file's comments, in order.
    #[must_use]
    pub fn comments(&self) -> &'f [TextRange] {
        self.comments
    }

    /// The source text of `range` (empty if out of bounds).
    #[must_use]
    pub fn text(&self, range: TextRange) -> &'f str {
        self.source.get(range.to_std_range()).unwrap_or_default()
    }

    /// The metadata of the rule being run.
    #[must_use]
    pub fn rule(&self) -> Option<&RuleMeta> {
        self.rules.get(self.current_rule).map(AsRef::as_ref)
    }

    /// Reports a finding of the current rule at `range`. The returned match
    /// can be refined (severity, confidence, label, fix).
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut RuleMatch {
        // The walker only ever sets `current_rule` to an index of `rules`.
        let rule = Arc::clone(&self.rules[self.current_rule]);
        let index = self.matches.len();
        // Outside any statement (module-level checks) the finding is its own scope.
        let statement_range = if self.statement.is_some() {
            self.statement_range
        } else {
            range
        };
        self.matches
            .push(RuleMatch::new(rule, range, message.into(), statement_range));
        &mut self.matches[index]
    }
}
