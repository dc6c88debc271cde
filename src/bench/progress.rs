//! Progress messages a running benchmark sends, and where it sends them.

use std::sync::mpsc::Sender;
use std::time::Duration;

use serde::Serialize;

use crate::headers::Variant;

/// The stage a run is in, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Checking every variant's result against the reference (not timed).
    Validating,
    /// Counting allocations per parse (not timed).
    CountingAllocations,
    /// Growing each variant's batch until one batch is long enough to time.
    Calibrating,
    /// Running all variants for a while before measuring.
    WarmingUp,
    /// Taking the timed samples, all variants in turn.
    Sampling,
    /// Finished: the report is ready (the last message of a run that was not cancelled).
    Done,
}

/// One progress update.
///
/// While [`Phase::Sampling`], there is one message per variant per update, with that
/// variant's share of samples taken and its running median; in other phases `variant` is the
/// one being worked on (if any) and `fraction` is the share of the phase done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The current stage.
    pub phase: Phase,
    /// The variant this update is about, if any.
    pub variant: Option<Variant>,
    /// Share done, from 0 to 1.
    pub fraction: f64,
    /// Median nanoseconds per parse of the samples so far (sampling only).
    pub running_median_ns: Option<f64>,
    /// Estimated time until the run finishes, once sampling has started.
    pub eta: Option<Duration>,
}

impl Progress {
    /// An update for `phase` with nothing but a fraction.
    pub fn phase(phase: Phase, variant: Option<Variant>, fraction: f64) -> Self {
        Self {
            phase,
            variant,
            fraction,
            running_median_ns: None,
            eta: None,
        }
    }
}

/// Receives progress updates. Returning `false` says nobody is listening any more, and the
/// run stops as if cancelled.
pub trait ProgressSink {
    /// Delivers one update.
    fn send(&mut self, progress: Progress) -> bool;
}

/// A worker thread's usual sink: a channel to the UI thread. A dropped receiver stops the run.
impl ProgressSink for Sender<Progress> {
    fn send(&mut self, progress: Progress) -> bool {
        Sender::send(self, progress).is_ok()
    }
}

/// Any closure taking an update; it never stops the run.
impl<F: FnMut(Progress)> ProgressSink for F {
    fn send(&mut self, progress: Progress) -> bool {
        self(progress);
        true
    }
}

/// A sink that ignores every update, for the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ProgressSink for NoProgress {
    fn send(&mut self, _progress: Progress) -> bool {
        true
    }
}
