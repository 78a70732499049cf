//! `SECRET_KEY = "<constant>"` in a Django settings module.

use crate::helpers::settings_modules::{
    django_setting, is_development_settings, is_placeholder_secret,
};
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct DjangoHardcodedSecretKey;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoHardcodedSecretKey;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV912",
    name: "django-hardcoded-secret-key",
    cwe: &[798, 321],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags a module-level `SECRET_KEY` in a Django settings module assigned a string \
              that folds to a constant (not an empty string or an obvious placeholder).",
    why: "Django signs sessions (with the signed-cookie backend), password-reset tokens, \
          messages and `signing.dumps` data with `SECRET_KEY`. A key written in the source is \
          known to everyone who can read the repository, its history or a leaked copy, and is \
          usually the same in every deployment: with it an attacker forges password-reset \
          links and signed data, and with signed-cookie sessions logs in as any user. Values \
          read from the environment, a file or any call are not reported, nor empty strings \
          and placeholders such as `\"changeme\"`; in modules named for development or tests \
          the finding has low severity.",
    insecure_example: "
INSTALLED_APPS = [\"django.contrib.auth\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
SECRET_KEY = \"django-insecure-4n$0xw9+l)u3@8k!r#c^p2d7y&m1q%z6\"
",
    secure_example: "
import os

INSTALLED_APPS = [\"django.contrib.auth\", \"shop\"]
ROOT_URLCONF = \"shop.urls\"
SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]
",
    fix: "read `SECRET_KEY` from the environment or a secrets manager, and rotate any key that was committed",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key",
        "https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key",
    ],
};

impl Rule for DjangoHardcodedSecretKey {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtAssign, NodeKind::StmtAnnAssign])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        let Some((_, value)) = django_setting(semantic, stmt, &["SECRET_KEY"]) else {
            return;
        };
        let Some(key) = semantic.constant_str(value) else {
            return;
        };
        if is_placeholder_secret(&key) {
            return;
        }
        let development = is_development_settings(semantic);
        let report = cx
            .report(
                stmt.range(),
                "Django `SECRET_KEY` is written in the source: anyone who reads it can forge sessions, tokens and signed data",
            )
            .label("hard-coded Django secret key");
        if development {
            report.severity(Severity::Low).confidence(Confidence::Low);
        }
    }
}
