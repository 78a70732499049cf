//! django-cors-headers allowing every origin together with credentials.

use crate::helpers::is_truthy_constant;
use crate::helpers::settings_modules::{django_setting, module_assignments};
use crate::{Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

pub(crate) struct DjangoCorsAnyOriginWithCredentials;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoCorsAnyOriginWithCredentials;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV915",
    name: "django-cors-any-origin-with-credentials",
    cwe: &[942, 346],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::Web,
    aliases: &[],
    status: Status::Stable,
    summary: "Flags `CORS_ALLOW_ALL_ORIGINS = True` (or the older `CORS_ORIGIN_ALLOW_ALL`) in a \
              Django settings module that also sets `CORS_ALLOW_CREDENTIALS = True` at module \
              level.",
    why: "With both settings, django-cors-headers answers every origin with \
          `Access-Control-Allow-Origin: <that origin>` and `Access-Control-Allow-Credentials: \
          true`. Any web page a logged-in user visits can then send requests with the user's \
          cookies and read the responses: account data, CSRF tokens, API results. Allowing all \
          origins without credentials, or credentials for a fixed list of origins, is not \
          reported.",
    insecure_example: "
INSTALLED_APPS = [\"corsheaders\", \"api\"]
ROOT_URLCONF = \"api.urls\"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
",
    secure_example: "
INSTALLED_APPS = [\"corsheaders\", \"api\"]
ROOT_URLCONF = \"api.urls\"
CORS_ALLOWED_ORIGINS = [\"https://app.example.com\"]
CORS_ALLOW_CREDENTIALS = True
",
    fix: "list the trusted origins in `CORS_ALLOWED_ORIGINS` instead of allowing all, or do not allow credentials",
    references: &[
        "https://github.com/adamchainz/django-cors-headers#configuration",
        "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials",
    ],
};

const ALLOW_ALL: &[&str] = &["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"];

impl Rule for DjangoCorsAnyOriginWithCredentials {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::statements(&[NodeKind::StmtAssign, NodeKind::StmtAnnAssign])
    }

    fn check_stmt(&self, stmt: &Stmt, cx: &mut RuleContext<'_, '_>) {
        let semantic = cx.semantic();
        let Some((name, value)) = django_setting(semantic, stmt, ALLOW_ALL) else {
            return;
        };
        if !is_truthy_constant(semantic, value) {
            return;
        }
        let credentials = module_assignments(semantic, "CORS_ALLOW_CREDENTIALS");
        // The last module-level assignment decides (earlier ones are overridden).
        if !credentials
            .last()
            .is_some_and(|(_, allowed)| is_truthy_constant(semantic, allowed))
        {
            return;
        }
        cx.report(
            stmt.range(),
            format!(
                "`{name} = True` with `CORS_ALLOW_CREDENTIALS = True`: any web site can make requests with the user's cookies and read the answers"
            ),
        )
        .label("CORS: any origin with credentials");
    }
}
