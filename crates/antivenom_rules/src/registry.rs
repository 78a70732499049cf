//! The registry of every known rule, and the enabled subset for a run.

use crate::call_dispatch::CallNames;
use crate::declarative::{DeclarativeRule, DeclarativeSet, RuleFileError, parse_rule_file};
use crate::dispatch_tables::{DispatchTables, FileDispatch, HookLists};
use crate::module_roots::ModuleRoots;
use crate::rule::{NodeKinds, Rule};
use crate::rules::{BUILTIN_RULES, EMBEDDED_RULE_FILES};
use antivenom_diagnostics::{RuleMeta, Status};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use thiserror::Error;

/// Problems building the registry or a rule set.
#[derive(Debug, Error)]
pub enum RegistryError {
    /// A rule file could not be read or is malformed.
    #[error(transparent)]
    RuleFile(#[from] RuleFileError),
    /// Two rules share a code or name.
    #[error("rule {key} is defined twice (second definition in {origin})")]
    Duplicate {
        /// The clashing code or name.
        key: String,
        /// Where the second definition came from.
        origin: String,
    },
    /// The shipped taint models do not load (a build defect).
    #[error("the built-in taint models do not load: {0}")]
    TaintModels(String),
    /// A selector names no rule.
    #[error(
        "unknown rule selector `{0}` (use a code such as AV301, a code prefix, a name, a Bandit/Ruff alias, a category, audit or ALL)"
    )]
    UnknownSelector(String),
}

enum Implementation {
    Rust(&'static dyn Rule),
    Declarative(Arc<DeclarativeRule>),
}

struct RegisteredRule {
    meta: Arc<RuleMeta>,
    implementation: Implementation,
}

/// Every rule antivenom knows: built-in Rust rules, shipped declarative
/// rules and any user rule files.
pub struct Registry {
    rules: Vec<RegisteredRule>,
}

/// Which rules to run, as given by config and command line.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Replaces the default (all stable rules) when non-empty.
    pub select: Vec<String>,
    /// Added to the selection.
    pub extend_select: Vec<String>,
    /// Removed from the selection.
    pub ignore: Vec<String>,
}

impl Registry {
    /// The built-in rules: Rust rules and the shipped declarative files.
    ///
    /// # Errors
    /// Only if a shipped rule file is malformed or two rules clash, which
    /// the test suite rules out.
    pub fn builtin() -> Result<Self, RegistryError> {
        crate::taint::check_models().map_err(RegistryError::TaintModels)?;
        let mut registry = Self { rules: Vec::new() };
        for &rule in BUILTIN_RULES {
            registry.insert(
                rule.meta().to_meta(),
                Implementation::Rust(rule),
                "built-in rules",
            )?;
        }
        for (name, contents) in EMBEDDED_RULE_FILES {
            registry.add_rule_source(&format!("data/rules/{name}"), contents)?;
        }
        Ok(registry)
    }

    /// Adds the rules of one TOML rule file given as text.
    ///
    /// # Errors
    /// When the file is malformed (the error names file, line and key) or
    /// defines a code or name that already exists.
    pub fn add_rule_source(&mut self, origin: &str, contents: &str) -> Result<(), RegistryError> {
        for rule in parse_rule_file(origin, contents)? {
            let meta = rule.meta.clone();
            self.insert(meta, Implementation::Declarative(Arc::new(rule)), origin)?;
        }
        Ok(())
    }

    /// Reads and adds a user rule file.
    ///
    /// # Errors
    /// When the file cannot be read or is invalid.
    pub fn load_rule_file(&mut self, path: &Path) -> Result<(), RegistryError> {
        let origin = path.display().to_string();
        let contents = std::fs::read_to_string(path).map_err(|error| RuleFileError::Io {
            file: origin.clone(),
            message: error.to_string(),
        })?;
        self.add_rule_source(&origin, &contents)
    }

    fn insert(
        &mut self,
        meta: RuleMeta,
        implementation: Implementation,
        origin: &str,
    ) -> Result<(), RegistryError> {
        for existing in &self.rules {
            for key in [&meta.code, &meta.name] {
                if existing.meta.code == *key || existing.meta.name == *key {
                    return Err(RegistryError::Duplicate {
                        key: key.clone(),
                        origin: origin.to_owned(),
                    });
                }
            }
        }
        self.rules.push(RegisteredRule {
            meta: Arc::new(meta),
            implementation,
        });
        Ok(())
    }

    /// Every rule's metadata, sorted by code.
    #[must_use]
    pub fn metas(&self) -> Vec<Arc<RuleMeta>> {
        let mut metas: Vec<_> = self
            .rules
            .iter()
            .map(|rule| Arc::clone(&rule.meta))
            .collect();
        metas.sort_by_key(|meta| code_order(&meta.code));
        metas
    }

