//! Every Django `RawSQL` expression whose SQL is not a string literal
//! written at the call (audit).

use crate::helpers::inline_literals::is_inline_literal;
use crate::helpers::sql_sinks::{SINK_LAST_SEGMENTS, SqlApi, sql_sink};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};

pub(crate) struct DjangoRawSqlCall;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoRawSqlCall;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV471",
    name: "django-raw-sql-call",
    cwe: &[89],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::SqlInjection,
    aliases: &["B611", "S611"],
    status: Status::Audit,
    summary: "Flags Django `RawSQL(...)` expressions whose SQL is not a string literal written \
              at the call.",
    why: "`RawSQL` inserts its SQL text into the query as it is; only `params` are escaped. \
          The stable rule django-raw-sql (AV404) reports SQL that is not constant. SQL kept in \
          a variable or assembled with `%`, `+` or `.format()` may fold to a constant today, \
          but a reader cannot see it at the call and one later edit can splice a request value \
          into it. This audit rule lists every such expression for review.",
    insecure_example: "
from django.db.models.expressions import RawSQL

ORDER = \"SELECT COUNT(*) FROM orders WHERE orders.user_id = auth_user.id\"
users = User.objects.annotate(orders=RawSQL(ORDER, []))
",
    secure_example: "
from django.db.models.expressions import RawSQL

users = User.objects.annotate(
    orders=RawSQL(\"SELECT COUNT(*) FROM orders WHERE orders.user_id = auth_user.id\", [])
)
",
    fix: "write the SQL inline as a literal and pass every value in `params`, or use ORM expressions (`Subquery`, `Count`)",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions",
        "https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection",
    ],
};

impl Rule for DjangoRawSqlCall {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests::CALLS
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        Some(SINK_LAST_SEGMENTS.to_vec())
    }

    fn modules(&self) -> &'static [&'static str] {
        &["django"]
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
        if is_inline_literal(sql) {
            return;
        }
        cx.report(
            call.range(),
            "`RawSQL` receives SQL that is not literal text at the call; check where it comes from",
        )
        .label("SQL not written inline");
    }
}
