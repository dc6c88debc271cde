//! The tab bar: each tab with the number that switches to it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::theme::Paint;
use crate::tui::app::App;
use crate::tui::style::style;

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let s = &app.theme().slots;
    let mut spans = Vec::new();
    for (i, tab) in app.tabs().into_iter().enumerate() {
        let active = tab == app.tab;
        let paint = if active {
            Paint {
                fg: s.selection_fg,
                bg: s.selection_bg,
                bold: true,
                reverse: app.depth == crate::theme::ColorDepth::None,
                ..Paint::default()
            }
        } else {
            Paint {
                fg: s.muted,
                ..Paint::default()
            }
        };
        let mark = if active { "▸" } else { " " };
        spans.push(Span::styled(
            format!("{mark}{} {} ", i + 1, tab.title()),
            style(paint, app.depth),
        ));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
