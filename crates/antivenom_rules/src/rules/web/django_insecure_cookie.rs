//! `SESSION_COOKIE_SECURE = False` / `CSRF_COOKIE_SECURE = False` in a
//! Django settings module.

use crate::helpers::settings_modules::{django_setting, is_development_settings};
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::Constant;
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct DjangoInsecureCookie;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoInsecureCookie;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV914",
    name: "django-insecure-cookie",
    cwe: &[614, 319],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `SESSION_COOKIE_SECURE = False` and `CSRF_COOKIE_SECURE = False` written \
              explicitly at module level in a Django settings module.",
    why: "Without the `Secure` attribute the browser also sends the session and CSRF cookies \
          over plain HTTP: one request to an `http://` URL of the site (a link, an image, a \
          downgrade by someone on the network) exposes the session to anyone who can watch \
          the traffic, who then acts as the user. Only an explicit constant `False` is \
          reported, not the default; in modules named for development or tests the finding \
          has low severity, as local servers often run without TLS.",
    insecure_example: "
INSTALLED_APPS = [\"django.contrib.sessions\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
SESSION_COOKIE_SECURE = False
",
    secure_example: "
INSTALLED_APPS = [\"django.contrib.sessions\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
",
    fix: "set `SESSION_COOKIE_SECURE = True` and `CSRF_COOKIE_SECURE = True` for any deployment served over HTTPS",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure",
        "https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure",
        "https://docs.djangoproject.com/en/stable/howto/deployment/checklist/",
    ],
};

const SETTINGS: &[&str] = &["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"];

impl Rule for DjangoInsecureCookie {
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
        if semantic.constant(value) != Some(Constant::Bool(false)) {
            return;
        }
        let development = is_development_settings(semantic);
        let report = cx
            .report(
                stmt.range(),
                format!(
                    "`{name} = False`: the browser also sends this cookie over plain HTTP, where it can be read in transit"
                ),
            )
            .label("cookie sent without `Secure`");
        if development {
            report.severity(Severity::Low).confidence(Confidence::Low);
        }
    }
}
