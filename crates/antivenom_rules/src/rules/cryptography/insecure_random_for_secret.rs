//! The `random` module used to make tokens, passwords, keys, salts,
//! nonces and other values that must be unpredictable.

use crate::helpers::sensitive_names::{Vocabulary, is_sensitive_name, words};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprCall, Stmt};
use ruff_python_semantic::ScopeKind;
use ruff_text_size::Ranged;

pub(crate) struct InsecureRandomForSecret;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &InsecureRandomForSecret;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV605",
    name: "insecure-random-for-secret",
    cwe: &[338, 330],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Cryptography,
    aliases: &["B311", "S311"],
    status: Status::Stable,
    summary: "Flags `random` module functions (`random`, `randint`, `choice`, `choices`, \
              `sample`, `shuffle`, `getrandbits`, `randbytes`, …) whose result becomes a token, \
              password, key, salt, nonce, one-time code, CSRF token or session id.",
    why: "The `random` module is a Mersenne Twister: fast and statistically good, but fully \
          predictable. After observing about 624 outputs an attacker can reconstruct its state \
          and compute every past and future value, so tokens, passwords or nonces drawn from it \
          can be guessed. The rule only reports calls in a security context: the result is \
          assigned to, stored under or passed as a keyword named like a secret, or the call is \
          inside a function named like one (`def generate_token()`). `random` used for \
          simulations, sampling or jitter is not flagged, and `random.SystemRandom` is safe.",
    insecure_example: "
import random
import string

def generate_token(length=32):
    return \"\".join(random.choice(string.ascii_letters) for _ in range(length))
",
    secure_example: "
import secrets

def generate_token(length=32):
    return secrets.token_urlsafe(length)
",
    fix: "use the `secrets` module (`secrets.token_urlsafe`, `secrets.token_bytes`, `secrets.choice`) or `random.SystemRandom`",
    references: &[
        "https://docs.python.org/3/library/random.html",
        "https://docs.python.org/3/library/secrets.html",
        "https://cwe.mitre.org/data/definitions/338.html",
    ],
};

/// The predictable generators of the `random` module.
const RANDOM_FUNCTIONS: &[&str] = &[
    "random.Random",
    "random.random",
    "random.randint",
    "random.randrange",
    "random.choice",
    "random.choices",
    "random.sample",
    "random.shuffle",
    "random.getrandbits",
    "random.randbytes",
    "random.uniform",
    "random.triangular",
];

/// Works out the security context the expressions of one statement give
/// to the random call `target` (keyword, dict key) on the way down to it.
struct Finder<'s, 'a, 't> {
    semantic: &'s FileSemantic<'a>,
    target: &'t ExprCall,
    /// Skip subtrees whose range does not contain the target's.
    prune: bool,
    contexts: Vec<String>,
    /// `Some(context)` once `target` was reached.
    found: Option<Option<String>>,
}

/// A variable, attribute or constant subscript key naming a value.
fn value_name(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(name) => Some(name.id.to_string()),
        Expr::Attribute(attribute) => Some(attribute.attr.to_string()),
        Expr::Subscript(subscript) => semantic.constant_str(&subscript.slice),
        _ => None,
    }
}

fn sensitive(name: &str) -> bool {
    is_sensitive_name(name, Vocabulary::Unpredictable)
}

impl<'a> Finder<'_, 'a, '_> {
    fn visit_in_context(&mut self, expr: &'a Expr, context: Option<String>) {
        match context {
            Some(context) => {
                self.contexts.push(context);
                self.visit_expr(expr);
                self.contexts.pop();
            }
            None => self.visit_expr(expr),
        }
    }
}

