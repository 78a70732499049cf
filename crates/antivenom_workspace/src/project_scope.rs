//! Which modules the taint pass across modules needs in its project index.
//!
//! Indexing every module of a large project would cost more than the rest
//! of the taint analysis, and most modules are never asked about. The first
//! pass records, for each file, its module name and the modules its
//! top-level imports name (cheap: the top-level statements only); the index
//! is then built from the modules that can matter. Always: the files whose
//! analysis met a call into another module, the modules those calls name,
//! the modules a package re-exports a called name from (found exactly, by
//! following the package's imports of that name), and the modules importing
//! a function that reads a source and may return it. Then, within a budget,
//! what those modules import, a few levels deep (helpers calling helpers,
//! base classes).

use antivenom_project::{FunctionSymbol, ModulePath, ModuleSymbols};
use antivenom_python::ast::{self, Stmt};
use antivenom_rules::ProjectLinks;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// Levels of imports followed from the files that need the project.
const IMPORT_LEVELS: usize = 3;

/// Beyond the modules that always count (see [`needed_files`]), imports
/// are followed, nearest first, until the index holds this many modules or
/// a twentieth of the files when that is more: a small project is indexed
/// whole and a large one stays cheap (each indexed module is parsed again).
const MIN_INDEXED_MODULES: usize = 250;

/// See [`MIN_INDEXED_MODULES`].
const INDEXED_FRACTION: usize = 20;

/// Most packages a called name is followed through to the module that
/// defines it (`pkg/__init__.py` importing it from `pkg.sub`, ...).
const MAX_REEXPORT_HOPS: usize = 4;

/// Deepest nesting of module-level blocks read for imports.
const MAX_BLOCK_DEPTH: usize = 8;

/// What the first pass learned of a file's module.
#[derive(Debug)]
pub(crate) struct ModuleFacts {
    /// The dotted module name.
    pub(crate) name: String,
    /// A package's `__init__.py`.
    pub(crate) is_package: bool,
    /// The absolute modules (and `module.member` names) its top-level
    /// imports name.
    pub(crate) imports: Vec<String>,
    /// What the module defines and imports, read from the tree at hand
    /// when the file has links (its module is then indexed for sure);
    /// other indexed modules are parsed again, which costs less than
    /// keeping the symbols of every file.
    pub(crate) symbols: Option<ModuleSymbols>,
}

/// The facts of the module at `path`: named by `module_path`, or, outside
/// any package, the top-level module its file name gives (as when its
/// directory is on the import path); its symbols too when `with_symbols`.
pub(crate) fn module_facts(
    path: &Path,
    module_path: Option<&ModulePath>,
    suite: &[Stmt],
    with_symbols: bool,
) -> Option<ModuleFacts> {
    let (name, is_package) = match module_path {
        Some(module) => (module.dotted(), module.is_package),
        None => {
            let stem = path.file_stem()?.to_str()?;
            if !antivenom_project::is_identifier(stem) {
                return None;
            }
            (stem.to_owned(), false)
        }
    };
    let mut imports = Vec::new();
    collect_imports(suite, &name, is_package, &mut imports, 0);
    imports.sort_unstable();
    imports.dedup();
    let symbols = with_symbols
        .then(|| ModuleSymbols::from_suite(name.clone(), is_package, suite).with_path(path));
    Some(ModuleFacts {
        name,
        is_package,
        imports,
        symbols,
    })
}