    /// The rule named by a code, name or alias.
    #[must_use]
    pub fn find(&self, key: &str) -> Option<Arc<RuleMeta>> {
        self.rules
            .iter()
            .find(|rule| rule.meta.code.eq_ignore_ascii_case(key) || rule.meta.name == key)
            .or_else(|| self.rules.iter().find(|rule| rule.meta.is_named(key)))
            .map(|rule| Arc::clone(&rule.meta))
    }

    /// Indices of the rules a selector names; `None` if it names nothing.
    fn resolve_selector(&self, selector: &str, default_only: bool) -> Option<Vec<usize>> {
        let selector = selector.trim();
        let explicit = |meta: &RuleMeta| meta.is_named(selector);
        let broad = |meta: &RuleMeta| {
            selector.eq_ignore_ascii_case("ALL")
                || (selector.eq_ignore_ascii_case("audit") && meta.status == Status::Audit)
                || meta.category.as_str() == selector
                || (selector.len() >= 2 && meta.code.starts_with(&selector.to_ascii_uppercase()))
                || meta
                    .aliases
                    .iter()
                    .any(|alias| is_code_prefix(selector, alias))
        };
        let indices: Vec<usize> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| {
                explicit(&rule.meta)
                    || (broad(&rule.meta) && (!default_only || rule.meta.status != Status::Preview))
            })
            .map(|(index, _)| index)
            .collect();
        let names_anything = self
            .rules
            .iter()
            .any(|rule| explicit(&rule.meta) || broad(&rule.meta));
        names_anything.then_some(indices)
    }

    /// The codes of every rule a selector names (for per-file ignores).
    ///
    /// # Errors
    /// When the selector names no rule.
    pub fn codes_for(&self, selector: &str) -> Result<Vec<String>, RegistryError> {
        let indices = self
            .resolve_selector(selector, false)
            .ok_or_else(|| RegistryError::UnknownSelector(selector.to_owned()))?;
        Ok(indices
            .into_iter()
            .filter_map(|index| self.rules.get(index))
            .map(|rule| rule.meta.code.clone())
            .collect())
    }

    /// The enabled rules for a selection. Without `select`, every stable
    /// rule runs; preview rules run only when named by code, name or alias.
    ///
    /// # Errors
    /// When a selector names no rule.
    pub fn rule_set(&self, selection: &Selection) -> Result<RuleSet, RegistryError> {
        let mut enabled: HashSet<usize> = HashSet::new();
        if selection.select.is_empty() {
            enabled.extend(
                self.rules
                    .iter()
                    .enumerate()
                    .filter(|(_, rule)| rule.meta.status == Status::Stable)
                    .map(|(index, _)| index),
            );
        }
        for selector in selection.select.iter().chain(&selection.extend_select) {
            let indices = self
                .resolve_selector(selector, true)
                .ok_or_else(|| RegistryError::UnknownSelector(selector.clone()))?;
            enabled.extend(indices);
        }
        for selector in &selection.ignore {
            let indices = self
                .resolve_selector(selector, false)
                .ok_or_else(|| RegistryError::UnknownSelector(selector.clone()))?;
            for index in indices {
                enabled.remove(&index);
            }
        }
        let mut enabled: Vec<usize> = enabled.into_iter().collect();
        enabled.sort_unstable();
        Ok(RuleSet::new(
            enabled
                .into_iter()
                .filter_map(|index| self.rules.get(index)),
        ))
    }
}

