//! The run itself: validation, allocation pass, calibration, warm-up and sampling.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::alloc;
use super::env::Environment;
use super::progress::{Phase, Progress, ProgressSink};
use super::report::{InputInfo, Report, SCHEMA_VERSION, VariantResult, flags_for};
use super::stats;
use super::timing::{calibrate, clock_resolution, time_batch};
use super::{BenchConfig, BenchError, Mode};
use crate::headers::{Comparable, Limits, ParseError, Variant};

/// Parses per allocation-counting pass; the counts are divided by it.
const ALLOC_OPS: u64 = 16;

/// Least time between two rounds of sampling progress messages.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// A variant that passed validation and is being timed.
struct Timed {
    variant: Variant,
    iters: u64,
    allocs: Option<(f64, f64)>,
    samples: Vec<f64>,
}

/// What validation made of a variant.
enum Outcome {
    Timed(Timed),
    Invalid(VariantResult),
}

impl Outcome {
    fn timed_mut(&mut self) -> Option<&mut Timed> {
        match self {
            Outcome::Timed(t) => Some(t),
            Outcome::Invalid(_) => None,
        }
    }

    fn into_result(self, head_bytes: usize) -> VariantResult {
        match self {
            Outcome::Timed(t) => {
                VariantResult::measured(t.variant, t.samples, t.iters, t.allocs, head_bytes)
            }
            Outcome::Invalid(result) => result,
        }
    }
}

/// Shared state of one run.
struct Run<'a> {
    input: &'a [u8],
    limits: &'a Limits,
    sink: &'a mut dyn ProgressSink,
    cancel: &'a AtomicBool,
}

impl Run<'_> {
    fn emit(&mut self, progress: Progress) -> Result<(), BenchError> {
        self.check_cancel()?;
        if !self.sink.send(progress) {
            return Err(BenchError::Cancelled);
        }
        Ok(())
    }

    fn check_cancel(&self) -> Result<(), BenchError> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(BenchError::Cancelled);
        }
        Ok(())
    }
}

/// Runs the benchmark described by `config`, reporting to `sink` and checking `cancel`
/// between batches. See the module docs of [`crate::bench`] for the steps.
pub fn run(
    config: &BenchConfig,
    sink: &mut dyn ProgressSink,
    cancel: &AtomicBool,
) -> Result<Report, BenchError> {
    let started = Instant::now();
    let started_at = jiff::Timestamp::now();
    let counting = alloc::is_installed();
    let mut variants: Vec<Variant> = Vec::new();
    for v in &config.variants {
        if !variants.contains(v) {
            variants.push(*v);
        }
    }
    let mut run = Run {
        input: &config.input.bytes,
        limits: &config.limits,
        sink,
        cancel,
    };
    tracing::info!(input = %config.input.name, ?variants, mode = ?config.mode, "benchmark started");

    let expected = Variant::REFERENCE.parse_comparable(run.input, run.limits);
    let mut outcomes = validate(&mut run, &variants, &expected)?;
    let mut timed: Vec<&mut Timed> = outcomes.iter_mut().filter_map(Outcome::timed_mut).collect();
    count_allocations(&mut run, &mut timed, counting)?;
    let resolution = clock_resolution();
    measure(&mut run, &mut timed, config.mode, resolution)?;

    let head = expected.as_ref().ok();
    let head_bytes = head.map_or(0, |h| h.head_len);
    let environment = Environment::detect();
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        started_at,
        elapsed_s: started.elapsed().as_secs_f64(),
        mode: config.mode,
        flags: flags_for(&environment, counting),
        environment,
        input: InputInfo::new(
            &config.input,
            head.map(|h| h.head_len),
            head.map(|h| h.value_count()),
        ),
        limits: config.limits,
        reference: config.reference,
        clock_resolution_ns: resolution.as_secs_f64() * 1e9,
        input_error: expected.as_ref().err().copied(),
        results: outcomes
            .into_iter()
            .map(|o| o.into_result(head_bytes))
            .collect(),
    };
    report.compute_ratios();
    run.emit(Progress::phase(Phase::Done, None, 1.0))?;
    tracing::info!(elapsed_s = report.elapsed_s, "benchmark finished");
    Ok(report)
}

