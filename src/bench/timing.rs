//! The timed loop, the clock's resolution and batch calibration.
//!
//! Each variant gets its own monomorphic loop, so no dispatch sits inside the timed part.
//! Every iteration passes the input through `black_box`, parses, passes the result through
//! `black_box` and drops it, so the drop (all the frees) is timed along with the parse.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::headers::{Limits, Variant, backing, interned, naive, reference, zero_copy};

/// Most iterations a batch may grow to.
const MAX_ITERS: u64 = 1 << 32;

/// Times `iters` runs of `parse` on `input`.
#[inline(always)]
fn timed<'a, R>(iters: u64, input: &'a [u8], parse: impl Fn(&'a [u8]) -> R) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        let out = parse(black_box(input));
        drop(black_box(out));
    }
    start.elapsed()
}

/// Times one batch of `iters` parses of `input` by `variant`.
pub fn time_batch(variant: Variant, input: &[u8], limits: &Limits, iters: u64) -> Duration {
    match variant {
        Variant::Naive => timed(iters, input, |b| naive::parse(b, limits)),
        Variant::Backing => timed(iters, input, |b| backing::parse(b, limits)),
        Variant::Interned => timed(iters, input, |b| interned::parse(b, limits)),
        Variant::ZeroCopy => timed(iters, input, |b| zero_copy::parse(b, limits)),
        // The result borrows an array on this closure's stack, so it is black-boxed and
        // dropped inside.
        Variant::Httparse => timed(iters, input, |b| {
            reference::with_httparse(b, limits, |parsed| black_box(parsed).is_ok())
        }),
        Variant::HttparseHeadermap => {
            timed(iters, input, |b| reference::parse_headermap(b, limits))
        }
    }
}

/// The smallest step the monotonic clock shows: the least non-zero difference between two
/// back-to-back readings over a few hundred tries.
pub fn clock_resolution() -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..300 {
        let first = Instant::now();
        let mut next = Instant::now();
        let spin_until = first + Duration::from_millis(5);
        while next == first && next < spin_until {
            next = Instant::now();
        }
        let step = next.duration_since(first);
        if !step.is_zero() {
            best = best.min(step);
        }
    }
    if best == Duration::MAX {
        Duration::from_millis(1)
    } else {
        best
    }
}

/// The number of iterations, starting the search at `from`, that makes one batch of `variant`
/// last at least `target`.
pub fn calibrate(
    variant: Variant,
    input: &[u8],
    limits: &Limits,
    target: Duration,
    from: u64,
) -> u64 {
    let mut iters = from.max(1);
    loop {
        let took = time_batch(variant, input, limits, iters);
        if took >= target || iters >= MAX_ITERS {
            return iters;
        }
        // Aim 10% past the target, growing at most tenfold per step so one slow first batch
        // cannot mislead.
        let scale = if took.is_zero() {
            10.0
        } else {
            (target.as_secs_f64() / took.as_secs_f64() * 1.1).min(10.0)
        };
        let next = (iters as f64 * scale).ceil() as u64;
        iters = next.clamp(iters + 1, MAX_ITERS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_is_never_zero() {
        assert!(!clock_resolution().is_zero());
    }

    #[test]
    fn calibration_batches_many_fast_parses() {
        let input = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        // Far above what one parse of this head costs, even unoptimised on a loaded machine, so
        // the batch must grow past one.
        let target = Duration::from_millis(100);
        for variant in Variant::ALL {
            assert!(
                calibrate(variant, input, &Limits::default(), target, 1) > 1,
                "{variant}"
            );
        }
    }
}
