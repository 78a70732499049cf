//! Taint across modules (stage 2): after the file-by-file pass, the files
//! whose taint analysis met calls into other modules of the project, or
//! that call another module's function returning request data, are
//! analysed again with a view of the project. That view finds a callee
//! through the project index and summarises it on demand: memoised,
//! bounded in depth and in number, recursion iterated to a fixpoint.

use crate::pipeline::SourceFile;
use crate::project_scope::may_give_source;
use antivenom_diagnostics::Location;
use antivenom_project::{
    FunctionId, ModulePath, ModuleSymbols, PackageDirectories, ProjectIndex, Resolution,
};
use antivenom_python::{Decoded, LineIndex, decode_source, parse_module};
use antivenom_rules::ProjectLinks;
use antivenom_semantic::{FileSemantic, ModuleInfo};
use antivenom_taint::{Engine, ModuleContext, ProjectCalls, ProjectSummary};
use ruff_text_size::TextRange;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use typed_arena::Arena;

/// Longest chain of summaries computed inside one another.
const MAX_CHAIN: usize = 8;

/// Most rounds a recursive group of functions is iterated; a group still
/// changing then gets a widened summary (everything flows through).
const MAX_RECURSION_ROUNDS: usize = 4;

/// Most parsed files kept for summaries at once (shared by the threads,
/// so memory does not grow with their number).
const MAX_LOADED_FILES: usize = 24;

/// Most files one analysis keeps bound for its summaries (see
/// [`JobFiles`]); any further file is bound again for each summary.
const MAX_JOB_FILES: usize = 12;

/// Most summaries computed in one run: beyond it, calls into other modules
/// are treated as calls without a model (the analysis stays linear).
const MAX_SUMMARIES: usize = 20_000;

/// The project as the taint analysis of any file sees it.
pub(crate) struct Project<'p> {
    index: ProjectIndex,
    /// The file of each module (by module id).
    module_files: Vec<u32>,
    /// The position of each file's module in the index.
    module_of: FxHashMap<u32, usize>,
    files: &'p [PathBuf],
    packages: &'p PackageDirectories,
    engine: &'static Engine,
    local_sources: bool,
    memo: Mutex<FxHashMap<FunctionId, Option<Arc<ProjectSummary>>>>,
    /// Functions holding a source (the only ones whose summary matters at
    /// a call whose arguments are all clean).
    source_holders: FxHashSet<FunctionId>,
    computed: AtomicUsize,
    line_indexes: Mutex<FxHashMap<u32, Option<Arc<LineIndex>>>>,
    /// Files parsed for summaries, most recently used last: a file
    /// summarised for several functions is parsed once.
    loaded: Mutex<Vec<(u32, Arc<SourceFile>)>>,
    /// The trees kept for this pass, by file: the first pass's (of the
    /// files calling into other modules) and those of the called modules
    /// read for the index.
    kept: FxHashMap<u32, Arc<SourceFile>>,
}

impl<'p> Project<'p> {
    /// The project made of `modules` (each with its file), for the files
    /// with `links`, with the trees `kept` for it.
    pub(crate) fn new(
        modules: Vec<(u32, ModuleSymbols)>,
        links: &[(u32, ProjectLinks)],
        kept: FxHashMap<u32, Arc<SourceFile>>,
        files: &'p [PathBuf],
        packages: &'p PackageDirectories,
        engine: &'static Engine,
        local_sources: bool,
    ) -> Self {
        let (module_files, modules): (Vec<u32>, Vec<ModuleSymbols>) = modules.into_iter().unzip();
        let module_of = module_files
            .iter()
            .enumerate()
            .map(|(position, &file)| (file, position))
            .collect();
        let mut project = Self {
            index: ProjectIndex::new(modules),
            module_files,
            module_of,
            files,
            packages,
            engine,
            local_sources,
            memo: Mutex::new(FxHashMap::default()),
            source_holders: FxHashSet::default(),
            computed: AtomicUsize::new(0),
            line_indexes: Mutex::new(FxHashMap::default()),
            loaded: Mutex::new(Vec::new()),
            kept,
        };
        let mut holders = FxHashSet::default();
        for (file, links) in links {
            let Some((module, _)) = project.module_of_file(*file) else {
                continue;
            };
            holders.extend(
                links
                    .source_functions
                    .iter()
                    .filter_map(|qualname| project.index.function_named(module, qualname))
                    .filter(|&function| project.may_give_source(function)),
            );
        }
        project.source_holders = holders;
        project
    }

