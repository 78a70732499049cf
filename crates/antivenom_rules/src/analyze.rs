//! The single AST walk that runs every enabled rule on one file.

use crate::call_dispatch::FileCallHooks;
use crate::context::{CallSite, RuleContext};
use crate::dispatch_tables::FileDispatch;
use crate::file_facts::FileFacts;
use crate::registry::{Hook, RuleSet};
use crate::suppression::{SuppressionDirective, parse_suppression_comment};
use antivenom_arena::{ParsedTree, SemanticInTree};
use antivenom_diagnostics::{Confidence, Finding, RuleMeta, Severity, Status, Suppression};
use antivenom_semantic::ModuleInfo;
use antivenom_taint::{ModuleContext, ProjectCalls, SinkVerdict, Verdict};
use antivenom_taint_models::VulnerabilityClass;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{AnyNodeRef, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

/// One rule match in one file, before it becomes a located `Finding`.
#[derive(Debug, Clone)]
pub struct RuleMatch {
    /// The rule.
    pub rule: Arc<RuleMeta>,
    /// The flagged range.
    pub range: TextRange,
    /// What is wrong.
    pub message: String,
    /// Short label under the range; defaults to the rule's summary.
    pub label: Option<String>,
    /// Fix advice; defaults to the rule's.
    pub fix: Option<String>,
    /// Severity of this match.
    pub severity: Severity,
    /// Confidence of this match.
    pub confidence: Confidence,
    /// Range of the enclosing statement (its header for compound ones).
    pub statement_range: TextRange,
    /// The comment that silences it, if any.
    pub suppression: Option<Suppression>,
    /// For taint findings: the steps from the source to the sink.
    pub flow: Vec<FlowMark>,
}

/// One step of a taint finding's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowMark {
    /// The file: `None` for the file analysed, else the index another file
    /// of the run was analysed with (see [`AnalysisInput::file_index`]).
    pub file: Option<u32>,
    /// Where in that file.
    pub range: TextRange,
    /// What happens there.
    pub message: String,
}

impl RuleMatch {
    pub(crate) fn new(
        rule: Arc<RuleMeta>,
        range: TextRange,
        message: String,
        statement_range: TextRange,
    ) -> Self {
        Self {
            severity: rule.severity,
            confidence: rule.confidence,
            rule,
            range,
            message,
            label: None,
            fix: None,
            statement_range,
            suppression: None,
            flow: Vec::new(),
        }
    }

    /// Overrides the severity.
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    /// Overrides the confidence.
    pub fn confidence(&mut self, confidence: Confidence) -> &mut Self {
        self.confidence = confidence;
        self
    }

    /// Sets the label shown under the range.
    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    /// Sets finding-specific fix advice.
    pub fn fix(&mut self, fix: impl Into<String>) -> &mut Self {
        self.fix = Some(fix.into());
        self
    }

    /// Sets the source-to-sink path of a taint finding.
    pub fn flow(&mut self, flow: Vec<FlowMark>) -> &mut Self {
        self.flow = flow;
        self
    }
}

/// One parsed file, ready for the rules.
#[derive(Clone, Copy)]
pub struct AnalysisInput<'a> {
    /// The module's statements (possibly recovered after syntax errors).
    pub suite: &'a [Stmt],
    /// The decoded source text.
    pub source: &'a str,
    /// Ranges of all comments (for suppression directives).
    pub comments: &'a [TextRange],
    /// Where the module sits (for relative imports).
    pub module: ModuleInfo<'a>,
    /// The 1-based line of a byte offset (the caller's line index, so the
    /// text is not indexed twice). Used only when there are matches.
    pub line_of: &'a dyn Fn(TextSize) -> usize,
    /// The file's index in the run (taint paths name files by index).
    pub file_index: u32,
    /// The functions of the project's other modules, for taint paths
    /// across modules; `None` in a first, file-by-file pass.
    pub project: Option<&'a dyn ProjectCalls>,
    /// The parsed tree `suite` comes from, when it is held in an arena: the
    /// semantic model is then built in the same arena.
    pub tree: Option<&'a ParsedTree>,
}

