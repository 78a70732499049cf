//! Stage 1: each function (and the module and class bodies) analysed on
//! its control-flow graph by a forward worklist to a fixpoint.

use crate::env::{Env, VariableKey};
use crate::evaluate::{Evaluator, position_element};
use crate::finding::{Findings, SinkVerdict, TaintFinding};
use crate::project::{ProjectCalls, ProjectSummary};
use crate::source_sites::{SourceNames, source_sites};
use crate::summaries::{Callable, Summaries, Summary};
use crate::taint::{ClassSet, Taint};
use crate::trace::{StepKind, Traces};
use crate::tree::{PathElement, TaintTree};
use antivenom_cfg::{BlockId, Cfg, EdgeKind, Op, lower_body, lower_function};
use antivenom_semantic::FileSemantic;
use antivenom_taint_models::{
    Branch, ClassSet as ModelClassSet, Models, PortSelector, SourceKind, VulnerabilityClass,
};
use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::{self as ast, CmpOp, Expr, Pattern, Stmt, UnaryOp};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::{FxHashMap, FxHashSet};

/// Most times one block is analysed per function; beyond it the analysis
/// of that function stops where it is (it may then miss flows, never hang).
const MAX_VISITS_PER_BLOCK: usize = 24;

/// Calls that never return: the code after them on the same path is dead
/// (`if x not in ALLOWED: abort(400)` guards what follows).
const NO_RETURN: &[&str] = &[
    "flask.abort",
    "werkzeug.exceptions.abort",
    "sys.exit",
    "exit",
    "quit",
    "os._exit",
    "os.abort",
    "fastapi.HTTPException",
];

/// The result of analysing one file.
#[derive(Debug, Default)]
pub struct FileAnalysis {
    /// Tainted values reaching sinks, in source order.
    pub findings: Vec<TaintFinding>,
    /// The steps the findings' paths are made of.
    pub traces: Traces,
    /// Fully qualified names of calls, in the bodies analysed without a
    /// project view, that may go to functions of other modules; a name
    /// starting with `.` (`.Class.method`, an inherited method called
    /// through `self`) is relative to the file's own module.
    pub outgoing: Vec<String>,
    /// Functions and methods (`f`, `Class.method`) holding a source: they
    /// may return it to callers in other modules.
    pub source_functions: Vec<String>,
    /// What reaches each sink call of the bodies analysed (sinks in bodies
    /// the analysis skipped, having no source, have none).
    pub verdicts: Vec<SinkVerdict>,
}

/// Where a module's analysis runs.
#[derive(Clone, Copy, Default)]
pub struct ModuleContext<'p> {
    /// Index of the file, for trace steps.
    pub file: u32,
    /// Follow command-line arguments, environment and standard input too,
    /// not only network input.
    pub local_sources: bool,
    /// The functions of the project's other modules (none in a first,
    /// file-by-file pass).
    pub project: Option<&'p dyn ProjectCalls>,
}

/// The analysis with its models, ready to run on many files.
pub struct Engine {
    models: Models,
    /// Names of every source, and of the network sources only.
    all_sources: SourceNames,
    remote_sources: SourceNames,
}

impl Engine {
    /// An engine for these models.
    #[must_use]
    pub fn new(models: Models) -> Self {
        let all_sources = SourceNames::new(&models, |_| true);
        let remote_sources = SourceNames::new(&models, SourceKind::is_remote);
        Self {
            models,
            all_sources,
            remote_sources,
        }
    }

    /// The models it applies.
    #[must_use]
    pub fn models(&self) -> &Models {
        &self.models
    }

    /// What every body of a file is analysed with.
    fn inputs<'s, 'a>(
        &'s self,
        semantic: &'s FileSemantic<'a>,
        context: ModuleContext<'s>,
    ) -> FileInputs<'s, 'a> {
        FileInputs {
            semantic,
            models: &self.models,
            file: context.file,
            project: context.project,
        }
    }