    /// `false` when a call of `function` cannot hand its caller a source's
    /// value even though one is read inside (see [`may_give_source`]).
    fn may_give_source(&self, function: FunctionId) -> bool {
        self.index.function(function).is_none_or(may_give_source)
    }

    /// Reads the module at `path`, named `name`: its symbols, and its text
    /// and tree (kept for the summaries and analyses that need them).
    pub(crate) fn read_module(
        path: &Path,
        name: &str,
        is_package: bool,
    ) -> Option<(ModuleSymbols, SourceFile)> {
        let source = read_source(path, crate::pipeline::is_stub_path(path))?;
        let symbols =
            ModuleSymbols::from_suite(name, is_package, source.parsed.suite()).with_path(path);
        Some((symbols, source))
    }

    /// The module of file `file`, if indexed.
    fn module_of_file(&self, file: u32) -> Option<(antivenom_project::ModuleId, &ModuleSymbols)> {
        let position = *self.module_of.get(&file)?;
        self.index.modules().nth(position)
    }

    /// The project function `name` (fully qualified) refers to; for a
    /// class, the `__init__` its instantiation runs.
    fn function(&self, name: &str) -> Option<FunctionId> {
        match self.index.resolve_qualified(name) {
            Resolution::Function(function) => Some(function),
            Resolution::Class(class) => self.index.init_of(class),
            _ => None,
        }
    }

    /// `true` when a call to `name` from file `file` may reach a function
    /// of the project (`name` is relative to the file's module when it
    /// starts with `.`).
    pub(crate) fn is_project_function(&self, file: u32, name: &str) -> bool {
        if name.starts_with('.') {
            return self.module_of_file(file).is_some_and(|(_, symbols)| {
                self.function(&format!("{}{name}", symbols.name()))
                    .is_some()
            });
        }
        self.function(name).is_some()
    }

    /// `true` when `function` returns a source of its own.
    fn is_source_wrapper(&self, root: &View<'_, 'p>, function: FunctionId) -> bool {
        root.summary_of(function)
            .is_some_and(|summary| summary.returns_source())
    }

    /// The functions of `wrappers` each file may call, with the name it
    /// calls them by (the function's own name, called directly or through
    /// its module), for the files that import one of them or their
    /// modules.
    fn wrapper_callers(
        &self,
        wrappers: &FxHashSet<FunctionId>,
    ) -> FxHashMap<u32, Vec<(FunctionId, String)>> {
        let mut by_module: FxHashMap<&str, Vec<(FunctionId, &str)>> = FxHashMap::default();
        for &function in wrappers {
            let Some(symbol) = self.index.function(function) else {
                continue;
            };
            by_module
                .entry(self.index.function_module_name(function))
                .or_default()
                .push((function, symbol.name.as_str()));
        }
        // Names an import of a wrapper (or of its module) must mention:
        // the functions' names and the last part of their modules' names.
        let mentioned: FxHashSet<&str> = by_module
            .iter()
            .flat_map(|(module, functions)| {
                let last = module.rsplit('.').next().unwrap_or(module);
                functions.iter().map(|(_, name)| *name).chain([last])
            })
            .collect();
        let mut callers: FxHashMap<u32, Vec<(FunctionId, String)>> = FxHashMap::default();
        for (position, (_, module)) in self.index.modules().enumerate() {
            let Some(&file) = self.module_files.get(position) else {
                continue;
            };
            let mut names: Vec<(FunctionId, String)> = Vec::new();
            for import in module.imports() {
                let last = match &import.member {
                    Some(member) => member.as_str(),
                    None => import.module.rsplit('.').next().unwrap_or(&import.module),
                };
                if !mentioned.contains(last) {
                    continue;
                }
                let target = match &import.member {
                    Some(member) => format!("{}.{member}", import.module),
                    None => import.module.clone(),
                };
                match self.index.resolve_qualified(&target) {
                    Resolution::Function(function) => {
                        if wrappers.contains(&function)
                            && let Some(bound) = &import.bound_as
                        {
                            names.push((function, bound.clone()));
                        }
                    }
                    Resolution::Module(name) => {
                        for (function, wrapper) in
                            by_module.get(name.as_str()).into_iter().flatten()
                        {
                            names.push((*function, (*wrapper).to_owned()));
                        }
                    }
                    _ => {}
                }
            }
            if !names.is_empty() {
                callers.insert(file, names);
            }
        }
        callers
    }