/// What the taint analysis of a file, run without a project view, found
/// that other modules may matter for.
#[derive(Debug, Default)]
pub struct ProjectLinks {
    /// Fully qualified names of calls in analysed bodies that may go to
    /// functions of other modules of the project.
    pub outgoing: Vec<String>,
    /// Functions and methods (`f`, `Class.method`) that hold a source.
    pub source_functions: Vec<String>,
}

/// Runs every rule of `rules` on one module in a single walk, then marks
/// matches silenced by suppression comments (unless `ignore_suppressions`).
#[must_use]
pub fn analyze_module(
    input: AnalysisInput<'_>,
    rules: &RuleSet,
    ignore_suppressions: bool,
) -> Vec<RuleMatch> {
    analyze_module_with_links(input, rules, ignore_suppressions).0
}

/// [`analyze_module`], also returning what the file's taint analysis (if a
/// taint rule ran it) found that other modules may matter for.
#[must_use]
pub fn analyze_module_with_links(
    input: AnalysisInput<'_>,
    rules: &RuleSet,
    ignore_suppressions: bool,
) -> (Vec<RuleMatch>, ProjectLinks) {
    if rules.is_empty() {
        return (Vec::new(), ProjectLinks::default());
    }
    let semantic = match input.tree {
        Some(tree) => SemanticInTree::build(tree, input.module),
        None => SemanticInTree::ordinary(input.suite, input.module),
    };
    let taint = ModuleContext {
        file: input.file_index,
        local_sources: rules.taint_local_sources(),
        project: input.project,
    };
    let active = rules.module_roots().active_rules(&semantic);
    let facts = FileFacts::default();
    let mut walker = Walker {
        rules,
        call_hooks: FileCallHooks::new(rules.call_hooks(), rules.call_names(), &active),
        dispatch: rules.dispatch_for(&active),
        cx: RuleContext::new(
            &semantic,
            input.source,
            input.comments,
            rules.metas(),
            &facts,
        )
        .with_taint(taint),
    };
    for hook in &walker.dispatch.modules {
        walker.cx.current_rule = hook.index;
        hook.rule.check_module(&mut walker.cx);
    }
    // Rules with module hooks only (the taint rules alone, when a file is
    // analysed again with the rest of the project) need no walk.
    let has_node_hooks = !walker.dispatch.statements.is_empty()
        || !walker.dispatch.expressions.is_empty()
        || !walker.call_hooks.is_empty()
        || !rules.declarative().is_empty();
    if has_node_hooks {
        walker.visit_body(input.suite);
    }
    let analysis = walker.cx.taint.take().unwrap_or_default();
    let mut matches = walker.cx.matches;
    drop_redundant_audit_matches(&mut matches);
    drop_patterns_shown_by_taint(&mut matches);
    settle_patterns_by_taint(&mut matches, &analysis.verdicts);
    let links = ProjectLinks {
        outgoing: analysis.outgoing,
        source_functions: analysis.source_functions,
    };
    if !ignore_suppressions {
        apply_suppressions(&mut matches, input.source, input.comments, input.line_of);
    }
    (matches, links)
}

/// Drops each finding of an audit rule (see [`Status::Audit`]) made at
/// the same range as a finding of a regular rule for the same check (they
/// share a Bandit/Ruff alias, or, without aliases, a CWE): "this calls
/// `eval`" adds nothing next to "this evaluates code built at run time".
fn drop_redundant_audit_matches(matches: &mut Vec<RuleMatch>) {
    let is_audit = |found: &RuleMatch| found.rule.status == Status::Audit;
    if !matches.iter().any(is_audit) {
        return;
    }
    let same_check = |audit: &RuleMeta, regular: &RuleMeta| {
        if audit.aliases.is_empty() && regular.aliases.is_empty() {
            audit.cwe.iter().any(|cwe| regular.cwe.contains(cwe))
        } else {
            audit
                .aliases
                .iter()
                .any(|alias| regular.aliases.contains(alias))
        }
    };
    let regular: Vec<(TextRange, Arc<RuleMeta>)> = matches
        .iter()
        .filter(|found| !is_audit(found))
        .map(|found| (found.range, Arc::clone(&found.rule)))
        .collect();
    matches.retain(|found| {
        !is_audit(found)
            || !regular
                .iter()
                .any(|(range, rule)| *range == found.range && same_check(&found.rule, rule))
    });
}

