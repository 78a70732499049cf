//! Matching declarative rules against calls and imports.

use super::format::{ArgumentState, Condition, DeclarativeRule};
use crate::context::{CallSite, RuleContext};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Name patterns of one kind (calls or imports), indexed for lookup.
#[derive(Default)]
struct NameIndex {
    exact: FxHashMap<String, Vec<usize>>,
    prefixes: Vec<(String, usize)>,
}

impl NameIndex {
    fn add(&mut self, pattern: &str, rule: usize) {
        match pattern.strip_suffix('*') {
            Some(prefix) => self.prefixes.push((prefix.to_owned(), rule)),
            None => self.exact.entry(pattern.to_owned()).or_default().push(rule),
        }
    }

    fn lookup<'s>(&'s self, name: &'s str) -> impl Iterator<Item = usize> + 's {
        let exact = self.exact.get(name).into_iter().flatten().copied();
        let prefixed = self
            .prefixes
            .iter()
            .filter(move |(prefix, _)| name.starts_with(prefix.as_str()))
            .map(|(_, rule)| *rule);
        exact.chain(prefixed)
    }
}

/// The enabled declarative rules of a run.
#[derive(Default)]
pub struct DeclarativeSet {
    /// (index in the rule set, rule)
    rules: Vec<(usize, Arc<DeclarativeRule>)>,
    calls: NameIndex,
    imports: NameIndex,
}

impl DeclarativeSet {
    pub(crate) fn add(&mut self, index: usize, rule: Arc<DeclarativeRule>) {
        let position = self.rules.len();
        for pattern in &rule.calls {
            self.calls.add(pattern, position);
        }
        for pattern in &rule.imports {
            self.imports.add(pattern, position);
        }
        self.rules.push((index, rule));
    }

    pub(crate) fn check_call(&self, site: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(name) = site.qualified_name else {
            return;
        };
        for position in self.calls.lookup(name) {
            let Some((index, rule)) = self.rules.get(position) else {
                continue;
            };
            let semantic = cx.semantic();
            let applies = rule
                .when
                .iter()
                .all(|condition| holds(condition, site, semantic))
                && !rule
                    .unless
                    .iter()
                    .any(|condition| holds(condition, site, semantic));
            if applies {
                report(cx, *index, rule, site.range(), name);
            }
        }
    }

    pub(crate) fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        if self.imports.exact.is_empty() && self.imports.prefixes.is_empty() {
            return;
        }
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.check_import(alias.name.as_str(), alias.range(), cx);
                }
            }
            Stmt::ImportFrom(import) if import.level == 0 => {
                let Some(module) = &import.module else {
                    return;
                };
                if self.check_import(module.as_str(), import.range(), cx) {
                    return;
                }
                for alias in &import.names {
                    let full = format!("{}.{}", module.as_str(), alias.name.as_str());
                    self.check_import(&full, alias.range(), cx);
                }
            }
            _ => {}
        }
    }

    /// Reports every import rule matching `module`; `true` if any did.
    fn check_import(&self, module: &str, range: TextRange, cx: &mut RuleContext<'_, '_>) -> bool {
        let mut matched = false;
        for position in self.imports.lookup(module) {
            if let Some((index, rule)) = self.rules.get(position) {
                report(cx, *index, rule, range, module);
                matched = true;
            }
        }
        matched
    }
}

fn report(
    cx: &mut RuleContext<'_, '_>,
    index: usize,
    rule: &DeclarativeRule,
    range: TextRange,
    name: &str,
) {
    cx.current_rule = index;
    let message = rule.message.replace("{name}", name);
    let found = cx.report(range, message);
    if let Some(label) = &rule.label {
        found.label(label.clone());
    }
}

/// The argument a condition addresses.
fn argument<'e>(condition: &Condition, site: &CallSite<'e>) -> Option<&'e Expr> {
    match (&condition.arg, condition.pos) {
        (Some(name), Some(position)) => site.argument(name, position),
        (Some(name), None) => site.keyword(name),
        (None, Some(position)) => site.positional(position),
        (None, None) => None,
    }
}

fn toml_equals(constant: &Constant, value: &toml::Value) -> bool {
    match (constant, value) {
        (Constant::Str(text), toml::Value::String(expected)) => text == expected,
        (Constant::Bool(flag), toml::Value::Boolean(expected)) => flag == expected,
        (Constant::Int(number), toml::Value::Integer(expected)) => number == expected,
        (Constant::Float(number), toml::Value::Float(expected)) => number == expected,
        (Constant::Int(number), toml::Value::Float(expected)) => (*number as f64) == *expected,
        _ => false,
    }
}

fn name_matches(name: &str, patterns: &[String]) -> bool {
    patterns
        .iter()
        .any(|pattern| match pattern.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == pattern,
        })
}

/// Evaluates one condition on a call.
pub(crate) fn holds(
    condition: &Condition,
    site: &CallSite<'_>,
    semantic: &FileSemantic<'_>,
) -> bool {
    let value = argument(condition, site);
    let constant = value.and_then(|expr| semantic.constant(expr));
    if let Some(state) = condition.is {
        let ok = match state {
            ArgumentState::Present => value.is_some(),
            // `f(**options)` may pass it: not provably absent.
            ArgumentState::Absent => value.is_none() && !site.has_unpacking(),
            ArgumentState::Constant => constant.is_some(),
            ArgumentState::NonConstant => value.is_some() && constant.is_none(),
            ArgumentState::Truthy => constant.as_ref().is_some_and(Constant::is_truthy),
            ArgumentState::Falsy => constant.as_ref().is_some_and(|c| !c.is_truthy()),
        };
        if !ok {
            return false;
        }
    }
    if let Some(expected) = &condition.equals
        && !constant.as_ref().is_some_and(|c| toml_equals(c, expected))
    {
        return false;
    }
    if let Some(options) = &condition.one_of
        && !constant
            .as_ref()
            .is_some_and(|c| options.iter().any(|option| toml_equals(c, option)))
    {
        return false;
    }
    if let Some(names) = &condition.resolves_to {
        let resolved = value.and_then(|expr| semantic.qualified_name(expr));
        let by_name = resolved
            .as_deref()
            .is_some_and(|name| name_matches(name, names));
        let by_text = constant
            .as_ref()
            .and_then(Constant::as_str)
            .is_some_and(|text| name_matches(text, names));
        if !by_name && !by_text {
            return false;
        }
    }
    if let Some(regex) = &condition.regex
        && !constant
            .as_ref()
            .and_then(Constant::as_str)
            .is_some_and(|text| regex.is_match(text))
    {
        return false;
    }
    true
}
