//! The arena under the test binary's global allocator.

use super::{ArenaAllocator, InArena, build};
use std::alloc::{GlobalAlloc, Layout, System};

#[global_allocator]
static ALLOCATOR: ArenaAllocator<System> = ArenaAllocator::new(System);

/// Builds `f` in an arena; the closures here keep nothing outside their
/// result.
fn in_arena<T>(f: impl FnOnce() -> T) -> InArena<T> {
    // SAFETY: every closure passed here allocates only into its result.
    unsafe { build(0, f) }
}

#[test]
fn small_and_large_allocations_keep_their_values() {
    let built = in_arena(|| {
        let words: Vec<String> = (0..10_000).map(|n| format!("word{n}")).collect();
        // Grows well past a standard block, moving between own blocks.
        let mut numbers: Vec<u64> = Vec::new();
        for n in 0..300_000 {
            numbers.push(n);
        }
        let boxed: Vec<Box<[u8; 48]>> = (0..5_000u32)
            .map(|n| Box::new([u8::try_from(n % 251).unwrap_or(0); 48]))
            .collect();
        (words, numbers, boxed)
    });
    assert!(built.is_in_arena());
    let (words, numbers, boxed) = &*built;
    assert_eq!(words.get(9_999).map(String::as_str), Some("word9999"));
    assert_eq!(numbers.len(), 300_000);
    assert!(
        numbers
            .iter()
            .enumerate()
            .all(|(index, &n)| index as u64 == n)
    );
    assert!(
        boxed
            .iter()
            .enumerate()
            .all(|(index, bytes)| bytes.iter().all(|&b| usize::from(b) == index % 251))
    );
}

#[test]
fn zeroed_and_over_aligned_allocations() {
    #[repr(align(4096))]
    struct Page([u8; 4096]);
    let built = in_arena(|| {
        let zeros = vec![0u8; 200_000];
        let small_zeros = vec![0u32; 100];
        let pages: Vec<Box<Page>> = (0..3).map(|_| Box::new(Page([7; 4096]))).collect();
        (zeros, small_zeros, pages)
    });
    let (zeros, small_zeros, pages) = &*built;
    assert!(zeros.iter().all(|&b| b == 0));
    assert!(small_zeros.iter().all(|&n| n == 0));
    for page in pages {
        assert_eq!((&raw const **page).addr() % 4096, 0);
        assert!(page.0.iter().all(|&b| b == 7));
    }
}

#[test]
fn freed_temporaries_and_shrinking_are_handled() {
    let built = in_arena(|| {
        let mut kept = Vec::new();
        for n in 0..2_000 {
            let temporary = format!("temporary {n}");
            let mut grown = String::with_capacity(4);
            grown.push_str(&temporary);
            grown.shrink_to_fit();
            kept.push(grown);
        }
        let mut big: Vec<u8> = Vec::with_capacity(1 << 20);
        big.extend(std::iter::repeat_n(3u8, 10));
        big.shrink_to_fit();
        (kept, big)
    });
    assert_eq!(
        built.0.get(1_999).map(String::as_str),
        Some("temporary 1999")
    );
    assert_eq!(built.1, vec![3u8; 10]);
}

#[test]
fn a_nested_build_makes_an_ordinary_value() {
    let outer = in_arena(|| {
        let inner = in_arena(|| vec![1u8, 2, 3]);
        // Without an arena of its own, the inner value is ordinary.
        assert!(!inner.is_in_arena());
        inner.iter().map(|&b| u32::from(b)).sum::<u32>()
    });
    assert_eq!(*outer, 6);
}

#[test]
fn a_panic_inside_is_raised_again_with_its_message() {
    let caught = std::panic::catch_unwind(|| {
        in_arena(|| {
            let _noise: Vec<String> = (0..100).map(|n| n.to_string()).collect();
            panic!("parser failed at {}", 42);
        })
    });
    let payload = caught.err();
    let message = payload
        .as_deref()
        .and_then(|payload| payload.downcast_ref::<String>())
        .cloned();
    assert_eq!(message.as_deref(), Some("parser failed at 42"));
    // The thread allocates normally afterwards.
    let after: Vec<u64> = (0..1_000).collect();
    assert_eq!(after.iter().sum::<u64>(), 499_500);
}

#[test]
fn values_cross_threads_and_blocks_are_reused() {
    let built: Vec<InArena<Vec<String>>> = (0..40)
        .map(|round| in_arena(|| (0..3_000).map(|n| format!("{round}:{n}")).collect()))
        .collect();
    let handles: Vec<_> = built
        .into_iter()
        .enumerate()
        .map(|(round, value)| {
            std::thread::spawn(move || {
                let expected = format!("{round}:2999");
                let ok = value.last() == Some(&expected);
                drop(value);
                ok
            })
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().ok(), Some(true));
    }
}

