//! The status bar: where you are on the left, what you can do on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::truncate;
use crate::render::text_width;
use crate::theme::Paint;
use crate::tui::app::{App, Focus, Level};
use crate::tui::style::style;

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let s = &app.theme().slots;
    let base = Paint {
        fg: s.status_fg,
        bg: s.status_bg,
        ..Paint::default()
    };
    let width = usize::from(area.width);
    let (left, left_paint) = match &app.status {
        Some((message, Level::Warning)) => (
            format!(" ! {message}"),
            Paint {
                fg: s.warning.or(base.fg),
                bold: true,
                ..base
            },
        ),
        Some((message, Level::Info)) => (format!(" {message}"), base),
        None => (position(app), base),
    };
    // The left side may give up to 40% of the bar so that at least the help hint shows.
    let room = width.saturating_sub(text_width(&left).min(width * 6 / 10) + 2);
    let mut right = String::new();
    for (key, name) in app.keymap.hints(app.scope()) {
        let hint = format!("{key} {}  ", name.replace('_', " "));
        if text_width(&right) + text_width(&hint) > room {
            break;
        }
        right.push_str(&hint);
    }
    let left = truncate(&left, width.saturating_sub(text_width(&right)));
    let pad = width.saturating_sub(text_width(&left) + text_width(&right));
    let line = Line::from(vec![
        Span::styled(left, style(left_paint, app.depth)),
        Span::styled(" ".repeat(pad), style(base, app.depth)),
        Span::styled(
            right,
            style(
                Paint {
                    fg: s.muted.or(base.fg),
                    ..base
                },
                app.depth,
            ),
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The open note's path and scroll position, or the list's state.
fn position(app: &App) -> String {
    if let (crate::tui::app::Tab::Pins, Some(pins)) = (app.tab, app.pins.as_ref()) {
        let board = pins.board();
        let wiring = pins.selected_wiring().map_or("-", |w| w.id.as_str());
        let pin = pins
            .selected_pin()
            .map_or(String::new(), |i| board.pin_ref(i));
        return format!(
            " pins: {}  wiring {wiring}  {pin}  {} finding(s)",
            board.id,
            pins.findings.len()
        );
    }
    if let (crate::tui::app::Tab::Bench, Some(b)) = (app.tab, app.bench.as_ref()) {
        let input = b.current_input().map_or("-".to_string(), |i| {
            crate::sanitize::visible(&i.name).into_owned()
        });
        let on = b.variants.iter().filter(|(_, on)| *on).count();
        let state = if b.running.is_some() {
            "running"
        } else if b.report.is_some() {
            "done"
        } else {
            "ready"
        };
        return format!(" bench: {input}  {on} variant(s)  {state}");
    }
    if let (crate::tui::app::Tab::Manifest, Some(m)) = (app.tab, app.manifest.as_ref()) {
        let chosen = m.selection.as_ref().and_then(|s| s.chosen.as_ref());
        let choice = chosen.map_or("nothing matches".to_string(), |c| {
            format!("pulls {}", crate::manifest::tree::label(&c.path))
        });
        let line = format!(" manifest: {}  {}  {choice}", m.target, m.rows.len());
        return crate::sanitize::visible(&line).into_owned();
    }
    match (&app.reader, app.focus) {
        (Some(reader), _) => {
            let total = reader.rendered.lines.len();
            let height = super::Areas::new(app.size.0, app.size.1, app)
                .reader_text()
                .map_or(1, |r| usize::from(r.height).max(1));
            let bottom = (reader.scroll + height).min(total);
            let percent = if total <= height {
                100
            } else {
                bottom * 100 / total
            };
            let sideways = if reader.hscroll > 0 {
                format!(" →{}", reader.hscroll)
            } else {
                String::new()
            };
            format!(
                " {}  {}-{}/{} {percent}%{sideways}",
                reader.path,
                reader.scroll + 1,
                bottom,
                total
            )
        }
        (None, Focus::List) | (None, Focus::Reader) => format!(" {}", app.source.describe()),
    }
}
