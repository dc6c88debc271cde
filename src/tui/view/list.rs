//! The note list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{LIST_ITEM_HEIGHT, inner};
use crate::render::text_width;
use crate::theme::Paint;
use crate::tui::app::{App, Focus};
use crate::tui::style::{highlighted, pane_block, style};

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = app.theme();
    let s = &theme.slots;
    let focused = app.focus == Focus::List && app.help.is_none();
    let mut title = format!(" Notes {}/{} ", app.visible.len(), app.notes.len());
    if app.indexing {
        title.push_str("indexing… ");
    }
    let block = pane_block(app, title, focused);
    frame.render_widget(block, area);
    let inside = inner(area);
    let rows = usize::from(inside.height);
    let prompt_rows = usize::from(app.prompt || !app.filter.is_empty());
    let item_rows = rows.saturating_sub(prompt_rows);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (pos, &index) in app.visible.iter().enumerate().skip(app.list_offset) {
        if lines.len() + LIST_ITEM_HEIGHT > item_rows {
            break;
        }
        let note = &app.notes[index];
        let selected = pos == app.selected;
        lines.extend(item(app, note, selected, usize::from(inside.width)));
    }
    if app.visible.is_empty() && !app.indexing {
        let text = if app.filter.is_empty() {
            "no notes"
        } else {
            "nothing matches"
        };
        lines.push(Line::styled(text, style(theme.fg(|s| s.muted), app.depth)));
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: item_rows as u16,
            ..inside
        },
    );
    if prompt_rows > 0 {
        let y = inside.y + inside.height.saturating_sub(1);
        let cursor = if app.prompt { "▏" } else { "" };
        let text = format!("/{}{cursor}", crate::sanitize::visible(&app.filter));
        let paint = Paint {
            fg: s.accent,
            bold: app.prompt,
            ..Paint::default()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, style(paint, app.depth))),
            Rect {
                y,
                height: 1,
                ..inside
            },
        );
    }
}

fn item<'a>(
    app: &App,
    note: &'a crate::notes::NoteMeta,
    selected: bool,
    width: usize,
) -> [Line<'a>; 2] {
    let theme = app.theme();
    let s = &theme.slots;
    let mut base = Paint::default();
    if selected {
        base = highlighted(app, base);
    }
    let marker = if selected { "▌" } else { " " };
    let warn = if note.warnings.is_empty() { "" } else { "! " };
    let title_paint = Paint {
        bold: selected,
        fg: base.fg.or(s.text),
        ..base
    };
    let title = truncate(&note.title, width.saturating_sub(2 + warn.len()));
    let pad = width.saturating_sub(1 + warn.len() + text_width(&title));
    let first = Line::from(vec![
        Span::styled(
            marker,
            style(
                Paint {
                    fg: s.accent,
                    ..base
                },
                app.depth,
            ),
        ),
        Span::styled(
            warn,
            style(
                Paint {
                    fg: s.warning,
                    ..base
                },
                app.depth,
            ),
        ),
        Span::styled(title, style(title_paint, app.depth)),
        Span::styled(" ".repeat(pad), style(base, app.depth)),
    ]);
    let date = note.date.map(|d| d.day().to_string()).unwrap_or_default();
    let tags = note
        .tags
        .iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ");
    let meta = truncate(&format!("{date}  {tags}"), width.saturating_sub(2));
    let pad = width.saturating_sub(2 + text_width(&meta));
    let muted = Paint {
        fg: if selected { base.fg } else { s.muted },
        ..base
    };
    let second = Line::from(vec![
        Span::styled(
            format!("{marker} "),
            style(
                Paint {
                    fg: s.accent,
                    ..base
                },
                app.depth,
            ),
        ),
        Span::styled(meta, style(muted, app.depth)),
        Span::styled(" ".repeat(pad), style(base, app.depth)),
    ]);
    [first, second]
}

/// Cuts `text` to `width` cells, with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return crate::sanitize::visible(text).into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in crate::sanitize::visible(text).chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