    /// Analyses the bodies of a module that reference a source: the module
    /// itself, class bodies and functions, nested ones included (the others
    /// cannot report anything), plus those calling a source wrapper of
    /// another module. Unless `context.local_sources`, only bodies with a
    /// network source are analysed (command-line arguments, environment
    /// and standard input alone do not make a body worth it).
    #[must_use]
    pub fn analyze_module(
        &self,
        suite: &[Stmt],
        semantic: &FileSemantic<'_>,
        source: &str,
        context: ModuleContext<'_>,
    ) -> FileAnalysis {
        let names = if context.local_sources {
            &self.all_sources
        } else {
            &self.remote_sources
        };
        let sites = source_sites(semantic, names, source);
        let wrappers = context
            .project
            .map_or(&[][..], ProjectCalls::source_wrappers);
        if sites.is_empty() && wrappers.is_empty() {
            return FileAnalysis::default();
        }
        let mut traces = Traces::new();
        let mut findings = Findings::default();
        let inputs = self.inputs(semantic, context);
        let mut summaries = Summaries::new(suite);
        let mut bodies = Bodies::default();
        bodies.visit_body(suite);
        let relevant = with_callers(
            &bodies.found,
            &sites.definitions,
            sites.module,
            source,
            wrappers,
        );
        let source_functions = bodies
            .found
            .iter()
            .filter(|(body, _)| {
                matches!(body, Body::Function(_)) && sites.definitions.contains(&body.start())
            })
            .map(|(body, class)| match class {
                Some(class) => format!("{class}.{}", body.name()),
                None => body.name().to_owned(),
            })
            .collect();
        if relevant.module {
            let cfg = lower_body(suite);
            analyze_cfg(
                &cfg,
                inputs,
                &mut traces,
                &mut findings,
                &mut summaries,
                BodyInfo::default(),
            );
        }
        for (body, class) in &bodies.found {
            if !relevant.bodies.contains(&body.start()) {
                continue;
            }
            let (cfg, is_html_view) = match body {
                Body::Function(function) => {
                    (lower_function(function), is_flask_view(function, semantic))
                }
                Body::Class(class) => (lower_body(&class.body), false),
            };
            let info = BodyInfo {
                class: *class,
                is_html_view,
            };
            analyze_cfg(
                &cfg,
                inputs,
                &mut traces,
                &mut findings,
                &mut summaries,
                info,
            );
        }
        let mut outgoing: Vec<String> = summaries.outgoing.into_iter().collect();
        outgoing.sort_unstable();
        let (findings, verdicts) = findings.into_sorted();
        FileAnalysis {
            findings,
            traces,
            outgoing,
            source_functions,
            verdicts,
        }
    }

    /// The summary of the function or method `qualname` (`f`,
    /// `Class.method`) of a module, for calls from other modules; `None`
    /// when the module defines no such function at its top level.
    #[must_use]
    pub fn summarize_function(
        &self,
        suite: &[Stmt],
        semantic: &FileSemantic<'_>,
        source: &str,
        context: ModuleContext<'_>,
        qualname: &str,
    ) -> Option<ProjectSummary> {
        let mut summaries = Summaries::new(suite);
        let callable = match qualname.split_once('.') {
            Some((class, method)) => summaries.method(class, method)?,
            None => summaries.function(qualname)?,
        };
        let mut traces = Traces::new();
        let mut findings = Findings::default();
        if !summaries.enter(callable.def) {
            return None;
        }
        let summary = summarise(
            callable,
            self.inputs(semantic, context),
            &mut traces,
            &mut findings,
            &mut summaries,
        );
        let names = callable
            .parameter_names()
            .into_iter()
            .map(str::to_owned)
            .collect();
        Some(ProjectSummary::from_summary(
            &summary,
            callable.def.name.to_string(),
            names,
            callable.takes_receiver(),
            &traces,
            source,
        ))
    }
}

enum Body<'a> {
    Function(&'a ast::StmtFunctionDef),
    Class(&'a ast::StmtClassDef),
}

impl<'a> Body<'a> {
    fn start(&self) -> TextSize {
        match self {
            Body::Function(function) => function.range.start(),
            Body::Class(class) => class.range.start(),
        }
    }

    fn range(&self) -> TextRange {
        match self {
            Body::Function(function) => function.range,
            Body::Class(class) => class.range,
        }
    }

    fn name(&self) -> &'a str {
        match self {
            Body::Function(function) => function.name.as_str(),
            Body::Class(class) => class.name.as_str(),
        }
    }
}

/// Every function and class definition, at any depth, with the class a
/// function is directly defined in.
#[derive(Default)]
struct Bodies<'a> {
    found: Vec<(Body<'a>, Option<&'a str>)>,
}

