//! Django `QuerySet.extra()` with SQL fragments that are not constant.

use crate::helpers::sql_query::is_trusted;
use crate::helpers::sql_sinks::{SINK_LAST_SEGMENTS, SqlApi, sql_sink};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::Expr;

pub(crate) struct DjangoExtraSql;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &DjangoExtraSql;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV403",
    name: "django-extra-sql",
    cwe: &[89],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    category: Category::SqlInjection,
    aliases: &["B610", "S610"],
    status: Status::Stable,
    summary: "Flags Django `QuerySet.extra()` calls whose `select`, `where`, `tables` or \
              `order_by` SQL fragments are not constant.",
    why: "`extra()` copies its `select`, `where`, `tables` and `order_by` strings into the \
          generated SQL as they are. If any of them is built from a request value, the caller \
          can inject SQL. Only `params` / `select_params` are escaped by the database driver. \
          Constant fragments and fragments built only from constants, numbers or placeholder \
          lists are not flagged.",
    insecure_example: "
def by_status(request):
    status = request.GET[\"status\"]
    return Order.objects.extra(where=[f\"status = '{status}'\"])
",
    secure_example: "
def by_status(request):
    status = request.GET[\"status\"]
    return Order.objects.filter(status=status)
",
    fix: "use the ORM (`filter`, `annotate`) or keep the fragments constant and pass values in `params`",
    references: &[
        "https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra",
        "https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection",
    ],
};

/// `true` when a fragment argument of `extra()` holds only trusted SQL:
/// dict and list literals (and `dict(...)`) are looked into.
fn is_trusted_fragment(semantic: &FileSemantic<'_>, expr: &Expr) -> bool {
    match expr {
        Expr::Dict(dict) => dict.items.iter().all(|item| {
            item.key
                .as_ref()
                .is_none_or(|key| is_trusted(semantic, key))
                && is_trusted_fragment(semantic, &item.value)
        }),
        Expr::List(list) => list.elts.iter().all(|e| is_trusted_fragment(semantic, e)),
        Expr::Tuple(tuple) => tuple.elts.iter().all(|e| is_trusted_fragment(semantic, e)),
        Expr::Call(call) if semantic.qualified_name(&call.func).as_deref() == Some("dict") => {
            call.arguments
                .args
                .iter()
                .all(|argument| is_trusted_fragment(semantic, argument))
                && call.arguments.keywords.iter().all(|keyword| {
                    keyword.arg.is_some() && is_trusted_fragment(semantic, &keyword.value)
                })
        }
        Expr::Name(name) => semantic
            .single_assigned_value(name)
            .is_some_and(|value| is_trusted_fragment(semantic, value)),
        other => is_trusted(semantic, other),
    }
}

/// Methods that return a Django `QuerySet`.
const QUERYSET_METHODS: &[&str] = &[
    "all",
    "filter",
    "exclude",
    "annotate",
    "order_by",
    "distinct",
    "values",
    "values_list",
    "select_related",
    "prefetch_related",
    "using",
    "only",
    "defer",
    "extra",
    "get_queryset",
];

/// Positional arguments are only trusted to be `extra()`'s SQL fragments
/// when the receiver looks like a queryset: `Model.objects.extra(...)` or
/// `queryset.filter(...).extra(...)`.
pub(crate) fn looks_like_queryset(call: &CallSite<'_>) -> bool {
    let Expr::Attribute(attribute) = call.call.func.as_ref() else {
        return false;
    };
    match attribute.value.as_ref() {
        Expr::Attribute(receiver) => receiver.attr.as_str() == "objects",
        Expr::Call(inner) => matches!(
            inner.func.as_ref(),
            Expr::Attribute(method) if QUERYSET_METHODS.contains(&method.attr.as_str())
        ),
        _ => false,
    }
}

impl Rule for DjangoExtraSql {
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
        let semantic = cx.semantic();
        let by_keyword = ["select", "where", "tables", "order_by"]
            .iter()
            .any(|name| call.keyword(name).is_some());
        if !by_keyword && !looks_like_queryset(call) {
            return;
        }
        let untrusted = [("select", 0), ("where", 1), ("tables", 3), ("order_by", 4)]
            .into_iter()
            .find(|(name, position)| {
                call.argument(name, *position)
                    .is_some_and(|value| !is_trusted_fragment(semantic, value))
            });
        let Some((argument, _)) = untrusted else {
            return;
        };
        cx.report(
            call.range(),
            format!("`extra({argument}=...)` puts SQL text that is not constant into the query"),
        )
        .label("non-constant SQL fragment");
    }
}
