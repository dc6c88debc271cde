//! The Pins panel: the board drawn with its pins classed (letter and colour), the shown
//! wiring's signals on their pins, the selected pin's details, the checks and the constructor
//! line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::list::truncate;
use crate::keymap::{Action, Scope};
use crate::pins::checks::Level as FindingLevel;
use crate::pins::labels;
use crate::pins::layout::{Arrangement, PinClass};
use crate::pins::panels;
use crate::theme::{Color, Paint, Slots};
use crate::tui::app::App;
use crate::tui::pins::{PinInput, PinsPanel};
use crate::tui::style::{bold, fg, highlighted, panel_block, style};

const DRAWING_WIDTH: u16 = 44;

/// Known shortcoming: below about 80x24 the right column cuts off the checks and the
/// constructor line, and nothing scrolls it.
pub(super) fn draw(frame: &mut Frame<'_>, app: &App, pins: &PinsPanel, area: Rect) {
    let board = pins.board();
    let title = format!(" {} [{}] ", board.name, board.id);
    let block = panel_block(app, &title, area.width);
    let inside = block.inner(area);
    frame.render_widget(block, area);
    let head = header_lines(app, pins, usize::from(inside.width));
    let head_rows = u16::try_from(head.len())
        .unwrap_or(u16::MAX)
        .min(inside.height / 3);
    let [top, rest] =
        Layout::vertical([Constraint::Length(head_rows), Constraint::Fill(1)]).areas(inside);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), top);
    let left_width = DRAWING_WIDTH.min(rest.width / 2 + 4);
    let left = Rect {
        width: left_width,
        ..rest
    };
    let right = Rect {
        x: rest.x + left_width + 1,
        width: rest.width.saturating_sub(left_width + 1),
        ..rest
    };
    // The drawing is cut at the edge so its rows stay aligned; the legend below it wraps.
    let [rows, key] = Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(left);
    frame.render_widget(Paragraph::new(drawing(app, pins, rows.height)), rows);
    frame.render_widget(
        Paragraph::new(legend(app, pins)).wrap(Wrap { trim: false }),
        key,
    );
    frame.render_widget(
        Paragraph::new(details(app, pins)).wrap(Wrap { trim: false }),
        right,
    );
}

fn header_lines<'a>(app: &App, pins: &'a PinsPanel, width: usize) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let muted = fg(app, s.muted);
    let mut lines = Vec::new();
    if let Some((kind, text)) = &pins.input {
        let label = match kind {
            PinInput::Search => "find pin: ".to_string(),
            PinInput::Assign => format!("your wiring (the board's: {}): ", pins.wiring_text()),
        };
        let prompt = Paint {
            fg: s.accent,
            bold: true,
            ..Paint::default()
        };
        let shown = format!("{label}{}▏", crate::sanitize::visible(text));
        lines.push(Line::styled(shown, style(prompt, app.depth)));
    }
    let wiring = match (&pins.user, pins.selected_wiring()) {
        (Some((_, text)), Some(w)) => format!("your wiring {text} (board wiring `{}`)", w.id),
        (Some((_, text)), None) => format!("your wiring {text}"),
        (None, Some(w)) => format!(
            "wiring `{}`: {} ({} of {})",
            w.id,
            w.name,
            pins.wiring.unwrap_or(0) + 1,
            pins.board().wirings.len()
        ),
        (None, None) => format!(
            "no wiring: press {} to check your own",
            app.key(Scope::Pins, Action::EditWiring)
        ),
    };
    lines.push(Line::styled(
        crate::sanitize::visible(&wiring).into_owned(),
        bold(app, s.accent),
    ));
    let warn = bold(app, s.warning);
    for revision in &pins.revisions {
        lines.push(Line::styled(
            crate::sanitize::visible(revision).into_owned(),
            warn,
        ));
    }
    if let Some(w) = pins.selected_wiring().filter(|_| pins.user.is_none()) {
        let source = format!("source: {}", crate::sanitize::visible(&w.source));
        lines.push(Line::styled(truncate(&source, width), muted));
    }
    lines.push(Line::styled(
        crate::sanitize::visible(&pins.reason).into_owned(),
        muted,
    ));
    lines
}

