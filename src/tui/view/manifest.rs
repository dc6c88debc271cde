//! The Manifest panel: the source and document, the entries with the chosen one marked, the
//! reasons, the findings, and a drilled entry's layers and config.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::list::truncate;
use crate::keymap::{Action, Scope};
use crate::manifest::media::short_name;
use crate::manifest::{Drilled, Group, Level as FindingLevel};
use crate::sanitize::visible;
use crate::theme::Paint;
use crate::tui::app::App;
use crate::tui::manifest::{ManifestInput, ManifestPanel};
use crate::tui::style::{bold, fg, highlighted, panel_block, style};

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, panel: &ManifestPanel, area: Rect) {
    let title = format!(" Manifest: {} ", visible(&panel.source));
    let block = panel_block(app, &title, area.width);
    let inside = block.inner(area);
    frame.render_widget(block, area);
    let head = header(app, panel);
    let head_rows = u16::try_from(head.len()).unwrap_or(u16::MAX);
    let [top, rest] =
        Layout::vertical([Constraint::Length(head_rows), Constraint::Fill(1)]).areas(inside);
    frame.render_widget(Paragraph::new(head), top);
    let body = table_body(app, panel, usize::from(rest.width));
    let table_rows = u16::try_from(body.len())
        .unwrap_or(u16::MAX)
        .saturating_add(1)
        .min(rest.height / 2 + 1);
    let fits = usize::from(table_rows.saturating_sub(1));
    let skip = panel.cursor.saturating_sub(fits.saturating_sub(1));
    let mut lines = vec![table_head(app)];
    lines.extend(body.into_iter().skip(skip).take(fits));
    let [table, below] =
        Layout::vertical([Constraint::Length(table_rows), Constraint::Fill(1)]).areas(rest);
    frame.render_widget(Paragraph::new(lines), table);
    frame.render_widget(
        Paragraph::new(details(app, panel)).wrap(Wrap { trim: false }),
        below,
    );
}

fn header<'a>(app: &App, panel: &'a ManifestPanel) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let muted = fg(app, s.muted);
    let accent = bold(app, s.accent);
    let mut lines = Vec::new();
    if let Some((kind, text)) = &panel.input {
        let label = match kind {
            ManifestInput::Platform => "target platform (empty: this host): ",
            ManifestInput::Source => "source (path, oci:DIR[:TAG], registry ref): ",
        };
        lines.push(Line::styled(format!("{label}{}▏", visible(text)), accent));
    }
    let host = if panel.from_host { " (this host)" } else { "" };
    let rules = match panel.rules {
        crate::manifest::Rules::Containerd => "containerd rules",
        crate::manifest::Rules::Literal => "literal matching",
    };
    lines.push(Line::styled(
        visible(&format!("target {}{host}, {rules}", panel.target)).into_owned(),
        accent,
    ));
    if let Some(progress) = &panel.progress {
        let warn = fg(app, s.warning);
        lines.push(Line::styled(
            format!(
                "… {} ({} cancels)",
                visible(progress),
                app.key(Scope::Manifest, Action::Back)
            ),
            warn,
        ));
    }
    if let Some(error) = &panel.error {
        let err = bold(app, s.error);
        lines.push(Line::styled(format!("E {}", visible(error)), err));
    }
    if let Some(ins) = &panel.inspection {
        let doc = &ins.root;
        let v = &doc.verification;
        let check = if v.expected.is_some() || v.header.is_some() {
            if v.ok { "verified" } else { "DIGEST MISMATCH" }
        } else {
            "not verified: nothing named a digest"
        };
        let kind = short_name(doc.document.media_type());
        lines.push(Line::styled(
            format!(
                "{kind}, {} bytes, {} ({check})",
                doc.document.bytes.len(),
                v.computed.short()
            ),
            muted,
        ));
    }
    lines
}

fn table_head(app: &App) -> Line<'static> {
    let s = &app.theme().slots;
    let head = bold(app, s.heading2);
    let text = format!(
        "  {:<6} {:<24} {:<15} {:>9}  {:<19} GROUP",
        "ENTRY", "PLATFORM", "TYPE", "SIZE", "DIGEST"
    );
    Line::styled(text, head)
}

fn table_body<'a>(app: &App, panel: &'a ManifestPanel, width: usize) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let Some(ins) = panel.inspection.as_ref() else {
        return Vec::new();
    };
    let chosen = panel
        .selection
        .as_ref()
        .and_then(|sel| sel.chosen.as_ref())
        .map(|c| c.path.clone());
    let mut lines = Vec::new();
    for (row, path) in panel.rows.iter().enumerate() {
        let Some(entry) = ins.root.entry(path) else {
            continue;
        };
        let d = &entry.descriptor;
        let platform = d
            .platform
            .as_ref()
            .map_or("-".to_string(), ToString::to_string);
        let indent = "  ".repeat(path.len().saturating_sub(1));
        let mark = if chosen.as_ref() == Some(path) {
            "▶"
        } else {
            " "
        };
        let group = match entry.group {
            Group::Runnable => "runnable".to_string(),
            Group::Attestation => match &entry.attests {
                Some(crate::manifest::tree::Link::To(i)) => format!("attests #{i}"),
                Some(crate::manifest::tree::Link::Dangling(_)) => "attests nothing!".to_string(),
                _ => "attestation".to_string(),
            },
            Group::Other => "other".to_string(),
            Group::NestedIndex => "nested index".to_string(),
        };
        let short = d.digest.split_once(':').map_or(d.digest.clone(), |(a, e)| {
            format!("{a}:{}", e.chars().take(12).collect::<String>())
        });
        let text = format!(
            "{mark} {:<6} {:<24} {:<15} {:>9}  {:<19} {group}",
            format!("{indent}{}", entry.label()),
            truncate(&platform, 24),
            truncate(short_name(&d.media_type), 15),
            d.size,
            truncate(&short, 19),
        );
        let mut paint = match entry.group {
            Group::Runnable => Paint {
                fg: s.text,
                ..Paint::default()
            },
            _ => Paint {
                fg: s.muted,
                ..Paint::default()
            },
        };
        if chosen.as_ref() == Some(path) {
            paint = Paint {
                fg: s.accent,
                bold: true,
                ..paint
            };
        }
        if row == panel.cursor {
            paint = highlighted(app, paint);
        }
        lines.push(Line::styled(
            truncate(&visible(&text), width),
            style(paint, app.depth),
        ));
    }
    lines
}

