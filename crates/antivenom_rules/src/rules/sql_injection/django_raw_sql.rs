//! Django `RawSQL` expressions whose SQL is not constant.

use crate::helpers::sql_query::{built_string, is_trusted};
use crate::helpers::sql_sinks::{SINK_LAST_SEGMENTS, SqlApi, sql_sink};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct DjangoRawSql;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoRawSql;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV404",
    name: "django-raw-sql",
    cwe: &[89],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::SqlInjection,
    aliases: &["B611", "S611"],
    status: Status::Stable,
    summary: "Flags Django `RawSQL(sql, params)` expressions whose `sql` is not a constant.",
    why: "`RawSQL` inserts its `sql` string into the generated query unchanged; only `params` \
          are passed to the driver as parameters. SQL text that is computed at run time can \
          carry a request value into the query and let the caller inject SQL. The finding has \
          high confidence when the text is visibly built from non-constant values, medium \
          when it is some other non-constant value.",
    insecure_example: "
from django.db.models.expressions import RawSQL

def with_score(queryset, column):
    return queryset.annotate(score=RawSQL(\"SELECT %s FROM scores\" % column, []))
",
    secure_example: "
from django.db.models.expressions import RawSQL

def with_score(queryset, user_id):
    return queryset.annotate(score=RawSQL(\"SELECT total FROM scores WHERE user_id = %s\", [user_id]))
",
    fix: "keep the `RawSQL` text constant and pass values in `params`, or use ORM expressions",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions",
        "https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection",
    ],
};

impl Rule for DjangoRawSql {
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
        if sink.api != SqlApi::DjangoRawSql {
            return;
        }
        let Some(sql) = sink.queries.first() else {
            return;
        };
        let semantic = cx.semantic();
        if is_trusted(semantic, sql) {
            return;
        }
        let built = built_string(semantic, sql).is_some_and(|built| built.untrusted);
        let found = cx.report(
            call.range(),
            "`RawSQL` receives SQL text that is not constant",
        );
        if built {
            found
                .label("SQL built from values")
                .confidence(Confidence::High);
        } else {
            found.label("non-constant SQL");
        }
    }
}