/// Classes whose sinks are dangerous whatever the data (unpickling a
/// local file still runs code): their pattern findings stand even where
/// no source reaches them.
const DANGEROUS_WHATEVER_THE_DATA: &[VulnerabilityClass] =
    &[VulnerabilityClass::Deserialization, VulnerabilityClass::Xxe];

/// Settles the pattern findings of injection sinks in bodies the taint
/// analysis followed: where every value from a source is sanitised or
/// checked for the weakness before the call, the finding is dropped (the
/// safe twin of a real flow); where no value from a source reaches it at
/// all, its confidence drops to low (the data may still come from where
/// the models do not see, such as another object's attribute).
fn settle_patterns_by_taint(matches: &mut Vec<RuleMatch>, verdicts: &[SinkVerdict]) {
    if verdicts.is_empty() {
        return;
    }
    matches.retain_mut(|found| {
        if is_taint_rule(&found.rule) {
            return true;
        }
        let Some(cwe) = found.rule.cwe.first() else {
            return true;
        };
        let worst = verdicts
            .iter()
            .filter(|verdict| {
                verdict.call == found.range
                    && !DANGEROUS_WHATEVER_THE_DATA.contains(&verdict.class)
                    && verdict.class.meta().cwe.contains(cwe)
            })
            .map(|verdict| verdict.verdict)
            .max();
        match worst {
            Some(Verdict::Cleared) => false,
            Some(Verdict::Clean) => {
                found.confidence = Confidence::Low;
                true
            }
            Some(Verdict::Tainted) | None => true,
        }
    });
}

/// `true` for the rule of a taint vulnerability class.
pub(crate) fn is_taint_rule(rule: &RuleMeta) -> bool {
    VulnerabilityClass::ALL
        .iter()
        .any(|class| class.meta().code == rule.code)
}

/// Drops each pattern finding at a call a taint rule reports for the same
/// weakness (the pattern rule's main CWE is one of the taint rule's): the
/// taint finding says the same and shows where the data comes from.
fn drop_patterns_shown_by_taint(matches: &mut Vec<RuleMatch>) {
    let taint: Vec<(TextRange, Arc<RuleMeta>)> = matches
        .iter()
        .filter(|found| is_taint_rule(&found.rule))
        .map(|found| (found.range, Arc::clone(&found.rule)))
        .collect();
    if taint.is_empty() {
        return;
    }
    matches.retain(|found| {
        is_taint_rule(&found.rule)
            || !taint
                .iter()
                .any(|(range, rule)| *range == found.range && shown_by_taint(&found.rule, rule))
    });
}

/// `true` when a finding of the pattern rule `pattern` says what a finding
/// of the taint rule `taint` at the same place says: the pattern rule's
/// main (first) CWE is one of the taint rule's.
fn shown_by_taint(pattern: &RuleMeta, taint: &RuleMeta) -> bool {
    pattern
        .cwe
        .first()
        .is_some_and(|cwe| taint.cwe.contains(cwe))
}

/// Merges the findings of a file analysed again with the taint rules only
/// (see [`crate::RuleSet::taint_subset`]) into its first-pass findings:
/// the taint findings are replaced, and a pattern finding now shown by a
/// taint finding at the same place gives way to it.
pub fn merge_revisited_taint(first: &mut Vec<Finding>, revisited: Vec<Finding>) {
    first.retain(|found| {
        !is_taint_rule(&found.rule)
            && !revisited.iter().any(|taint| {
                taint.location.start_offset == found.location.start_offset
                    && taint.location.end_offset == found.location.end_offset
                    && shown_by_taint(&found.rule, &taint.rule)
            })
    });
    first.extend(revisited);
    first.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

struct Walker<'s, 'a, 'f> {
    rules: &'s RuleSet,
    call_hooks: FileCallHooks<'s>,
    /// The statement, expression and module hooks of the file's active
    /// rules.
    dispatch: Arc<FileDispatch>,
    cx: RuleContext<'a, 'f>,
}

