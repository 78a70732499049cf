//! Calls that run SQL text, where their query argument is, and whether a
//! string assigned to a variable reaches one of them (sql-injection rules).

use super::prefilters::may_resolve_with_last;
use super::statement_expressions::own_expressions;
use antivenom_semantic::FileSemantic;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprCall};
use ruff_python_semantic::{BindingKind, NodeRef};
use ruff_text_size::{Ranged, TextRange};

/// Which API runs the SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SqlApi {
    /// DB-API / SQLAlchemy `execute`, `executemany`, `executescript` on any
    /// receiver.
    Execute,
    /// Django `Manager.raw` (any receiver's `.raw(...)`).
    DjangoRaw,
    /// `sqlalchemy.text`.
    SqlalchemyText,
    /// `pandas.read_sql` / `read_sql_query`.
    PandasReadSql,
    /// Django `RawSQL` expressions.
    DjangoRawSql,
    /// Django `QuerySet.extra` (its `select`, `where`, `tables`,
    /// `order_by` arguments).
    DjangoExtra,
}

/// A call that runs SQL text.
#[derive(Debug, Clone)]
pub(crate) struct SqlSink<'e> {
    /// The API.
    pub(crate) api: SqlApi,
    /// The callee as written in messages (`execute`, `text`).
    pub(crate) callee: String,
    /// The arguments that carry SQL text.
    pub(crate) queries: Vec<&'e Expr>,
}

/// Keyword names DB drivers use for the SQL of `execute`.
const EXECUTE_KEYWORDS: &[&str] = &[
    "sql",
    "query",
    "operation",
    "statement",
    "stmt",
    "sql_script",
];

/// `true` for the last segments of the callees [`sql_sink`] recognises:
/// the resolved names it knows and the methods it accepts on any receiver.
#[inline]
fn is_sink_last_segment(last: &str) -> bool {
    SINK_LAST_SEGMENTS.contains(&last)
}

/// The last segments of the callees [`sql_sink`] recognises: the resolved
/// names it knows and the methods it accepts on any receiver.
pub(crate) const SINK_LAST_SEGMENTS: &[&str] = &[
    "text",
    "read_sql",
    "read_sql_query",
    "RawSQL",
    "execute",
    "executemany",
    "executescript",
    "raw",
    "extra",
];

/// `false` when `call` is surely no SQL sink, whatever its callee resolves
/// to: callers skip resolving the callee of most method calls.
pub(crate) fn may_be_sql_sink(call: &ExprCall) -> bool {
    may_resolve_with_last(&call.func, is_sink_last_segment)
}

/// The resolved names [`sql_sink`] recognises on their own (those
/// [`recognised_sql_sink`] matches before looking at methods).
fn is_resolved_sink(qualified_name: &str) -> bool {
    matches!(
        qualified_name,
        "sqlalchemy.text"
            | "sqlalchemy.sql.text"
            | "sqlalchemy.sql.expression.text"
            | "pandas.read_sql"
            | "pandas.read_sql_query"
            | "pandas.io.sql.read_sql"
            | "pandas.io.sql.read_sql_query"
            | "django.db.models.expressions.RawSQL"
            | "django.db.models.RawSQL"
    )
}

/// Recognises `call` (with its resolved callee `qualified_name`) as a SQL
/// API and finds its query arguments.
#[inline]
pub(crate) fn sql_sink<'e>(
    call: &'e ExprCall,
    qualified_name: Option<&str>,
) -> Option<SqlSink<'e>> {
    if !may_be_sql_sink_call(call, qualified_name) {
        return None;
    }
    recognised_sql_sink(call, qualified_name)
}

/// `false` when [`sql_sink`] surely finds no sink in `call`: a method or
/// module attribute is a sink only under one of its names, anything else
/// only under a resolved name it knows. Most calls stop here.
#[inline]
pub(crate) fn may_be_sql_sink_call(call: &ExprCall, qualified_name: Option<&str>) -> bool {
    match call.func.as_ref() {
        Expr::Attribute(attribute) => is_sink_last_segment(attribute.attr.as_str()),
        _ => qualified_name.is_some_and(is_resolved_sink),
    }
}

