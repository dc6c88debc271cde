//! Theme paint to ratatui styles, through the colour depth.

use ratatui::style::{Color as TuiColor, Modifier, Style};

use crate::theme::{Color, ColorDepth, Paint};

/// The ratatui style for `paint` at `depth`.
pub fn style(paint: Paint, depth: ColorDepth) -> Style {
    let mut style = Style::default();
    if let Some(fg) = paint.fg.and_then(|c| depth.map(c)) {
        style = style.fg(color(fg));
    }
    if let Some(bg) = paint.bg.and_then(|c| depth.map(c)) {
        style = style.bg(color(bg));
    }
    let mut modifiers = Modifier::empty();
    for (on, m) in [
        (paint.bold, Modifier::BOLD),
        (paint.italic, Modifier::ITALIC),
        (paint.underline, Modifier::UNDERLINED),
        (paint.dim, Modifier::DIM),
        (paint.strike, Modifier::CROSSED_OUT),
        (paint.reverse, Modifier::REVERSED),
    ] {
        if on {
            modifiers |= m;
        }
    }
    style.add_modifier(modifiers)
}

/// ANSI colours become ratatui's named colours, so a 16-colour console gets SGR 30-37/90-97.
fn color(c: Color) -> TuiColor {
    const NAMED: [TuiColor; 16] = [
        TuiColor::Black,
        TuiColor::Red,
        TuiColor::Green,
        TuiColor::Yellow,
        TuiColor::Blue,
        TuiColor::Magenta,
        TuiColor::Cyan,
        TuiColor::Gray,
        TuiColor::DarkGray,
        TuiColor::LightRed,
        TuiColor::LightGreen,
        TuiColor::LightYellow,
        TuiColor::LightBlue,
        TuiColor::LightMagenta,
        TuiColor::LightCyan,
        TuiColor::White,
    ];
    match c {
        Color::Ansi(n) => NAMED[usize::from(n & 15)],
        Color::Indexed(n) => TuiColor::Indexed(n),
        Color::Rgb(r, g, b) => TuiColor::Rgb(r, g, b),
    }
}

/// Text in a theme colour, at the app's depth.
pub fn fg(app: &crate::tui::app::App, color: Option<Color>) -> Style {
    style(
        Paint {
            fg: color,
            ..Paint::default()
        },
        app.depth,
    )
}

/// Bold text in a theme colour, at the app's depth.
pub fn bold(app: &crate::tui::app::App, color: Option<Color>) -> Style {
    style(
        Paint {
            fg: color,
            bold: true,
            ..Paint::default()
        },
        app.depth,
    )
}

/// The bordered block a panel sits in, with its title cut to fit.
pub fn panel_block(
    app: &crate::tui::app::App,
    title: &str,
    width: u16,
) -> ratatui::widgets::Block<'static> {
    let title = crate::tui::view::truncate(title, usize::from(width.saturating_sub(4)));
    ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .title(title)
        .border_style(bold(app, app.theme().slots.border_focus))
}

/// `paint` as the selected row: the theme's selection colours, and reversed video when there
/// is no colour at all, so the selection shows on any terminal.
pub fn highlighted(app: &crate::tui::app::App, paint: Paint) -> Paint {
    let s = &app.theme().slots;
    Paint {
        fg: s.selection_fg,
        bg: s.selection_bg,
        reverse: app.depth == ColorDepth::None,
        ..paint
    }
}

/// The bordered block of the list or the reader; the focused one has the focus colour.
pub fn pane_block(
    app: &crate::tui::app::App,
    title: String,
    focused: bool,
) -> ratatui::widgets::Block<'static> {
    let s = &app.theme().slots;
    let border = if focused { s.border_focus } else { s.border };
    let paint = Paint {
        fg: border,
        bold: focused,
        ..Paint::default()
    };
    ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .title(title)
        .border_style(style(paint, app.depth))
}
