//! SQL statements built from non-constant values anywhere in the code
//! (not passed straight to a SQL API, which `formatted-sql-query` covers).

use crate::helpers::sql_query::{
    built_string, built_template, is_sql_statement, template_may_start_sql,
};
use crate::helpers::sql_sinks::{
    SINK_LAST_SEGMENTS, assigned_query_reaches_sql_api, may_be_sql_sink, may_be_sql_sink_call,
    sql_sink,
};
use crate::{CallSite, Interests, Rule, RuleContext, StaticRuleMeta};
use antivenom_diagnostics::{Category, Confidence, Severity, Status};
use antivenom_semantic::FileSemantic;
use ruff_python_ast::{Expr, ExprCall, NodeKind, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub(crate) struct SqlStringBuilding;

/// The rule's registration.
pub(crate) static RULE: &dyn Rule = &SqlStringBuilding;

const META: StaticRuleMeta = StaticRuleMeta {
    code: "AV402",
    name: "sql-string-building",
    cwe: &[89],
    severity: Severity::Medium,
    confidence: Confidence::Low,
    category: Category::SqlInjection,
    aliases: &["B608", "S608"],
    status: Status::Stable,
    summary: "Flags text shaped like a SQL statement (`SELECT … FROM`, `INSERT INTO`, \
              `UPDATE … SET`, `DELETE FROM`, `WITH … AS (`, `CREATE/ALTER/DROP TABLE`) built \
              from non-constant values, wherever it is built.",
    why: "A SQL statement assembled from values by string formatting is usually run later, \
          through code the analysis cannot follow. If any of those values comes from a user, \
          the statement can be rewritten by them (SQL injection). This is a heuristic with low \
          confidence; queries that visibly reach a SQL API are reported by \
          `formatted-sql-query` instead.",
    insecure_example: "
def orders_query(customer):
    return f\"SELECT * FROM orders WHERE customer = '{customer}'\"
",
    secure_example: "
def orders_query(customer):
    return \"SELECT * FROM orders WHERE customer = %s\", (customer,)
",
    fix: "keep the SQL text constant and pass values as query parameters",
    references: &[
        "https://peps.python.org/pep-0249/#paramstyle",
        "https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/89.html",
    ],
};

/// How `expr` builds a SQL statement from untrusted values, if it does.
fn untrusted_sql(semantic: &FileSemantic<'_>, expr: &Expr) -> Option<&'static str> {
    // Most built strings visibly start with something else.
    if !template_may_start_sql(semantic, expr) {
        return None;
    }
    // Judging the parts is the costly half: only SQL templates need it.
    let template = built_template(semantic, expr)?;
    if !is_sql_statement(&template, true) {
        return None;
    }
    let built = built_string(semantic, expr)?;
    built.untrusted.then_some(built.how)
}

/// Reports `expr` when it is SQL built from untrusted values, and then
/// skips its parts (one finding for the whole string).
fn check_built(cx: &mut RuleContext<'_, '_>, expr: &Expr) {
    let Some(how) = untrusted_sql(cx.semantic(), expr) else {
        return;
    };
    cx.skip_subtree(expr.range());
    if cx
        .statement()
        .and_then(|stmt| reported_at_sql_call(cx.semantic(), stmt))
        == Some(expr.range())
    {
        return;
    }
    cx.report(
        expr.range(),
        format!("SQL statement built with {how} from non-constant values"),
    )
    .label("SQL built from values");
}

/// `true` when visiting `expr` can report nothing: a name, a literal or
/// an attribute of one holds no call, operator or f-string.
fn is_inert(expr: &Expr) -> bool {
    let mut head = expr;
    while let Expr::Attribute(attribute) = head {
        head = &attribute.value;
    }
    matches!(
        head,
        Expr::Name(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
    )
}

/// `true` when every argument of `call` is inert (see [`is_inert`]).
fn arguments_are_inert(call: &ExprCall) -> bool {
    call.arguments.args.iter().all(is_inert)
        && call
            .arguments
            .keywords
            .iter()
            .all(|keyword| is_inert(&keyword.value))
}

/// `q = <SQL built from values>` where `q` is then run by a SQL API: the
/// API call is reported by `formatted-sql-query`.
fn reported_at_sql_call(semantic: &FileSemantic<'_>, stmt: &Stmt) -> Option<TextRange> {
    let (target, value) = match stmt {
        Stmt::Assign(assign) => match assign.targets.as_slice() {
            [Expr::Name(target)] => (target, assign.value.as_ref()),
            _ => return None,
        },
        Stmt::AnnAssign(assign) => match (assign.target.as_ref(), assign.value.as_deref()) {
            (Expr::Name(target), Some(value)) => (target, value),
            _ => return None,
        },
        _ => return None,
    };
    assigned_query_reaches_sql_api(semantic, target, value).then(|| value.range())
}

impl Rule for SqlStringBuilding {
    fn meta(&self) -> &'static StaticRuleMeta {
        &META
    }

    fn interests(&self) -> Interests {
        Interests {
            calls: true,
            ..Interests::expressions(&[NodeKind::ExprBinOp, NodeKind::ExprFString])
        }
    }

    fn callee_names(&self) -> Option<Vec<&'static str>> {
        // The SQL APIs (whose queries it skips) and the string methods.
        Some(
            SINK_LAST_SEGMENTS
                .iter()
                .copied()
                .chain(["format", "replace", "join"])
                .collect(),
        )
    }

    fn check_call(&self, call: &CallSite<'_>, cx: &mut RuleContext<'_, '_>) {
        // A call with inert arguments is no SQL API call worth skipping
        // into; only the query arguments of SQL APIs are skipped: their own
        // rules judge them.
        let sink = if !may_be_sql_sink_call(call.call, call.qualified_name())
            || arguments_are_inert(call.call)
        {
            None
        } else {
            let qualified_name = call.qualified_name().filter(|_| may_be_sql_sink(call.call));
            sql_sink(call.call, qualified_name)
        };
        if let Some(sink) = sink {
            for query in sink.queries {
                cx.skip_subtree(query.range());
            }
            return;
        }
        // Only string methods build a string (see `template_may_start_sql`).
        if matches!(call.call.func.as_ref(), Expr::Attribute(attribute)
            if matches!(attribute.attr.as_str(), "format" | "replace" | "join"))
        {
            check_built(cx, call.expr);
        }
    }

    fn check_expr(&self, expr: &Expr, cx: &mut RuleContext<'_, '_>) {
        match expr {
            Expr::BinOp(binary) if binary.op == Operator::Add => {
                // A `+` chain is judged once, at its outermost `+`.
                let is_inner_link = matches!(cx.parent_expression(),
                    Some(Expr::BinOp(parent)) if parent.op == Operator::Add);
                if !is_inner_link {
                    check_built(cx, expr);
                }
            }
            Expr::BinOp(_) | Expr::FString(_) => check_built(cx, expr),
            _ => {}
        }
    }
}
