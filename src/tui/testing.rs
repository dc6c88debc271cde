//! Helpers for the TUI's tests: an app over the bundled notes, and a screen as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::App;
use super::event::Msg;
use super::update::{Effect, update};
use crate::keymap::KeyMap;
use crate::notes::{self, Source, discover::Found};
use crate::theme::{self, ColorDepth};

/// An app over the bundled notes at `width` x `height`, without colour.
pub fn app(width: u16, height: u16) -> App {
    let (themes, _) = theme::load_all(std::path::Path::new("/nonexistent"));
    let dark = themes.iter().position(|t| t.name == "dark").unwrap_or(0);
    let mut app = App::new(
        KeyMap::defaults(),
        themes,
        dark,
        ColorDepth::None,
        Source::Bundled,
    );
    app.size = (width, height);
    app.pins = Some(super::pins::PinsPanel::new(std::path::Path::new(
        "/nonexistent",
    )));
    app.manifest = Some(super::manifest::ManifestPanel::with_sample());
    app.bench = Some(super::bench::BenchPanel::new(std::path::Path::new(
        "/nonexistent",
    )));
    update(&mut app, Msg::Index(0, Found::Notes(notes::bundled())));
    update(
        &mut app,
        Msg::Index(
            0,
            Found::Done {
                count: 12,
                elapsed: Default::default(),
            },
        ),
    );
    app
}

/// Sends a key by its config name (`j`, `Enter`, `Ctrl-c`).
pub fn press(app: &mut App, key: &str) -> Vec<Effect> {
    let key = crate::keymap::Key::parse(key).expect("test key parses");
    let event = crossterm::event::KeyEvent::new(key.code, key.modifiers);
    update(app, Msg::Key(event))
}

/// Types text into whatever takes it.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &c.to_string());
    }
}

/// Draws the app and returns the screen as lines of text.
pub fn screen(app: &App) -> Vec<String> {
    let backend = TestBackend::new(app.size.0, app.size.1);
    let mut terminal = Terminal::new(backend).expect("test terminal");
    terminal.draw(|f| super::view::draw(f, app)).expect("draws");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            for x in 0..buffer.area.width {
                line.push_str(buffer[(x, y)].symbol());
            }
            line.trim_end().to_string()
        })
        .collect()
}
