//! The bump arena: standard blocks filled front to back, and a block of its
//! own for each large allocation.

use std::alloc::{GlobalAlloc, Layout};
use std::ptr;
use std::sync::{Mutex, PoisonError};

/// Size of a standard block.
const BLOCK: usize = 256 * 1024;
/// Alignment of a standard block.
const BLOCK_ALIGN: usize = 16;
/// Allocations larger than this get a block of their own, given back as soon
/// as they are freed (a growing token list moves several times).
const LARGE: usize = BLOCK / 8;
/// The smallest first block: it must hold any allocation of at most `LARGE`
/// bytes.
const MIN_FIRST_BLOCK: usize = 2 * LARGE;
/// Standard blocks kept for later arenas.
const POOL_SLOTS: usize = 96;

/// One block of an arena, allocated by the wrapped allocator.
#[derive(Clone, Copy)]
struct Block {
    start: *mut u8,
    layout: Layout,
}

impl Block {
    fn contains(&self, address: usize) -> bool {
        address
            .checked_sub(self.start.addr())
            .is_some_and(|offset| offset < self.layout.size())
    }

    fn is_standard(&self) -> bool {
        self.layout.size() == BLOCK && self.layout.align() == BLOCK_ALIGN
    }
}

/// The blocks of an arena, recorded in an array of their own that the
/// wrapped allocator serves; an arena that served nothing has none.
pub(crate) struct Blocks {
    records: *mut Block,
    len: usize,
    capacity: usize,
}

impl Default for Blocks {
    fn default() -> Self {
        Self {
            records: ptr::null_mut(),
            len: 0,
            capacity: 0,
        }
    }
}

impl Blocks {
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn in_use(&self) -> &[Block] {
        if self.records.is_null() {
            return &[];
        }
        // SAFETY: the first `len` records are initialised.
        unsafe { std::slice::from_raw_parts(self.records, self.len) }
    }

    /// Records `block`; `false` when there is no memory for the record.
    fn push(&mut self, block: Block, inner: &impl GlobalAlloc) -> bool {
        if self.len == self.capacity {
            let capacity = self.capacity.saturating_mul(2).max(16);
            let (Ok(layout), Ok(old_layout)) = (
                Layout::array::<Block>(capacity),
                Layout::array::<Block>(self.capacity),
            ) else {
                return false;
            };
            // SAFETY: `layout` has a non-zero size.
            let records = unsafe { inner.alloc(layout) }.cast::<Block>();
            if records.is_null() {
                return false;
            }
            if !self.records.is_null() {
                // SAFETY: the old array holds `len` records and was
                // allocated by `inner` with `old_layout`; the new one is
                // larger and distinct.
                unsafe {
                    ptr::copy_nonoverlapping(self.records, records, self.len);
                    inner.dealloc(self.records.cast(), old_layout);
                }
            }
            self.records = records;
            self.capacity = capacity;
        }
        // SAFETY: `len < capacity`, inside the array.
        unsafe { self.records.add(self.len).write(block) };
        self.len += 1;
        true
    }

    /// Removes and returns the record of the block starting at `start`.
    fn take(&mut self, start: *mut u8) -> Option<Block> {
        let index = self
            .in_use()
            .iter()
            .rposition(|block| block.start == start)?;
        let last = self.len.checked_sub(1)?;
        // SAFETY: `index` and `last` are below `len`.
        unsafe {
            let block = self.records.add(index).read();
            self.records.add(index).write(self.records.add(last).read());
            self.len = last;
            Some(block)
        }
    }

    fn contains(&self, address: usize) -> bool {
        // The newest blocks are the likeliest.
        self.in_use()
            .iter()
            .rev()
            .any(|block| block.contains(address))
    }

    /// Gives every block back (standard ones to the pool while it has room,
    /// the others to the allocator), leaving none.
    pub(crate) fn free(&mut self) {
        // One lock for all the blocks: the other threads take and give
        // blocks too.
        let mut pool = POOL.lock().unwrap_or_else(PoisonError::into_inner);
        for &block in self.in_use() {
            let pooled = block.is_standard() && pool.give(block.start);
            if !pooled {
                // SAFETY: the block was allocated with this layout by the
                // `ArenaAllocator`'s wrapped allocator, which is the global
                // allocator's (blocks exist only when `ArenaAllocator` is the
                // global allocator). No active arena contains it, so the
                // global allocator passes it to the wrapped one.
                unsafe { std::alloc::dealloc(block.start, block.layout) };
            }
        }
        drop(pool);
        if let Ok(layout) = Layout::array::<Block>(self.capacity)
            && !self.records.is_null()
        {
            // SAFETY: as for the blocks: `inner` allocated the array.
            unsafe { std::alloc::dealloc(self.records.cast(), layout) };
        }
        *self = Self::default();
    }
}

