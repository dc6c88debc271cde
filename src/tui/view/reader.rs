//! The reader pane: rows of the rendered note from the scroll position, drawn straight into
//! the buffer so that a frame costs only the rows in view.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use super::{Areas, inner, list::truncate};
use crate::render::{Line, LineKind, Role};
use crate::theme::{Paint, Theme};
use crate::tui::app::{App, Focus};
use crate::tui::style::{pane_block, style};

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = app.theme();
    let focused = app.focus == Focus::Reader && app.help.is_none();
    let title = app.reader.as_ref().map_or(String::new(), |r| {
        let mode = if r.source_view { " (source)" } else { "" };
        format!(
            " {}{mode} ",
            truncate(&r.title, usize::from(area.width.saturating_sub(14)))
        )
    });
    let block = pane_block(app, title, focused);
    frame.render_widget(block, area);
    let Some(reader) = app.reader.as_ref() else {
        let text = if app.indexing {
            "reading notes…"
        } else {
            "no note open"
        };
        let muted = style(theme.fg(|s| s.muted), app.depth);
        frame.render_widget(Paragraph::new(text).style(muted), inner(area));
        return;
    };
    let Some(mut text_area) = Areas::new(app.size.0, app.size.1, app).reader_text() else {
        return;
    };
    text_area = text_area.intersection(inner(area));
    let buf = frame.buffer_mut();
    let mut y = text_area.y;
    for warning in &reader.warnings {
        if y >= text_area.bottom() {
            return;
        }
        let paint = theme.paint(&crate::render::Style::of(Role::Warning));
        let text = format!(
            "! {}",
            truncate(warning, usize::from(text_area.width.saturating_sub(2)))
        );
        buf.set_stringn(
            text_area.x,
            y,
            text,
            usize::from(text_area.width),
            style(paint, app.depth),
        );
        y += 1;
    }
    let rows = usize::from(text_area.bottom().saturating_sub(y));
    for line in reader.rendered.lines.iter().skip(reader.scroll).take(rows) {
        let row = Rect {
            y,
            height: 1,
            ..text_area
        };
        draw_line(buf, row, line, theme, app, reader.hscroll);
        y += 1;
    }
}

/// Draws one rendered row. Code rows get the code background across the row and are shifted
/// left by `hscroll` columns after their prefix.
fn draw_line(buf: &mut Buffer, row: Rect, line: &Line, theme: &Theme, app: &App, hscroll: usize) {
    let is_code = matches!(line.kind, LineKind::Code { .. });
    if is_code {
        let bg = theme.paint(&crate::render::Style::of(Role::Code));
        buf.set_style(row, style(Paint { fg: None, ..bg }, app.depth));
    }
    let skip_from = if is_code {
        line.prefix_width
    } else {
        usize::MAX
    };
    let mut column = 0usize;
    let mut x = row.x;
    let mut last_cell: Option<u16> = None;
    for span in &line.spans {
        let paint = theme.paint(&span.style);
        let span_style: Style = style(paint, app.depth);
        for c in span.text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            let skipped = column >= skip_from && column < skip_from + hscroll;
            column += w;
            if skipped {
                continue;
            }
            if w == 0 {
                // Combining marks and joiners belong to the character before them. Known
                // shortcoming: an emoji ZWJ sequence still takes the width of all its parts.
                if let Some(at) = last_cell {
                    let cell = &mut buf[(at, row.y)];
                    let joined = format!("{}{c}", cell.symbol());
                    cell.set_symbol(&joined);
                }
                continue;
            }
            if x + w as u16 > row.right() {
                return;
            }
            let mut tmp = [0u8; 4];
            buf.set_stringn(x, row.y, c.encode_utf8(&mut tmp), w, span_style);
            last_cell = Some(x);
            x += w as u16;
        }
    }
}

/// A link on screen: where its text is drawn, and where it points.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkCell {
    /// Column of the first character.
    pub x: u16,
    /// Row.
    pub y: u16,
    /// The visible text (already made safe).
    pub text: String,
    /// The target, stripped of control characters.
    pub url: std::sync::Arc<str>,
    /// How the text is painted.
    pub paint: Paint,
}

/// The links in view, for OSC 8 hyperlinks: the loop rewrites these cells with the link
/// attribute after each frame (ratatui's cells cannot hold the escape sequence themselves).
pub fn visible_links(app: &App) -> Vec<LinkCell> {
    let mut out = Vec::new();
    let (Some(reader), Some(area)) = (
        app.reader.as_ref(),
        super::Areas::new(app.size.0, app.size.1, app).reader_text(),
    ) else {
        return out;
    };
    if reader.source_view {
        return out;
    }
    let top = area.y + reader.warnings.len() as u16;
    let rows = usize::from(area.bottom().saturating_sub(top));
    for (i, line) in reader
        .rendered
        .lines
        .iter()
        .skip(reader.scroll)
        .take(rows)
        .enumerate()
    {
        if line.kind != LineKind::Text {
            continue;
        }
        let mut x = area.x;
        for span in &line.spans {
            let width = crate::render::text_width(&span.text) as u16;
            let fits = x + width <= area.right();
            if let Some(url) = span
                .link
                .as_ref()
                .filter(|u| fits && crate::print::linkable(u))
            {
                let paint = app.theme().paint(&span.style);
                out.push(LinkCell {
                    x,
                    y: top + i as u16,
                    text: span.text.clone(),
                    url: url.clone(),
                    paint,
                });
            }
            x += width;
        }
    }
    out
}