impl<'a> StatementVisitor<'a> for Bodies<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => {
                self.found.push((Body::Function(function), None));
                walk_stmt(self, stmt);
            }
            Stmt::ClassDef(class) => {
                self.found.push((Body::Class(class), None));
                let first_method = self.found.len();
                walk_stmt(self, stmt);
                // Functions directly in the class body are its methods.
                for (body, owner) in self.found.iter_mut().skip(first_method) {
                    if let Body::Function(function) = body
                        && owner.is_none()
                        && class.body.iter().any(|item| item.range() == function.range)
                    {
                        *owner = Some(class.name.as_str());
                    }
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }
}

/// The bodies to analyse, and whether the module body is one of them.
struct Relevant {
    bodies: FxHashSet<TextSize>,
    module: bool,
}

/// The innermost body around `offset`, if any.
fn innermost<'b, 'a>(
    bodies: &'b [(Body<'a>, Option<&'a str>)],
    offset: TextSize,
) -> Option<&'b Body<'a>> {
    bodies
        .iter()
        .map(|(body, _)| body)
        .filter(|body| body.range().contains(offset))
        .min_by_key(|body| body.range().len())
}

/// `true` for a byte that can be part of an identifier (any non-ASCII byte
/// counts, so identifiers never end inside a multi-byte character).
fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || !byte.is_ascii()
}

/// Offsets where each of `names` is written as a call, `name(` (not as the
/// end of a longer identifier), found in one pass over the text: a cheap,
/// conservative test for calls to the file's own functions.
fn call_sites<'s>(source: &'s str, names: &FxHashSet<&str>) -> FxHashMap<&'s str, Vec<TextSize>> {
    let bytes = source.as_bytes();
    let mut sites: FxHashMap<&str, Vec<TextSize>> = FxHashMap::default();
    // Each `(` is found with a vectorised search; the identifier ending
    // right before it is read backwards.
    for paren in memchr::memchr_iter(b'(', bytes) {
        let before = bytes.get(..paren).unwrap_or_default();
        let length = before
            .iter()
            .rev()
            .take_while(|&&byte| is_identifier_byte(byte))
            .count();
        // `length` counts bytes before `paren`: no underflow.
        let begin = paren - length;
        if length > 0
            && let Some(name) = source.get(begin..paren)
            && names.contains(name)
            && let Ok(offset) = u32::try_from(begin)
        {
            sites.entry(name).or_default().push(TextSize::new(offset));
        }
    }
    sites
}

/// The bodies with a source, plus those that call one of them by name
/// (a wrapper of the request is a source for its callers), to a fixpoint.
fn with_callers(
    bodies: &[(Body<'_>, Option<&str>)],
    sites: &FxHashSet<TextSize>,
    module: bool,
    source: &str,
    wrappers: &[String],
) -> Relevant {
    let mut relevant = Relevant {
        bodies: sites.clone(),
        module,
    };
    let functions: FxHashSet<&str> = bodies
        .iter()
        .filter(|(body, _)| matches!(body, Body::Function(_)))
        .map(|(body, _)| body.name())
        .chain(wrappers.iter().map(String::as_str))
        .collect();
    let calls = call_sites(source, &functions);
    let mut searched: FxHashSet<&str> = FxHashSet::default();
    for round in 0..4 {
        // Source wrappers of other modules first, then this file's
        // functions that hold a source or call one.
        let wrapper_names = wrappers.iter().map(String::as_str).filter(|_| round == 0);
        let names: Vec<&str> = wrapper_names
            .chain(
                bodies
                    .iter()
                    .filter(|(body, _)| {
                        matches!(body, Body::Function(_)) && relevant.bodies.contains(&body.start())
                    })
                    .map(|(body, _)| body.name()),
            )
            .filter(|name| searched.insert(name))
            .collect();
        if names.is_empty() {
            break;
        }
        for offset in names.iter().filter_map(|name| calls.get(name)).flatten() {
            match innermost(bodies, *offset) {
                Some(body) => {
                    relevant.bodies.insert(body.start());
                }
                None => relevant.module = true,
            }
        }
    }
    relevant
}

/// What every body of one file is analysed with.
#[derive(Clone, Copy)]
pub(crate) struct FileInputs<'s, 'a> {
    pub(crate) semantic: &'s FileSemantic<'a>,
    pub(crate) models: &'s Models,
    /// Index of the file, for trace steps.
    pub(crate) file: u32,
    /// The functions of the project's other modules, when known.
    pub(crate) project: Option<&'s dyn ProjectCalls>,
}

/// Classes whose `route` (and `get`, `post`, ...) decorators make a
/// function a view whose returned string is the HTML response.
const FLASK_APPS: &[&str] = &[
    "flask.Flask",
    "flask.app.Flask",
    "flask.Blueprint",
    "flask.blueprints.Blueprint",
];

/// `true` for a function decorated with `app.route(...)` (or `get`,
/// `post`, ...) of a Flask application or blueprint.
fn is_flask_view(function: &ast::StmtFunctionDef, semantic: &FileSemantic<'_>) -> bool {
    function.decorator_list.iter().any(|decorator| {
        let Expr::Call(call) = &decorator.expression else {
            return false;
        };
        let Expr::Attribute(attribute) = call.func.as_ref() else {
            return false;
        };
        matches!(
            attribute.attr.as_str(),
            "route" | "get" | "post" | "put" | "patch" | "delete"
        ) && semantic
            .constructor(&attribute.value)
            .is_some_and(|built| FLASK_APPS.contains(&built.as_str()))
    })
}

/// What is known of the body being analysed.
#[derive(Clone, Copy, Default)]
pub(crate) struct BodyInfo<'a> {
    /// The class of a method (for `self.method()` calls).
    pub(crate) class: Option<&'a str>,
    /// A Flask view: the string it returns is sent as HTML.
    pub(crate) is_html_view: bool,
}

/// Analyses one body as itself (parameters start clean).
fn analyze_cfg<'a>(
    cfg: &Cfg<'a>,
    inputs: FileInputs<'_, 'a>,
    traces: &mut Traces,
    findings: &mut Findings,
    summaries: &mut Summaries<'a>,
    body: BodyInfo<'a>,
) {
    let _ = run_cfg(cfg, inputs, traces, findings, summaries, body, None);
}