    /// A view of the project for analysing file `file`, which may call the
    /// source wrappers `wrappers` (by name); the files of the functions it
    /// summarises are bound in `files`.
    pub(crate) fn view<'v>(
        &'v self,
        file: u32,
        wrappers: &'v [String],
        files: &'v dyn BoundFiles,
    ) -> View<'v, 'p> {
        let module = self
            .module_of_file(file)
            .map(|(_, symbols)| symbols.name().to_owned());
        View::new(self, Vec::new(), wrappers, module, files)
    }

    /// Where `range` of file `file` is, for a path step in another file.
    pub(crate) fn locate(&self, file: u32, range: TextRange) -> Option<(PathBuf, Location)> {
        let path = self.files.get(usize::try_from(file).ok()?)?;
        let index = {
            let mut indexes = self
                .line_indexes
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            indexes
                .entry(file)
                .or_insert_with(|| read_text(path).map(|text| Arc::new(LineIndex::new(&text))))
                .clone()?
        };
        Some((path.clone(), crate::pipeline::location(&index, range)))
    }

    /// The tree of file `file` kept for this pass, if any.
    pub(crate) fn kept_source(&self, file: u32) -> Option<Arc<SourceFile>> {
        self.kept.get(&file).cloned()
    }

    /// File `file` (at `path`) read and parsed: kept for this pass, or
    /// from the cache when it was loaded recently. Parsing happens outside
    /// the lock.
    fn loaded(&self, file: u32, path: &Path, is_stub: bool) -> Option<Arc<SourceFile>> {
        if let Some(kept) = self.kept_source(file) {
            return Some(kept);
        }
        {
            let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(position) = loaded.iter().position(|(known, _)| *known == file) {
                let entry = loaded.remove(position);
                let found = Arc::clone(&entry.1);
                loaded.push(entry);
                return Some(found);
            }
        }
        let entry = Arc::new(read_source(path, is_stub)?);
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if loaded.len() >= MAX_LOADED_FILES {
            loaded.remove(0);
        }
        loaded.push((file, Arc::clone(&entry)));
        Some(entry)
    }

    /// Computes the summary of `function` with `view` for its calls.
    fn compute(&self, function: FunctionId, view: &View<'_, 'p>) -> Option<ProjectSummary> {
        if self.computed.fetch_add(1, Ordering::Relaxed) >= MAX_SUMMARIES {
            return None;
        }
        let module = self.index.function_module(function)?;
        let file = *self.module_files.get(module.index())?;
        let path = self.files.get(usize::try_from(file).ok()?)?;
        let symbols = self.index.module(module)?;
        let mut load = || {
            Some(LoadedModule {
                source: self.loaded(file, path, symbols.is_stub())?,
                path: path.clone(),
                module_path: crate::module_path::module_path_in(path, self.packages),
                is_package: symbols.is_package(),
                is_stub: symbols.is_stub(),
            })
        };
        let mut summarize = |source: &SourceFile, semantic: &FileSemantic<'_>| {
            let context = ModuleContext {
                file,
                local_sources: self.local_sources,
                project: Some(view),
            };
            self.engine.summarize_function(
                source.parsed.suite(),
                semantic,
                &source.text,
                context,
                self.index.function_qualname(function),
            )
        };
        view.files.with_bound(file, &mut load, &mut summarize)
    }
}

/// A file loaded for summaries, with what binding it needs.
pub(crate) struct LoadedModule {
    source: Arc<SourceFile>,
    path: PathBuf,
    module_path: Option<ModulePath>,
    is_package: bool,
    is_stub: bool,
}

impl LoadedModule {
    /// The module as the binder sees it.
    fn info(&self) -> ModuleInfo<'_> {
        ModuleInfo {
            path: &self.path,
            module_path: self
                .module_path
                .as_ref()
                .map(|module| module.segments.as_slice()),
            is_package: self.is_package,
            is_stub: self.is_stub,
        }
    }
}

/// A summary computed over a file's tree and bound model.
type Summarize<'f> = dyn FnMut(&SourceFile, &FileSemantic<'_>) -> Option<ProjectSummary> + 'f;