/// `true` when `selector` is a prefix of the code `alias` made of
/// upper-case letters and digits: `B` and `B6` select `B602`, `S` selects
/// `S301`; Bandit test names (`subprocess_popen_...`) never match.
fn is_code_prefix(selector: &str, alias: &str) -> bool {
    let is_code = |text: &str| {
        text.starts_with(|c: char| c.is_ascii_uppercase())
            && text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    // `B6` selects `B602`, but `B` must not select an alias such as `BX1`.
    is_code(selector)
        && is_code(alias)
        && alias
            .strip_prefix(selector)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

/// Sorts `AV2` before `AV10`.
fn code_order(code: &str) -> (String, u64) {
    let digits_at = code
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(code.len());
    let (prefix, digits) = code.split_at(digits_at);
    (prefix.to_owned(), digits.parse().unwrap_or(u64::MAX))
}

/// One entry of a dispatch list.
#[derive(Clone, Copy)]
pub(crate) struct Hook {
    /// The rule's index in the set.
    pub(crate) index: usize,
    /// Its implementation.
    pub(crate) rule: &'static dyn Rule,
    /// The node kinds it looks at (statement and expression hooks).
    pub(crate) kinds: NodeKinds,
    /// The modules it is about (see [`Rule::modules`]).
    pub(crate) modules: &'static [&'static str],
}

/// The enabled rules for one run, with a dispatch list per hook.
pub struct RuleSet {
    metas: Vec<Arc<RuleMeta>>,
    module_hooks: Vec<Hook>,
    call_hooks: Vec<Hook>,
    /// `call_hooks` by the callee names their rules declare.
    call_names: CallNames,
    /// The modules each rule is about.
    module_roots: ModuleRoots,
    statement_hooks: Vec<Hook>,
    expression_hooks: Vec<Hook>,
    declarative: DeclarativeSet,
    taint_local_sources: bool,
    /// The per-file hook tables built so far (see [`Self::dispatch_for`]).
    dispatch_tables: DispatchTables,
}

impl RuleSet {
    /// Makes the taint rules follow local input too (command-line
    /// arguments, environment variables, standard input); by default they
    /// follow only data from the network, as a server receives it.
    #[must_use]
    pub fn with_taint_local_sources(mut self, local: bool) -> Self {
        self.taint_local_sources = local;
        self
    }

    /// `true` when taint rules follow local input too.
    #[must_use]
    pub fn taint_local_sources(&self) -> bool {
        self.taint_local_sources
    }

    fn new<'r>(rules: impl Iterator<Item = &'r RegisteredRule>) -> Self {
        let mut set = Self {
            metas: Vec::new(),
            module_hooks: Vec::new(),
            call_hooks: Vec::new(),
            call_names: CallNames::default(),
            module_roots: ModuleRoots::default(),
            statement_hooks: Vec::new(),
            expression_hooks: Vec::new(),
            declarative: DeclarativeSet::default(),
            taint_local_sources: false,
            dispatch_tables: DispatchTables::default(),
        };
        for rule in rules {
            let index = set.metas.len();
            set.metas.push(Arc::clone(&rule.meta));
            match &rule.implementation {
                Implementation::Rust(rust) => {
                    set.module_roots.add_rule(index, rust.modules());
                    let interests = rust.interests();
                    let hook = |kinds| Hook {
                        index,
                        rule: *rust,
                        kinds,
                        modules: rust.modules(),
                    };
                    if interests.module {
                        set.module_hooks.push(hook(NodeKinds::ALL));
                    }
                    if interests.calls {
                        set.call_hooks.push(hook(NodeKinds::ALL));
                    }
                    if !interests.statements.is_empty() {
                        set.statement_hooks.push(hook(interests.statements));
                    }
                    if !interests.expressions.is_empty() {
                        set.expression_hooks.push(hook(interests.expressions));
                    }
                }
                Implementation::Declarative(declarative) => {
                    set.declarative.add(index, Arc::clone(declarative));
                }
            }
        }
        set.call_names = CallNames::new(&set.call_hooks);
        set
    }

    /// The taint rules of this set only: what a file is analysed again
    /// with once the project's other modules are known (its other findings
    /// stand from the first pass; see [`crate::merge_revisited_taint`]).
    #[must_use]
    pub fn taint_subset(&self) -> RuleSet {
        let mut subset = RuleSet {
            metas: Vec::new(),
            module_hooks: Vec::new(),
            call_hooks: Vec::new(),
            call_names: CallNames::default(),
            module_roots: ModuleRoots::default(),
            statement_hooks: Vec::new(),
            expression_hooks: Vec::new(),
            declarative: DeclarativeSet::default(),
            taint_local_sources: self.taint_local_sources,
            dispatch_tables: DispatchTables::default(),
        };
        for hook in &self.module_hooks {
            let Some(meta) = self.metas.get(hook.index) else {
                continue;
            };
            if !crate::analyze::is_taint_rule(meta) {
                continue;
            }
            subset
                .module_roots
                .add_rule(subset.metas.len(), hook.modules);
            subset.module_hooks.push(Hook {
                index: subset.metas.len(),
                ..*hook
            });
            subset.metas.push(Arc::clone(meta));
        }
        subset
    }

    /// `true` when a taint rule is enabled (the analysis then follows
    /// calls across the project's modules).
    #[must_use]
    pub fn has_taint_rules(&self) -> bool {
        self.metas
            .iter()
            .any(|meta| crate::analyze::is_taint_rule(meta))
    }

    /// `true` when no rule is enabled.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    /// The enabled rules' metadata (index = position in the set).
    #[must_use]
    pub fn metas(&self) -> &[Arc<RuleMeta>] {
        &self.metas
    }

    /// The module, statement and expression hooks of the rules that are
    /// `active` in a file (indexed by rule), shared by the files with the
    /// same active rules.
    pub(crate) fn dispatch_for(&self, active: &[bool]) -> Arc<FileDispatch> {
        let lists = HookLists {
            modules: &self.module_hooks,
            statements: &self.statement_hooks,
            expressions: &self.expression_hooks,
        };
        self.dispatch_tables.for_active(&lists, active)
    }

    pub(crate) fn call_hooks(&self) -> &[Hook] {
        &self.call_hooks
    }

    pub(crate) fn call_names(&self) -> &CallNames {
        &self.call_names
    }

    pub(crate) fn module_roots(&self) -> &ModuleRoots {
        &self.module_roots
    }

    pub(crate) fn declarative(&self) -> &DeclarativeSet {
        &self.declarative
    }
}
