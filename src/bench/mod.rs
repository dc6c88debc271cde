//! A micro-benchmark harness for the header parsers, in the manner of `go test -benchmem`.
//!
//! A run goes:
//! 1. Validation (not timed): every variant parses the input and must produce exactly what the
//!    reference (httparse into an array) produces. A variant that errors or differs is marked
//!    invalid and never timed: a wrong answer is fast.
//! 2. Allocation pass (not timed): allocations and bytes per parse, from the per-thread
//!    counting allocator in [`alloc`] (when the binary installed it).
//! 3. Timing: the clock's resolution is measured, each variant's batch grows until one batch
//!    lasts at least 1,000 clock steps and at least the mode's minimum (1 ms or more), all
//!    variants warm up, then samples are taken round-robin, one batch per variant per round
//!    with the starting variant rotating, so drift of the machine hits every variant alike.
//! 4. Statistics per variant (see [`report::VariantResult`]): median, min, MAD, a 95%
//!    interval of the median, MB/s, allocations, and the ratio to the reference variant.
//!
//! Run it on a worker thread with [`spawn`], receive [`Progress`] on a channel and cancel it
//! through the shared flag; or call [`run`] directly with any [`ProgressSink`].
//!
//! Run length (release build, six variants): `quick` takes about half a second per input,
//! `full` about three seconds. A debug build takes as long, with fewer parses per sample.

pub mod alloc;
pub mod baseline;
pub mod env;
pub mod inputs;
pub mod progress;
pub mod report;
mod runner;
pub mod stats;
pub mod text;
pub mod timing;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::headers::{Limits, Variant};

pub use baseline::{Baseline, BaselineError, Comparison, compare};
pub use env::Environment;
pub use inputs::{Input, InputError, InputSource};
pub use progress::{NoProgress, Phase, Progress, ProgressSink};
pub use report::{Flag, Report, VariantResult};
pub use runner::run;

/// How thorough a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// A short run: 31 samples of at least 1 ms per variant.
    Quick,
    /// The default run: 101 samples of at least 3 ms per variant.
    Full,
}

/// The numbers behind a [`Mode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Timed samples per variant.
    pub samples: usize,
    /// Shortest batch, whatever the clock's resolution.
    pub min_batch: Duration,
    /// Warm-up time for all variants together.
    pub warmup: Duration,
}

impl Mode {
    /// The mode's name: `quick` or `full`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Quick => "quick",
            Mode::Full => "full",
        }
    }

    /// Sample count, batch length and warm-up of this mode.
    pub fn plan(self) -> Plan {
        match self {
            Mode::Quick => Plan {
                samples: 31,
                min_batch: Duration::from_millis(1),
                warmup: Duration::from_millis(100),
            },
            Mode::Full => Plan {
                samples: 101,
                min_batch: Duration::from_millis(3),
                warmup: Duration::from_millis(500),
            },
        }
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// The request to parse.
    pub input: Input,
    /// The variants to time, in report order; duplicates are ignored.
    pub variants: Vec<Variant>,
    /// Quick or full.
    pub mode: Mode,
    /// The variant ratios are relative to (validation always uses httparse into an array).
    pub reference: Variant,
    /// The limits every variant parses under.
    pub limits: Limits,
}

impl BenchConfig {
    /// All six variants on `input`, full mode, ratios to httparse, default limits.
    pub fn new(input: Input) -> Self {
        Self {
            input,
            variants: Variant::ALL.to_vec(),
            mode: Mode::Full,
            reference: Variant::REFERENCE,
            limits: Limits::default(),
        }
    }
}

/// Why a run ended without a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BenchError {
    /// The cancel flag was set, or the progress receiver went away.
    #[error("benchmark cancelled")]
    Cancelled,
}

/// Runs the benchmark on a new thread named `bench`, sending progress to `progress`; set
/// `cancel` to stop it (it notices within one batch, a few milliseconds). The last message of
/// a finished run has [`Phase::Done`]; join the handle for the report.
pub fn spawn(
    config: BenchConfig,
    mut progress: Sender<Progress>,
    cancel: Arc<AtomicBool>,
) -> std::io::Result<JoinHandle<Result<Report, BenchError>>> {
    std::thread::Builder::new()
        .name("bench".into())
        .spawn(move || run(&config, &mut progress, &cancel))
}
