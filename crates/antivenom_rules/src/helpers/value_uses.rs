//! The places where an expression is used as a value that flows somewhere:
//! call arguments, assigned values, parameter defaults, dict values and
//! returned values. Rules that flag a constant (`ssl.CERT_NONE`, `"/tmp/x"`,
//! `"0.0.0.0"`) look only here, so comparisons (`mode == ssl.CERT_NONE`),
//! membership tests and docstrings never count as uses.

use ruff_python_ast::{self as ast, Expr, Stmt};

/// How a value is used.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ValueUse<'e> {
    /// Passed to a call, by keyword when `keyword` is given.
    Argument {
        /// The keyword, for `f(name=value)`.
        keyword: Option<&'e str>,
    },
    /// Assigned to `target` (one of the targets of the statement).
    Assigned {
        /// The assignment target.
        target: &'e Expr,
    },
    /// Default of the parameter `parameter`.
    Default {
        /// The parameter's name.
        parameter: &'e str,
    },
    /// Value of a dict display entry (`None` key for `**spread`).
    DictValue {
        /// The entry's key.
        key: Option<&'e Expr>,
    },
    /// Returned from a function.
    Returned,
}

/// The arguments of `call`, each with its use. The arguments of test
/// assertions (`self.assertEqual(mode, ssl.CERT_NONE)`) are compared, not
/// used, and are left out.
pub(crate) fn call_values(call: &ast::ExprCall) -> Vec<(&Expr, ValueUse<'_>)> {
    if let Expr::Attribute(attribute) = call.func.as_ref()
        && attribute.attr.as_str().starts_with("assert")
    {
        return Vec::new();
    }
    let positional = call
        .arguments
        .args
        .iter()
        .filter(|argument| !argument.is_starred_expr())
        .map(|argument| (argument, ValueUse::Argument { keyword: None }));
    let keywords = call.arguments.keywords.iter().filter_map(|keyword| {
        let name = keyword.arg.as_ref()?;
        Some((
            &keyword.value,
            ValueUse::Argument {
                keyword: Some(name.as_str()),
            },
        ))
    });
    positional.chain(keywords).collect()
}

/// The values a statement assigns, defaults or returns. Compound
/// statements contribute only their header (parameter defaults), never
/// their bodies, which the walker visits on their own.
pub(crate) fn statement_values(stmt: &Stmt) -> Vec<(&Expr, ValueUse<'_>)> {
    match stmt {
        Stmt::Assign(assign) => assign
            .targets
            .iter()
            .map(|target| (&*assign.value, ValueUse::Assigned { target }))
            .collect(),
        Stmt::AnnAssign(assign) => assign
            .value
            .as_deref()
            .map(|value| {
                (
                    value,
                    ValueUse::Assigned {
                        target: &assign.target,
                    },
                )
            })
            .into_iter()
            .collect(),
        Stmt::FunctionDef(function) => function
            .parameters
            .iter_non_variadic_params()
            .filter_map(|parameter| {
                Some((
                    parameter.default.as_deref()?,
                    ValueUse::Default {
                        parameter: parameter.parameter.name.as_str(),
                    },
                ))
            })
            .collect(),
        Stmt::Return(ast::StmtReturn {
            value: Some(value), ..
        }) => vec![(&**value, ValueUse::Returned)],
        _ => Vec::new(),
    }
}

/// The values of a dict display (`{"host": "0.0.0.0"}`), when `expr` is one.
pub(crate) fn dict_values(expr: &Expr) -> Vec<(&Expr, ValueUse<'_>)> {
    let Expr::Dict(dict) = expr else {
        return Vec::new();
    };
    dict.items
        .iter()
        .map(|item| {
            (
                &item.value,
                ValueUse::DictValue {
                    key: item.key.as_ref(),
                },
            )
        })
        .collect()
}

/// The identifier a value is stored under, for name-based heuristics:
/// `HOST` in `HOST = …`, `host` in `self.host = …` or `def f(host=…)`, the
/// keyword in `f(host=…)`, a constant string key in `d["host"] = …` or
/// `{"host": …}`.
pub(crate) fn stored_under<'e>(use_: &ValueUse<'e>) -> Option<&'e str> {
    fn subscript_key(expr: &Expr) -> Option<&str> {
        match expr {
            Expr::StringLiteral(literal) => Some(literal.value.to_str()),
            _ => None,
        }
    }
    match use_ {
        ValueUse::Argument { keyword, .. } => *keyword,
        ValueUse::Assigned { target } => match target {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            Expr::Subscript(subscript) => subscript_key(&subscript.slice),
            _ => None,
        },
        ValueUse::Default { parameter } => Some(parameter),
        ValueUse::DictValue { key } => key.and_then(subscript_key),
        ValueUse::Returned => None,
    }
}
