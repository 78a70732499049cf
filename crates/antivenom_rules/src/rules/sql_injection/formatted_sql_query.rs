//! SQL text built with `%`, `str.format`, f-strings, `+`, `str.replace` or
//! `str.join` from non-constant values and passed to a SQL API.

use crate::helpers::sql_query::{BuiltString, built_string, is_sql_statement, mentions_sql};
use crate::helpers::sql_sinks::{SINK_LAST_SEGMENTS, SqlApi, sql_sink};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use ruff_python_ast::Expr;

pub(crate) struct FormattedSqlQuery;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &FormattedSqlQuery;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV401",
    name: "formatted-sql-query",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::High,
    category: Category::SqlInjection,
    aliases: &["B608", "S608"],
    status: Status::Stable,
    summary: "Flags SQL text built from non-constant values with `%`, `str.format`, f-strings, \
              `+`, `str.replace` or `str.join` and passed to `execute`, `executemany`, \
              `executescript`, Django `raw`, SQLAlchemy `text` or `pandas.read_sql`.",
    why: "When a value is spliced into the text of a query, the database cannot tell data from \
          code: a value containing a quote ends the literal and the rest is run as SQL. An \
          attacker who controls the value can read or change any data the connection can reach. \
          The check follows one assignment (`q = \"...\" % x; cursor.execute(q)`). Values that \
          cannot carry SQL text (constants, numbers, `%d` conversions, quoted identifiers, \
          placeholder lists such as `\", \".join([\"%s\"] * len(ids))`) are not flagged.",
    insecure_example: "
def find_user(cursor, name):
    cursor.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)
    return cursor.fetchone()
",
    secure_example: "
def find_user(cursor, name):
    cursor.execute(\"SELECT * FROM users WHERE name = %s\", (name,))
    return cursor.fetchone()
",
    fix: "pass values as query parameters (`execute(sql, params)`, `text(...).bindparams(...)`); \
          never format them into the SQL text",
    references: &[
        "https://peps.python.org/pep-0249/#paramstyle",
        "https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders",
        "https://docs.djangoproject.com/en/stable/topics/db/sql/#passing-parameters-into-raw",
        "https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text",
        "https://cwe.mitre.org/data/definitions/89.html",
    ],
};

/// A query that makes the call a finding.
fn dangerous_query(built: Option<BuiltString>) -> Option<BuiltString> {
    built.filter(|built| built.untrusted && mentions_sql(&built.template))
}

impl Rule for FormattedSqlQuery {
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
        if matches!(sink.api, SqlApi::DjangoRawSql | SqlApi::DjangoExtra) {
            // Their own rules (django-raw-sql, django-extra-sql) cover them.
            return;
        }
        let Some(query) = sink.queries.first() else {
            return;
        };
        let semantic = cx.semantic();
        let (built, through) = match query {
            Expr::Name(name) => (
                semantic
                    .single_assigned_value(name)
                    .and_then(|value| dangerous_query(built_string(semantic, value))),
                Some(name.id.as_str()),
            ),
            other => (dangerous_query(built_string(semantic, other)), None),
        };
        let Some(built) = built else {
            return;
        };
        let message = match through {
            Some(variable) => format!(
                "`{}` runs SQL from `{variable}`, which is built with {} from non-constant values",
                sink.callee, built.how
            ),
            None => format!(
                "`{}` runs SQL built with {} from non-constant values",
                sink.callee, built.how
            ),
        };
        let confidence = if is_sql_statement(&built.template, false) {
            Confidence::High
        } else {
            Confidence::Medium
        };
        cx.report(call.range(), message)
            .label("SQL built from values")
            .confidence(confidence);
    }
}