impl<'a> Visitor<'a> for Finder<'_, 'a, '_> {
    fn visit_stmt(&mut self, _stmt: &'a Stmt) {}

    fn visit_expr(&mut self, expr: &'a Expr) {
        // Contexts only come from the expressions around the target.
        if self.found.is_some() || (self.prune && !expr.range().contains_range(self.target.range()))
        {
            return;
        }
        match expr {
            Expr::Call(call) => {
                if std::ptr::eq(call, self.target) {
                    self.found = Some(self.contexts.last().cloned());
                    return;
                }
                self.visit_expr(&call.func);
                for argument in &call.arguments.args {
                    self.visit_expr(argument);
                }
                for keyword in &call.arguments.keywords {
                    let context = keyword
                        .arg
                        .as_ref()
                        .filter(|name| sensitive(name.as_str()))
                        .map(|name| format!("is passed as `{name}=`"));
                    self.visit_in_context(&keyword.value, context);
                }
            }
            Expr::Dict(dict) => {
                for item in &dict.items {
                    if let Some(key) = &item.key {
                        self.visit_expr(key);
                    }
                    let context = item
                        .key
                        .as_ref()
                        .and_then(|key| self.semantic.constant_str(key))
                        .filter(|key| sensitive(key))
                        .map(|key| format!("is stored under `{key:?}`"));
                    self.visit_in_context(&item.value, context);
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// Why the whole statement is security-sensitive: it assigns a secret-like
/// name, or it sits in a function named like a secret generator.
fn statement_context(semantic: &FileSemantic<'_>, stmt: &Stmt) -> Option<String> {
    let targets: Vec<&Expr> = match stmt {
        Stmt::Assign(assign) => assign.targets.iter().collect(),
        Stmt::AnnAssign(assign) => vec![assign.target.as_ref()],
        Stmt::AugAssign(assign) => vec![assign.target.as_ref()],
        _ => Vec::new(),
    };
    let mut names = Vec::new();
    for target in targets {
        match target {
            Expr::Tuple(tuple) => names.extend(tuple.elts.iter()),
            Expr::List(list) => names.extend(list.elts.iter()),
            other => names.push(other),
        }
    }
    if let Some(name) = names
        .into_iter()
        .filter_map(|target| value_name(semantic, target))
        .find(|name| sensitive(name))
    {
        return Some(format!("is assigned to `{name}`"));
    }
    semantic.model().scopes.iter().find_map(|scope| {
        let ScopeKind::Function(function) = scope.kind else {
            return None;
        };
        if !function.range.contains_range(stmt.range()) {
            return None;
        }
        let name = function.name.as_str();
        let is_test = words(name).first().is_some_and(|word| word == "test");
        (!is_test && sensitive(name)).then(|| format!("is made in `{name}()`"))
    })
}

impl Rule for InsecureRandomForSecret {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(RANDOM_FUNCTIONS.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["random"]
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(function) = call
            .qualified_name()
            .filter(|name| RANDOM_FUNCTIONS.contains(name))
        else {
            return;
        };
        // Random calls are rare: only for them is the statement around the
        // call looked up and its security context worked out.
        let semantic = cx.semantic();
        let target = call.call;
        let Some(stmt) = cx.statement() else {
            return;
        };
        // Ranges nest; the unpruned walk is a safety net for trees
        // recovered from syntax errors.
        let Some(mut context) = [true, false].into_iter().find_map(|prune| {
            let mut finder = Finder {
                semantic,
                target,
                prune,
                contexts: Vec::new(),
                found: None,
            };
            visitor::walk_stmt(&mut finder, stmt);
            finder.found
        }) else {
            return;
        };
        if context.is_none() && function == "random.shuffle" {
            context = call
                .argument("x", 0)
                .and_then(|shuffled| value_name(semantic, shuffled))
                .filter(|name| sensitive(name))
                .map(|name| format!("shuffles `{name}`"));
        }
        let Some(context) = context.or_else(|| statement_context(semantic, stmt)) else {
            return;
        };
        cx.report(
            call.range(),
            format!("`{function}` is predictable, but its value {context}"),
        )
        .label("predictable random value");
    }
}
