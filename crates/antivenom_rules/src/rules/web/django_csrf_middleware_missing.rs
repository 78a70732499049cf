//! A complete Django `MIDDLEWARE` list without `CsrfViewMiddleware`.

use crate::helpers::settings_modules::{django_setting, is_modified_at_module_level};
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::Constant;
use ruff_python_ast::{Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct DjangoCsrfMiddlewareMissing;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoCsrfMiddlewareMissing;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV913",
    name: "django-csrf-middleware-missing",
    cwe: &[352],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags a Django `MIDDLEWARE` (or `MIDDLEWARE_CLASSES`) setting written as a constant \
              list that includes Django's `SessionMiddleware` or `CommonMiddleware` but not \
              `django.middleware.csrf.CsrfViewMiddleware`.",
    why: "`CsrfViewMiddleware` is what makes Django reject cross-site POST requests that do not \
          carry the CSRF token. Without it, any page the victim visits can submit forms to the \
          site with the victim's session cookie (cross-site request forgery): change their \
          e-mail or password, make purchases, or act as an administrator. Only constant lists \
          that are clearly the full middleware stack (they hold the session or common \
          middleware) are checked, and not when the module later extends or edits the list.",
    insecure_example: "
INSTALLED_APPS = [\"django.contrib.sessions\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
MIDDLEWARE = [
    \"django.middleware.security.SecurityMiddleware\",
    \"django.contrib.sessions.middleware.SessionMiddleware\",
    \"django.middleware.common.CommonMiddleware\",
    \"django.contrib.auth.middleware.AuthenticationMiddleware\",
]
",
    secure_example: "
INSTALLED_APPS = [\"django.contrib.sessions\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
MIDDLEWARE = [
    \"django.middleware.security.SecurityMiddleware\",
    \"django.contrib.sessions.middleware.SessionMiddleware\",
    \"django.middleware.common.CommonMiddleware\",
    \"django.middleware.csrf.CsrfViewMiddleware\",
    \"django.contrib.auth.middleware.AuthenticationMiddleware\",
]
",
    fix: "add `django.middleware.csrf.CsrfViewMiddleware` to `MIDDLEWARE` (after the session middleware) and exempt single views with `csrf_exempt` only where really needed",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/csrf/",
        "https://docs.djangoproject.com/en/stable/ref/middleware/#middleware-ordering",
    ],
};

const CSRF_MIDDLEWARE: &str = "django.middleware.csrf.CsrfViewMiddleware";
/// Middleware that every complete Django stack has.
const CORE_MIDDLEWARE: &[&str] = &[
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
];
const SETTINGS: &[&str] = &["MIDDLEWARE", "MIDDLEWARE_CLASSES"];

impl Rule for DjangoCsrfMiddlewareMissing {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtAssign, NodeKind::StmtAnnAssign])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        let Some((name, value)) = django_setting(semantic, stmt, SETTINGS) else {
            return;
        };
        if !matches!(value, Expr::List(_) | Expr::Tuple(_)) {
            return;
        }
        let Some(Constant::Sequence(items)) = semantic.constant(value) else {
            return;
        };
        let names: Vec<&str> = items.iter().filter_map(Constant::as_str).collect();
        if names.len() != items.len()
            || names.contains(&CSRF_MIDDLEWARE)
            || !names
                .iter()
                .any(|middleware| CORE_MIDDLEWARE.contains(middleware))
            || is_modified_at_module_level(semantic, name)
        {
            return;
        }
        cx.report(
            stmt.range(),
            format!(
                "`{name}` does not include `CsrfViewMiddleware`: forms and POST views are open to cross-site request forgery"
            ),
        )
        .label("CSRF protection disabled");
    }
}