/// The files an analysis binds for the summaries it computes.
pub(crate) trait BoundFiles {
    /// Runs `summarize` over file `file`, bound: kept from an earlier
    /// summary of this analysis, or loaded with `load` and bound now;
    /// `None` when it cannot be loaded.
    fn with_bound(
        &self,
        file: u32,
        load: &mut dyn FnMut() -> Option<LoadedModule>,
        summarize: &mut Summarize<'_>,
    ) -> Option<ProjectSummary>;
}

/// The files one analysis (of a revisited file, or the search for source
/// wrappers) bound for its summaries, kept until it ends: a chain of
/// summaries often goes through the same file several times, and binding
/// a file costs about a third of parsing it. At most [`MAX_JOB_FILES`]
/// are kept, so memory stays bounded per thread.
pub(crate) struct JobFiles<'s, 'm> {
    modules: &'m Arena<LoadedModule>,
    semantics: &'s Arena<FileSemantic<'m>>,
    known: RefCell<FxHashMap<u32, (&'m SourceFile, &'s FileSemantic<'m>)>>,
}

impl<'s, 'm> JobFiles<'s, 'm> {
    /// No file bound yet: trees go to `modules`, models to `semantics`.
    pub(crate) fn new(
        modules: &'m Arena<LoadedModule>,
        semantics: &'s Arena<FileSemantic<'m>>,
    ) -> Self {
        Self {
            modules,
            semantics,
            known: RefCell::default(),
        }
    }
}

impl BoundFiles for JobFiles<'_, '_> {
    fn with_bound(
        &self,
        file: u32,
        load: &mut dyn FnMut() -> Option<LoadedModule>,
        summarize: &mut Summarize<'_>,
    ) -> Option<ProjectSummary> {
        // Copied out: `summarize` may bind further files of this analysis.
        let known = self.known.borrow().get(&file).copied();
        if let Some((source, semantic)) = known {
            return summarize(source, semantic);
        }
        let module = load()?;
        if self.known.borrow().len() >= MAX_JOB_FILES {
            let semantic = FileSemantic::build(module.source.parsed.suite(), module.info());
            return summarize(&module.source, &semantic);
        }
        let module: &LoadedModule = self.modules.alloc(module);
        let semantic: &FileSemantic<'_> = self.semantics.alloc(FileSemantic::build(
            module.source.parsed.suite(),
            module.info(),
        ));
        self.known
            .borrow_mut()
            .insert(file, (&module.source, semantic));
        summarize(&module.source, semantic)
    }
}

/// The text and tree of the file at `path`, when it can be read again.
fn read_source(path: &Path, is_stub: bool) -> Option<SourceFile> {
    let text = read_text(path)?;
    let parsed = parse_module(&text, is_stub);
    Some(SourceFile { text, parsed })
}

/// The decoded text of a file, `None` when it cannot be read or decoded
/// (the first pass already reported it).
fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    match decode_source(bytes) {
        Ok(Decoded::Text(source)) => Some(source.text),
        _ => None,
    }
}

/// The project seen from one chain of summaries being computed.
pub(crate) struct View<'v, 'p> {
    project: &'v Project<'p>,
    /// The functions being summarised, outermost first.
    chain: Vec<FunctionId>,
    /// Source wrappers the analysed file may call, by name.
    wrappers: &'v [String],
    /// The dotted name of the module being analysed.
    module: Option<String>,
    /// The current approximation of each function of a recursive group
    /// being iterated (shared along the chain).
    approximations: Rc<RefCell<FxHashMap<FunctionId, Arc<ProjectSummary>>>>,
    /// The outermost position in the chain that a recursive call from this
    /// summary (or one it computed) went back to.
    reached_back: Cell<usize>,
    /// Where the files of the summaries are bound.
    files: &'v dyn BoundFiles,
}

impl<'v, 'p> View<'v, 'p> {
    fn new(
        project: &'v Project<'p>,
        chain: Vec<FunctionId>,
        wrappers: &'v [String],
        module: Option<String>,
        files: &'v dyn BoundFiles,
    ) -> Self {
        Self {
            project,
            chain,
            wrappers,
            module,
            approximations: Rc::default(),
            reached_back: Cell::new(usize::MAX),
            files,
        }
    }

