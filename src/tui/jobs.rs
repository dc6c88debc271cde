//! Background work: the note index and code highlighting, and the guard every job thread runs
//! under.
//!
//! Each job reports through the app's message channel. A newer index replaces an older one: the
//! old walk is cancelled and its messages carry an older generation, which the update step
//! drops. Highlighting runs on one worker thread that always takes the newest request and skips
//! the ones that piled up meanwhile. A job that panics reports [`Msg::JobFailed`] instead of
//! taking the terminal down.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::event::Msg;
use crate::notes::{Origin, Source, discover};
use crate::render::CodeBlock;
use crate::theme::CodeTheme;

/// One request to the highlight worker.
struct HighlightRequest {
    origin: Origin,
    blocks: Vec<CodeBlock>,
    theme: CodeTheme,
}

/// The running jobs' handles.
#[derive(Default)]
pub struct Jobs {
    index_cancel: Option<Arc<AtomicBool>>,
    highlighter: Option<Sender<HighlightRequest>>,
}

/// Runs `work` on a named thread; a panic in it becomes a [`Msg::JobFailed`].
pub fn spawn_guarded(name: &str, tx: &Sender<Msg>, work: impl FnOnce() + Send + 'static) {
    let tx = tx.clone();
    let label = name.to_string();
    let spawned = std::thread::Builder::new()
        .name(label.clone())
        .spawn(move || {
            if let Err(panic) = catch_unwind(AssertUnwindSafe(work)) {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                tracing::error!("the {label} job panicked: {message}");
                let _ = tx.send(Msg::JobFailed {
                    job: label,
                    message,
                });
            }
        });
    if let Err(e) = spawned {
        tracing::error!("could not start the {name} thread: {e}");
    }
}

impl Jobs {
    /// Walks `source`, tagging its messages with `generation`. Bundled notes and single files
    /// are read on this thread (they are instant, and the first frame then shows them).
    pub fn index(&mut self, source: &Source, generation: u64, tx: &Sender<Msg>) {
        if let Some(old) = self.index_cancel.take() {
            old.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let instant = !matches!(source, Source::Folder(_));
        let source = source.clone();
        let sender = tx.clone();
        let flag = cancel.clone();
        let work = move || {
            discover::walk(&source, &flag, &mut |found| {
                let _ = sender.send(Msg::Index(generation, found));
            });
        };
        if instant {
            work();
        } else {
            spawn_guarded("index", tx, work);
        }
        self.index_cancel = Some(cancel);
    }

    /// Asks the highlight worker for `blocks` with `theme`; starts it on first use.
    pub fn highlight(
        &mut self,
        origin: Origin,
        blocks: Vec<CodeBlock>,
        theme: CodeTheme,
        tx: &Sender<Msg>,
    ) {
        let request = HighlightRequest {
            origin,
            blocks,
            theme,
        };
        let request = match self.highlighter.as_ref() {
            Some(worker) => match worker.send(request) {
                Ok(()) => return,
                Err(e) => e.0,
            },
            None => request,
        };
        let (requests, inbox) = channel();
        let _ = requests.send(request);
        let results = tx.clone();
        spawn_guarded("highlight", tx, move || highlight_worker(&inbox, &results));
        self.highlighter = Some(requests);
    }
}

/// Serves highlight requests until the app ends, always the newest waiting one first.
fn highlight_worker(inbox: &Receiver<HighlightRequest>, tx: &Sender<Msg>) {
    while let Ok(mut request) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let started = std::time::Instant::now();
        let label = request.theme.label();
        let blocks = match crate::highlight::code_theme(&request.theme) {
            Ok(t) => crate::highlight::highlight_all(&request.blocks, &t),
            Err(e) => {
                tracing::warn!("{e}");
                vec![None; request.blocks.len()]
            }
        };
        tracing::debug!(
            "highlighted {} blocks in {:?}",
            request.blocks.len(),
            started.elapsed()
        );
        let msg = Msg::Highlighted {
            origin: request.origin,
            theme: label,
            blocks,
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}
