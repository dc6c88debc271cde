//! Messages into the update step, and the thread that reads the terminal.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, sync_channel};
use std::time::Duration;

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

use crate::notes::{Origin, discover::Found};
use crate::render::Highlighted;

/// Everything that can change the app's state.
#[derive(Debug)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse did something (only while captured).
    Mouse(MouseEvent),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// The note index of a generation found something.
    Index(u64, Found),
    /// A job thread panicked.
    JobFailed {
        /// Which job.
        job: String,
        /// The panic's message.
        message: String,
    },
    /// A note's code blocks were highlighted with a code theme.
    Highlighted {
        /// The note.
        origin: Origin,
        /// The code theme's label.
        theme: String,
        /// One entry per code block.
        blocks: Vec<Option<Arc<Highlighted>>>,
    },
    /// A benchmark run reported.
    Bench(super::bench::BenchMsg),
    /// A manifest job reported.
    Manifest(super::manifest::ManifestMsg),
    /// The terminal can no longer be read; the app ends.
    InputClosed(String),
    /// `$EDITOR` has returned (with an error message if it could not run).
    Edited(Option<String>),
}

/// Reads terminal events on its own thread and forwards them. It polls with a timeout only so
/// it can be paused while `$EDITOR` owns the terminal; the UI thread itself sleeps until a
/// message arrives.
pub struct InputThread {
    paused: Arc<AtomicBool>,
    ack: Receiver<()>,
}

impl InputThread {
    /// Starts the thread.
    pub fn spawn(tx: Sender<Msg>) -> std::io::Result<InputThread> {
        let paused = Arc::new(AtomicBool::new(false));
        let (ack_tx, ack) = sync_channel(1);
        let flag = paused.clone();
        std::thread::Builder::new()
            .name("input".into())
            .spawn(move || read_loop(&tx, &flag, &ack_tx))?;
        Ok(InputThread { paused, ack })
    }

    /// Stops reading and waits until the thread has let go of the terminal.
    pub fn pause(&self) {
        // An acknowledgement left over from an earlier pause must not count for this one.
        while self.ack.try_recv().is_ok() {}
        self.paused.store(true, Ordering::SeqCst);
        let _ = self.ack.recv_timeout(Duration::from_secs(1));
    }

    /// Starts reading again.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

fn read_loop(tx: &Sender<Msg>, paused: &AtomicBool, ack: &SyncSender<()>) {
    loop {
        if paused.load(Ordering::SeqCst) {
            let _ = ack.try_send(());
            std::thread::park_timeout(Duration::from_millis(50));
            continue;
        }
        match crossterm::event::poll(Duration::from_millis(200)) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                let _ = tx.send(Msg::InputClosed(e.to_string()));
                return;
            }
        }
        let msg = match crossterm::event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => Msg::Key(key),
            Ok(Event::Mouse(mouse))
                if !matches!(mouse.kind, MouseEventKind::Moved | MouseEventKind::Drag(_)) =>
            {
                Msg::Mouse(mouse)
            }
            Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
            Ok(_) => continue,
            Err(e) => {
                let _ = tx.send(Msg::InputClosed(e.to_string()));
                return;
            }
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}