/// Standard blocks of finished arenas, reused by the next ones: their pages
/// are already mapped, so a new tree costs no page faults.
struct Pool {
    starts: [*mut u8; POOL_SLOTS],
    len: usize,
}

// SAFETY: the blocks are unowned memory of the global allocator, usable and
// freeable from any thread.
unsafe impl Send for Pool {}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    starts: [ptr::null_mut(); POOL_SLOTS],
    len: 0,
});

impl Pool {
    /// Keeps the standard block at `start`; `false` when the pool is full.
    fn give(&mut self, start: *mut u8) -> bool {
        let Some(slot) = self.starts.get_mut(self.len) else {
            return false;
        };
        *slot = start;
        self.len += 1;
        true
    }

    /// A kept standard block.
    fn take(&mut self) -> Option<*mut u8> {
        self.len = self.len.checked_sub(1)?;
        self.starts.get(self.len).copied()
    }
}

/// A bump arena: allocations come from the front of the newest standard
/// block; a freed allocation is taken back only if it is the newest one, or
/// if it is large (its own block).
pub(crate) struct Arena {
    blocks: Blocks,
    /// The newest standard block's start, next free byte and end (all null
    /// before the first block).
    block_start: *mut u8,
    cursor: *mut u8,
    end: *mut u8,
    /// Size of the next block: the first one is sized for the expected
    /// tree, so that a small module kept for later holds a small block.
    next_block: usize,
}

impl Arena {
    /// An arena expecting about `expected` bytes.
    pub(crate) fn new(expected: usize) -> Self {
        Self {
            blocks: Blocks::default(),
            block_start: ptr::null_mut(),
            cursor: ptr::null_mut(),
            end: ptr::null_mut(),
            next_block: expected
                .checked_next_power_of_two()
                .unwrap_or(BLOCK)
                .clamp(MIN_FIRST_BLOCK, BLOCK),
        }
    }

    /// Whether the arena has served nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Gives every block back, leaving an empty arena.
    pub(crate) fn free(&mut self) {
        self.blocks.free();
        self.block_start = ptr::null_mut();
        self.cursor = ptr::null_mut();
        self.end = ptr::null_mut();
    }

    /// Allocates `layout` (non-zero size); null when `inner` has no memory.
    #[inline]
    pub(crate) fn alloc(&mut self, layout: Layout, inner: &impl GlobalAlloc) -> *mut u8 {
        if layout.size() > LARGE || layout.align() > BLOCK_ALIGN {
            return self.alloc_own_block(layout, inner);
        }
        match self.bump(layout) {
            Some(allocation) => allocation,
            None => self.alloc_in_new_block(layout, inner),
        }
    }

    /// Serves `layout` from the newest standard block, if it has room.
    #[inline]
    fn bump(&mut self, layout: Layout) -> Option<*mut u8> {
        let cursor = self.cursor.addr();
        // Alignments are powers of two: round up with a mask.
        let mask = layout.align() - 1;
        let start = cursor.checked_add(mask)? & !mask;
        let end = start.checked_add(layout.size())?;
        if end > self.end.addr() {
            return None;
        }
        let allocation = self.cursor.wrapping_add(start - cursor);
        self.cursor = allocation.wrapping_add(layout.size());
        Some(allocation)
    }

    #[cold]
    #[inline(never)]
    fn alloc_in_new_block(&mut self, layout: Layout, inner: &impl GlobalAlloc) -> *mut u8 {
        let size = std::mem::replace(&mut self.next_block, BLOCK);
        let Ok(block_layout) = Layout::from_size_align(size, BLOCK_ALIGN) else {
            return ptr::null_mut();
        };
        // Only standard blocks are pooled; a smaller first one is not.
        let kept = if size == BLOCK {
            POOL.lock().unwrap_or_else(PoisonError::into_inner).take()
        } else {
            None
        };
        // SAFETY: `block_layout` has a non-zero size.
        let start = kept.unwrap_or_else(|| unsafe { inner.alloc(block_layout) });
        if start.is_null() {
            return ptr::null_mut();
        }
        if !self.record(start, block_layout, inner) {
            return ptr::null_mut();
        }
        self.block_start = start;
        self.cursor = start;
        self.end = start.wrapping_add(size);
        // A fresh block (at least `MIN_FIRST_BLOCK` bytes) has room for any
        // allocation of at most `LARGE` bytes aligned to at most
        // `BLOCK_ALIGN`.
        self.bump(layout).unwrap_or(ptr::null_mut())
    }

