//! The help screen, generated from the key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::keymap::{KeyMap, Scope};
use crate::tui::app::App;
use crate::tui::style::{bold, fg};

/// The help text's rows: the warnings first, then a heading per scope (with its name for the
/// config's `[keys.NAME]`), then `keys  description (action name)` rows.
pub fn help_rows(keymap: &KeyMap, warnings: &[String]) -> Vec<(bool, String, String)> {
    let mut rows = Vec::new();
    if !warnings.is_empty() {
        rows.push((true, "Warnings".to_string(), String::new()));
        rows.extend(warnings.iter().map(|w| (false, "!".to_string(), w.clone())));
    }
    for scope in Scope::ALL {
        let bindings: Vec<_> = keymap
            .bindings()
            .iter()
            .filter(|b| b.scope == scope)
            .collect();
        if bindings.is_empty() {
            continue;
        }
        rows.push((
            true,
            format!("{} [keys.{}]", title(scope), scope.name()),
            String::new(),
        ));
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
            rows.push((
                false,
                keys.join(", "),
                format!("{} ({})", b.description, b.name),
            ));
        }
    }
    rows
}

fn title(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "Everywhere",
        Scope::List => "Note list",
        Scope::Reader => "Reader",
        Scope::Prompt => "Filter prompt (printable keys are typed)",
        Scope::Help => "This help",
        Scope::Bench => "Bench panel",
        Scope::Pins => "Pins panel",
        Scope::Manifest => "Manifest panel",
    }
}

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, screen: Rect, scroll: usize) {
    let s = &app.theme().slots;
    let width = screen.width.saturating_sub(4).min(90);
    let height = screen.height.saturating_sub(2);
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " Keys ({} closes) ",
            app.key(Scope::Help, crate::keymap::Action::Back)
        ))
        .border_style(bold(app, s.border_focus));
    let key_width = 22usize.min(usize::from(width) / 3);
    let lines: Vec<Line<'_>> = help_rows(&app.keymap, &app.warnings)
        .into_iter()
        .skip(scroll)
        .map(|(heading, keys, description)| {
            if heading {
                Line::styled(keys, bold(app, s.heading2))
            } else {
                Line::from(vec![
                    Span::styled(format!("  {keys:<key_width$} "), fg(app, s.accent)),
                    Span::styled(
                        crate::sanitize::visible(&description).into_owned(),
                        fg(app, s.text),
                    ),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
