//! `DEBUG = True` in a Django settings module.

use crate::helpers::is_truthy_constant;
use crate::helpers::settings_modules::{django_setting, is_development_settings};
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct DjangoDebugTrue;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoDebugTrue;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV910",
    name: "django-debug-true",
    cwe: &[489, 215],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags a module-level `DEBUG = True` (a constant) in a Django settings module.",
    why: "With `DEBUG` on, every unhandled error is answered with a detailed page listing the \
          stack, local variables, the request and most settings; database queries are kept in \
          memory and static files are served by Django. An attacker who can trigger an error \
          learns paths, library versions and configuration useful for the next step. A module \
          counts as Django settings when it is named `settings`, `settings_*` or `*_settings` \
          or sits in a `settings` package (and assigns a Django setting, star-imports a base \
          settings module or imports Django), or when it assigns at least two Django-only \
          settings such as `INSTALLED_APPS`, `MIDDLEWARE`, `DATABASES` or `ROOT_URLCONF`. In \
          modules named for development or tests (`dev`, `local`, `test`, a `tests` package) \
          the finding is reported with low severity and confidence.",
    insecure_example: "
INSTALLED_APPS = [\"django.contrib.auth\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
DEBUG = True
",
    secure_example: "
import os

INSTALLED_APPS = [\"django.contrib.auth\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
DEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"1\"
",
    fix: "default `DEBUG` to `False` and enable it only from the environment on a developer's machine",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/settings/#debug",
        "https://docs.djangoproject.com/en/stable/howto/deployment/checklist/",
    ],
};

impl Rule for DjangoDebugTrue {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtAssign, NodeKind::StmtAnnAssign])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        let Some((_, value)) = django_setting(semantic, stmt, &["DEBUG"]) else {
            return;
        };
        if !is_truthy_constant(semantic, value) {
            return;
        }
        let development = is_development_settings(semantic);
        let report = cx
            .report(
                stmt.range(),
                "`DEBUG = True` in Django settings: error pages show code, variables and settings to whoever triggers them",
            )
            .label("Django debug mode enabled");
        if development {
            report.severity(Severity::Low).confidence(Confidence::Low);
        }
    }
}
