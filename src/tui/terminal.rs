//! The terminal's lifecycle: raw mode and the alternate screen on start; everything restored on
//! quit, on error (the session's `Drop`) and on panic (a hook), including mouse capture; and a
//! clean suspend around `$EDITOR`.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::DefaultTerminal;

use super::app::App;

static MOUSE_ON: AtomicBool = AtomicBool::new(false);

/// The terminal while the TUI owns it.
pub struct Session {
    terminal: DefaultTerminal,
}

impl Session {
    /// Takes over the terminal.
    pub fn start(mouse: bool) -> io::Result<Session> {
        let terminal = ratatui::try_init()?;
        let previous = std::panic::take_hook();
        // Only a panic of the UI thread ends the app; job threads are guarded and report back
        // (see `jobs::spawn_guarded`), so their panics must not tear the terminal down.
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some("main") {
                release_mouse();
                previous(info);
            } else {
                tracing::error!("{info}");
            }
        }));
        let mut session = Session { terminal };
        session.set_mouse(mouse);
        Ok(session)
    }

    /// The terminal's size as (columns, rows).
    pub fn size(&self) -> io::Result<(u16, u16)> {
        let size = self.terminal.size()?;
        Ok((size.width, size.height))
    }

    /// Draws a frame.
    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        let drawn = self
            .terminal
            .draw(|frame| super::view::draw(frame, app))?
            .area;
        // Links are placed by the app's idea of the size; when the terminal already has another
        // size, a resize message is on its way and the next frame places them.
        let current = (drawn.width, drawn.height) == app.size;
        if current && app.hyperlinks && app.help.is_none() && app.tab == super::app::Tab::Notes {
            self.overlay_links(app)?;
        }
        Ok(())
    }

    /// Rewrites the links in view with the OSC 8 hyperlink attribute.
    fn overlay_links(&mut self, app: &App) -> io::Result<()> {
        let links = super::view::reader::visible_links(app);
        if links.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        for link in links {
            let sgr = crate::print::sgr(&link.paint, app.depth);
            queue!(out, cursor::MoveTo(link.x, link.y))?;
            write!(
                out,
                "{sgr}\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\\x1b[0m",
                link.url, link.text
            )?;
        }
        out.flush()
    }

    /// Captures the mouse or gives it back.
    pub fn set_mouse(&mut self, on: bool) {
        let result = if on {
            execute!(io::stdout(), EnableMouseCapture)
        } else {
            execute!(io::stdout(), DisableMouseCapture)
        };
        if result.is_ok() {
            MOUSE_ON.store(on, Ordering::SeqCst);
        }
    }

    /// Puts `text` on the clipboard with OSC 52 (the terminal may ignore it).
    pub fn copy(&mut self, text: &str) {
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let mut out = io::stdout();
        let _ = write!(out, "\x1b]52;c;{encoded}\x07");
        let _ = out.flush();
    }

    /// Gives the terminal to `$VISUAL`/`$EDITOR` (else `vi`) on `path` at `line`, then takes it
    /// back.
    pub fn suspend_for_editor(&mut self, path: &Path, line: usize) -> Result<(), String> {
        let mouse = MOUSE_ON.load(Ordering::SeqCst);
        leave();
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "vi".into());
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi").to_string();
        let status = std::process::Command::new(&program)
            .args(words)
            .arg(format!("+{line}"))
            .arg(path)
            .status();
        let back = enable_raw_mode()
            .and_then(|()| execute!(io::stdout(), EnterAlternateScreen, cursor::Hide));
        let _ = self.terminal.clear();
        self.set_mouse(mouse);
        back.map_err(|e| format!("terminal: {e}"))?;
        match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!("{program} exited with {s}")),
            Err(e) => Err(format!("could not run {program}: {e}")),
        }
    }
}

fn release_mouse() {
    if MOUSE_ON.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
}

fn leave() {
    release_mouse();
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
}

impl Drop for Session {
    fn drop(&mut self) {
        release_mouse();
        ratatui::restore();
    }
}