fn details<'a>(app: &App, panel: &'a ManifestPanel) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let heading = bold(app, s.heading2);
    let text = fg(app, s.text);
    let muted = fg(app, s.muted);
    let mut lines = Vec::new();
    if let Some((path, result)) = &panel.drilled {
        drilled_lines(app, path, result, &mut lines);
        return lines;
    }
    if let Some(sel) = &panel.selection {
        match &sel.chosen {
            Some(c) => lines.push(Line::styled(
                format!(
                    "chosen: {} rank {}",
                    crate::manifest::tree::label(&c.path),
                    c.rank.map_or("-".into(), |r| r.to_string())
                ),
                heading,
            )),
            None => lines.push(Line::styled(
                "no entry matches the target",
                bold(app, s.error),
            )),
        }
        if let Some(path) = panel.rows.get(panel.cursor)
            && let Some(entry) = panel.inspection.as_ref().and_then(|i| i.root.entry(path))
            && !entry.descriptor.annotations.is_empty()
        {
            let pairs: Vec<String> = entry
                .descriptor
                .annotations
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            lines.push(Line::styled(
                format!("annotations: {}", visible(&pairs.join(", "))),
                muted,
            ));
        }
        if let Some(path) = panel.rows.get(panel.cursor)
            && let Some(v) = sel.verdicts.iter().find(|v| &v.path == path)
        {
            lines.push(Line::styled(
                format!(
                    "{}: {}",
                    crate::manifest::tree::label(path),
                    visible(&v.reason)
                ),
                text,
            ));
        }
        if let Some(no_match) = &sel.no_match {
            lines.push(Line::styled(visible(no_match).into_owned(), text));
        }
    }
    if let Some(d) = &panel.disagreement {
        lines.push(Line::styled(visible(d).into_owned(), fg(app, s.warning)));
    }
    if let Some(ins) = &panel.inspection {
        lines.push(Line::styled(
            format!("Findings ({})", ins.findings.len()),
            heading,
        ));
        for f in &ins.findings {
            let (tag, slot) = match f.level {
                FindingLevel::Error => ("E", s.error),
                FindingLevel::Warning => ("W", s.warning),
                FindingLevel::Info => ("i", s.muted),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{tag} "), bold(app, slot)),
                Span::styled(visible(&f.message).into_owned(), text),
            ]));
        }
        if let Some(rate) = &ins.rate_limit {
            let text = format!(
                "registry rate limit: {} remaining of {}",
                rate.remaining, rate.limit
            );
            lines.push(Line::styled(visible(&text).into_owned(), muted));
        }
    }
    lines
}

fn drilled_lines<'a>(
    app: &App,
    path: &[usize],
    result: &Result<Drilled, String>,
    lines: &mut Vec<Line<'a>>,
) {
    let s = &app.theme().slots;
    let heading = bold(app, s.heading2);
    let text = fg(app, s.text);
    let label = crate::manifest::tree::label(path);
    match result {
        Err(e) => lines.push(Line::styled(
            format!("{label}: {}", visible(e)),
            fg(app, s.error),
        )),
        Ok(Drilled::Index(node)) => {
            lines.push(Line::styled(
                format!("{label}: an index of {} entries", node.entries.len()),
                heading,
            ));
        }
        Ok(Drilled::Image(view)) => {
            let ok = if view.verification.ok {
                "verified"
            } else {
                "DIGEST MISMATCH"
            };
            lines.push(Line::styled(
                format!(
                    "{label}: {} layers, {} bytes compressed ({ok})",
                    view.layers.len(),
                    view.layers_size
                ),
                heading,
            ));
            match &view.config {
                Ok(c) => {
                    let created = c.created.as_deref().unwrap_or("-");
                    let line = format!("config: {} created {created}", c.platform);
                    lines.push(Line::styled(visible(&line).into_owned(), text));
                }
                Err(e) => lines.push(Line::styled(format!("config: {}", visible(e)), text)),
            }
            for (i, layer) in view.layers.iter().enumerate() {
                let short = layer.digest.chars().take(19).collect::<String>();
                let line = format!(
                    "  layer {i}: {short} {} bytes {}",
                    layer.size,
                    short_name(&layer.media_type)
                );
                lines.push(Line::styled(visible(&line).into_owned(), text));
            }
            lines.push(Line::styled(
                format!("{} closes", app.key(Scope::Manifest, Action::Back)),
                fg(app, s.muted),
            ));
        }
    }
}