/// The colour slot for a pin class; the letter carries the class without colour.
fn class_color(class: PinClass, s: &Slots) -> Option<Color> {
    match class {
        PinClass::Power3v3 | PinClass::Power5v | PinClass::Flash => s.error,
        PinClass::Ground | PinClass::Special => s.muted,
        PinClass::Strapping | PinClass::Eeprom => s.warning,
        PinClass::Spi => s.heading2,
        PinClass::I2c => s.heading3,
        PinClass::Uart => s.link,
        PinClass::Gpio => s.accent,
    }
}

fn pin_tag(pins: &PinsPanel, index: usize) -> String {
    let wiring = pins.shown_wiring();
    let names: Vec<&str> = wiring
        .map(|w| w.signals_on(index).map(|s| s.name.as_str()).collect())
        .unwrap_or_default();
    let worst = pins
        .findings
        .iter()
        .filter(|f| f.pin == Some(index))
        .map(|f| f.level)
        .min();
    let mark = match worst {
        Some(FindingLevel::Error) => "!E",
        Some(FindingLevel::Warning) => "!W",
        _ => "",
    };
    let star = if pins.revision_pins.contains(&index) {
        "*"
    } else {
        ""
    };
    format!("{}{star}{mark}", crate::sanitize::visible(&names.join("+")))
}

fn drawing<'a>(app: &App, pins: &'a PinsPanel, height: u16) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let board = pins.board();
    let selected = pins.selected_pin();
    let cell = |index: usize, left: bool| -> Vec<Span<'a>> {
        let pin = &board.pins[index];
        let class = PinClass::of(pin);
        let mut paint = Paint {
            fg: class_color(class, s),
            ..Paint::default()
        };
        if Some(index) == selected {
            paint = highlighted(
                app,
                Paint {
                    bold: true,
                    ..paint
                },
            );
        }
        let number = pin
            .physical
            .map_or(String::from("  "), |p| format!("{p:>2}"));
        let tag = pin_tag(pins, index);
        let chosen = Some(index) == selected;
        let signal = Paint {
            fg: s.warning,
            bold: true,
            ..Paint::default()
        };
        if left {
            vec![
                Span::styled(
                    format!("{tag:>7}{}", if chosen { '>' } else { ' ' }),
                    style(signal, app.depth),
                ),
                Span::styled(
                    format!("{:>8} {}({number})", truncate(&pin.name, 8), class.letter()),
                    style(paint, app.depth),
                ),
            ]
        } else {
            vec![
                Span::styled(
                    format!(
                        " ({number}){} {:<8}",
                        class.letter(),
                        truncate(&pin.name, 8)
                    ),
                    style(paint, app.depth),
                ),
                Span::styled(
                    format!("{}{tag}", if chosen { '<' } else { ' ' }),
                    style(signal, app.depth),
                ),
            ]
        }
    };
    let lines: Vec<Line<'a>> = match &pins.arrangement {
        Arrangement::Header { rows } => rows
            .iter()
            .map(|&(l, r)| {
                let mut spans = cell(l, true);
                spans.extend(cell(r, false));
                Line::from(spans)
            })
            .collect(),
        Arrangement::List { pins: list } => list
            .iter()
            .map(|&i| {
                let pin = &board.pins[i];
                let class = PinClass::of(pin);
                let mut paint = Paint {
                    fg: class_color(class, s),
                    ..Paint::default()
                };
                if Some(i) == selected {
                    paint = highlighted(
                        app,
                        Paint {
                            bold: true,
                            ..paint
                        },
                    );
                }
                let also = truncate(&pin.labels.join(" "), 12);
                let signal = Paint {
                    fg: s.warning,
                    bold: true,
                    ..Paint::default()
                };
                let mark = if Some(i) == selected { '>' } else { ' ' };
                Line::from(vec![
                    Span::styled(
                        format!(
                            "{mark}{} {:<7} {also:<12}",
                            class.letter(),
                            truncate(&pin.name, 7)
                        ),
                        style(paint, app.depth),
                    ),
                    Span::styled(format!(" {}", pin_tag(pins, i)), style(signal, app.depth)),
                ])
            })
            .collect(),
    };
    let rows = usize::from(height).max(1);
    let selected_row = match pins.arrangement {
        Arrangement::Header { .. } => pins.pin / 2,
        Arrangement::List { .. } => pins.pin,
    };
    let skip = selected_row.saturating_sub(rows.saturating_sub(1));
    lines.into_iter().skip(skip).take(rows).collect()
}

