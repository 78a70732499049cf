//! What a rule sees while it runs, and how it reports.

use crate::analyze::RuleMatch;
use antivenom_diagnostics::RuleMeta;
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::{Ranged, TextRange};
use std::sync::Arc;

/// A call expression with its callee resolved once for all rules.
#[derive(Debug, Clone, Copy)]
pub struct CallSite<'e> {
    /// The call.
    pub call: &'e ExprCall,
    /// The callee's fully-qualified name (`subprocess.Popen`, `eval`), when
    /// it resolves to an import or a builtin.
    pub qualified_name: Option<&'e str>,
}

impl<'e> CallSite<'e> {
    /// The resolved callee name, or `""` when unresolved.
    #[must_use]
    pub fn name(&self) -> &'e str {
        self.qualified_name.unwrap_or_default()
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

/// The state a rule reads and reports into. One per file.
pub struct RuleContext<'a, 'f> {
    semantic: &'f FileSemantic<'a>,
    source: &'f str,
    rules: &'f [Arc<RuleMeta>],
    /// Index into `rules` of the rule being run.
    pub(crate) current_rule: usize,
    /// Range of the statement being visited (for suppression comments).
    pub(crate) statement_range: TextRange,
    pub(crate) matches: Vec<RuleMatch>,
}

impl<'a, 'f> RuleContext<'a, 'f> {
    pub(crate) fn new(
        semantic: &'f FileSemantic<'a>,
        source: &'f str,
        rules: &'f [Arc<RuleMeta>],
    ) -> Self {
        Self {
            semantic,
            source,
            rules,
            current_rule: 0,
            statement_range: TextRange::default(),
            matches: Vec::new(),
        }
    }

    /// Names, bindings and constants of the file.
    #[must_use]
    pub fn semantic(&self) -> &'f FileSemantic<'a> {
        self.semantic
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
        self.matches.push(RuleMatch::new(
            rule,
            range,
            message.into(),
            self.statement_range,
        ));
        &mut self.matches[index]
    }
}