/// Summarises a function: its parameters carry symbolic labels, and what
/// reaches its returns and sinks is recorded.
pub(crate) fn summarise<'a>(
    callable: Callable<'a>,
    inputs: FileInputs<'_, 'a>,
    traces: &mut Traces,
    findings: &mut Findings,
    summaries: &mut Summaries<'a>,
) -> Summary {
    let cfg = lower_function(callable.def);
    let body = BodyInfo {
        class: callable.class,
        is_html_view: false,
    };
    run_cfg(
        &cfg,
        inputs,
        traces,
        findings,
        summaries,
        body,
        Some(Summary::default()),
    )
    .unwrap_or_default()
}

fn run_cfg<'a>(
    cfg: &Cfg<'a>,
    inputs: FileInputs<'_, 'a>,
    traces: &mut Traces,
    findings: &mut Findings,
    summaries: &mut Summaries<'a>,
    body: BodyInfo<'a>,
    collect: Option<Summary>,
) -> Option<Summary> {
    let blocks = cfg.blocks().len();
    let order = cfg.reverse_postorder();
    // Position of each block in reverse postorder, for the worklist.
    let mut position = vec![usize::MAX; blocks];
    for (index, block) in order.iter().enumerate() {
        if let Some(slot) = position.get_mut(block.index()) {
            *slot = index;
        }
    }
    let mut states: Vec<Option<Env>> = vec![None; blocks];
    if let Some(entry) = states.get_mut(cfg.entry().index()) {
        *entry = Some(Env::new());
    }
    let mut visits = vec![0_usize; blocks];
    let mut worklist = std::collections::BTreeSet::new();
    worklist.insert(position.get(cfg.entry().index()).copied().unwrap_or(0));
    let FileInputs {
        semantic,
        models,
        file,
        project,
    } = inputs;
    let mut evaluator = Evaluator {
        semantic,
        models,
        cfg,
        traces,
        findings,
        scope: None,
        file,
        summaries,
        collect,
        class: body.class,
        is_html_view: body.is_html_view,
        project,
    };
    while let Some(next) = worklist.pop_first() {
        let Some(&id) = order.get(next) else {
            continue;
        };
        let Some(block) = cfg.block(id) else {
            continue;
        };
        let Some(visit) = visits.get_mut(id.index()) else {
            continue;
        };
        *visit += 1;
        if *visit > MAX_VISITS_PER_BLOCK {
            continue;
        }
        let Some(Some(before)) = states.get(id.index()) else {
            continue;
        };
        // The state before the block is needed again only for exception edges.
        let has_exception_edge = block
            .successors
            .iter()
            .any(|edge| matches!(edge.kind, EdgeKind::Exception));
        let mut env = Some(before.clone());
        let before = has_exception_edge.then(|| before.clone());
        evaluator.scope = block.scope;
        for op in &block.ops {
            let Some(current) = env.as_mut() else {
                break;
            };
            if !evaluator.transfer(op, current) {
                env = None;
            }
        }
        for edge in &block.successors {
            // An exception leaves with the state before the block's op.
            let leaving = if matches!(edge.kind, EdgeKind::Exception) {
                before.clone()
            } else {
                env.clone()
            };
            let Some(mut leaving) = leaving else {
                continue;
            };
            if !evaluator.refine(&edge.kind, &mut leaving) {
                continue;
            }
            if join_into(&mut states, edge.target, leaving)
                && let Some(&target_position) = position.get(edge.target.index())
                && target_position != usize::MAX
            {
                worklist.insert(target_position);
            }
        }
    }
    let receiver_key = evaluator.variable("self");
    let mut collect = evaluator.collect;
    // What a method leaves in its receiver.
    if let Some(collect) = collect.as_mut()
        && body.class.is_some()
        && let Some(Some(exit)) = states.get(cfg.exit().index())
        && let Some(receiver) = exit.get(&receiver_key)
    {
        collect.receiver_writes = receiver.collapsed();
    }
    collect
}

