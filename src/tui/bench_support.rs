//! A reader frame that benchmarks can draw repeatedly, through the real drawing code.

use std::cell::RefCell;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Focus};
use super::reader::Reader;
use crate::keymap::KeyMap;
use crate::notes::{NoteMeta, NoteText, Origin, Source};
use crate::render::Rendered;
use crate::theme::{self, ColorDepth};

/// The app with one rendered note open in the reader, and a test terminal to draw it on.
pub struct Frame {
    app: RefCell<App>,
    terminal: RefCell<Terminal<TestBackend>>,
}

impl Frame {
    /// A `width` x `height` screen showing `rendered` in truecolour.
    pub fn new(width: u16, height: u16, rendered: Rendered) -> Frame {
        let (themes, _) = theme::load_all(std::path::Path::new("/nonexistent"));
        let mut app = App::new(
            KeyMap::defaults(),
            themes,
            0,
            ColorDepth::TrueColor,
            Source::Bundled,
        );
        app.size = (width, height);
        app.indexing = false;
        app.focus = Focus::Reader;
        let meta = NoteMeta {
            origin: Origin::Bundled("bench.md"),
            path: "bench.md".into(),
            title: "bench".into(),
            date: None,
            tags: Vec::new(),
            pinned: false,
            fields: Default::default(),
            warnings: Vec::new(),
        };
        let text = NoteText {
            text: String::new(),
            warnings: Vec::new(),
        };
        let mut reader = Reader::new(&meta, text, 100, false, None);
        reader.rendered = rendered;
        app.reader = Some(reader);
        let terminal =
            Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| match e {});
        Frame {
            app: RefCell::new(app),
            terminal: RefCell::new(terminal),
        }
    }

    /// Draws the frame scrolled to `scroll`; returns the buffer's cell count.
    pub fn draw(&self, scroll: usize) -> usize {
        let mut app = self.app.borrow_mut();
        if let Some(reader) = app.reader.as_mut() {
            reader.scroll = scroll;
        }
        let mut terminal = self.terminal.borrow_mut();
        let app = &*app;
        match terminal.draw(|f| super::view::draw(f, app)) {
            Ok(done) => done.buffer.content.len(),
            Err(e) => match e {},
        }
    }
}