/// The imports of `suite` and of the blocks nested in it (not of function
/// or class bodies).
fn collect_imports(
    suite: &[Stmt],
    module: &str,
    is_package: bool,
    imports: &mut Vec<String>,
    depth: usize,
) {
    if depth > MAX_BLOCK_DEPTH {
        return;
    }
    let nested = |body: &[Stmt], imports: &mut Vec<String>| {
        collect_imports(body, module, is_package, imports, depth + 1);
    };
    for stmt in suite {
        match stmt {
            Stmt::Import(import) => {
                imports.extend(import.names.iter().map(|alias| alias.name.to_string()));
            }
            Stmt::ImportFrom(import) => {
                let Some(base) = import_base(import, module, is_package) else {
                    continue;
                };
                for alias in &import.names {
                    if alias.name.as_str() != "*" {
                        imports.push(format!("{base}.{}", alias.name));
                    }
                }
                imports.push(base);
            }
            Stmt::If(block) => {
                nested(&block.body, imports);
                for clause in &block.elif_else_clauses {
                    nested(&clause.body, imports);
                }
            }
            Stmt::Try(block) => {
                nested(&block.body, imports);
                for handler in &block.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    nested(&handler.body, imports);
                }
                nested(&block.orelse, imports);
                nested(&block.finalbody, imports);
            }
            Stmt::With(block) => nested(&block.body, imports),
            _ => {}
        }
    }
}

/// The absolute module a `from ... import` reads from (relative imports
/// resolved against `module`); `None` when it climbs above the top.
fn import_base(import: &ast::StmtImportFrom, module: &str, is_package: bool) -> Option<String> {
    let from = import.module.as_ref().map(ast::Identifier::as_str);
    if import.level == 0 {
        return from.map(str::to_owned);
    }
    let mut parts: Vec<&str> = module.split('.').collect();
    // A module's own package is its parent; a package is its own.
    let climb = usize::try_from(import.level).ok()? - usize::from(is_package);
    parts.truncate(parts.len().checked_sub(climb)?);
    if let Some(from) = from {
        parts.push(from);
    }
    (!parts.is_empty()).then(|| parts.join("."))
}

/// The files the project index needs, and among them those of the
/// modules the calls into other modules name (whose functions get
/// summarised).
#[derive(Debug)]
pub(crate) struct NeededFiles {
    /// Every file whose module the index needs, in order.
    pub(crate) files: Vec<u32>,
    /// The files of modules named by calls into other modules.
    pub(crate) called: FxHashSet<u32>,
}

/// `false` when a call of `function` cannot hand its caller a source's
/// value even though one is read inside: it returns no value, and is not a
/// constructor (whose writes to `self` the new object carries).
pub(crate) fn may_give_source(function: &FunctionSymbol) -> bool {
    function.returns_value || function.name == "__init__"
}

/// [`may_give_source`] for the function `qualname` of the module of
/// `facts` (`true` when its symbols were not read).
fn may_give_source_in(facts: &ModuleFacts, qualname: &str) -> bool {
    let Some(symbols) = &facts.symbols else {
        return true;
    };
    symbols
        .function_named(qualname)
        .and_then(|index| symbols.functions().get(index))
        .is_none_or(may_give_source)
}