    /// A block of its own for a large (or over-aligned) allocation.
    #[cold]
    #[inline(never)]
    fn alloc_own_block(&mut self, layout: Layout, inner: &impl GlobalAlloc) -> *mut u8 {
        let Ok(block_layout) = layout.align_to(BLOCK_ALIGN) else {
            return ptr::null_mut();
        };
        // SAFETY: `block_layout` has a non-zero size.
        let start = unsafe { inner.alloc(block_layout) };
        if start.is_null() {
            return ptr::null_mut();
        }
        if !self.record(start, block_layout, inner) {
            return ptr::null_mut();
        }
        start
    }

    /// Records the block at `start`, which `inner` allocated with `layout`;
    /// when there is no memory for the record, gives it back and says so.
    fn record(&mut self, start: *mut u8, layout: Layout, inner: &impl GlobalAlloc) -> bool {
        if self.blocks.push(Block { start, layout }, inner) {
            return true;
        }
        // SAFETY: `inner` allocated the block with this layout, and nothing
        // points into it yet.
        unsafe { inner.dealloc(start, layout) };
        false
    }

    /// Whether `allocation` points into this arena.
    pub(crate) fn contains(&self, allocation: *mut u8) -> bool {
        let address = allocation.addr();
        (address >= self.block_start.addr() && address < self.end.addr())
            || self.blocks.contains(address)
    }

    /// `true` when `allocation` (of `size` bytes) is this arena's, which
    /// frees it: a large one's block and the newest one's bytes are reused
    /// at once, any other waits for the whole arena.
    pub(crate) fn release(
        &mut self,
        allocation: *mut u8,
        size: usize,
        inner: &impl GlobalAlloc,
    ) -> bool {
        if self.is_newest(allocation, size) {
            self.cursor = allocation;
            return true;
        }
        if size > LARGE {
            return match self.blocks.take(allocation) {
                Some(block) => {
                    // SAFETY: the block was allocated by `inner` with this
                    // layout and holds only this allocation.
                    unsafe { inner.dealloc(block.start, block.layout) };
                    true
                }
                None => false,
            };
        }
        self.contains(allocation)
    }

    /// Whether `allocation` is the newest allocation of the newest block.
    fn is_newest(&self, allocation: *mut u8, size: usize) -> bool {
        !self.cursor.is_null()
            && allocation.addr() >= self.block_start.addr()
            && allocation.addr().checked_add(size) == Some(self.cursor.addr())
    }

    /// Resizes the arena allocation `allocation` of `layout` to `new_size`
    /// bytes: in place when it is the newest and the block has room, else by
    /// copying it to a new allocation. Null when memory runs out.
    ///
    /// # Safety
    ///
    /// `allocation` must be an allocation of this arena, of `layout`.
    pub(crate) unsafe fn grow(
        &mut self,
        allocation: *mut u8,
        layout: Layout,
        new_size: usize,
        inner: &impl GlobalAlloc,
    ) -> *mut u8 {
        let old_size = layout.size();
        if new_size <= LARGE
            && self.is_newest(allocation, old_size)
            && allocation
                .addr()
                .checked_add(new_size)
                .is_some_and(|end| end <= self.end.addr())
        {
            self.cursor = allocation.wrapping_add(new_size);
            return allocation;
        }
        if new_size <= old_size {
            return allocation;
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return ptr::null_mut();
        };
        if old_size > LARGE
            && let Some(block) = self.blocks.take(allocation)
        {
            // A large allocation is its block: the wrapped allocator resizes
            // it, often in place, without copying.
            // SAFETY: `inner` allocated the block with `block.layout`, and
            // `new_size` rounded to its alignment fits in `isize` (checked
            // by `new_layout`, whose alignment is at most the block's).
            let moved = unsafe { inner.realloc(block.start, block.layout, new_size) };
            let resized = Block {
                start: moved,
                layout: Layout::from_size_align(new_size, block.layout.align())
                    .unwrap_or(block.layout),
            };
            // The record just taken leaves room for this one.
            self.blocks
                .push(if moved.is_null() { block } else { resized }, inner);
            return moved;
        }
        let moved = self.alloc(new_layout, inner);
        if !moved.is_null() {
            // SAFETY: both are valid for `old_size` bytes and distinct
            // allocations; the old one is freed after its bytes are copied.
            unsafe { ptr::copy_nonoverlapping(allocation, moved, old_size) };
            self.release(allocation, old_size, inner);
        }
        moved
    }
}
