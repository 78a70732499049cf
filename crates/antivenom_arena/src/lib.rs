//! Bump arenas for parsed modules, behind the global allocator.
//!
//! Parsing a module makes a great many small allocations (tokens, nodes,
//! names) that all live exactly as long as the tree, and so does binding its
//! names (the semantic model's scopes, bindings and references). Dropping
//! them walks the tree and the model and frees every allocation one at a
//! time. On the benchmark, dropping cost about 7% of the whole analysis and
//! allocating another 5%. [`ArenaAllocator`] wraps the real allocator: while
//! [`parse_module`] runs, every allocation of its thread is served by bumping
//! a pointer through a few large blocks; [`SemanticInTree`] builds the
//! module's semantic model in the same arena; and [`InArena`] later frees the
//! blocks without walking anything.
//!
//! Without [`ArenaAllocator`] as the global allocator (library tests, other
//! embedders) nothing changes: trees and models are allocated and dropped as
//! usual.
//!
//! This is the workspace's only unsafe code. What keeps it sound:
//! - only two closures ever run inside an arena: Ruff's parser
//!   ([`parse_module`]) and the binder ([`SemanticInTree::build`]). Neither
//!   keeps anything it allocates outside its result and the tree, and
//!   neither has a global or thread-local cache (Ruff's parser, Ruff's
//!   semantic model and antivenom's binder have none);
//! - a value built in an arena is never dropped, so no pointer into an arena
//!   ever reaches the real allocator; the arena's blocks are freed whole;
//! - the panic hook runs outside any arena, and a panic inside one is
//!   re-raised with a payload allocated outside it.
//!
//! Ruff's tree has one lazily filled cache: the joined value of an
//! implicitly concatenated string literal (`"a" "b"`). Filled while the
//! model is built, it lands in the tree's own arena, which is why a model is
//! built in its tree's arena and never in another. Filled later by a rule,
//! it is an ordinary allocation that the tree, never dropped, does not free:
//! bounded by the size of those literals, at most 1.2 MB for the 80 MB
//! benchmark corpus.

#![allow(unsafe_code)]

mod arena;

use antivenom_semantic::{FileSemantic, ModuleInfo};
use arena::Arena;
use ruff_python_ast::{ModModule, Stmt};
use ruff_python_parser::{ParseOptions, Parsed, parse_unchecked};
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::{Mutex, Once, PoisonError};

/// A global allocator that serves the allocations of [`parse_module`] from
/// per-tree arenas and hands every other allocation to `A`.
///
/// Install it as the `#[global_allocator]`; used any other way it behaves as
/// `A` alone.
#[derive(Debug)]
pub struct ArenaAllocator<A> {
    inner: A,
}

impl<A> ArenaAllocator<A> {
    /// Wraps `inner`, which serves everything outside the arenas and the
    /// arenas' own blocks.
    pub const fn new(inner: A) -> Self {
        Self { inner }
    }
}

thread_local! {
    /// The arena this thread allocates in, or null. It points into the stack
    /// frame of the [`build`] call running on this thread.
    static ACTIVE: Cell<*mut Arena> = const { Cell::new(ptr::null_mut()) };
}

/// The active arena of this thread, or null.
fn active() -> *mut Arena {
    ACTIVE.try_with(Cell::get).unwrap_or(ptr::null_mut())
}

