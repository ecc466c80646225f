//! Settings of the process itself: the allocator, and how maps are seeded.
//! The measurements behind each are in bench/README.md ("Why the code is
//! as it is").

use std::cell::Cell;

/// mimalloc's `mi_option_purge_delay`, whose place in `mi_option_t` is the
/// same in its versions 2 and 3 (the crate names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's `mi_option_arena_eager_commit` (the same place in versions 2
/// and 3).
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Sets what `main` can set, first thing.
pub fn tune() {
    hand_back_freed_memory_soon();
    seed_maps_per_thread();
}

/// On systems that overcommit (Linux), mimalloc commits each arena it
/// reserves whole by default; committing on use lowers a build's peak
/// resident memory at no cost in time. Set before `main`, from the
/// executable's constructors: the first arena is reserved while the Rust
/// runtime starts, and setting the option in `main` changed nothing.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static COMMIT_MEMORY_ON_USE: extern "C" fn() = commit_memory_on_use;

#[cfg(target_os = "linux")]
extern "C" fn commit_memory_on_use() {
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

/// mimalloc 3 holds on to freed memory for a second before it hands it
/// back to the system; a build's stages each free much of their memory in
/// less than that, so the next stage's memory came on top of it. 10 ms
/// (mimalloc 2's default) lowers the peak for the same time; shorter
/// delays cost time in purging, longer ones keep more memory.
fn hand_back_freed_memory_soon() {
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}

/// Templates see every value as a map of its fields, and tera seeds each
/// new map's hasher from one counter that all threads add to atomically:
/// with two threads rendering, that one shared cache line is contended.
/// A counter per thread gives each map its own seed as well; ahash still
/// mixes in its random keys.
fn seed_maps_per_thread() {
    struct PerThread;
    impl ahash::random_state::RandomSource for PerThread {
        fn gen_hasher_seed(&self) -> usize {
            thread_local!(static NEXT: Cell<usize> = const { Cell::new(0) });
            NEXT.with(|next| {
                // Starts from the counter's own address, different for
                // every thread, and steps by an odd constant.
                let seed = match next.get() {
                    0 => next as *const Cell<usize> as usize,
                    seed => seed,
                };
                next.set(seed.wrapping_add(0x9e37_79b9_7f4a_7c15_u64 as usize));
                seed
            })
        }
    }
    // Fails only if a map was made already; then the default stays.
    let _ = ahash::random_state::set_random_source(PerThread);
}

/// `vial serve` renders the same pages again on every save: handing freed
/// memory back after 10 ms, each rebuild faulted thousands of fresh pages
/// in again. The preview keeps what it freed instead, at most the peak of
/// its first build.
#[cfg(feature = "serve")]
pub fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