/// Joins `env` into the state at the start of `target`; `true` when it grew.
fn join_into(states: &mut [Option<Env>], target: BlockId, env: Env) -> bool {
    let Some(slot) = states.get_mut(target.index()) else {
        return false;
    };
    match slot {
        Some(existing) => existing.join_with(&env),
        None => {
            *slot = Some(env);
            true
        }
    }
}

/// Names a pattern binds (`case {"a": x, **rest}`), without recursion
/// limits beyond the pattern's own nesting (bounded by the parser guard).
fn pattern_names<'p>(pattern: &'p Pattern, names: &mut Vec<&'p str>) {
    match pattern {
        Pattern::MatchAs(pattern_as) => {
            if let Some(name) = &pattern_as.name {
                names.push(name.as_str());
            }
            if let Some(inner) = &pattern_as.pattern {
                pattern_names(inner, names);
            }
        }
        Pattern::MatchStar(star) => {
            if let Some(name) = &star.name {
                names.push(name.as_str());
            }
        }
        Pattern::MatchMapping(mapping) => {
            for inner in &mapping.patterns {
                pattern_names(inner, names);
            }
            if let Some(rest) = &mapping.rest {
                names.push(rest.as_str());
            }
        }
        Pattern::MatchSequence(sequence) => {
            for inner in &sequence.patterns {
                pattern_names(inner, names);
            }
        }
        Pattern::MatchClass(class) => {
            for inner in &class.arguments.patterns {
                pattern_names(inner, names);
            }
            for keyword in &class.arguments.keywords {
                pattern_names(&keyword.pattern, names);
            }
        }
        Pattern::MatchOr(or) => {
            for inner in &or.patterns {
                pattern_names(inner, names);
            }
        }
        Pattern::MatchValue(_) | Pattern::MatchSingleton(_) => {}
    }
}

