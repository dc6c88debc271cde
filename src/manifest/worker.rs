//! Running loads and drills off the UI thread: each job reports progress and its result on a
//! channel and stops when its cancel flag is raised (or the [`Job`] is dropped).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use super::child::{self, Drilled};
use super::model::Descriptor;
use super::provider::{Control, FetchError, Progress, Provider};
use super::source::{InspectError, InspectOptions, Inspection, SourceSpec, inspect};

/// What a job sends.
#[derive(Debug)]
pub enum Event {
    /// Progress to show in a status line.
    Progress(Progress),
    /// The load finished (last event of a load job).
    Loaded(Box<Result<Inspection, InspectError>>),
    /// The drill finished (last event of a drill job).
    Drilled {
        /// The entry drilled into.
        path: Vec<usize>,
        /// Its content, or why it could not be read.
        result: Box<Result<Drilled, FetchError>>,
    },
}

/// A running job. Dropping it raises the cancel flag; the thread ends at its next check.
pub struct Job {
    events: Receiver<Event>,
    cancel: Arc<AtomicBool>,
}

impl Job {
    /// Asks the job to stop; it then ends with a `Cancelled` error.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The flag [`Job::cancel`] raises, for code that wants to hold or share it.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// The next event if one is waiting (for a UI tick).
    pub fn try_next(&self) -> Option<Event> {
        self.events.try_recv().ok()
    }

    /// Waits up to `timeout` for the next event; None on timeout or when the job is gone.
    pub fn next_timeout(&self, timeout: Duration) -> Option<Event> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn spawn(
    work: impl FnOnce(&Control, &Sender<Event>) + Send + 'static,
    on_spawn_error: impl FnOnce(String) -> Event,
) -> Job {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let worker_tx = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("manifest-worker".into())
        .spawn(move || {
            let progress_tx = worker_tx.clone();
            let report = move |p: Progress| {
                let _ = progress_tx.send(Event::Progress(p));
            };
            let ctl = Control::new(&flag, &report);
            work(&ctl, &worker_tx);
        });
    if let Err(e) = spawned {
        let _ = tx.send(on_spawn_error(format!("cannot start a worker thread: {e}")));
    }
    Job { events: rx, cancel }
}

/// Loads a source on a worker thread; the last event is [`Event::Loaded`].
pub fn spawn_inspect(spec: SourceSpec, opts: InspectOptions) -> Job {
    spawn(
        move |ctl, tx| {
            let result = inspect(&spec, &opts, ctl);
            let _ = tx.send(Event::Loaded(Box::new(result)));
        },
        |msg| Event::Loaded(Box::new(Err(InspectError::Fetch(FetchError::Io(msg))))),
    )
}

/// Drills into one entry on a worker thread, reading from `provider` (the inspection's own
/// source, from `Inspection::provider`); the last event is [`Event::Drilled`].
pub fn spawn_drill(provider: Arc<dyn Provider>, path: Vec<usize>, descriptor: Descriptor) -> Job {
    let err_path = path.clone();
    spawn(
        move |ctl, tx| {
            let result = child::drill(&*provider, &descriptor, &path, ctl);
            let _ = tx.send(Event::Drilled {
                path,
                result: Box::new(result),
            });
        },
        move |msg| Event::Drilled {
            path: err_path,
            result: Box::new(Err(FetchError::Io(msg))),
        },
    )
}
