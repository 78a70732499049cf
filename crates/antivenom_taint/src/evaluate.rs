//! Taint of expressions, and the effect of calls (sinks, sources,
//! sanitizers, normalisers, propagators) at one program point.

use crate::conditions::conditions_hold;
use crate::env::{Env, VariableKey};
use crate::finding::{Findings, TaintFinding, Verdict};
use crate::project::{ForeignStep, ProjectCalls, ProjectSummary};
use crate::summaries::{Callable, SinkReached, Summaries, Summary};
use crate::taint::{ClassSet, Feature, Taint};
use crate::trace::{StepKind, TraceId, Traces};
use crate::tree::{PathElement, TaintTree};
use antivenom_cfg::{Cfg, ComprehensionId};
use antivenom_semantic::{Constant, FileSemantic};
use antivenom_taint_models::{
    Access, Conditions, ModelKey, Models, PathStep, Port, PortSelector, SinkModel, SourceModel,
    VulnerabilityClass,
};
use ruff_python_ast::{self as ast, Expr, ExprCall, Operator, UnaryOp};
use ruff_text_size::{Ranged, TextRange};
use std::sync::Arc;

/// Builtins whose result carries no attacker-controlled text: conversions
/// to numbers and booleans, lengths, identities and type checks.
const CLEAN_RESULTS: &[&str] = &[
    "int",
    "float",
    "bool",
    "len",
    "complex",
    "id",
    "hash",
    "isinstance",
    "issubclass",
    "callable",
    "hasattr",
    "ord",
    "abs",
    "round",
    "uuid.UUID",
    "type",
];

/// Everything one function's analysis needs besides its state.
pub(crate) struct Evaluator<'s, 'a> {
    pub(crate) semantic: &'s FileSemantic<'a>,
    pub(crate) models: &'s Models,
    pub(crate) cfg: &'s Cfg<'a>,
    pub(crate) traces: &'s mut Traces,
    pub(crate) findings: &'s mut Findings,
    /// The comprehension whose code is being evaluated.
    pub(crate) scope: Option<ComprehensionId>,
    /// Index of the file, for trace steps.
    pub(crate) file: u32,
    /// The file's functions and their summaries.
    pub(crate) summaries: &'s mut Summaries<'a>,
    /// While summarising a function: what it returns and which parameters
    /// reach sinks.
    pub(crate) collect: Option<Summary>,
    /// The class of the method being analysed (for `self.method()` calls).
    pub(crate) class: Option<&'a str>,
    /// The body is a Flask view (its returned string is the HTML response).
    pub(crate) is_html_view: bool,
    /// The functions of the project's other modules, when known.
    pub(crate) project: Option<&'s dyn ProjectCalls>,
}

/// A function summary as it is applied at a call, whichever file it was
/// computed in.
struct Applied<'x> {
    /// The function's name, for messages.
    name: &'x str,
    parameter_names: &'x [&'x str],
    takes_receiver: bool,
    /// What it returns (sources with their trace in this file's arena).
    returns: Taint,
    /// A constructor (`Class(...)` running `__init__`): the call returns
    /// the object, built from what `__init__` leaves in `self`.
    constructor: Option<Taint>,
    /// (parameter, class, dangerous call inside, the path inside when it
    /// is in another file).
    sinks: Vec<(u8, VulnerabilityClass, &'x str, Option<&'x [ForeignStep]>)>,
}

/// The constant key of a subscript as a path element (`x["a"]`, `x[0]`);
/// negative and unknown keys are [`PathElement::AnyKey`].
pub(crate) fn key_element(semantic: &FileSemantic<'_>, key: &Expr) -> PathElement {
    match semantic.constant(key) {
        Some(Constant::Int(index)) if index >= 0 => PathElement::Key(Arc::from(index.to_string())),
        Some(Constant::Str(text)) => PathElement::Key(Arc::from(format!("{text:?}"))),
        _ => PathElement::AnyKey,
    }
}

/// `true` when a URL starting with `prefix` goes to a fixed place: an
/// absolute URL with its host and the `/` after it, or a path on the same
/// site (`/account/`, not `//evil.example`).
fn fixes_destination(prefix: &str) -> bool {
    match prefix.split_once("://") {
        Some((_, rest)) => rest
            .split_once('/')
            .is_some_and(|(host, _)| !host.is_empty() && !host.contains(['@', '\\'])),
        None => prefix.starts_with('/') && !prefix.starts_with("//") && !prefix.starts_with("/\\"),
    }
}

/// The classes a fixed destination makes safe.
fn destination_classes() -> ClassSet {
    ClassSet::single(VulnerabilityClass::Ssrf as u8).with(VulnerabilityClass::OpenRedirect as u8)
}

/// The literal text an f-string starts with.
fn literal_prefix(fstring: &ast::ExprFString) -> String {
    let mut prefix = String::new();
    for part in fstring.value.iter() {
        match part {
            ast::FStringPart::Literal(literal) => prefix.push_str(&literal.value),
            ast::FStringPart::FString(inner) => {
                for element in &inner.elements {
                    match element {
                        ast::InterpolatedStringElement::Literal(literal) => {
                            prefix.push_str(&literal.value)
                        }
                        ast::InterpolatedStringElement::Interpolation(_) => return prefix,
                    }
                }
            }
        }
    }
    prefix
}

