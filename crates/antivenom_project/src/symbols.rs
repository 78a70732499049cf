//! What a module defines: functions, classes and the bindings of its
//! top-level names. Owned data, `Send + Sync`, no AST references.

use ruff_text_size::TextRange;

/// How a function is bound and called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FunctionKind {
    /// A module-level function.
    Function,
    /// A plain method (first parameter is the instance).
    Method,
    /// `@staticmethod`: no implicit first parameter.
    StaticMethod,
    /// `@classmethod`: the first parameter is the class.
    ClassMethod,
    /// `@property`, `@cached_property`, or a `@x.setter`/`getter`/`deleter`:
    /// called on attribute access, the first parameter is the instance.
    Property,
}

impl FunctionKind {
    /// `true` when the first parameter receives the instance or the class
    /// (methods, class methods and properties).
    #[must_use]
    pub fn has_implicit_first_parameter(self) -> bool {
        matches!(self, Self::Method | Self::ClassMethod | Self::Property)
    }
}

/// How a parameter receives its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParameterKind {
    /// Before a `/`.
    PositionalOnly,
    /// An ordinary parameter.
    PositionalOrKeyword,
    /// `*args`.
    VarPositional,
    /// After `*` or `*args`.
    KeywordOnly,
    /// `**kwargs`.
    VarKeyword,
}

/// One parameter of a function, in declaration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The parameter's name.
    pub name: String,
    /// How it receives its argument.
    pub kind: ParameterKind,
    /// `true` when it has a default value.
    pub has_default: bool,
    /// The annotation as a dotted name, when it is one (`C`, `mod.C`, a
    /// string `"C"`), with `Optional[C]` and `C | None` reduced to `C`.
    pub annotation: Option<String>,
    /// The parameter's range in the file.
    pub range: TextRange,
}

/// A function or method defined in a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionSymbol {
    /// The function's own name.
    pub name: String,
    /// The name inside the module: `fn`, `Class.method`, `Outer.Inner.m`.
    pub qualname: String,
    /// The range of the whole definition (decorators excluded, as in the
    /// AST node).
    pub range: TextRange,
    /// The range of the name after `def`.
    pub name_range: TextRange,
    /// How it is bound.
    pub kind: FunctionKind,
    /// `async def`.
    pub is_async: bool,
    /// Parameters in declaration order (the implicit `self`/`cls` included).
    pub parameters: Vec<Parameter>,
    /// Each decorator as a dotted name (a decorator call such as
    /// `@app.route("/")` gives its callee, `app.route`); decorators that are
    /// not dotted names are left out.
    pub decorators: Vec<String>,
    /// The return annotation as a dotted name, reduced like parameter
    /// annotations.
    pub returns: Option<String>,
    /// `true` when its body (nested definitions aside) has a `return` with
    /// a value: without one, a call of it gives `None`.
    pub returns_value: bool,
    /// The class whose body defines it, as an index into
    /// [`crate::ModuleSymbols::classes`].
    pub class: Option<usize>,
}

/// A class attribute assigned in the class body (`x = 1`, `x: int`,
/// `handler = other`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassAttribute {
    /// The attribute's name.
    pub name: String,
    /// The value as a dotted name when it is one (`post = get`,
    /// `run = staticmethod(helper)` gives `helper`), else `None`.
    pub value: Option<String>,
    /// The range of the assignment.
    pub range: TextRange,
}

/// A class defined in a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSymbol {
    /// The class's own name.
    pub name: String,
    /// The name inside the module: `C`, `Outer.Inner`.
    pub qualname: String,
    /// The range of the whole definition.
    pub range: TextRange,
    /// The range of the name after `class`.
    pub name_range: TextRange,
    /// The bases as dotted names, in order (`Generic[T]` gives `Generic`);
    /// bases that are not dotted names are left out.
    pub bases: Vec<String>,
    /// Each decorator as a dotted name.
    pub decorators: Vec<String>,
    /// The methods defined in the body, as indices into
    /// [`crate::ModuleSymbols::functions`], in source order.
    pub methods: Vec<usize>,
    /// Attributes assigned in the body, in source order.
    pub attributes: Vec<ClassAttribute>,
    /// Classes nested in the body, as indices into
    /// [`crate::ModuleSymbols::classes`].
    pub nested: Vec<usize>,
    /// The enclosing class, for a nested class.
    pub parent: Option<usize>,
}

/// What a top-level name is bound to by one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingKind {
    /// `def name`: an index into [`crate::ModuleSymbols::functions`].
    Function(usize),
    /// `class name`: an index into [`crate::ModuleSymbols::classes`].
    Class(usize),
    /// `import a.b as name` (the module `a.b`) or `import a.b` (binds `a`,
    /// the module `a`).
    Module(String),
    /// `from module import member as name`, with `module` absolute
    /// (relative imports already resolved against the module's own name).
    ImportFrom {
        /// The absolute module imported from.
        module: String,
        /// The member imported (a name in that module or a submodule).
        member: String,
    },
    /// `name = a.b.c` (or `name: T = a.b.c`): an alias of a dotted name
    /// looked up in the module's own scope.
    Alias(String),
    /// Any other binding (`name = call()`, a literal, a loop target, an
    /// import that cannot be resolved): the name exists but its value is
    /// unknown.
    Opaque,
}

/// One binding of a top-level name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// What the name is bound to.
    pub kind: BindingKind,
    /// The range of the binding statement (or of the import alias).
    pub range: TextRange,
    /// `true` when the statement sits in an `if`, `try`, `with`, loop or
    /// `match` block at module level.
    pub conditional: bool,
}

/// One import statement's effect, recorded for the call graph and
/// dependency queries (the bindings it creates are recorded separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The absolute module imported, or imported from.
    pub module: String,
    /// The member for `from module import member`; `None` for `import
    /// module`.
    pub member: Option<String>,
    /// The name bound in this module (`None` for `from m import *`).
    pub bound_as: Option<String>,
    /// The range of the alias (or of the statement for a star import).
    pub range: TextRange,
    /// `true` when inside an `if`, `try`, `with`, loop or `match` block.
    pub conditional: bool,
}