/// The part of a statement a suppression comment may sit on: the whole
/// statement when simple, its header line when compound.
fn suppression_scope(stmt: &Stmt) -> TextRange {
    match stmt {
        Stmt::FunctionDef(_)
        | Stmt::ClassDef(_)
        | Stmt::If(_)
        | Stmt::For(_)
        | Stmt::While(_)
        | Stmt::With(_)
        | Stmt::Try(_)
        | Stmt::Match(_) => TextRange::empty(stmt.start()),
        _ => stmt.range(),
    }
}

impl<'a> Visitor<'a> for Walker<'_, 'a, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let outer_range = self.cx.statement_range;
        let outer_statement = self.cx.statement.replace(stmt);
        let outer_parent = self.cx.parent_expression.take();
        self.cx.statement_range = suppression_scope(stmt);
        let kind = AnyNodeRef::from(stmt).kind();
        for hook in self.dispatch.statements.hooks(kind) {
            self.cx.current_rule = hook.index;
            hook.rule.check_stmt(stmt, &mut self.cx);
        }
        self.rules.declarative().check_stmt(stmt, &mut self.cx);
        visitor::walk_stmt(self, stmt);
        self.cx.statement_range = outer_range;
        self.cx.statement = outer_statement;
        self.cx.parent_expression = outer_parent;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        // Subtrees skipped from here on are released when leaving `expr`.
        let skipped_before = self.cx.skipped.len();
        let is_skipped = |cx: &RuleContext<'_, '_>, hook: &Hook| {
            skipped_before > 0 && cx.is_skipped(hook.index, expr.range())
        };
        let kind = AnyNodeRef::from(expr).kind();
        for hook in self.dispatch.expressions.hooks(kind) {
            if !is_skipped(&self.cx, hook) {
                self.cx.current_rule = hook.index;
                hook.rule.check_expr(expr, &mut self.cx);
            }
        }
        if let Expr::Call(call) = expr {
            let resolved = OnceCell::new();
            let site = CallSite::new(call, expr, self.cx.semantic(), &resolved);
            for hook in self.call_hooks.for_call(&site) {
                if !is_skipped(&self.cx, hook) {
                    self.cx.current_rule = hook.index;
                    hook.rule.check_call(&site, &mut self.cx);
                }
            }
            self.rules.declarative().check_call(&site, &mut self.cx);
        }
        let outer_parent = self.cx.parent_expression.replace(expr);
        visitor::walk_expr(self, expr);
        self.cx.parent_expression = outer_parent;
        self.cx.skipped.truncate(skipped_before);
    }
}

/// Marks each match whose lines (or whose statement's first or last line)
/// carry a suppression comment naming its rule.
fn apply_suppressions(
    matches: &mut [RuleMatch],
    source: &str,
    comments: &[TextRange],
    line: &dyn Fn(TextSize) -> usize,
) {
    if matches.is_empty() || comments.is_empty() {
        return;
    }
    let mut by_line: HashMap<usize, (Vec<SuppressionDirective>, &str)> = HashMap::new();
    for &range in comments {
        let Some(text) = source.get(range.to_std_range()) else {
            continue;
        };
        let directives = parse_suppression_comment(text);
        if !directives.is_empty() {
            by_line.insert(line(range.start()), (directives, text));
        }
    }
    if by_line.is_empty() {
        return;
    }
    for found in matches.iter_mut() {
        let (first, last) = (line(found.range.start()), line(found.range.end()));
        let statement = [
            line(found.statement_range.start()),
            line(found.statement_range.end()),
        ];
        let candidates = (first..=last).chain(statement);
        for candidate in candidates {
            let Some((directives, comment)) = by_line.get(&candidate) else {
                continue;
            };
            if let Some(directive) = directives.iter().find(|d| d.silences(&found.rule)) {
                found.suppression = Some(Suppression {
                    kind: directive.kind(),
                    comment: (*comment).to_owned(),
                });
                break;
            }
        }
    }
}
