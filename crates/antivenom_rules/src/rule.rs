//! The trait every Rust rule implements.

use crate::context::{CallSite, RuleContext};
use crate::static_meta::StaticRuleMeta;
use ruff_python_ast::{Expr, NodeKind, Stmt};

/// A set of AST node kinds (`NodeKind::StmtTry`, `NodeKind::ExprDict`, ...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeKinds(u128);

// Every kind has its own bit.
const _: () = assert!((NodeKind::Identifier as u32) < u128::BITS);

impl NodeKinds {
    /// How many kinds a set can hold (more than `NodeKind` has).
    pub(crate) const CAPACITY: usize = u128::BITS as usize;

    /// No kind.
    pub const NONE: Self = Self(0);
    /// Every kind.
    pub const ALL: Self = Self(u128::MAX);

    /// The set of `kinds`.
    #[must_use]
    pub const fn of(kinds: &[NodeKind]) -> Self {
        let mut bits = 0;
        let mut position = 0;
        while position < kinds.len() {
            bits |= 1 << kinds[position] as u32;
            position += 1;
        }
        Self(bits)
    }

    /// `true` when `kind` is in the set.
    #[must_use]
    pub const fn contains(self, kind: NodeKind) -> bool {
        self.0 & (1 << kind as u32) != 0
    }

    /// `true` when the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The bit positions (`NodeKind as u32`) of the kinds in the set.
    pub(crate) fn positions(self) -> impl Iterator<Item = u32> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let position = bits.trailing_zeros();
            bits &= bits - 1;
            Some(position)
        })
    }
}

/// Which hooks of a rule the walker must call, and on which nodes. The
/// registry builds one dispatch list per hook from these, so a rule costs
/// nothing on nodes it does not look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Interests {
    /// [`Rule::check_module`] once per file, before the walk.
    pub module: bool,
    /// [`Rule::check_call`] on every call, with its resolved callee.
    pub calls: bool,
    /// [`Rule::check_stmt`] on the statements of these kinds.
    pub statements: NodeKinds,
    /// [`Rule::check_expr`] on the expressions of these kinds.
    pub expressions: NodeKinds,
}

impl Interests {
    /// No hook.
    pub const NONE: Self = Self {
        module: false,
        calls: false,
        statements: NodeKinds::NONE,
        expressions: NodeKinds::NONE,
    };
    /// The whole file only (its text and comments).
    pub const MODULE: Self = Self {
        module: true,
        ..Self::NONE
    };
    /// Calls only.
    pub const CALLS: Self = Self {
        calls: true,
        ..Self::NONE
    };

    /// The statements of `kinds` only.
    #[must_use]
    pub const fn statements(kinds: &[NodeKind]) -> Self {
        Self {
            statements: NodeKinds::of(kinds),
            ..Self::NONE
        }
    }

    /// The expressions of `kinds` only.
    #[must_use]
    pub const fn expressions(kinds: &[NodeKind]) -> Self {
        Self {
            expressions: NodeKinds::of(kinds),
            ..Self::NONE
        }
    }
}

/// A rule written in Rust. Hooks report through the context and return
/// nothing; a rule that finds nothing stays silent.
pub trait Rule: Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static StaticRuleMeta;

    /// Which hooks to call.
    fn interests(&self) -> Interests;

    /// The top-level modules (`"ssl"`, `"OpenSSL"`) whose API the rule is
    /// about, when it can only match names resolved under one of them. A
    /// file that cannot import any of them (see
    /// [`antivenom_semantic::FileSemantic::may_import`]) skips the rule.
    /// Empty (the default): the rule runs on every file.
    fn modules(&self) -> &'static [&'static str] {
        &[]
    }

    /// The callees [`Rule::check_call`] can act on, by name: the walker
    /// calls it only on a call whose resolved name (`subprocess.Popen`) or
    /// whose callee as written (`x.execute`, `P` for `from subprocess
    /// import Popen as P`) ends in the last dotted segment of one of these.
    /// Full qualified names may be given: only their last segment counts.
    /// `None` (the default): every call, for rules that look at any
    /// callee (keywords such as `password=`). Asked once, when a rule set
    /// is built.
    fn callee_names(&self) -> Option<Vec<&'static str>> {
        None
    }

    /// Called once per file when `interests().module`, for checks on the
    /// text itself (`cx.source()`, `cx.comments()`).
    fn check_module(&self, _cx: &mut RuleContext<'_, '_>) {}

    /// Called for every call expression when `interests().calls` (only on
    /// those whose callee is named in [`Rule::callee_names`], if given).
    fn check_call(&self, _call: &CallSite<'_>, _cx: &mut RuleContext<'_, '_>) {}

    /// Called for every statement of the kinds in `interests().statements`.
    fn check_stmt(&self, _stmt: &Stmt, _cx: &mut RuleContext<'_, '_>) {}

    /// Called for every expression of the kinds in `interests().expressions`.
    fn check_expr(&self, _expr: &Expr, _cx: &mut RuleContext<'_, '_>) {}
}
