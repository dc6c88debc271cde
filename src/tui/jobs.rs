//! Background work: the note index and code highlighting. Each job runs on its own thread and
//! reports through the app's message channel; a newer job of the same kind replaces an older
//! one (the index through its cancel flag, highlighting because results carry their note and
//! theme and stale ones are only cached).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use super::event::Msg;
use crate::notes::{Origin, Source, discover};
use crate::render::CodeBlock;
use crate::theme::CodeTheme;

/// The running index job, if any.
#[derive(Default)]
pub struct Jobs {
    index_cancel: Option<Arc<AtomicBool>>,
}

impl Jobs {
    /// Walks `source` on a thread (bundled notes and single files on this thread: they are
    /// instant, and the first frame then shows them).
    pub fn index(&mut self, source: &Source, tx: &Sender<Msg>) {
        if let Some(old) = self.index_cancel.take() {
            old.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let instant = !matches!(source, Source::Folder(_));
        let source = source.clone();
        let tx = tx.clone();
        let work = {
            let cancel = cancel.clone();
            move || {
                discover::walk(&source, &cancel, &mut |found| {
                    let _ = tx.send(Msg::Index(found));
                });
            }
        };
        if instant {
            work();
        } else if std::thread::Builder::new()
            .name("index".into())
            .spawn(work)
            .is_err()
        {
            tracing::error!("could not start the index thread");
        }
        self.index_cancel = Some(cancel);
    }

    /// Highlights `blocks` with `theme` on a thread.
    pub fn highlight(
        &self,
        origin: Origin,
        blocks: Vec<CodeBlock>,
        theme: CodeTheme,
        tx: &Sender<Msg>,
    ) {
        let tx = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("highlight".into())
            .spawn(move || {
                let started = std::time::Instant::now();
                let label = theme.label();
                let highlighted = match crate::highlight::code_theme(&theme) {
                    Ok(t) => crate::highlight::highlight_all(&blocks, &t),
                    Err(e) => {
                        tracing::warn!("{e}");
                        vec![None; blocks.len()]
                    }
                };
                tracing::debug!(
                    "highlighted {} blocks in {:?}",
                    blocks.len(),
                    started.elapsed()
                );
                let _ = tx.send(Msg::Highlighted {
                    origin,
                    theme: label,
                    blocks: highlighted,
                });
            });
        if spawned.is_err() {
            tracing::error!("could not start a highlight thread");
        }
    }
}