    /// The summary of `function`, computed if needed.
    fn summary_of(&self, function: FunctionId) -> Option<Arc<ProjectSummary>> {
        if let Some(position) = self.chain.iter().position(|&known| known == function) {
            // Recursion: the current approximation (none yet: a call
            // without a model); the group is iterated where it starts.
            self.reached_back.set(self.reached_back.get().min(position));
            return self.approximations.borrow().get(&function).cloned();
        }
        if let Some(known) = self
            .project
            .memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&function)
        {
            return known.clone();
        }
        if self.chain.len() >= MAX_CHAIN {
            return None;
        }
        let own_position = self.chain.len();
        let mut chain = self.chain.clone();
        chain.push(function);
        let mut rounds = 0;
        let summary = loop {
            rounds += 1;
            let inner = View {
                project: self.project,
                chain: chain.clone(),
                wrappers: &[],
                module: Some(self.project.index.function_module_name(function).to_owned()),
                approximations: Rc::clone(&self.approximations),
                reached_back: Cell::new(usize::MAX),
                files: self.files,
            };
            let summary = self.project.compute(function, &inner).map(Arc::new);
            let reached_back = inner.reached_back.get();
            if reached_back < own_position {
                // Part of a recursive group that starts further out: the
                // result is provisional, not kept.
                self.reached_back
                    .set(self.reached_back.get().min(reached_back));
                return summary;
            }
            if reached_back > own_position {
                break summary;
            }
            // The group starts here: iterate until the summary is stable.
            let previous = self.approximations.borrow().get(&function).cloned();
            let stable = previous.as_deref() == summary.as_deref();
            if stable {
                break summary;
            }
            if rounds >= MAX_RECURSION_ROUNDS {
                break summary.map(|summary| Arc::new(widened(&summary)));
            }
            match &summary {
                Some(summary) => {
                    self.approximations
                        .borrow_mut()
                        .insert(function, Arc::clone(summary));
                }
                None => break None,
            }
        };
        self.approximations.borrow_mut().remove(&function);
        self.project
            .memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(function, summary.clone());
        summary
    }
}

/// A summary that gave up on precision: every parameter may flow to the
/// result, through a call the analysis could not follow to the end.
fn widened(summary: &ProjectSummary) -> ProjectSummary {
    let mut widened = summary.clone();
    for index in 0..summary.parameter_names.len() {
        if let Ok(index) = u8::try_from(index) {
            widened.returns.parameters = widened.returns.parameters.with(index);
        }
    }
    widened.returns = widened
        .returns
        .with_feature(antivenom_taint::Feature::ViaUnknownCall);
    widened
}

impl ProjectCalls for View<'_, '_> {
    fn summary(&self, name: &str) -> Option<Arc<ProjectSummary>> {
        let function = self.project.function(name)?;
        self.summary_of(function)
    }

    fn source_wrappers(&self) -> &[String] {
        self.wrappers
    }

    fn module_name(&self) -> Option<&str> {
        self.module.as_deref()
    }

    fn may_return_source(&self, name: &str) -> bool {
        self.project
            .function(name)
            .is_some_and(|function| self.project.source_holders.contains(&function))
    }
}

/// Which files to analyse again with the project view, and the source
/// wrappers each may call (by name): the files whose calls may go to
/// another module's function, and those importing a function of another
/// module that returns request data (only functions holding a source and
/// imported somewhere are summarised to find out).
pub(crate) fn files_to_revisit(
    project: &Project<'_>,
    links: &[(u32, ProjectLinks)],
) -> FxHashMap<u32, Vec<String>> {
    let callers = project.wrapper_callers(&project.source_holders);
    let imported: FxHashSet<FunctionId> = callers
        .values()
        .flatten()
        .map(|(function, _)| *function)
        .collect();
    let (modules, semantics) = (Arena::new(), Arena::new());
    let files = JobFiles::new(&modules, &semantics);
    let root = project.view(u32::MAX, &[], &files);
    let wrappers: FxHashSet<FunctionId> = imported
        .into_iter()
        .filter(|&function| project.is_source_wrapper(&root, function))
        .collect();
    let mut revisit: FxHashMap<u32, Vec<String>> = FxHashMap::default();
    for (file, names) in callers {
        let mut names: Vec<String> = names
            .into_iter()
            .filter(|(function, _)| wrappers.contains(function))
            .map(|(_, name)| name)
            .collect();
        if !names.is_empty() {
            names.sort_unstable();
            names.dedup();
            revisit.insert(file, names);
        }
    }
    for (file, links) in links {
        if links
            .outgoing
            .iter()
            .any(|name| project.is_project_function(*file, name))
        {
            revisit.entry(*file).or_default();
        }
    }
    revisit
}
