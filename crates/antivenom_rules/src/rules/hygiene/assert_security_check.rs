//! `assert` used to enforce an authentication or authorization check.

use crate::helpers::prefilters::Needles;
use crate::helpers::test_code::in_test_code;
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{CmpOp, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct AssertSecurityCheck;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &AssertSecurityCheck;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV951",
    name: "assert-security-check",
    cwe: &[617, 703],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    category: Category::Hygiene,
    aliases: &["B101", "S101"],
    status: Status::Stable,
    summary: "Flags `assert` statements outside test code whose condition is about \
              authentication or authorization (users, permissions, roles, tokens, passwords, \
              signatures...).",
    why: "Python removes `assert` statements when it runs with `-O` or `PYTHONOPTIMIZE`, which \
          some deployments set. A permission or authentication check written as an assertion \
          then silently disappears and every caller is let through. Assertions about types \
          (`is None`, `isinstance`) and assertions in tests are not reported, nor are other \
          assertions: they document invariants and are not security checks.",
    insecure_example: "
def delete_project(request, project):
    assert request.user.has_perm(\"projects.delete_project\")
    project.delete()
",
    secure_example: "
from django.core.exceptions import PermissionDenied

def delete_project(request, project):
    if not request.user.has_perm(\"projects.delete_project\"):
        raise PermissionDenied
    project.delete()
",
    fix: "enforce the check with `if not ...: raise` (for example `PermissionDenied`), which `-O` does not remove",
    references: &[
        "https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement",
        "https://docs.python.org/3/using/cmdline.html#cmdoption-O",
    ],
};

/// Words (of identifiers split on `_` and case changes) that make an
/// assertion a security check on their own.
const SECURITY_WORDS: &[&str] = &[
    "acl",
    "acls",
    "admin",
    "admins",
    "administrator",
    "auth",
    "authenticate",
    "authenticated",
    "authentication",
    "authn",
    "authorise",
    "authorised",
    "authorisation",
    "authorization",
    "authorize",
    "authorized",
    "authz",
    "csrf",
    "granted",
    "hmac",
    "jwt",
    "logged",
    "login",
    "mfa",
    "otp",
    "passwd",
    "password",
    "perm",
    "permission",
    "permissions",
    "permitted",
    "perms",
    "privilege",
    "privileged",
    "privileges",
    "role",
    "roles",
    "secret",
    "signature",
    "staff",
    "sudo",
    "superuser",
    "xsrf",
];

/// Words that also have everyday meanings (a lexer token, a DOM node's
/// owner, a lexical scope, `os.access`): they count only in pairs.
const AMBIGUOUS_WORDS: &[&str] = &[
    "access", "allowed", "nonce", "owner", "scope", "scopes", "signed", "token", "tokens", "user",
    "verified", "verify",
];

/// The security word that makes `words` a security check: one strong word,
/// or two different ambiguous ones.
fn security_word(words: &[String]) -> Option<String> {
    if let Some(strong) = words
        .iter()
        .find(|word| SECURITY_WORDS.contains(&word.as_str()))
    {
        return Some(strong.clone());
    }
    let mut ambiguous: Vec<&String> = words
        .iter()
        .filter(|word| AMBIGUOUS_WORDS.contains(&word.as_str()))
        .collect();
    ambiguous.sort();
    ambiguous.dedup();
    match ambiguous.as_slice() {
        [first, second, ..] => Some(format!("{first}, {second}")),
        _ => None,
    }
}

/// The lower-case words of an identifier: `isAuthenticated` and
/// `is_authenticated` both give `is`, `authenticated`.
fn words(identifier: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for character in identifier.chars() {
        if !character.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if character.is_ascii_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = character.is_ascii_lowercase() || character.is_ascii_digit();
        current.push(character.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Collects the identifiers a condition mentions, leaving out the parts
/// that only narrow types (`x is None`, `x is not None`, `isinstance(...)`).
struct Identifiers<'s, 'a, 'e> {
    semantic: &'s FileSemantic<'a>,
    found: Vec<&'e str>,
}

impl<'e> Visitor<'e> for Identifiers<'_, '_, 'e> {
    fn visit_expr(&mut self, expr: &'e Expr) {
        match expr {
            Expr::Compare(compare)
                if compare
                    .ops
                    .iter()
                    .all(|op| matches!(op, CmpOp::Is | CmpOp::IsNot))
                    && compare.comparators.iter().all(Expr::is_none_literal_expr) =>
            {
                return;
            }
            Expr::Call(call)
                if self
                    .semantic
                    .qualified_name(&call.func)
                    .is_some_and(|name| {
                        matches!(
                            name.as_str(),
                            "isinstance" | "issubclass" | "callable" | "hasattr"
                        )
                    }) =>
            {
                return;
            }
            Expr::Name(name) => self.found.push(name.id.as_str()),
            Expr::Attribute(attribute) => {
                // `request.user` is the authenticated user in Django and DRF.
                if attribute.attr.as_str() == "user"
                    && matches!(attribute.value.as_ref(), Expr::Name(name) if name.id.as_str() == "request")
                {
                    self.found.push("request_user_auth");
                }
                self.found.push(attribute.attr.as_str());
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// Text one of the [`SECURITY_WORDS`] or [`AMBIGUOUS_WORDS`] contains
/// (several words share one: `auth`, `perm`, `user`...).
const WORD_MARKERS: Needles = Needles::new(&[
    "acl",
    "admin",
    "auth",
    "csrf",
    "granted",
    "hmac",
    "jwt",
    "logged",
    "login",
    "mfa",
    "otp",
    "passwd",
    "password",
    "perm",
    "privilege",
    "role",
    "secret",
    "signature",
    "staff",
    "sudo",
    "user",
    "xsrf",
    "access",
    "allowed",
    "nonce",
    "owner",
    "scope",
    "signed",
    "token",
    "verified",
    "verify",
]);

/// Finds whether any name or attribute in an expression contains one of
/// the [`WORD_MARKERS`]. Every word of an identifier is a piece of it in
/// lower case, so without a marker there is no security word.
#[derive(Default)]
struct MentionsMarker {
    found: bool,
}

impl<'e> Visitor<'e> for MentionsMarker {
    fn visit_expr(&mut self, expr: &'e Expr) {
        if self.found {
            return;
        }
        let identifier = match expr {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            _ => None,
        };
        if identifier.is_some_and(|identifier| WORD_MARKERS.found_in(identifier)) {
            self.found = true;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

impl Rule for AssertSecurityCheck {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtAssert])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let Stmt::Assert(assert) = stmt else {
            return;
        };
        // Tests assert all the time, and never as a security check. Most
        // assertions are in test functions: this is cheaper to ask first
        // than reading their text.
        if in_test_code(cx, stmt.range()) {
            return;
        }
        // Most assertions mention no security word: skip resolving their
        // calls. (`request.user` is caught by `user`.) Identifiers are
        // pieces of the source text, so an ASCII condition without a marker
        // in its text has none in its names (the parser normalises only
        // non-ASCII identifiers); else its names are looked at.
        let text = cx.text(assert.test.range());
        if !text.is_empty() && !WORD_MARKERS.found_in(text) && text.is_ascii() {
            return;
        }
        let mut mentions = MentionsMarker::default();
        mentions.visit_expr(&assert.test);
        if !mentions.found {
            return;
        }
        let semantic = cx.semantic();
        let mut identifiers = Identifiers {
            semantic,
            found: Vec::new(),
        };
        identifiers.visit_expr(&assert.test);
        let all_words: Vec<String> = identifiers
            .found
            .iter()
            .flat_map(|identifier| words(identifier))
            .collect();
        let Some(word) = security_word(&all_words) else {
            return;
        };
        cx.report(
            stmt.range(),
            format!(
                "this `assert` looks like a security check (`{word}`), but Python drops asserts \
                 under `-O`, and the check with them"
            ),
        )
        .label("security check removed by `python -O`");
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn splits_snake_and_camel_case() {
        assert_eq!(words("is_authenticated"), ["is", "authenticated"]);
        assert_eq!(words("isAuthenticated"), ["is", "authenticated"]);
        assert_eq!(words("HTTPToken"), ["httptoken"]);
        assert_eq!(words("user2Admin"), ["user2", "admin"]);
    }
}