#[test]
fn outside_an_arena_the_allocator_is_the_inner_one() {
    let layout = Layout::from_size_align(64, 8).unwrap_or(Layout::new::<u64>());
    // SAFETY: a plain allocate, write, grow, free sequence.
    unsafe {
        let block = ALLOCATOR.alloc(layout);
        assert!(!block.is_null());
        block.write_bytes(9, 64);
        let grown = ALLOCATOR.realloc(block, layout, 4096);
        assert!(!grown.is_null());
        assert_eq!(grown.read(), 9);
        let grown_layout = Layout::from_size_align(4096, 8).unwrap_or(layout);
        ALLOCATOR.dealloc(grown, grown_layout);
    }
}

/// A deterministic mix of allocations, frees and resizes of every size
/// class, each block filled with a pattern that is checked before it is
/// resized or freed.
#[test]
fn a_random_mix_of_allocations_keeps_every_byte() {
    struct Xorshift(u64);
    impl Xorshift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, bound: usize) -> usize {
            usize::try_from(self.next() % bound as u64).unwrap_or(0)
        }
    }
    fn fill(block: &mut [u8], seed: u8) {
        for (index, byte) in block.iter_mut().enumerate() {
            *byte = seed.wrapping_add(index.to_le_bytes()[0]);
        }
    }
    fn intact(block: &[u8], seed: u8) -> bool {
        block
            .iter()
            .enumerate()
            .all(|(index, &byte)| byte == seed.wrapping_add(index.to_le_bytes()[0]))
    }
    let survivors = in_arena(|| {
        let mut random = Xorshift(0x9e37_79b9_7f4a_7c15);
        let mut live: Vec<(Vec<u8>, u8)> = Vec::new();
        let mut all_intact = true;
        for step in 0..6_000u32 {
            let seed = step.to_le_bytes()[0];
            match random.below(4) {
                0 | 1 => {
                    // Mostly small, sometimes past a standard block's share.
                    let size = if random.below(50) == 0 {
                        40_000 + random.below(120_000)
                    } else {
                        1 + random.below(600)
                    };
                    let mut block = vec![0u8; size];
                    fill(&mut block, seed);
                    live.push((block, seed));
                }
                2 if !live.is_empty() => {
                    let (block, old_seed) = live.swap_remove(random.below(live.len()));
                    all_intact &= intact(&block, old_seed);
                }
                _ if !live.is_empty() => {
                    let index = random.below(live.len());
                    if let Some((block, old_seed)) = live.get_mut(index) {
                        all_intact &= intact(block, *old_seed);
                        let new_size = if random.below(2) == 0 {
                            block.len() / 2 + 1
                        } else {
                            block.len() * 2 + random.below(50_000)
                        };
                        block.resize(new_size, 0);
                        block.shrink_to_fit();
                        fill(block, seed);
                        *old_seed = seed;
                    }
                }
                _ => {}
            }
        }
        (live, all_intact)
    });
    let (live, all_intact) = &*survivors;
    assert!(*all_intact);
    assert!(live.iter().all(|(block, seed)| intact(block, *seed)));
}

#[test]
fn an_extension_allocates_in_the_value_arena_until_it_is_freed() {
    let base = in_arena(|| vec![String::from("tree"); 10]);
    // SAFETY: the closure allocates only into its result, which is never
    // dropped (it is forgotten below, the arena frees it).
    let (extra, in_arena_flag) = unsafe { base.extend(|| vec![7u64; 50_000]) };
    assert!(in_arena_flag);
    assert!(
        base.arena()
            .contains((&raw const extra[0]).cast_mut().cast())
    );
    assert_eq!(extra.iter().sum::<u64>(), 350_000);
    std::mem::forget(extra);
    assert_eq!(base.len(), 10);
}

#[test]
fn a_panic_in_an_extension_leaves_the_value_usable() {
    let base = in_arena(|| vec![1u32, 2, 3]);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: the closure allocates only into its panic payload.
        unsafe {
            base.extend(|| -> () {
                let _noise = vec![0u8; 1_000];
                panic!("binder failed");
            })
        }
    }));
    let message = caught
        .err()
        .and_then(|payload| payload.downcast_ref::<String>().cloned());
    assert_eq!(message.as_deref(), Some("binder failed"));
    assert_eq!(base.iter().sum::<u32>(), 6);
    // The arena is not left active.
    let after = Box::new([5u8; 10]);
    assert!(!base.arena().contains((&raw const after[0]).cast_mut()));
}
