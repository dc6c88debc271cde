//! The tab bar: each tab with the number that switches to it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::theme::Paint;
use crate::tui::app::{App, Tab};
use crate::tui::style::{highlighted, style};

/// Each tab's label and the columns it covers, shared by drawing and mouse clicks.
pub fn labels(app: &App) -> Vec<(Tab, String, std::ops::Range<u16>)> {
    let mut x = 0u16;
    let mut out = Vec::new();
    for (i, tab) in app.tabs().into_iter().enumerate() {
        let mark = if tab == app.tab { "▸" } else { " " };
        let number = u8::try_from(i + 1).unwrap_or(u8::MAX);
        let key = app.key(
            crate::keymap::Scope::Global,
            crate::keymap::Action::Tab(number),
        );
        let label = format!("{mark}{key} {} ", tab.title());
        let width = crate::render::text_width(&label) as u16;
        out.push((tab, label, x..x + width));
        x += width + 1;
    }
    out
}

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let s = &app.theme().slots;
    let mut spans = Vec::new();
    for (tab, label, _) in labels(app) {
        let active = tab == app.tab;
        let paint = if active {
            highlighted(
                app,
                Paint {
                    bold: true,
                    ..Paint::default()
                },
            )
        } else {
            Paint {
                fg: s.muted,
                ..Paint::default()
            }
        };
        spans.push(Span::styled(label, style(paint, app.depth)));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