/// What the class letters mean, for the board's pins.
fn legend(app: &App, pins: &PinsPanel) -> Line<'static> {
    let classes = crate::pins::layout::legend(pins.board());
    let parts: Vec<String> = classes
        .iter()
        .map(|c| format!("{} {}", c.letter(), c.label()))
        .collect();
    Line::styled(parts.join(", "), fg(app, app.theme().slots.muted))
}

fn details<'a>(app: &App, pins: &'a PinsPanel) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let depth = app.depth;
    let heading = bold(app, s.heading2);
    let text = fg(app, s.text);
    let muted = fg(app, s.muted);
    let board = pins.board();
    let mut lines = Vec::new();
    if let Some(index) = pins.selected_pin() {
        let pin = &board.pins[index];
        lines.push(Line::styled(
            crate::sanitize::visible(&labels::aliases(board, index).join(" · ")).into_owned(),
            heading,
        ));
        lines.push(Line::styled(
            format!(
                "{} ({})",
                PinClass::of(pin).label(),
                PinClass::of(pin).letter()
            ),
            muted,
        ));
        for f in &pin.functions {
            lines.push(Line::styled(
                format!(
                    "  {} {}",
                    f.group.label(),
                    crate::sanitize::visible(&f.name)
                ),
                text,
            ));
        }
        if let Some(w) = pins.shown_wiring() {
            for sig in w.signals_on(index) {
                lines.push(Line::styled(
                    format!(
                        "  signal {} ({})",
                        crate::sanitize::visible(&sig.name),
                        sig.direction.label()
                    ),
                    text,
                ));
            }
        }
        for note in &pin.notes {
            lines.push(Line::styled(
                format!("  {}", crate::sanitize::visible(note)),
                muted,
            ));
        }
        lines.push(Line::raw(""));
    }
    constructor_lines(app, pins, &mut lines);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Checks ({})", pins.findings.len()),
        heading,
    ));
    for f in &pins.findings {
        let slot = match f.level {
            FindingLevel::Error => s.error,
            FindingLevel::Warning => s.warning,
            FindingLevel::Info => s.muted,
        };
        let paint = Paint {
            fg: slot,
            bold: f.level == FindingLevel::Error,
            ..Paint::default()
        };
        lines.push(Line::styled(
            format!("{} {}", f.level.tag(), crate::sanitize::visible(&f.message)),
            style(paint, depth),
        ));
        lines.push(Line::styled(
            format!("  {}", crate::sanitize::visible(&f.reason)),
            muted,
        ));
    }
    if pins.findings.is_empty() {
        lines.push(Line::styled("no problems found", muted));
    }
    lines
}

fn constructor_lines<'a>(app: &App, pins: &'a PinsPanel, lines: &mut Vec<Line<'a>>) {
    let s = &app.theme().slots;
    let heading = bold(app, s.heading2);
    let code = style(
        Paint {
            fg: s.inline_code,
            bg: s.code_bg,
            ..Paint::default()
        },
        app.depth,
    );
    let panel = pins.panel.map(|i| &panels::PANELS[i]);
    let Some(panel) = panel else {
        lines.push(Line::styled(
            format!(
                "Constructor: press {} to pick a display panel",
                app.key(Scope::Pins, Action::NextPanel)
            ),
            heading,
        ));
        return;
    };
    let confirmed = if panel.confirmed {
        ""
    } else {
        " (unconfirmed mapping)"
    };
    lines.push(Line::styled(
        format!("Constructor for {} [{}]{confirmed}", panel.name, panel.id),
        heading,
    ));
    match &pins.constructor {
        Some(Ok(c)) => {
            lines.push(Line::styled(c.include.clone(), code));
            lines.push(Line::styled(c.line.clone(), code));
            for setup in &c.setup {
                lines.push(Line::styled(setup.clone(), code));
            }
        }
        Some(Err(e)) => lines.push(Line::styled(e.clone(), fg(app, s.warning))),
        None => {}
    }
}
