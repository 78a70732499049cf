//! `ALLOWED_HOSTS` containing `"*"` in a Django settings module.

use crate::helpers::settings_modules::{django_setting, is_development_settings};
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::{Constant, FileSemantic};
use ruff_python_ast::{Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct DjangoAllowedHostsWildcard;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoAllowedHostsWildcard;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV911",
    name: "django-allowed-hosts-wildcard",
    cwe: &[183, 644],
    severity: Severity::Medium,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags a module-level `ALLOWED_HOSTS` in a Django settings module that contains the \
              wildcard `\"*\"`.",
    why: "`ALLOWED_HOSTS` is Django's check of the `Host` header. With `\"*\"` any host name is \
          accepted, so URLs that Django builds from the request (password-reset links, \
          absolute redirects, `build_absolute_uri`) can be made to point at an attacker's \
          domain (host-header poisoning), and caches keyed on the host can be poisoned. Only \
          list literals and values that fold to constants are checked; in modules named for \
          development or tests the finding has low severity.",
    insecure_example: "
INSTALLED_APPS = [\"django.contrib.auth\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
ALLOWED_HOSTS = [\"*\"]
",
    secure_example: "
INSTALLED_APPS = [\"django.contrib.auth\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
ALLOWED_HOSTS = [\"shop.example.com\", \"www.shop.example.com\"]
",
    fix: "list the exact host names the site is served under (a leading dot allows subdomains of one domain)",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",
        "https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation",
    ],
};

/// `true` when the hosts value holds the `"*"` wildcard.
fn has_wildcard(semantic: &FileSemantic<'_>, value: &Expr) -> bool {
    let elements = match value {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        Expr::Set(set) => &set.elts,
        _ => {
            return matches!(semantic.constant(value), Some(Constant::Sequence(items))
                if items.iter().any(|item| item.as_str() == Some("*")));
        }
    };
    elements.iter().any(|element| {
        semantic
            .constant_str(element)
            .is_some_and(|host| host == "*")
    })
}

impl Rule for DjangoAllowedHostsWildcard {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtAssign, NodeKind::StmtAnnAssign])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        let Some((_, value)) = django_setting(semantic, stmt, &["ALLOWED_HOSTS"]) else {
            return;
        };
        if !has_wildcard(semantic, value) {
            return;
        }
        let development = is_development_settings(semantic);
        let report = cx
            .report(
                stmt.range(),
                "`ALLOWED_HOSTS` accepts any `Host` header: links Django builds from the request can point to an attacker's domain",
            )
            .label("any host allowed");
        if development {
            report.severity(Severity::Low).confidence(Confidence::Low);
        }
    }
}