/// The element for position `index` of a tuple or list.
pub(crate) fn position_element(index: usize) -> PathElement {
    PathElement::Key(Arc::from(index.to_string()))
}

fn model_path(path: &[PathStep]) -> Vec<PathElement> {
    path.iter()
        .map(|step| match step {
            PathStep::AnyIndex => PathElement::AnyKey,
            PathStep::Index(index) if *index >= 0 => PathElement::Key(Arc::from(index.to_string())),
            PathStep::Index(_) => PathElement::AnyKey,
            PathStep::Key(key) => PathElement::Key(Arc::from(format!("{key:?}"))),
            PathStep::Attribute(name) => PathElement::Attribute(Arc::from(name.as_str())),
        })
        .collect()
}

/// The last identifier of a receiver (`self.db.cursor` → `cursor`), for
/// method models with receiver hints.
fn receiver_identifier(receiver: &Expr) -> Option<&str> {
    match receiver {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        Expr::Call(call) => receiver_identifier(&call.func),
        _ => None,
    }
}

/// A call's evaluated arguments.
struct CallArguments<'e> {
    receiver: Option<(&'e Expr, TaintTree)>,
    positional: Vec<(&'e Expr, TaintTree)>,
    keywords: Vec<(Option<&'e str>, &'e Expr, TaintTree)>,
}

impl<'e> CallArguments<'e> {
    /// The values a port selects, with the expressions they come from.
    fn at(&self, port: &Port) -> Vec<(&'e Expr, TaintTree)> {
        let path = model_path(port.path.steps());
        let read = |(expr, tree): &(&'e Expr, TaintTree)| (*expr, tree.read(&path));
        match &port.selector {
            PortSelector::Receiver => self.receiver.iter().map(read).collect(),
            PortSelector::Return => Vec::new(),
            PortSelector::Keywords => self
                .keywords
                .iter()
                .map(|(_, expr, tree)| (*expr, tree.read(&path)))
                .collect(),
            PortSelector::Arguments { from } => {
                self.positional.iter().skip(*from).map(read).collect()
            }
            PortSelector::Argument { position, keyword } => {
                let by_keyword = keyword.as_deref().and_then(|name| {
                    self.keywords
                        .iter()
                        .find(|(keyword, _, _)| *keyword == Some(name))
                        .map(|(_, expr, tree)| (*expr, tree.read(&path)))
                });
                let by_position =
                    position.and_then(|position| self.positional.get(position).map(read));
                by_keyword.or(by_position).into_iter().collect()
            }
        }
    }

    /// Every argument and the receiver, joined.
    fn everything(&self) -> Taint {
        let mut taint = Taint::CLEAN;
        for (_, tree) in self.receiver.iter().chain(&self.positional) {
            taint = taint.join(&tree.collapsed());
        }
        for (_, _, tree) in &self.keywords {
            taint = taint.join(&tree.collapsed());
        }
        taint
    }

    /// The joined taint of the values `ports` select.
    fn joined(&self, ports: &[Port]) -> TaintTree {
        let mut joined = TaintTree::clean();
        for port in ports {
            for (_, tree) in self.at(port) {
                joined.join_with(&tree);
            }
        }
        joined
    }
}

impl<'s, 'a> Evaluator<'s, 'a> {
    /// The variable a name refers to in the current comprehension scope.
    pub(crate) fn variable(&self, name: &str) -> VariableKey {
        match self.cfg.resolve_name(self.scope, name) {
            Some(comprehension) => VariableKey::Scoped(
                u32::try_from(comprehension.index()).unwrap_or(u32::MAX),
                Arc::from(name),
            ),
            None => VariableKey::Local(Arc::from(name)),
        }
    }

    /// A step of the path shown with findings.
    pub(crate) fn step(&mut self, taint: Taint, range: TextRange, kind: StepKind) -> Taint {
        if taint.is_clean() {
            return taint;
        }
        let trace = self.traces.push(self.file, range, kind, taint.trace);
        taint.at(trace)
    }

    /// The taint of a source model's value, first seen at `range`.
    fn source_taint(&mut self, kind: u8, range: TextRange) -> Taint {
        let taint = Taint::from_source(kind, crate::trace::TraceId::NONE);
        let trace = self.traces.push(
            self.file,
            range,
            StepKind::Source,
            crate::trace::TraceId::NONE,
        );
        taint.at(trace)
    }

    /// The attribute source `expr` reads: by its qualified name
    /// (`flask.request.args`, `sys.argv`), or, for an attribute of a
    /// receiver of unknown type (`request.GET`), by the attribute's name
    /// and the receiver's.
    fn attribute_source_model(&self, expr: &Expr) -> Option<&'s SourceModel> {
        let by_name = self
            .semantic
            .qualified_name(expr)
            .and_then(|name| self.models.source_for(&name))
            .filter(|model| model.access == Access::Attribute);
        if by_name.is_some() {
            return by_name;
        }
        let Expr::Attribute(attribute) = expr else {
            return None;
        };
        let receiver = receiver_identifier(&attribute.value);
        self.models
            .sources_for_method(attribute.attr.as_str())
            .find(|model| model.access == Access::Attribute && model.key.accepts_receiver(receiver))
    }

    /// The taint of reading the attribute source `expr` is, if it is one.
    fn attribute_source(&mut self, expr: &Expr) -> Option<TaintTree> {
        let kind = self.attribute_source_model(expr)?.kind as u8;
        Some(self.source_taint(kind, expr.range()).into())
    }

    /// `true` when `container[key]` reads a value the server sets, not the
    /// client: `key` is a constant among the `server-keys` of the mapping
    /// source `container` is (`request.META["REMOTE_ADDR"]`).
    fn is_server_key(&self, container: &Expr, key: &Expr) -> bool {
        let Some(key) = self.semantic.constant_str(key) else {
            return false;
        };
        self.attribute_source_model(container)
            .is_some_and(|model| model.server_keys.contains(&key))
    }

    /// The taint of `expr` in `env`. Calls in it take effect: sinks report
    /// findings, propagators into receivers update `env`.
    pub(crate) fn eval(&mut self, expr: &'a Expr, env: &mut Env) -> TaintTree {
        match expr {
            Expr::Name(name) => {
                if let Some(source) = self.attribute_source(expr) {
                    return source;
                }
                env.read(&self.variable(name.id.as_str()), &[])
            }
            Expr::Attribute(attribute) => {
                if let Some(source) = self.attribute_source(expr) {
                    return source;
                }
                let base = self.eval(&attribute.value, env);
                base.read(&[PathElement::Attribute(Arc::from(attribute.attr.as_str()))])
            }
            Expr::Subscript(subscript) => {
                if self.is_server_key(&subscript.value, &subscript.slice) {
                    return TaintTree::clean();
                }
                let base = self.eval(&subscript.value, env);
                let _ = self.eval(&subscript.slice, env);
                let element = match subscript.slice.as_ref() {
                    Expr::Slice(_) => PathElement::AnyKey,
                    key => key_element(self.semantic, key),
                };
                base.read(&[element])
            }
            Expr::Call(call) => self.eval_call(call, expr, env),
            Expr::BinOp(binary) => {
                let left = self.eval(&binary.left, env).collapsed();
                let right = self.eval(&binary.right, env).collapsed();
                let mut joined = left.join(&right);
                if matches!(binary.op, Operator::Add | Operator::Mod) {
                    joined = joined.with_feature(Feature::StringConcat);
                }
                // `"https://api.example.com/users/" + user`: the
                // destination is fixed, only the path varies.
                if binary.op == Operator::Add
                    && self
                        .semantic
                        .constant_str(&binary.left)
                        .is_some_and(|prefix| fixes_destination(&prefix))
                {
                    joined = joined.cleared_for(destination_classes());
                }
                joined.into()
            }
            Expr::BoolOp(boolean) => {
                let mut joined = TaintTree::clean();
                for value in &boolean.values {
                    let value = self.eval(value, env);
                    joined.join_with(&value);
                }
                joined
            }
            Expr::If(conditional) => {
                let _ = self.eval(&conditional.test, env);
                match self
                    .semantic
                    .constant(&conditional.test)
                    .map(|test| test.is_truthy())
                {
                    Some(true) => self.eval(&conditional.body, env),
                    Some(false) => self.eval(&conditional.orelse, env),
                    None => {
                        // Each side runs where the test has its outcome:
                        // `url if is_safe(url) else "/"` is checked.
                        let mut otherwise = env.clone();
                        self.guard(&conditional.test, true, env);
                        let mut joined = self.eval(&conditional.body, env);
                        self.guard(&conditional.test, false, &mut otherwise);
                        let other = self.eval(&conditional.orelse, &mut otherwise);
                        env.join_with(&otherwise);
                        joined.join_with(&other);
                        joined
                    }
                }
            }
            Expr::Compare(compare) => {
                let _ = self.eval(&compare.left, env);
                for comparator in &compare.comparators {
                    let _ = self.eval(comparator, env);
                }
                TaintTree::clean()
            }
            Expr::UnaryOp(unary) => {
                let operand = self.eval(&unary.operand, env);
                if unary.op == UnaryOp::Not {
                    TaintTree::clean()
                } else {
                    operand
                }
            }
            Expr::FString(fstring) => {
                let mut joined = Taint::CLEAN;
                for part in fstring.value.iter() {
                    if let ast::FStringPart::FString(inner) = part {
                        joined = joined.join(&self.eval_interpolations(&inner.elements, env));
                    }
                }
                let joined = joined.with_feature(Feature::StringConcat);
                let joined = if fixes_destination(&literal_prefix(fstring)) {
                    joined.cleared_for(destination_classes())
                } else {
                    joined
                };
                joined.into()
            }
            Expr::TString(tstring) => {
                let mut joined = Taint::CLEAN;
                for inner in tstring.value.iter() {
                    joined = joined.join(&self.eval_interpolations(&inner.elements, env));
                }
                joined.into()
            }
            Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                let mut tree = TaintTree::clean();
                for (index, element) in elts.iter().enumerate() {
                    if let Expr::Starred(starred) = element {
                        let value = self.eval(&starred.value, env).collapsed();
                        tree.write(&[PathElement::AnyKey], value.into(), false);
                    } else {
                        let value = self.eval(element, env);
                        tree.write(&[position_element(index)], value, true);
                    }
                }
                tree
            }
            Expr::Set(set) => {
                let mut tree = TaintTree::clean();
                for element in &set.elts {
                    let value = self.eval(element, env).collapsed();
                    tree.write(&[PathElement::AnyKey], value.into(), false);
                }
                tree
            }
            Expr::Dict(dict) => {
                let mut tree = TaintTree::clean();
                for item in &dict.items {
                    let value = self.eval(&item.value, env);
                    match &item.key {
                        // `{**other}`: its items.
                        None => tree.join_with(&value),
                        Some(key) => {
                            let key_taint = self.eval(key, env).collapsed();
                            let element = key_element(self.semantic, key);
                            if !key_taint.is_clean() {
                                tree.write(&[PathElement::AnyKey], key_taint.into(), false);
                            }
                            tree.write(&[element], value, true);
                        }
                    }
                }
                tree
            }
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                match self.cfg.comprehension_temp(expr.range()) {
                    Some(temp) => env.read(
                        &VariableKey::Temporary(u32::try_from(temp.index()).unwrap_or(u32::MAX)),
                        &[],
                    ),
                    // Nested beyond what the graph lowers: its iterables.
                    None => self.opaque_comprehension(expr, env),
                }
            }
            Expr::Named(named) => self.eval(&named.target, env),
            Expr::Await(await_) => self.eval(&await_.value, env),
            Expr::Starred(starred) => self.eval(&starred.value, env).collapsed().into(),
            Expr::Slice(slice) => {
                for part in [&slice.lower, &slice.upper, &slice.step]
                    .into_iter()
                    .flatten()
                {
                    let _ = self.eval(part, env);
                }
                TaintTree::clean()
            }
            Expr::Yield(yield_) => {
                if let Some(value) = &yield_.value {
                    let _ = self.eval(value, env);
                }
                TaintTree::clean()
            }
            Expr::YieldFrom(yield_from) => {
                let _ = self.eval(&yield_from.value, env);
                TaintTree::clean()
            }
            Expr::Lambda(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => TaintTree::clean(),
        }
    }

    fn eval_interpolations(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
        env: &mut Env,
    ) -> Taint {
        let mut joined = Taint::CLEAN;
        for element in elements {
            if let ast::InterpolatedStringElement::Interpolation(interpolation) = element {
                joined = joined.join(&self.eval(&interpolation.expression, env).collapsed());
                if let Some(spec) = &interpolation.format_spec {
                    joined = joined.join(&self.eval_interpolations(&spec.elements, env));
                }
            }
        }
        joined
    }

    /// A comprehension the graph did not lower: as tainted as what it
    /// iterates over.
    fn opaque_comprehension(&mut self, expr: &'a Expr, env: &mut Env) -> TaintTree {
        let generators = match expr {
            Expr::ListComp(comprehension) => &comprehension.generators,
            Expr::SetComp(comprehension) => &comprehension.generators,
            Expr::DictComp(comprehension) => &comprehension.generators,
            Expr::Generator(generator) => &generator.generators,
            _ => return TaintTree::clean(),
        };
        let mut taint = Taint::CLEAN;
        for generator in generators {
            taint = taint.join(&self.eval(&generator.iter, env).collapsed());
        }
        TaintTree::from(taint).read(&[PathElement::AnyKey])
    }

    fn eval_call(&mut self, call: &'a ExprCall, expr: &'a Expr, env: &mut Env) -> TaintTree {
        let qualified_name = self.semantic.qualified_name(&call.func);
        let method = match call.func.as_ref() {
            Expr::Attribute(attribute) => Some(attribute),
            _ => None,
        };
        // Method models apply when the callee's name has no model of its
        // own (its type is unknown, or known but not modelled:
        // `flask.request.args.get` is a mapping's `get`).
        let method_name = method
            .filter(|_| {
                qualified_name
                    .as_deref()
                    .is_none_or(|name| !self.models.knows_name(name))
            })
            .map(|attribute| attribute.attr.as_str());
        let receiver_expr = method.map(|attribute| attribute.value.as_ref());
        let receiver_id = receiver_expr.and_then(receiver_identifier);
        // `request.META.get("REMOTE_ADDR")`: a value the server sets.
        if method_name == Some("get")
            && let (Some(container), Some(key)) = (receiver_expr, call.arguments.args.first())
            && self.is_server_key(container, key)
        {
            return TaintTree::clean();
        }
        // `getattr(obj, name)()`, `handlers[key](...)`: the callee is
        // computed; its own calls take effect and its taint flows on.
        let computed_callee = match call.func.as_ref() {
            Expr::Name(_) | Expr::Attribute(_) => None,
            other => Some(self.eval(other, env).collapsed()),
        };

        // A module's function (`os.path.join`) has a receiver that is
        // clean; an object's method (`request.args.get`) may not.
        let receiver = receiver_expr.map(|receiver| (receiver, self.eval(receiver, env)));
        let positional = call
            .arguments
            .args
            .iter()
            .map(|argument| (argument, self.eval(argument, env)))
            .collect();
        let keywords = call
            .arguments
            .keywords
            .iter()
            .map(|keyword| {
                (
                    keyword.arg.as_ref().map(ast::Identifier::as_str),
                    &keyword.value,
                    self.eval(&keyword.value, env),
                )
            })
            .collect();
        let arguments = CallArguments {
            receiver,
            positional,
            keywords,
        };
        if let Some(callable) = self.callable(call, env) {
            return self.call_summary(callable, call, &arguments);
        }
        if let Some(target) = self.project_target(call, qualified_name.as_deref()) {
            // With only clean arguments, only a function returning a source
            // of its own can make the result tainted (the project finds
            // those functions' callers by their imports).
            let tainted_arguments = !arguments.everything().is_clean();
            match self.project {
                Some(project) => {
                    if (tainted_arguments || project.may_return_source(&target))
                        && let Some(summary) = project.summary(&target)
                    {
                        return self.call_project_summary(&summary, call, &arguments);
                    }
                }
                None if tainted_arguments => {
                    self.summaries.outgoing.insert(target);
                }
                None => {}
            }
        }
        let name = qualified_name.as_deref();
        let accepts = |key: &ModelKey| key.accepts_receiver(receiver_id);

        // Sinks first.
        let callee = name
            .map(str::to_owned)
            .or_else(|| method_name.map(|method| format!(".{method}")))
            .unwrap_or_default();
        let sinks = self.applicable(
            name.map(|name| self.models.sinks_for(name))
                .into_iter()
                .flatten(),
            method_name
                .map(|method| self.models.sinks_for_method(method))
                .into_iter()
                .flatten(),
            |model| (&model.key, &model.conditions),
            receiver_id,
            call,
        );
        self.report_sinks(&sinks, &arguments, call.range(), &callee);

        // Then the value the call returns.
        let mut result = TaintTree::clean();
        if let Some(source) = name
            .and_then(|name| self.models.source_for(name))
            .filter(|source| {
                source.access == Access::Call
                    && conditions_hold(&source.conditions, call, self.semantic)
            })
        {
            result.join_with(&self.source_taint(source.kind as u8, expr.range()).into());
        } else if let Some(source) = method_name.and_then(|method| {
            self.models.sources_for_method(method).find(|source| {
                accepts(&source.key) && conditions_hold(&source.conditions, call, self.semantic)
            })
        }) {
            result.join_with(&self.source_taint(source.kind as u8, expr.range()).into());
        }

        let sanitizer = self
            .applicable(
                name.and_then(|name| self.models.sanitizer_for(name))
                    .into_iter(),
                method_name
                    .map(|method| self.models.sanitizers_for_method(method))
                    .into_iter()
                    .flatten(),
                |model| (&model.key, &model.conditions),
                receiver_id,
                call,
            )
            .into_iter()
            .next();
        if let Some(sanitizer) = sanitizer {
            let mut value = arguments.joined(&sanitizer.from);
            let clears = ClassSet::from_bits(sanitizer.clears.bits());
            value.map(&|taint| taint.cleared_for(clears));
            result.join_with(&value);
            return result;
        }
        let normaliser = self
            .applicable(
                name.and_then(|name| self.models.normaliser_for(name))
                    .into_iter(),
                method_name
                    .map(|method| self.models.normalisers_for_method(method))
                    .into_iter()
                    .flatten(),
                |model| (&model.key, &model.conditions),
                receiver_id,
                call,
            )
            .into_iter()
            .next();
        if let Some(normaliser) = normaliser {
            let mut value = arguments.joined(&normaliser.from);
            value.map(&|mut taint| {
                if !taint.is_clean() {
                    taint.normalised = true;
                }
                taint
            });
            result.join_with(&value);
            return result;
        }
        let propagators = self.applicable(
            name.map(|name| self.models.propagators_for(name))
                .into_iter()
                .flatten(),
            method_name
                .map(|method| self.models.propagators_for_method(method))
                .into_iter()
                .flatten(),
            |model| (&model.key, &model.conditions),
            receiver_id,
            call,
        );
        if !propagators.is_empty() {
            for propagator in propagators {
                let value = arguments.joined(&propagator.from);
                match &propagator.to.selector {
                    PortSelector::Return => {
                        let path = model_path(propagator.to.path.steps());
                        let mut placed = TaintTree::clean();
                        placed.write(&path, value, true);
                        result.join_with(&placed);
                    }
                    // `items.append(x)`: into the receiver variable.
                    PortSelector::Receiver => {
                        if let Some((receiver, _)) = &arguments.receiver {
                            let path = model_path(propagator.to.path.steps());
                            self.store_into(receiver, &path, value, env);
                        }
                    }
                    _ => {}
                }
            }
            return result;
        }
        if !sinks.is_empty() || !result.is_clean() {
            return result;
        }
        if name.is_some_and(|name| CLEAN_RESULTS.contains(&name)) {
            return result;
        }
        // No model: whatever goes in may come out, less surely.
        let everything = arguments
            .everything()
            .join(&computed_callee.unwrap_or(Taint::CLEAN));
        if everything.is_clean() {
            return result;
        }
        let feature = if method.is_some()
            && arguments
                .receiver
                .as_ref()
                .is_some_and(|(_, tree)| !tree.is_clean())
        {
            // A method of a tainted value (`s.strip()`): the value flows on.
            None
        } else {
            Some(Feature::ViaUnknownCall)
        };
        let taint = match feature {
            Some(feature) => everything.with_feature(feature),
            None => everything,
        };
        let taint = self.step(taint, expr.range(), StepKind::UnknownCall);
        result.join_with(&taint.into());
        result
    }

    /// The models of one kind that apply to a call: those keyed by its
    /// callee's name, then method models whose receiver hints accept the
    /// receiver; only those whose conditions hold.
    fn applicable<'m, M: 'm>(
        &self,
        by_name: impl Iterator<Item = &'m M>,
        by_method: impl Iterator<Item = &'m M>,
        parts: impl Fn(&'m M) -> (&'m ModelKey, &'m Conditions),
        receiver: Option<&str>,
        call: &ExprCall,
    ) -> Vec<&'m M> {
        by_name
            .chain(by_method)
            .filter(|model| {
                let (key, conditions) = parts(model);
                key.accepts_receiver(receiver) && conditions_hold(conditions, call, self.semantic)
            })
            .collect()
    }

    /// Reports each sink port of `sinks` that a source reaches.
    fn report_sinks(
        &mut self,
        sinks: &[&SinkModel],
        arguments: &CallArguments<'_>,
        sink_range: TextRange,
        callee: &str,
    ) {
        let mut reported: Vec<(TextRange, VulnerabilityClass)> = Vec::new();
        for sink in sinks {
            for port in &sink.ports {
                for (argument, tree) in arguments.at(port) {
                    let taint = tree.collapsed();
                    if self.collect.is_none() {
                        let verdict = if taint.sources.is_empty() {
                            Verdict::Clean
                        } else if taint.is_dangerous_for(sink.class as u8) {
                            Verdict::Tainted
                        } else {
                            Verdict::Cleared
                        };
                        self.findings.judge(sink_range, sink.class, verdict);
                    }
                    if !taint.is_dangerous_for(sink.class as u8) {
                        continue;
                    }
                    if self.collect.is_some() && !taint.parameters.is_empty() {
                        let trace =
                            self.traces
                                .push(self.file, sink_range, StepKind::Sink, taint.trace);
                        if let Some(collect) = self.collect.as_mut() {
                            for parameter in taint.parameters.iter() {
                                collect.add_sink(SinkReached {
                                    parameter,
                                    class: sink.class,
                                    callee: callee.to_owned(),
                                    trace,
                                });
                            }
                        }
                    }
                    if taint.sources.is_empty() {
                        continue;
                    }
                    // The program of a command is command injection; the
                    // same argument is not argument injection as well.
                    if sink.class == VulnerabilityClass::ArgumentInjection
                        && reported.iter().any(|(range, class)| {
                            *range == argument.range()
                                && *class == VulnerabilityClass::CommandInjection
                        })
                    {
                        continue;
                    }
                    reported.push((argument.range(), sink.class));
                    let trace =
                        self.traces
                            .push(self.file, sink_range, StepKind::Sink, taint.trace);
                    self.findings.add(TaintFinding {
                        class: sink.class,
                        sink: sink_range,
                        argument: argument.range(),
                        callee: callee.to_owned(),
                        sources: taint.sources,
                        features: taint.features,
                        trace,
                    });
                }
            }
        }
    }

    /// `container[key] = value`: the container's `__setitem__` may be a
    /// sink (`session["user"] = ...`, `response.headers[name] = ...`).
    /// Only unconditional models apply: there is no call to test.
    pub(crate) fn store_item(
        &mut self,
        target: &'a ast::ExprSubscript,
        value: &TaintTree,
        env: &mut Env,
    ) {
        let qualified_name = self.semantic.qualified_name(&target.value);
        let receiver_id = receiver_identifier(&target.value);
        let sinks: Vec<&SinkModel> = match &qualified_name {
            Some(name) => self
                .models
                .sinks_for(&format!("{name}.__setitem__"))
                .collect(),
            None => self
                .models
                .sinks_for_method("__setitem__")
                .filter(|sink| sink.key.accepts_receiver(receiver_id))
                .collect(),
        };
        let sinks: Vec<&SinkModel> = sinks
            .into_iter()
            .filter(|sink| sink.conditions.is_unconditional())
            .collect();
        if sinks.is_empty() {
            return;
        }
        let key = self.eval(&target.slice, env);
        let receiver = self.eval(&target.value, env);
        let target_expr: &Expr = &target.value;
        let arguments = CallArguments {
            receiver: Some((target_expr, receiver)),
            positional: vec![(&*target.slice, key), (target_expr, value.clone())],
            keywords: Vec::new(),
        };
        let callee =
            qualified_name.map_or_else(|| "__setitem__".to_owned(), |name| format!("{name}[...]"));
        self.report_sinks(&sinks, &arguments, target.range(), &callee);
    }

    /// The function of this file a call goes to: a module-level function
    /// called by name (not shadowed by a local), or a method of the
    /// current class, or of one of its base classes in this file, called
    /// through `self` / `cls`, or a method of an object built from a class
    /// of this file.
    fn callable(&self, call: &ExprCall, env: &Env) -> Option<Callable<'a>> {
        match call.func.as_ref() {
            Expr::Name(name) => {
                if env.get(&self.variable(name.id.as_str())).is_some() {
                    return None;
                }
                self.summaries
                    .function(name.id.as_str())
                    .or_else(|| self.summaries.constructor(name.id.as_str()))
            }
            Expr::Attribute(attribute) => {
                if let Expr::Name(receiver) = attribute.value.as_ref()
                    && matches!(receiver.id.as_str(), "self" | "cls")
                {
                    return self
                        .summaries
                        .inherited_method(self.class?, attribute.attr.as_str());
                }
                // An object built from a class of this file: `Job(x).run()`,
                // or `job = Job(x)` then `job.run()`.
                let built = self.semantic.bound_value(&attribute.value)?;
                let Expr::Call(construction) = built else {
                    return None;
                };
                let Expr::Name(class) = construction.func.as_ref() else {
                    return None;
                };
                if env.get(&self.variable(class.id.as_str())).is_some() {
                    return None;
                }
                if !self.summaries.is_class(class.id.as_str()) {
                    return None;
                }
                self.summaries
                    .inherited_method(class.id.as_str(), attribute.attr.as_str())
            }
            _ => None,
        }
    }

    /// The fully qualified name a call may have in another module of the
    /// project: an imported function (`helpers.run_cmd`), or a method of an
    /// object built from an imported class (`Store().save` gives
    /// `store.Store.save`), or an inherited method called through `self`.
    /// `None` for names the models know, builtins and calls on values of
    /// unknown type.
    fn project_target(&self, call: &ExprCall, qualified_name: Option<&str>) -> Option<String> {
        if let Some(name) = qualified_name {
            return (name.contains('.') && !self.models.knows_name(name)).then(|| name.to_owned());
        }
        let Expr::Attribute(attribute) = call.func.as_ref() else {
            return None;
        };
        // `self.method()` not defined in the class itself: inherited from
        // a class of another module, found through the MRO. Without a
        // project view the name is relative to this module (`.Class.m`).
        if let Expr::Name(receiver) = attribute.value.as_ref()
            && matches!(receiver.id.as_str(), "self" | "cls")
            && let Some(class) = self.class
        {
            let module = self
                .project
                .and_then(ProjectCalls::module_name)
                .unwrap_or_default();
            return Some(format!("{module}.{class}.{}", attribute.attr));
        }
        let class = self.semantic.constructor(&attribute.value)?;
        let target = format!("{class}.{}", attribute.attr);
        (class.contains('.') && !self.models.knows_name(&target)).then_some(target)
    }

    /// Applies the summary of `callable`, a function of this file, at a
    /// call.
    fn call_summary(
        &mut self,
        callable: Callable<'a>,
        call: &ExprCall,
        arguments: &CallArguments<'_>,
    ) -> TaintTree {
        let Some(summary) = self.summary_of(callable) else {
            // Recursive or too deep: as a call without a model.
            let taint = arguments.everything().with_feature(Feature::ViaUnknownCall);
            return taint.into();
        };
        let names = callable.parameter_names();
        let is_constructor =
            callable.def.name.as_str() == "__init__" && matches!(call.func.as_ref(), Expr::Name(_));
        let applied = Applied {
            name: callable.def.name.as_str(),
            parameter_names: &names,
            takes_receiver: callable.takes_receiver(),
            returns: summary.returns.collapsed(),
            constructor: is_constructor.then_some(summary.receiver_writes),
            sinks: summary
                .parameter_sinks
                .iter()
                .map(|sink| (sink.parameter, sink.class, sink.callee.as_str(), None))
                .collect(),
        };
        self.apply_summary(&applied, call, arguments)
    }

    /// Applies the summary of a function of another module at a call; its
    /// paths inside that module join the paths of this file.
    fn call_project_summary(
        &mut self,
        summary: &ProjectSummary,
        call: &ExprCall,
        arguments: &CallArguments<'_>,
    ) -> TaintTree {
        let names: Vec<&str> = summary.parameter_names.iter().map(String::as_str).collect();
        let mut returns = summary.returns;
        if !returns.sources.is_empty() {
            returns.trace = self.push_foreign(&summary.return_steps, TraceId::NONE);
        }
        let is_constructor =
            summary.name == "__init__" && !matches!(call.func.as_ref(), Expr::Attribute(_));
        let applied = Applied {
            name: &summary.name,
            parameter_names: &names,
            takes_receiver: summary.takes_receiver,
            returns,
            constructor: is_constructor.then_some(summary.receiver_writes),
            sinks: summary
                .parameter_sinks
                .iter()
                .map(|sink| {
                    (
                        sink.parameter,
                        sink.class,
                        sink.callee.as_str(),
                        Some(sink.steps.as_slice()),
                    )
                })
                .collect(),
        };
        self.apply_summary(&applied, call, arguments)
    }

    /// Records the steps of a path in another file after `previous`.
    fn push_foreign(&mut self, steps: &[ForeignStep], previous: TraceId) -> TraceId {
        steps.iter().fold(previous, |previous, step| {
            self.traces
                .push_foreign(step.file, step.range, step.kind, &step.text, previous)
        })
    }

    /// Applies a summary at a call: findings for arguments that reach a
    /// sink inside the function, and the taint of what it returns.
    fn apply_summary(
        &mut self,
        applied: &Applied<'_>,
        call: &ExprCall,
        arguments: &CallArguments<'_>,
    ) -> TaintTree {
        // The taint each parameter receives here.
        // Through an instance or as a constructor, the first parameter is
        // the receiver, not the first argument.
        let offset = usize::from(
            applied.takes_receiver
                && (applied.constructor.is_some()
                    || matches!(call.func.as_ref(), Expr::Attribute(_))),
        );
        let mut received: Vec<(u8, Taint, Option<&Expr>)> = Vec::new();
        for (position, (expr, tree)) in arguments.positional.iter().enumerate() {
            if let Ok(index) = u8::try_from(position + offset) {
                received.push((index, tree.collapsed(), Some(*expr)));
            }
        }
        for (keyword, expr, tree) in &arguments.keywords {
            let Some(keyword) = keyword else {
                continue;
            };
            if let Some(index) = applied
                .parameter_names
                .iter()
                .position(|name| name == keyword)
                && let Ok(index) = u8::try_from(index)
            {
                received.push((index, tree.collapsed(), Some(*expr)));
            }
        }
        if offset == 1
            && let Some((receiver, tree)) = &arguments.receiver
        {
            received.push((0, tree.collapsed(), Some(*receiver)));
        }
        // Parameters that reach a sink inside the function.
        for (parameter, class, inner, inside) in &applied.sinks {
            for (index, taint, expr) in &received {
                if index != parameter || !taint.is_dangerous_for(*class as u8) {
                    continue;
                }
                if taint.sources.is_empty()
                    && (self.collect.is_none() || taint.parameters.is_empty())
                {
                    continue;
                }
                let into = self.traces.push(
                    self.file,
                    expr.map_or(call.range(), Ranged::range),
                    StepKind::CallArgument,
                    taint.trace,
                );
                let trace = match inside {
                    Some(steps) => self.push_foreign(steps, into),
                    None => self
                        .traces
                        .push(self.file, call.range(), StepKind::Sink, into),
                };
                if let Some(collect) = self.collect.as_mut() {
                    for outer in taint.parameters.iter() {
                        collect.add_sink(SinkReached {
                            parameter: outer,
                            class: *class,
                            callee: (*inner).to_owned(),
                            trace,
                        });
                    }
                }
                if taint.sources.is_empty() {
                    continue;
                }
                let mut features = taint.features.with(Feature::ViaSummary);
                if offset == 1 && *parameter == 0 {
                    features = features.with(Feature::ViaReceiver);
                }
                self.findings.add(TaintFinding {
                    class: *class,
                    sink: call.range(),
                    argument: expr.map_or(call.range(), Ranged::range),
                    callee: format!("{}() → {inner}", applied.name),
                    sources: taint.sources,
                    features,
                    trace,
                });
            }
        }
        // What it returns: its own sources, and what the parameters carry
        // through (with what they were cleared for inside); a constructor
        // returns the object its `__init__` filled.
        let returned = applied.constructor.unwrap_or(applied.returns);
        let mut result = Taint {
            parameters: crate::taint::ParameterSet::EMPTY,
            ..returned
        };
        if returned.sources.is_empty() {
            result = Taint::CLEAN;
        }
        for (index, taint, _) in &received {
            if returned.parameters.contains(*index) {
                result = result.join(&taint.cleared_for(returned.parameters_cleared));
            }
        }
        let result = self.step(result, call.range(), StepKind::CallReturn);
        result.into()
    }

    /// The summary of `callable`, computed now if needed; `None` for a
    /// recursive call or a chain too deep.
    fn summary_of(&mut self, callable: Callable<'a>) -> Option<std::rc::Rc<Summary>> {
        if let Some(summary) = self.summaries.memoised(callable.def) {
            return Some(summary);
        }
        if !self.summaries.enter(callable.def) {
            return None;
        }
        let inputs = crate::analysis::FileInputs {
            semantic: self.semantic,
            models: self.models,
            file: self.file,
            project: self.project,
        };
        let summary = crate::analysis::summarise(
            callable,
            inputs,
            self.traces,
            self.findings,
            self.summaries,
        );
        Some(self.summaries.leave(callable.def, summary))
    }

    /// Writes `value` at `path` under the variable `target` is rooted at
    /// (`x`, `x.a`, `x["k"]`): a weak update, as a side effect of a call.
    fn store_into(&mut self, target: &Expr, path: &[PathElement], value: TaintTree, env: &mut Env) {
        if let Some((variable, mut prefix)) = self.place(target) {
            prefix.extend_from_slice(path);
            env.write(&variable, &prefix, value, false);
        }
    }

    /// The variable and access path an assignable expression denotes.
    pub(crate) fn place(&self, target: &Expr) -> Option<(VariableKey, Vec<PathElement>)> {
        let mut path = Vec::new();
        let mut current = target;
        loop {
            match current {
                Expr::Name(name) => {
                    path.reverse();
                    return Some((self.variable(name.id.as_str()), path));
                }
                Expr::Attribute(attribute) => {
                    path.push(PathElement::Attribute(Arc::from(attribute.attr.as_str())));
                    current = &attribute.value;
                }
                Expr::Subscript(subscript) => {
                    path.push(key_element(self.semantic, &subscript.slice));
                    current = &subscript.value;
                }
                _ => return None,
            }
            if path.len() > crate::tree::MAX_PATH_DEPTH + 4 {
                return None;
            }
        }
    }
}