/// The files whose modules the project index needs (see the module
/// documentation), given each file's facts (by file index) and the links
/// of the files that have some.
pub(crate) fn needed_files(
    facts: &[Option<ModuleFacts>],
    links: &[(u32, ProjectLinks)],
) -> NeededFiles {
    let mut by_name: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (file, facts) in facts.iter().enumerate() {
        if let (Some(facts), Ok(file)) = (facts, u32::try_from(file)) {
            by_name.entry(facts.name.as_str()).or_default().push(file);
        }
    }
    let facts_of = |file: u32| {
        usize::try_from(file)
            .ok()
            .and_then(|file| facts.get(file))
            .and_then(Option::as_ref)
    };
    // The files of the modules a dotted name may go through.
    let modules_named = |dotted: &str, found: &mut Vec<u32>| {
        let mut end = 0;
        while end < dotted.len() {
            end = dotted
                .get(end + 1..)
                .and_then(|rest| rest.find('.'))
                .map_or(dotted.len(), |dot| end + 1 + dot);
            if let Some(files) = dotted.get(..end).and_then(|prefix| by_name.get(prefix)) {
                found.extend(files);
            }
        }
    };
    // The files of the modules a package re-exports a called name from:
    // for `pkg.name.rest`, each module `m` that `pkg` imports `name` from
    // (`from m import name` gives the import `m.name`), followed to the
    // module defining it a few hops away.
    let reexporters = |dotted: &str, found: &mut Vec<u32>| {
        let mut pending = vec![(dotted.to_owned(), 0)];
        let mut seen: FxHashSet<String> = FxHashSet::default();
        while let Some((name, hops)) = pending.pop() {
            if hops >= MAX_REEXPORT_HOPS || !seen.insert(name.clone()) {
                continue;
            }
            for (end, _) in name.match_indices('.') {
                let (Some(prefix), Some(after)) = (name.get(..end), name.get(end + 1..)) else {
                    continue;
                };
                let (segment, rest) = after.split_once('.').unwrap_or((after, ""));
                for &file in by_name.get(prefix).into_iter().flatten() {
                    let imports = facts_of(file).map_or(&[][..], |facts| facts.imports.as_slice());
                    for import in imports {
                        if import.rsplit('.').next() != Some(segment) {
                            continue;
                        }
                        let target = if rest.is_empty() {
                            import.clone()
                        } else {
                            format!("{import}.{rest}")
                        };
                        if target != name {
                            modules_named(&target, found);
                            pending.push((target, hops + 1));
                        }
                    }
                }
            }
        }
    };
    let mut needed: FxHashSet<u32> = FxHashSet::default();
    let mut frontier: Vec<u32> = Vec::new();
    // Functions holding a source, as (module, function name).
    let mut holders: Vec<(&str, &str)> = Vec::new();
    let mut called = Vec::new();
    for (file, links) in links {
        frontier.push(*file);
        for name in &links.outgoing {
            let first = frontier.len();
            modules_named(name.trim_start_matches('.'), &mut frontier);
            reexporters(name.trim_start_matches('.'), &mut frontier);
            called.extend_from_slice(frontier.get(first..).unwrap_or_default());
        }
        if let Some(facts) = facts_of(*file) {
            for function in &links.source_functions {
                // Only a function that may hand the source to its caller
                // makes the modules importing it matter.
                if !may_give_source_in(facts, function) {
                    continue;
                }
                let name = function.rsplit('.').next().unwrap_or(function);
                holders.push((facts.name.as_str(), name));
            }
        }
    }
    // Files importing a source holder or its module.
    if !holders.is_empty() {
        let holder_modules: FxHashSet<&str> = holders.iter().map(|(module, _)| *module).collect();
        let holder_names: FxHashSet<&str> = holders.iter().map(|(_, name)| *name).collect();
        let holder_roots: FxHashSet<&str> = holder_modules
            .iter()
            .map(|module| module.split('.').next().unwrap_or(module))
            .collect();
        for (file, facts) in facts.iter().enumerate() {
            let (Some(facts), Ok(file)) = (facts, u32::try_from(file)) else {
                continue;
            };
            let imports_one = facts.imports.iter().any(|import| {
                let root = import.split('.').next().unwrap_or(import);
                let last = import.rsplit('.').next().unwrap_or(import);
                holder_modules.contains(import.as_str())
                    || (holder_roots.contains(root) && holder_names.contains(last))
            });
            if imports_one {
                frontier.push(file);
            }
        }
    }
    let budget = MIN_INDEXED_MODULES.max(facts.len() / INDEXED_FRACTION);
    for level in 0..=IMPORT_LEVELS {
        let mut next = Vec::new();
        for file in frontier.drain(..) {
            // The files that need the project and what they name always
            // count; imports beyond them only within the budget.
            if level > 0 && needed.len() >= budget {
                break;
            }
            if !needed.insert(file) {
                continue;
            }
            for import in facts_of(file).map_or(&[][..], |facts| facts.imports.as_slice()) {
                modules_named(import, &mut next);
            }
        }
        frontier = next;
    }
    let mut files: Vec<u32> = needed.into_iter().collect();
    files.sort_unstable();
    NeededFiles {
        files,
        called: called.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(name: &str, is_package: bool, imports: &[&str]) -> Option<ModuleFacts> {
        Some(ModuleFacts {
            name: name.to_owned(),
            is_package,
            imports: imports.iter().map(|import| (*import).to_owned()).collect(),
            symbols: None,
        })
    }

    /// The links of file 0, the only file with some.
    fn links_of_first_file(
        outgoing: &[&str],
        source_functions: &[&str],
    ) -> [(u32, ProjectLinks); 1] {
        let owned = |names: &[&str]| names.iter().map(|name| (*name).to_owned()).collect();
        [(
            0,
            ProjectLinks {
                outgoing: owned(outgoing),
                source_functions: owned(source_functions),
            },
        )]
    }

    #[test]
    fn called_modules_are_told_apart_from_their_imports() {
        let all = [
            facts("app.views", false, &["app.helpers"]),
            facts("app.helpers", false, &["app.db"]),
            facts("app", true, &[]),
            facts("app.db", false, &[]),
            facts("other", false, &[]),
        ];
        let needed = needed_files(&all, &links_of_first_file(&["app.helpers.clean"], &[]));
        // The caller, the called module and its package, and what the
        // called module imports; not the unrelated module.
        assert_eq!(needed.files, vec![0, 1, 2, 3]);
        let mut called: Vec<u32> = needed.called.into_iter().collect();
        called.sort_unstable();
        assert_eq!(called, vec![1, 2]);
    }

    #[test]
    fn a_called_name_is_followed_through_the_packages_re_exporting_it() {
        let all = [
            facts("app.views", false, &["web.redirect", "web"]),
            // `web/__init__.py`: `from web.responses import redirect`.
            facts("web", true, &["web.responses.redirect", "web.responses"]),
            // `web/responses.py`: `from web._impl.build import redirect`.
            facts(
                "web.responses",
                false,
                &["web._impl.build.redirect", "web._impl.build"],
            ),
            facts("web._impl.build", false, &[]),
            facts("web.unrelated", false, &[]),
        ];
        let needed = needed_files(&all, &links_of_first_file(&["web.redirect"], &[]));
        // The defining module counts as called (its function is
        // summarised) however many packages pass the name on.
        let mut called: Vec<u32> = needed.called.into_iter().collect();
        called.sort_unstable();
        assert_eq!(called, vec![1, 2, 3]);
        assert!(!needed.files.contains(&4));
    }

    #[test]
    fn only_importers_of_a_function_that_may_return_its_source_count() {
        let symbols = ModuleSymbols::from_suite(
            "app.sources",
            false,
            antivenom_python::parse_module(
                "def payload():\n    return request.args\n\ndef log_it():\n    print(request.args)\n",
                false,
            )
            .suite(),
        );
        let mut sources = facts("app.sources", false, &[]);
        if let Some(sources) = sources.as_mut() {
            sources.symbols = Some(symbols);
        }
        let all = [
            sources,
            facts("app.a", false, &["app.sources.payload", "app.sources"]),
            facts("app.b", false, &["app.sources.log_it", "app.sources"]),
            facts("app.c", false, &["app.other"]),
        ];
        let holders = |names: &[&str]| links_of_first_file(&[], names);
        // `payload` returns what it reads: both importers of its module
        // count.
        let needed = needed_files(&all, &holders(&["payload", "log_it"]));
        assert!(needed.files.contains(&1) && needed.files.contains(&2));
        assert!(!needed.files.contains(&3));
        // `log_it` returns nothing: importing it (or its module) is no
        // reason to index a module.
        let needed = needed_files(&all, &holders(&["log_it"]));
        assert_eq!(needed.files, vec![0]);
    }
}
