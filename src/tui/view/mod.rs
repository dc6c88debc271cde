//! Drawing. Every function here takes the state by shared reference and only writes to the
//! frame: nothing is computed that the update step should own.

mod bench;
mod help;
mod list;

pub use list::truncate;
mod manifest;
mod pins;
pub mod reader;
mod status;
pub mod tabs;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::Paragraph;

use super::app::{App, Focus, Tab};

/// The smallest size the app draws its panes at.
pub const MIN_SIZE: (u16, u16) = (40, 10);
/// From this width the list and the reader sit side by side.
const SIDE_BY_SIDE: u16 = 70;

/// Where each part of the screen goes; a pure function of the size and the state, shared by
/// drawing, scrolling bounds and mouse hit-testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The note list, when shown.
    pub list: Option<Rect>,
    /// The reader, when shown.
    pub reader: Option<Rect>,
    /// The tab bar, when there is more than one tab.
    pub tabs: Option<Rect>,
    /// A panel's area (every tab but Notes).
    pub panel: Option<Rect>,
    /// The status bar.
    pub status: Rect,
    /// True when the window is below [`MIN_SIZE`].
    pub too_small: bool,
}

impl Areas {
    /// Lays out a `width` x `height` screen for `app`.
    pub fn new(width: u16, height: u16, app: &App) -> Areas {
        if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
            return Areas {
                too_small: true,
                ..Areas::default()
            };
        }
        let top = u16::from(app.tabs().len() > 1);
        let tabs = (top > 0).then(|| Rect::new(0, 0, width, 1));
        let body = Rect::new(0, top, width, height - 1 - top);
        let status = Rect::new(0, height - 1, width, 1);
        let base = Areas {
            tabs,
            status,
            ..Areas::default()
        };
        if app.tab != Tab::Notes {
            return Areas {
                panel: Some(body),
                ..base
            };
        }
        if width >= SIDE_BY_SIDE {
            let list_width = (width / 3).clamp(28, 48);
            let list = Rect {
                width: list_width,
                ..body
            };
            let reader = Rect {
                x: list_width,
                width: width - list_width,
                ..body
            };
            Areas {
                list: Some(list),
                reader: Some(reader),
                ..base
            }
        } else if app.focus == Focus::Reader && app.reader.is_some() {
            Areas {
                reader: Some(body),
                ..base
            }
        } else {
            Areas {
                list: Some(body),
                ..base
            }
        }
    }

    /// The reader's text area: inside the border, one column of padding on the left.
    pub fn reader_text(&self) -> Option<Rect> {
        self.reader.map(|r| {
            let inner = inner(r);
            Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            }
        })
    }

    /// Rows of the list's inside.
    pub fn list_rows(&self) -> usize {
        self.list.map_or(0, |r| usize::from(inner(r).height))
    }
}

/// The inside of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// How many rows the help screen has (for bounding its scrolling).
pub fn help_row_count(app: &App) -> usize {
    help::help_rows(&app.keymap, &app.warnings).len()
}

/// Rows each note takes in the list.
pub const LIST_ITEM_HEIGHT: usize = 2;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let size = frame.area();
    let areas = Areas::new(size.width, size.height, app);
    if areas.too_small {
        let text = format!("window too small\n(need {}x{})", MIN_SIZE.0, MIN_SIZE.1);
        let message = Paragraph::new(text).alignment(Alignment::Center);
        frame.render_widget(message, size);
        return;
    }
    if let Some(area) = areas.tabs {
        tabs::draw(frame, app, area);
    }
    if let (Some(area), Tab::Bench, Some(b)) = (areas.panel, app.tab, app.bench.as_ref()) {
        bench::draw(frame, app, b, area);
    }
    if let (Some(area), Tab::Pins, Some(pins)) = (areas.panel, app.tab, app.pins.as_ref()) {
        pins::draw(frame, app, pins, area);
    }
    if let (Some(area), Tab::Manifest, Some(m)) = (areas.panel, app.tab, app.manifest.as_ref()) {
        manifest::draw(frame, app, m, area);
    }
    if let Some(area) = areas.list {
        list::draw(frame, app, area);
    }
    if let Some(area) = areas.reader {
        reader::draw(frame, app, area);
    }
    status::draw(frame, app, areas.status);
    if let Some(scroll) = app.help {
        help::draw(frame, app, size, scroll);
    }
}

#[cfg(test)]
mod tests;
