//! A counting global allocator that keeps its counts per thread.
//!
//! A binary that wants allocation figures installs it:
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: notebench::bench::alloc::CountingAllocator =
//!     notebench::bench::alloc::CountingAllocator;
//!
//! fn main() {
//!     assert!(notebench::bench::alloc::is_installed());
//! }
//! ```
//!
//! Counts live in a thread-local, so a benchmark running on a worker thread sees only its own
//! allocations, never the UI thread's. A reallocation counts as one allocation of its new
//! size; frees are not counted. Without the allocator installed, [`is_installed`] is false and
//! the harness reports no allocation figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

/// The system allocator with per-thread allocation counting.
#[derive(Debug, Default, Clone, Copy)]
pub struct CountingAllocator;

/// Allocations made by one thread: how many, and how many bytes in total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AllocCount {
    /// Number of allocations (reallocations included).
    pub allocs: u64,
    /// Bytes requested by those allocations.
    pub bytes: u64,
}

thread_local! {
    // Const-initialised and without a destructor, so using it inside the allocator never
    // allocates or registers anything.
    static COUNT: Cell<AllocCount> = const { Cell::new(AllocCount { allocs: 0, bytes: 0 }) };
}

#[inline]
fn record(size: usize) {
    // `try_with` fails only while the thread is being torn down; those allocations go uncounted.
    let _ = COUNT.try_with(|count| {
        let now = count.get();
        count.set(AllocCount {
            allocs: now.allocs + 1,
            bytes: now.bytes + size as u64,
        });
    });
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the `GlobalAlloc`
// contract; the counting touches only a thread-local `Cell` and never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout, as the caller guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// The current thread's totals so far.
pub fn snapshot() -> AllocCount {
    COUNT.try_with(Cell::get).unwrap_or_default()
}

/// Runs `f` and returns its result with the allocations it made on this thread.
pub fn count<R>(f: impl FnOnce() -> R) -> (R, AllocCount) {
    let before = snapshot();
    let result = f();
    let after = snapshot();
    let made = AllocCount {
        allocs: after.allocs - before.allocs,
        bytes: after.bytes - before.bytes,
    };
    (result, made)
}

/// True when the running binary installed [`CountingAllocator`] as its global allocator.
pub fn is_installed() -> bool {
    let ((), made) = count(|| drop(black_box(Box::new(black_box(7u64)))));
    made.allocs > 0
}

#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: CountingAllocator = CountingAllocator;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_this_threads_allocations_only() {
        assert!(is_installed());
        const BIG: usize = 1 << 20;
        let (len, made) = count(|| {
            let other = std::thread::spawn(|| black_box(vec![0u8; BIG]).len());
            other.join().unwrap()
        });
        assert_eq!(len, BIG);
        // Spawning allocates a little on this thread; the other thread's megabyte never
        // shows up here.
        assert!(made.bytes < BIG as u64, "{made:?}");
        let (_, just_vec) = count(|| black_box(vec![1u8; 100]));
        assert_eq!(
            just_vec,
            AllocCount {
                allocs: 1,
                bytes: 100
            }
        );
    }

    #[test]
    fn reallocation_counts_as_an_allocation_of_the_new_size() {
        let mut v: Vec<u8> = Vec::with_capacity(8);
        let ((), made) = count(|| v.reserve_exact(64));
        assert_eq!(
            made,
            AllocCount {
                allocs: 1,
                bytes: 64
            }
        );
    }
}
