//! The `random` module used to make tokens, passwords, keys, salts,
//! nonces and other values that must be unpredictable.

use crate::helpers::prefilters::may_resolve_to_any;
use crate::helpers::sensitive_names::{Vocabulary, is_sensitive_name, words};
use crate::helpers::statement_expressions::own_expressions;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_python_semantic::ScopeKind;
use ruff_text_size::{Ranged, TextRange};

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

/// A predictable random call and why its value matters.
struct RandomCall {
    range: TextRange,
    function: String,
    context: Option<String>,
}

/// Finds `random` calls in one statement's own expressions, with the
/// security context the expression gives them (keyword, dict key).
struct Finder<'s, 'a> {
    semantic: &'s FileSemantic<'a>,
    contexts: Vec<String>,
    calls: Vec<RandomCall>,
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

/// The `random` function `callee` resolves to, if it is one.
fn random_function(semantic: &FileSemantic<'_>, callee: &Expr) -> Option<String> {
    if !may_resolve_to_any(callee, RANDOM_FUNCTIONS) {
        return None;
    }
    semantic
        .qualified_name(callee)
        .filter(|function| RANDOM_FUNCTIONS.contains(&function.as_str()))
}

/// Finds whether expressions call a `random` function at all: most
/// statements do not, and then no security context needs working out.
struct HasRandomCall<'s, 'a> {
    semantic: &'s FileSemantic<'a>,
    found: bool,
}

impl<'a> Visitor<'a> for HasRandomCall<'_, 'a> {
    fn visit_stmt(&mut self, _stmt: &'a Stmt) {}

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found {
            return;
        }
        if let Expr::Call(call) = expr
            && random_function(self.semantic, &call.func).is_some()
        {
            self.found = true;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

fn sensitive(name: &str) -> bool {
    is_sensitive_name(name, Vocabulary::Unpredictable)
}

impl<'a> Finder<'_, 'a> {
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

impl<'a> Visitor<'a> for Finder<'_, 'a> {
    fn visit_stmt(&mut self, _stmt: &'a Stmt) {}

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Call(call) => {
                if let Some(function) = random_function(self.semantic, &call.func) {
                    let mut context = self.contexts.last().cloned();
                    if context.is_none() && function == "random.shuffle" {
                        context = call
                            .arguments
                            .find_argument_value("x", 0)
                            .and_then(|shuffled| value_name(self.semantic, shuffled))
                            .filter(|name| sensitive(name))
                            .map(|name| format!("shuffles `{name}`"));
                    }
                    self.calls.push(RandomCall {
                        range: call.range(),
                        function,
                        context,
                    });
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
        let name = function.name.as_str();
        let is_test = words(name).first().is_some_and(|word| word == "test");
        (function.range.contains_range(stmt.range()) && !is_test && sensitive(name))
            .then(|| format!("is made in `{name}()`"))
    })
}

impl Rule for InsecureRandomForSecret {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::STATEMENTS
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        // Both visitors skip nested statements, so walking the statement
        // visits its own expressions.
        let mut has_random_call = HasRandomCall {
            semantic,
            found: false,
        };
        visitor::walk_stmt(&mut has_random_call, stmt);
        if !has_random_call.found {
            return;
        }
        let mut finder = Finder {
            semantic,
            contexts: Vec::new(),
            calls: Vec::new(),
        };
        for expr in own_expressions(stmt) {
            finder.visit_expr(expr);
        }
        if finder.calls.is_empty() {
            return;
        }
        let mut whole_statement: Option<Option<String>> = None;
        for call in finder.calls {
            let context = match call.context {
                Some(context) => Some(context),
                None => whole_statement
                    .get_or_insert_with(|| statement_context(semantic, stmt))
                    .clone(),
            };
            let Some(context) = context else {
                continue;
            };
            cx.report(
                call.range,
                format!(
                    "`{}` is predictable, but its value {context}",
                    call.function
                ),
            )
            .label("predictable random value");
        }
    }
}