/// [`sql_sink`] for the calls its first look leaves.
#[inline(never)]
fn recognised_sql_sink<'e>(
    call: &'e ExprCall,
    qualified_name: Option<&str>,
) -> Option<SqlSink<'e>> {
    let arguments = &call.arguments;
    let resolved = |names: &[&str]| qualified_name.is_some_and(|name| names.contains(&name));
    if resolved(&[
        "sqlalchemy.text",
        "sqlalchemy.sql.text",
        "sqlalchemy.sql.expression.text",
    ]) {
        return Some(SqlSink {
            api: SqlApi::SqlalchemyText,
            callee: "text".to_owned(),
            queries: arguments
                .find_argument_value("text", 0)
                .into_iter()
                .collect(),
        });
    }
    if resolved(&[
        "pandas.read_sql",
        "pandas.read_sql_query",
        "pandas.io.sql.read_sql",
        "pandas.io.sql.read_sql_query",
    ]) {
        return Some(SqlSink {
            api: SqlApi::PandasReadSql,
            callee: qualified_name.unwrap_or_default().to_owned(),
            queries: arguments
                .find_argument_value("sql", 0)
                .into_iter()
                .collect(),
        });
    }
    if resolved(&[
        "django.db.models.expressions.RawSQL",
        "django.db.models.RawSQL",
    ]) {
        return Some(SqlSink {
            api: SqlApi::DjangoRawSql,
            callee: "RawSQL".to_owned(),
            queries: arguments
                .find_argument_value("sql", 0)
                .into_iter()
                .collect(),
        });
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return None;
    };
    let method = attribute.attr.as_str();
    match method {
        "execute" | "executemany" | "executescript" => {
            let query = EXECUTE_KEYWORDS
                .iter()
                .find_map(|keyword| arguments.find_keyword(keyword))
                .map(|keyword| &keyword.value)
                .or_else(|| arguments.find_positional(0));
            Some(SqlSink {
                api: SqlApi::Execute,
                callee: method.to_owned(),
                queries: query.into_iter().collect(),
            })
        }
        "raw" => Some(SqlSink {
            api: SqlApi::DjangoRaw,
            callee: "raw".to_owned(),
            queries: arguments
                .find_argument_value("raw_query", 0)
                .into_iter()
                .collect(),
        }),
        // A resolved `extra` of some other library is not a QuerySet.
        "extra" if qualified_name.is_none_or(|name| name.starts_with("django.")) => {
            let queries = [("select", 0), ("where", 1), ("tables", 3), ("order_by", 4)]
                .into_iter()
                .filter_map(|(name, position)| arguments.find_argument_value(name, position))
                .collect();
            Some(SqlSink {
                api: SqlApi::DjangoExtra,
                callee: "extra".to_owned(),
                queries,
            })
        }
        _ => None,
    }
}

/// Finds, inside one statement, the SQL call whose query argument is the
/// name at `range`.
struct SinkArgumentFinder<'s, 'a> {
    semantic: &'s FileSemantic<'a>,
    range: TextRange,
    found: Option<&'a ast::ExprName>,
}

impl<'a> Visitor<'a> for SinkArgumentFinder<'_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() || !expr.range().contains_range(self.range) {
            return;
        }
        if let Expr::Call(call) = expr
            && may_be_sql_sink(call)
        {
            let qualified_name = self.semantic.qualified_name(&call.func);
            if let Some(sink) = sql_sink(call, qualified_name.as_deref()) {
                for query in sink.queries {
                    if let Expr::Name(name) = query
                        && name.range == self.range
                    {
                        self.found = Some(name);
                        return;
                    }
                }
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// `true` when the string `value`, assigned to `target` in `target =
/// value`, is passed through that name to a SQL API, in the way the
/// sql-injection rules follow one assignment: the use resolves to this
/// single assignment. Those rules report such queries at the SQL call, so
/// the heuristic rule leaves the building expression alone.
pub(crate) fn assigned_query_reaches_sql_api<'a>(
    semantic: &FileSemantic<'a>,
    target: &ast::ExprName,
    value: &Expr,
) -> bool {
    let model = semantic.model();
    let Some(binding) = model.bindings.iter().find(|binding| {
        binding.range == target.range && matches!(binding.kind, BindingKind::Assignment)
    }) else {
        return false;
    };
    binding.references().any(|id| {
        let reference = model.reference(id);
        let Some(node) = reference.expression_id() else {
            return false;
        };
        let NodeRef::Stmt(stmt) = model.node(node) else {
            return false;
        };
        let mut finder = SinkArgumentFinder {
            semantic,
            range: reference.range(),
            found: None,
        };
        for expr in own_expressions(stmt) {
            finder.visit_expr(expr);
        }
        finder.found.is_some_and(|name| {
            semantic
                .single_assigned_value(name)
                .is_some_and(|assigned| std::ptr::eq(assigned, value))
        })
    })
}