/// Checks each variant against the reference's result, in order.
fn validate(
    run: &mut Run<'_>,
    variants: &[Variant],
    expected: &Result<Comparable, ParseError>,
) -> Result<Vec<Outcome>, BenchError> {
    let mut outcomes = Vec::new();
    for (i, &variant) in variants.iter().enumerate() {
        let fraction = i as f64 / variants.len() as f64;
        run.emit(Progress::phase(Phase::Validating, Some(variant), fraction))?;
        outcomes.push(
            match verdict(variant.parse_comparable(run.input, run.limits), expected) {
                Ok(()) => Outcome::Timed(Timed {
                    variant,
                    iters: 1,
                    allocs: None,
                    samples: Vec::new(),
                }),
                Err(why) => {
                    tracing::warn!(%variant, %why, "variant invalid, not timed");
                    Outcome::Invalid(VariantResult::invalid(variant, why))
                }
            },
        );
    }
    Ok(outcomes)
}

/// Calibrates, warms up, calibrates again and samples every timed variant.
fn measure(
    run: &mut Run<'_>,
    timed: &mut [&mut Timed],
    mode: Mode,
    resolution: Duration,
) -> Result<(), BenchError> {
    let plan = mode.plan();
    let target = plan.min_batch.max(resolution * 1000);
    let total = timed.len();
    for (i, t) in timed.iter_mut().enumerate() {
        run.emit(Progress::phase(
            Phase::Calibrating,
            Some(t.variant),
            i as f64 / total as f64,
        ))?;
        t.iters = calibrate(t.variant, run.input, run.limits, target, 1);
    }
    warm_up(run, timed, plan.warmup)?;
    // A cold first calibration can overestimate a batch; check again now that all is warm.
    for t in timed.iter_mut() {
        run.check_cancel()?;
        t.iters = calibrate(t.variant, run.input, run.limits, target, t.iters);
    }
    sample(run, timed, plan.samples)
}

/// Why a variant's result does not count as valid, if it does not.
fn verdict(
    got: Result<Comparable, ParseError>,
    expected: &Result<Comparable, ParseError>,
) -> Result<(), String> {
    match (got, expected) {
        (Ok(got), Ok(want)) => match got.first_difference(want) {
            None => Ok(()),
            Some(diff) => Err(format!("differs from {}: {diff}", Variant::REFERENCE)),
        },
        (Err(err), _) => Err(err.to_string()),
        (Ok(_), Err(err)) => Err(format!(
            "accepts input {} rejects ({err})",
            Variant::REFERENCE
        )),
    }
}

fn count_allocations(
    run: &mut Run<'_>,
    timed: &mut [&mut Timed],
    counting: bool,
) -> Result<(), BenchError> {
    let total = timed.len();
    for (i, t) in timed.iter_mut().enumerate() {
        run.emit(Progress::phase(
            Phase::CountingAllocations,
            Some(t.variant),
            i as f64 / total as f64,
        ))?;
        if counting {
            let (_, made) =
                alloc::count(|| time_batch(t.variant, run.input, run.limits, ALLOC_OPS));
            let per_op = |n: u64| n as f64 / ALLOC_OPS as f64;
            t.allocs = Some((per_op(made.allocs), per_op(made.bytes)));
        }
    }
    Ok(())
}

fn warm_up(run: &mut Run<'_>, timed: &[&mut Timed], warmup: Duration) -> Result<(), BenchError> {
    let start = Instant::now();
    run.emit(Progress::phase(Phase::WarmingUp, None, 0.0))?;
    while !timed.is_empty() && start.elapsed() < warmup {
        for t in timed {
            run.check_cancel()?;
            time_batch(t.variant, run.input, run.limits, t.iters);
        }
    }
    Ok(())
}

/// Takes `rounds` samples of every variant, round-robin with a rotating start.
fn sample(run: &mut Run<'_>, timed: &mut [&mut Timed], rounds: usize) -> Result<(), BenchError> {
    let start = Instant::now();
    let mut last_emit: Option<Instant> = None;
    let n = timed.len();
    for round in 0..rounds {
        for k in 0..n {
            run.check_cancel()?;
            let t = &mut timed[(round + k) % n];
            let took = time_batch(t.variant, run.input, run.limits, t.iters);
            t.samples.push(took.as_secs_f64() * 1e9 / t.iters as f64);
        }
        let done = round + 1;
        if done < rounds && last_emit.is_some_and(|at| at.elapsed() < PROGRESS_EVERY) {
            continue;
        }
        last_emit = Some(Instant::now());
        let eta = start
            .elapsed()
            .div_f64(done as f64)
            .mul_f64((rounds - done) as f64);
        for t in timed.iter() {
            run.emit(Progress {
                phase: Phase::Sampling,
                variant: Some(t.variant),
                fraction: done as f64 / rounds as f64,
                running_median_ns: Some(stats::median(&stats::sorted(&t.samples))),
                eta: Some(eta),
            })?;
        }
    }
    Ok(())
}