impl<'a> Evaluator<'_, 'a> {
    fn temporary(temp: antivenom_cfg::TempId) -> VariableKey {
        VariableKey::Temporary(u32::try_from(temp.index()).unwrap_or(u32::MAX))
    }

    /// Applies one operation to `env`; `false` when the path ends here (a
    /// call that never returns).
    fn transfer(&mut self, op: &Op<'a>, env: &mut Env) -> bool {
        match op {
            // What callers pass is not known within one function: a
            // parameter starts clean. (Summaries across functions seed it
            // with a symbolic label instead.)
            Op::Parameter {
                parameter, index, ..
            } => {
                let variable = self.variable(parameter.name.as_str());
                let label = u8::try_from(*index).ok().filter(|_| self.collect.is_some());
                match label {
                    Some(label) => {
                        let taint = Taint::from_parameter(label, crate::trace::TraceId::NONE);
                        env.write(&variable, &[], taint.into(), true);
                    }
                    None => env.remove(&variable),
                }
            }
            Op::Assign {
                targets,
                value,
                range,
            } => {
                let value = self.eval(value, env);
                let value = self.step_tree(value, *range, StepKind::Assignment);
                for target in targets.iter() {
                    self.assign(target, value.clone(), env, true);
                }
            }
            Op::AugAssign {
                target,
                value,
                range,
                ..
            } => {
                let current = self.eval(target, env);
                let mut joined = self.eval(value, env);
                joined.join_with(&current);
                let joined = self.step_tree(joined, *range, StepKind::Assignment);
                self.assign(target, joined, env, true);
            }
            Op::NamedExpr { expr, conditional } => {
                let value = self.eval(&expr.value, env);
                let value = self.step_tree(value, expr.range(), StepKind::Assignment);
                self.assign(&expr.target, value, env, !conditional);
            }
            Op::Store { temp, value } => {
                let value = self.eval(value, env);
                env.write(&Self::temporary(*temp), &[], value, true);
            }
            Op::IterationBind { target, source, .. } => {
                let element = env.read(&Self::temporary(*source), &[PathElement::AnyKey]);
                self.assign(target, element, env, true);
            }
            Op::WithEnter {
                context, target, ..
            } => {
                let value = self.eval(context, env);
                if let Some(target) = target {
                    self.assign(target, value, env, true);
                }
            }
            Op::ExceptBind { name, .. } => {
                if let Some(name) = name {
                    env.remove(&self.variable(name.as_str()));
                }
            }
            Op::MatchBind {
                source, pattern, ..
            } => {
                let subject = env.read(&Self::temporary(*source), &[]).collapsed();
                let mut names = Vec::new();
                pattern_names(pattern, &mut names);
                for name in names {
                    let variable = self.variable(name);
                    env.write(&variable, &[], subject.into(), true);
                }
            }
            Op::Evaluate(expr) => {
                let _ = self.eval(expr, env);
                if let Expr::Call(call) = expr
                    && self
                        .semantic
                        .qualified_name(&call.func)
                        .is_some_and(|name| NO_RETURN.contains(&name.as_str()))
                {
                    return false;
                }
            }
            Op::Return { value, range } => {
                if let Some(value) = value {
                    let tree = self.eval(value, env);
                    if self.is_html_view {
                        self.check_view_response(value, &tree, *range);
                    }
                    if let Some(collect) = self.collect.as_mut() {
                        collect.returns.join_with(&tree);
                    }
                }
            }
            Op::Raise { exc, cause, .. } => {
                for value in [exc, cause].into_iter().flatten() {
                    let _ = self.eval(value, env);
                }
            }
            Op::Delete(target) => {
                if let Expr::Name(name) = target {
                    env.remove(&self.variable(name.id.as_str()));
                } else {
                    let _ = self.eval(target, env);
                }
            }
            Op::Define { name, .. } => env.remove(&self.variable(name.as_str())),
            Op::Import(stmt) => {
                let aliases = match stmt {
                    Stmt::Import(import) => &import.names,
                    Stmt::ImportFrom(import) => &import.names,
                    _ => return true,
                };
                for alias in aliases {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    let first = bound.as_str().split('.').next().unwrap_or_default();
                    env.remove(&self.variable(first));
                }
            }
            Op::ComprehensionStart { result, .. } => env.remove(&Self::temporary(*result)),
            Op::Accumulate {
                result,
                element,
                key,
                ..
            } => {
                let value = self.eval(element, env);
                let target = Self::temporary(*result);
                match key {
                    Some(key) => {
                        let key_taint = self.eval(key, env).collapsed();
                        let mut joined = value;
                        joined.join_with(&key_taint.into());
                        env.write(&target, &[PathElement::AnyKey], joined, false);
                    }
                    None => env.write(&target, &[PathElement::AnyKey], value, false),
                }
            }
            Op::ComprehensionEnd { .. } | Op::Declare(_) | Op::TypeAlias(_) => {}
        }
        true
    }

    /// A Flask view returning a string sends it as HTML: tainted text in it
    /// is cross-site scripting. (Dicts and lists become JSON; a tuple's
    /// first element is the body.)
    fn check_view_response(&mut self, value: &'a Expr, tree: &TaintTree, range: TextRange) {
        let body = match value {
            Expr::Tuple(tuple) => match tuple.elts.first() {
                Some(first) => first,
                None => return,
            },
            other => other,
        };
        if matches!(
            body,
            Expr::Dict(_)
                | Expr::List(_)
                | Expr::Set(_)
                | Expr::ListComp(_)
                | Expr::DictComp(_)
                | Expr::SetComp(_)
        ) {
            return;
        }
        let taint = match value {
            Expr::Tuple(_) => tree
                .read(&[crate::evaluate::position_element(0)])
                .collapsed(),
            _ => tree.collapsed(),
        };
        let xss = VulnerabilityClass::Xss;
        if taint.sources.is_empty() || !taint.is_dangerous_for(xss as u8) {
            return;
        }
        // Only what is surely text: built as a string, or one value read
        // out of the request (`request.args["q"]`, `.get("q")`). A parsed
        // document or a fetched body may be a dict sent as JSON.
        let is_text = taint.features.contains(crate::taint::Feature::StringConcat)
            || matches!(body, Expr::Subscript(_))
            || matches!(body, Expr::Call(call) if matches!(call.func.as_ref(), Expr::Attribute(attribute) if attribute.attr.as_str() == "get"));
        if !is_text {
            return;
        }
        let trace = self
            .traces
            .push(self.file, range, StepKind::Sink, taint.trace);
        self.findings.add(TaintFinding {
            class: xss,
            sink: range,
            argument: body.range(),
            callee: "the view's HTML response".to_owned(),
            sources: taint.sources,
            features: taint.features,
            trace,
        });
    }

    fn step_tree(
        &mut self,
        mut tree: TaintTree,
        range: ruff_text_size::TextRange,
        kind: StepKind,
    ) -> TaintTree {
        tree.root = self.step(tree.root, range, kind);
        tree
    }

    /// Binds `value` to an assignment target; `strong` replaces what was
    /// there.
    fn assign(&mut self, target: &'a Expr, value: TaintTree, env: &mut Env, strong: bool) {
        match target {
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for (index, element) in elts.iter().enumerate() {
                    let part = match element {
                        Expr::Starred(_) => value.read(&[PathElement::AnyKey]).collapsed().into(),
                        _ => value.read(&[position_element(index)]),
                    };
                    let element = match element {
                        Expr::Starred(starred) => &starred.value,
                        other => other,
                    };
                    self.assign(element, part, env, strong);
                }
            }
            Expr::Starred(starred) => self.assign(&starred.value, value, env, strong),
            Expr::Subscript(subscript) => {
                self.store_item(subscript, &value, env);
                if let Some((variable, path)) = self.place(target) {
                    env.write(&variable, &path, value, strong);
                }
            }
            Expr::Attribute(_) | Expr::Name(_) => {
                if let Some((variable, path)) = self.place(target) {
                    env.write(&variable, &path, value, strong);
                }
            }
            other => {
                let _ = self.eval(other, env);
            }
        }
    }

    /// Refines `env` for one edge; `false` when the edge cannot be taken
    /// (its test folds to the other outcome).
    fn refine(&mut self, kind: &EdgeKind<'a>, env: &mut Env) -> bool {
        match kind {
            EdgeKind::Condition { test, holds } => {
                if let Some(value) = self.semantic.constant(test) {
                    return value.is_truthy() == *holds;
                }
                self.guard(test, *holds, env);
                true
            }
            EdgeKind::Normal
            | EdgeKind::Exception
            | EdgeKind::Iteration { .. }
            | EdgeKind::Pattern { .. } => true,
        }
    }

    /// Clears the classes a test makes safe on the edge where it has
    /// outcome `holds`.
    pub(crate) fn guard(&mut self, test: &'a Expr, holds: bool, env: &mut Env) {
        match test {
            Expr::UnaryOp(unary) if unary.op == UnaryOp::Not => {
                self.guard(&unary.operand, !holds, env)
            }
            Expr::BoolOp(boolean) => {
                // `a and b` true: both hold; `a or b` false: neither does.
                let all = matches!(boolean.op, ast::BoolOp::And) == holds;
                if all {
                    for value in &boolean.values {
                        self.guard(value, holds, env);
                    }
                }
            }
            Expr::Compare(compare) => {
                let ([op], [right]) = (&*compare.ops, &*compare.comparators) else {
                    return;
                };
                let clears_on_true = match op {
                    CmpOp::Eq | CmpOp::In | CmpOp::Is => true,
                    CmpOp::NotEq | CmpOp::NotIn | CmpOp::IsNot => false,
                    _ => return,
                };
                if clears_on_true != holds {
                    return;
                }
                // `x == "a"`, `x in ALLOWED`, `"a" == x`.
                let (checked, constant) = if self.is_constant_collection(right) {
                    (&*compare.left, right)
                } else if self.is_constant_collection(&compare.left)
                    && matches!(op, CmpOp::Eq | CmpOp::NotEq)
                {
                    (right, &*compare.left)
                } else {
                    return;
                };
                let _ = constant;
                // Equal to a constant, or one of a constant set: the value
                // is known, whatever it is used for.
                self.clear(checked, ModelClassSet::all(), env);
            }
            Expr::Call(call) => self.guard_call(call, holds, env),
            // `safe = is_safe(url)` then `if safe:`: the check it holds.
            Expr::Name(_) => {
                if let Some(bound) = self.semantic.bound_value(test)
                    && !matches!(bound, Expr::Name(_))
                {
                    self.guard(bound, holds, env);
                }
            }
            _ => {}
        }
    }

    /// `true` for a constant, or a literal collection of constants, or a
    /// name bound once to one (`ALLOWED = {"a", "b"}`).
    fn is_constant_collection(&self, expr: &Expr) -> bool {
        if self.semantic.is_constant(expr) {
            return true;
        }
        let literal = match expr {
            Expr::Name(name) => match self.semantic.single_assigned_value(name) {
                Some(value) => value,
                None => return false,
            },
            other => other,
        };
        let elements: &[Expr] = match literal {
            Expr::List(list) => &list.elts,
            Expr::Tuple(tuple) => &tuple.elts,
            Expr::Set(set) => &set.elts,
            Expr::Dict(dict) => {
                return dict.items.iter().all(|item| {
                    item.key
                        .as_ref()
                        .is_some_and(|key| self.semantic.is_constant(key))
                });
            }
            _ => return false,
        };
        elements
            .iter()
            .all(|element| self.semantic.is_constant(element))
    }

    fn guard_call(&mut self, call: &'a ast::ExprCall, holds: bool, env: &mut Env) {
        let qualified_name = self.semantic.qualified_name(&call.func);
        let method = match call.func.as_ref() {
            Expr::Attribute(attribute) if qualified_name.is_none() => Some(attribute),
            _ => None,
        };
        let guard = qualified_name
            .as_deref()
            .and_then(|name| self.models.guard_for(name))
            .or_else(|| {
                method.and_then(|attribute| {
                    let receiver = match attribute.value.as_ref() {
                        Expr::Name(name) => Some(name.id.as_str()),
                        Expr::Attribute(inner) => Some(inner.attr.as_str()),
                        _ => None,
                    };
                    self.models
                        .guards_for_method(attribute.attr.as_str())
                        .find(|guard| guard.key.accepts_receiver(receiver))
                })
            })
            .filter(|guard| {
                crate::conditions::conditions_hold(&guard.conditions, call, self.semantic)
            });
        let Some(guard) = guard else {
            return;
        };
        let branch_holds = matches!(guard.branch, Branch::True);
        if branch_holds != holds {
            return;
        }
        let guarded = match &guard.guarded.selector {
            PortSelector::Receiver => method.map(|attribute| attribute.value.as_ref()),
            PortSelector::Argument { position, keyword } => {
                let by_keyword = keyword.as_deref().and_then(|name| {
                    call.arguments
                        .find_keyword(name)
                        .map(|keyword| &keyword.value)
                });
                by_keyword.or_else(|| {
                    position.and_then(|position| call.arguments.find_positional(position))
                })
            }
            _ => None,
        };
        let Some(guarded) = guarded else {
            return;
        };
        if guard.requires_normalised {
            let Some((variable, path)) = self.place(guarded) else {
                return;
            };
            let value = env.read(&variable, &path);
            if !value.collapsed().normalised {
                return;
            }
        }
        self.clear(guarded, guard.clears, env);
    }

    /// Makes the value `checked` names safe for `classes` from here on.
    fn clear(&self, checked: &Expr, classes: ModelClassSet, env: &mut Env) {
        let Some((variable, path)) = self.place(checked) else {
            return;
        };
        let classes = ClassSet::from_bits(classes.bits());
        let mut value = env.read(&variable, &path);
        if value.is_clean() {
            return;
        }
        value.map(&|taint| taint.cleared_for(classes));
        env.write(&variable, &path, value, true);
    }
}