// SAFETY: every pointer handed out comes either from `inner` or from a block
// that `inner` allocated and that stays allocated until the `InArena` owning
// it is dropped; pointers into an arena are only freed or grown while that
// arena is active (see `build`), everything else goes back to `inner`.
unsafe impl<A: GlobalAlloc> GlobalAlloc for ArenaAllocator<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let arena = active();
        if arena.is_null() {
            // SAFETY: the caller's contract, passed on.
            return unsafe { self.inner.alloc(layout) };
        }
        // SAFETY: a non-null `ACTIVE` points to a live arena of this thread
        // that nothing else borrows while the allocator runs.
        unsafe { (*arena).alloc(layout, &self.inner) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let arena = active();
        if arena.is_null() {
            // SAFETY: the caller's contract, passed on.
            return unsafe { self.inner.alloc_zeroed(layout) };
        }
        // SAFETY: as in `alloc`.
        let block = unsafe { (*arena).alloc(layout, &self.inner) };
        if !block.is_null() {
            // SAFETY: `block` is valid for `layout.size()` bytes.
            unsafe { ptr::write_bytes(block, 0, layout.size()) };
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let arena = active();
        // SAFETY: as in `alloc`.
        if !arena.is_null() && unsafe { (*arena).release(block, layout.size(), &self.inner) } {
            return;
        }
        // SAFETY: not in the active arena, so `inner` allocated it (values
        // built in an arena are never dropped outside it).
        unsafe { self.inner.dealloc(block, layout) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let arena = active();
        // SAFETY: as in `alloc`.
        if !arena.is_null() && unsafe { (*arena).contains(block) } {
            // SAFETY: `block` is an arena allocation of `layout`.
            return unsafe { (*arena).grow(block, layout, new_size, &self.inner) };
        }
        // SAFETY: as in `dealloc`.
        unsafe { self.inner.realloc(block, layout, new_size) }
    }
}

/// A value whose heap memory lives in an arena: it is read through `Deref`
/// and released by freeing the arena's blocks, without running its `Drop`.
///
/// When no arena served it (the global allocator is not an
/// [`ArenaAllocator`]), it is an ordinary value and is dropped as usual.
pub struct InArena<T> {
    value: ManuallyDrop<T>,
    /// Locked while a closure allocates in it (see [`SemanticInTree`]).
    arena: Mutex<Arena>,
}

// SAFETY: the blocks are plain memory from the global allocator, which may be
// freed from any thread; sending or sharing the wrapper is as safe as sending
// or sharing the value.
unsafe impl<T: Send> Send for InArena<T> {}
// SAFETY: as above; `&InArena<T>` only gives `&T`.
unsafe impl<T: Sync> Sync for InArena<T> {}

impl<T> Deref for InArena<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> InArena<T> {
    /// Whether an arena holds the value (so dropping it frees the arena's
    /// blocks and never walks the value).
    #[must_use]
    pub fn is_in_arena(&self) -> bool {
        !self.arena().is_empty()
    }

    fn arena(&self) -> std::sync::MutexGuard<'_, Arena> {
        self.arena.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` with this thread's allocations served by this value's arena
    /// (when it has one and no other arena is active on this thread), and
    /// returns its result and whether the arena served it.
    ///
    /// # Safety
    ///
    /// As for [`build`], except that what `f` allocates may also be kept in
    /// lazily filled caches of this value (they land in the same arena). A
    /// result served by the arena must never be dropped.
    unsafe fn extend<U>(&self, f: impl FnOnce() -> U) -> (U, bool) {
        let mut arena = self.arena();
        if arena.is_empty() || !active().is_null() {
            drop(arena);
            return (f(), false);
        }
        let outcome = {
            let _active = Activation::enter(&raw mut *arena);
            panic::catch_unwind(AssertUnwindSafe(f))
        };
        drop(arena);
        match outcome {
            Ok(value) => (value, true),
            // The payload is in the arena, which the value still needs: copy
            // its message out and leave its memory to the arena.
            Err(payload) => {
                let message = panic_message(payload.as_ref());
                std::mem::forget(payload);
                panic::resume_unwind(Box::new(message))
            }
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for InArena<T> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value.fmt(formatter)
    }
}

impl<T> Drop for InArena<T> {
    fn drop(&mut self) {
        let arena = self.arena.get_mut().unwrap_or_else(PoisonError::into_inner);
        if arena.is_empty() {
            // SAFETY: no arena served the value, so its memory is ordinary;
            // it is dropped exactly once, here.
            unsafe { ManuallyDrop::drop(&mut self.value) }
        } else {
            // The value's memory is in the blocks: dropping it would hand
            // arena pointers to the real allocator, so it is forgotten.
            arena.free();
        }
    }
}

impl<T> InArena<Option<T>> {
    /// `None` when the value is `None` (its arena is freed), the value in
    /// the same arena otherwise.
    fn transpose(mut self) -> Option<InArena<T>> {
        // SAFETY: `self` is forgotten below, so the value is taken once and
        // never dropped through `self`.
        let value = unsafe { ManuallyDrop::take(&mut self.value) };
        let arena = std::mem::replace(
            self.arena.get_mut().unwrap_or_else(PoisonError::into_inner),
            Arena::new(0),
        );
        std::mem::forget(self);
        let Some(value) = value else {
            // `None` owns no memory; only the blocks need freeing.
            drop(InArena {
                value: ManuallyDrop::new(()),
                arena: Mutex::new(arena),
            });
            return None;
        };
        Some(InArena {
            value: ManuallyDrop::new(value),
            arena: Mutex::new(arena),
        })
    }
}

/// Parses `text` as a module with Ruff's error-recovering parser, the tree,
/// tokens and errors in one arena. `None` only if the parser does not
/// produce a module (module options always do).
#[must_use]
pub fn parse_module(text: &str, options: ParseOptions) -> Option<ParsedTree> {
    // About twelve bytes of tree and tokens per byte of source.
    let expected = text.len().saturating_mul(12);
    // SAFETY: Ruff's parser keeps nothing it allocates outside its result,
    // and frees only what it allocated itself.
    let parsed = unsafe {
        build(expected, || {
            parse_unchecked(text, options).try_into_module()
        })
    };
    parsed.transpose()
}

/// A parsed module whose tree, tokens and errors are in one arena.
pub type ParsedTree = InArena<Parsed<ModModule>>;

/// A file's semantic model, built in the arena of its tree when the tree has
/// one: its many small tables then cost a bump each and are freed with the
/// tree, without a walk.
pub struct SemanticInTree<'t> {
    semantic: ManuallyDrop<FileSemantic<'t>>,
    /// Whether the tree's arena holds it (it is then never dropped).
    in_arena: bool,
}

impl<'t> SemanticInTree<'t> {
    /// Binds the statements of `tree`, in its arena.
    #[must_use]
    pub fn build(tree: &'t ParsedTree, info: ModuleInfo<'t>) -> Self {
        let suite = tree.suite().as_slice();
        // SAFETY: building a semantic model keeps what it allocates in the
        // model, or in the caches of `tree` (the joined values of string
        // literals), which lives in the same arena; it reads no global or
        // thread-local cache (Ruff's semantic model and antivenom's binder
        // have none) and frees only its own allocations. The model borrows
        // `tree`, so it cannot outlive the arena.
        let (semantic, in_arena) = unsafe { tree.extend(|| FileSemantic::build(suite, info)) };
        Self {
            semantic: ManuallyDrop::new(semantic),
            in_arena,
        }
    }

    /// Binds `suite`, a tree outside any arena, the ordinary way.
    #[must_use]
    pub fn ordinary(suite: &'t [Stmt], info: ModuleInfo<'t>) -> Self {
        Self {
            semantic: ManuallyDrop::new(FileSemantic::build(suite, info)),
            in_arena: false,
        }
    }

    /// Whether the tree's arena holds the model.
    #[must_use]
    pub fn is_in_arena(&self) -> bool {
        self.in_arena
    }
}

impl<'t> Deref for SemanticInTree<'t> {
    type Target = FileSemantic<'t>;

    fn deref(&self) -> &FileSemantic<'t> {
        &self.semantic
    }
}

impl Drop for SemanticInTree<'_> {
    fn drop(&mut self) {
        if !self.in_arena {
            // SAFETY: an ordinary value, dropped once, here.
            unsafe { ManuallyDrop::drop(&mut self.semantic) }
        }
        // Otherwise its memory is the tree's arena's, freed with the tree.
    }
}

/// Runs `f` with this thread's allocations served by a fresh arena sized for
/// about `expected` bytes, and returns its result with the arena.
///
/// With an arena already active on this thread, `f` runs without one and
/// its result is an ordinary value.
///
/// # Safety
///
/// Everything `f` allocates must be reachable only from its result when it
/// returns (nothing kept in globals, thread-locals or captured
/// collections), and `f` must not free or grow memory it did not allocate.
unsafe fn build<T>(expected: usize, f: impl FnOnce() -> T) -> InArena<T> {
    install_panic_hook();
    if !active().is_null() {
        let _suspended = Activation::enter(ptr::null_mut());
        return InArena {
            value: ManuallyDrop::new(f()),
            arena: Mutex::new(Arena::new(0)),
        };
    }
    let mut arena = Arena::new(expected);
    let outcome = {
        let _active = Activation::enter(&raw mut arena);
        panic::catch_unwind(AssertUnwindSafe(f))
    };
    // This thread allocates normally again; the arena is only read now.
    match outcome {
        Ok(value) => InArena {
            value: ManuallyDrop::new(value),
            arena: Mutex::new(arena),
        },
        Err(payload) => {
            // The payload is in the arena: copy its message out, forget it,
            // free the arena, and raise the panic again from here.
            let message = panic_message(payload.as_ref());
            std::mem::forget(payload);
            arena.free();
            panic::resume_unwind(Box::new(message))
        }
    }
}

/// The message of a panic payload (a `&str` or `String` for `panic!`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic with a non-text payload".to_owned())
}

/// Wraps the panic hook once so that it runs outside any arena: what it
/// allocates (formatted messages, backtrace caches) may outlive the arena.
fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let _suspended = Activation::enter(ptr::null_mut());
            previous(info);
        }));
    });
}

/// Makes an arena (or none) this thread's active one until dropped, then
/// restores the previous one, also when unwinding.
struct Activation {
    previous: *mut Arena,
}

impl Activation {
    fn enter(arena: *mut Arena) -> Self {
        let previous = ACTIVE.try_with(|active| active.replace(arena));
        Self {
            previous: previous.unwrap_or(ptr::null_mut()),
        }
    }
}

impl Drop for Activation {
    fn drop(&mut self) {
        let _ = ACTIVE.try_with(|active| active.set(self.previous));
    }
}

#[cfg(test)]
mod tests;
