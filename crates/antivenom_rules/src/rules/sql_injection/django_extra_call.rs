//! Every Django `QuerySet.extra()` call whose SQL fragments are not literal
//! text at the call (audit).

use super::django_extra_sql::looks_like_queryset;
use crate::helpers::inline_literals::is_inline_literal;
use crate::helpers::sql_sinks::{SINK_LAST_SEGMENTS, SqlApi, sql_sink};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct DjangoExtraCall;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoExtraCall;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV470",
    name: "django-extra-call",
    cwe: &[89],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::SqlInjection,
    aliases: &["B610", "S610"],
    status: Status::Audit,
    summary: "Flags Django `QuerySet.extra()` calls whose `select`, `where`, `tables` or \
              `order_by` fragments are not string literals written at the call.",
    why: "`extra()` pastes its `select`, `where`, `tables` and `order_by` strings into the SQL \
          unescaped. The stable rule django-extra-sql (AV403) reports fragments that are not \
          constant; fragments held in variables, built with `%` / `.format()` or passed through \
          `dict(...)` that happen to fold to constants today are easy to change into injectable \
          ones, and a reader of the call cannot see what SQL it adds. This audit rule lists \
          every such call for review; `extra()` is also slated for deprecation by Django.",
    insecure_example: "
def ranked(columns):
    return Article.objects.extra(select={\"score\": columns[\"score\"]})
",
    secure_example: "
from django.db.models import F

def ranked():
    return Article.objects.annotate(score=F(\"votes\") * 2)
",
    fix: "replace `extra()` with ORM expressions (`annotate`, `F`, `Func`, `RawSQL` with `params`); otherwise write the fragments inline as literals and pass values in `params`",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra",
        "https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection",
    ],
};

impl Rule for DjangoExtraCall {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(SINK_LAST_SEGMENTS.to_vec())
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        let Some(sink) = sql_sink(call.call, call.qualified_name()) else {
            return;
        };
        if sink.api != SqlApi::DjangoExtra {
            return;
        }
        let by_keyword = ["select", "where", "tables", "order_by"]
            .iter()
            .any(|name| call.keyword(name).is_some());
        if !by_keyword && !looks_like_queryset(call) {
            return;
        }
        if sink
            .queries
            .iter()
            .all(|fragment| is_inline_literal(fragment))
        {
            return;
        }
        cx.report(
            call.range(),
            "`extra()` adds SQL fragments that are not literal text at the call; check where they come from",
        )
        .label("SQL fragment not written inline");
    }
}
