//! The places where an expression is used as a value that flows somewhere:
//! call arguments, assigned values, parameter defaults, dict values and
//! returned values. Rules that flag a constant (`ssl.CERT_NONE`, `"/tmp/x"`,
//! `"0.0.0.0"`) look only here, so comparisons (`mode == ssl.CERT_NONE`),
//! membership tests and docstrings never count as uses.

use crate::{Interests, NodeKinds};
use ruff_python_ast::{self as ast, Expr, NodeKind, Stmt};

/// The hooks of a rule that looks at every value use: calls, the
/// statements [`statement_values`] reads and the dicts [`dict_values`] reads.
pub(crate) const VALUE_USES: Interests = Interests {
    module: false,
    calls: true,
    statements: NodeKinds::of(&[
        NodeKind::StmtAssign,
        NodeKind::StmtAnnAssign,
        NodeKind::StmtFunctionDef,
        NodeKind::StmtReturn,
    ]),
    expressions: NodeKinds::of(&[NodeKind::ExprDict]),
};

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
pub(crate) fn call_values(call: &ast::ExprCall) -> impl Iterator<Item = (&Expr, ValueUse<'_>)> {
    let is_assertion = matches!(call.func.as_ref(), Expr::Attribute(attribute)
        if attribute.attr.as_str().starts_with("assert"));
    let (args, keywords): (&[Expr], &[ast::Keyword]) = if is_assertion {
        (&[], &[])
    } else {
        (&call.arguments.args, &call.arguments.keywords)
    };
    let positional = args
        .iter()
        .filter(|argument| !argument.is_starred_expr())
        .map(|argument| (argument, ValueUse::Argument { keyword: None }));
    let keywords = keywords.iter().filter_map(|keyword| {
        let name = keyword.arg.as_ref()?;
        Some((
            &keyword.value,
            ValueUse::Argument {
                keyword: Some(name.as_str()),
            },
        ))
    });
    positional.chain(keywords)
}

/// The values a statement assigns, defaults or returns. Compound
/// statements contribute only their header (parameter defaults), never
/// their bodies, which the walker visits on their own.
pub(crate) fn statement_values(stmt: &Stmt) -> StatementValues<'_> {
    match stmt {
        Stmt::Assign(assign) => StatementValues::Assigned {
            targets: assign.targets.iter(),
            value: &assign.value,
        },
        Stmt::AnnAssign(assign) => StatementValues::One(assign.value.as_deref().map(|value| {
            (
                value,
                ValueUse::Assigned {
                    target: &assign.target,
                },
            )
        })),
        // In the order of `Parameters::iter_non_variadic_params`.
        Stmt::FunctionDef(function) => StatementValues::Defaults(
            function
                .parameters
                .posonlyargs
                .iter()
                .chain(function.parameters.args.iter())
                .chain(function.parameters.kwonlyargs.iter()),
        ),
        Stmt::Return(ast::StmtReturn {
            value: Some(value), ..
        }) => StatementValues::One(Some((&**value, ValueUse::Returned))),
        _ => StatementValues::One(None),
    }
}

/// The parameters of a function, in order.
type ParameterIter<'s> = std::iter::Chain<
    std::iter::Chain<
        std::slice::Iter<'s, ast::ParameterWithDefault>,
        std::slice::Iter<'s, ast::ParameterWithDefault>,
    >,
    std::slice::Iter<'s, ast::ParameterWithDefault>,
>;

/// The iterator [`statement_values`] returns (no allocation, and nothing
/// to step through for the many statements without values).
pub(crate) enum StatementValues<'s> {
    /// `targets = value`: the value once per target.
    Assigned {
        /// The targets not yet returned.
        targets: std::slice::Iter<'s, Expr>,
        /// The assigned value.
        value: &'s Expr,
    },
    /// The parameters whose defaults are returned.
    Defaults(ParameterIter<'s>),
    /// At most one value.
    One(Option<(&'s Expr, ValueUse<'s>)>),
}

impl<'s> Iterator for StatementValues<'s> {
    type Item = (&'s Expr, ValueUse<'s>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Assigned { targets, value } => targets
                .next()
                .map(|target| (*value, ValueUse::Assigned { target })),
            Self::Defaults(parameters) => parameters.find_map(|parameter| {
                Some((
                    parameter.default.as_deref()?,
                    ValueUse::Default {
                        parameter: parameter.parameter.name.as_str(),
                    },
                ))
            }),
            Self::One(value) => value.take(),
        }
    }
}

/// The values of a dict display (`{"host": "0.0.0.0"}`), when `expr` is one.
pub(crate) fn dict_values(expr: &Expr) -> impl Iterator<Item = (&Expr, ValueUse<'_>)> {
    let items: &[ast::DictItem] = match expr {
        Expr::Dict(dict) => &dict.items,
        _ => &[],
    };
    items.iter().map(|item| {
        (
            &item.value,
            ValueUse::DictValue {
                key: item.key.as_ref(),
            },
        )
    })
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
