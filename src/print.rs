//! Writing rendered notes to a plain output stream, with ANSI colours when asked.
//!
//! Used by `notebench read`. Colours pass through the colour depth like everywhere else;
//! hyperlinks become OSC 8 sequences only when enabled, with targets already stripped of
//! control characters by the renderer.

use std::io::{self, Write};

use crate::render::{LineKind, Rendered};
use crate::theme::{Color, ColorDepth, Paint, Theme};

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct PrintOptions {
    /// Colour depth; `None` prints plain text.
    pub depth: ColorDepth,
    /// Emit OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Width code blocks' background is padded to.
    pub width: usize,
}

/// Writes `rendered` to `out`.
pub fn write_rendered(
    out: &mut dyn Write,
    rendered: &Rendered,
    theme: &Theme,
    opts: PrintOptions,
) -> io::Result<()> {
    let colour = opts.depth != ColorDepth::None;
    let mut line_buf = String::new();
    for line in &rendered.lines {
        line_buf.clear();
        let mut open_link: Option<&str> = None;
        for span in &line.spans {
            let link = span
                .link
                .as_deref()
                .filter(|url| opts.hyperlinks && linkable(url));
            if link != open_link {
                if open_link.is_some() {
                    line_buf.push_str("\x1b]8;;\x1b\\");
                }
                if let Some(target) = link {
                    line_buf.push_str(&format!("\x1b]8;;{target}\x1b\\"));
                }
                open_link = link;
            }
            if colour {
                line_buf.push_str(&sgr(&theme.paint(&span.style), opts.depth));
            }
            line_buf.push_str(&span.text);
        }
        if open_link.is_some() {
            line_buf.push_str("\x1b]8;;\x1b\\");
        }
        if colour {
            if let LineKind::Code { .. } = line.kind {
                let pad = opts.width.saturating_sub(line.width());
                let code = theme.paint(&crate::render::Style::of(crate::render::Role::Code));
                line_buf.push_str(&sgr(&Paint { fg: None, ..code }, opts.depth));
                line_buf.extend(std::iter::repeat_n(' ', pad));
            }
            line_buf.push_str("\x1b[0m");
        }
        line_buf.push('\n');
        out.write_all(line_buf.as_bytes())?;
    }
    out.flush()
}

/// True for link targets worth making clickable: web, mail and file addresses. Anything else
/// (`javascript:`, unknown schemes, relative paths) stays plain text with its target shown.
pub fn linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "file://", "ftp://"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// The SGR sequence that sets exactly `paint` (after a reset), at `depth`.
pub fn sgr(paint: &Paint, depth: ColorDepth) -> String {
    let mut codes = vec!["0".to_string()];
    for (on, code) in [
        (paint.bold, "1"),
        (paint.dim, "2"),
        (paint.italic, "3"),
        (paint.underline, "4"),
        (paint.reverse, "7"),
        (paint.strike, "9"),
    ] {
        if on {
            codes.push(code.to_string());
        }
    }
    if let Some(c) = paint.fg.and_then(|c| depth.map(c)) {
        codes.push(color_code(c, false));
    }
    if let Some(c) = paint.bg.and_then(|c| depth.map(c)) {
        codes.push(color_code(c, true));
    }
    format!("\x1b[{}m", codes.join(";"))
}

fn color_code(color: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    match color {
        Color::Ansi(n) if n < 8 => (base + u32::from(n)).to_string(),
        Color::Ansi(n) => (base + 60 + u32::from(n & 7)).to_string(),
        Color::Indexed(n) => format!("{};5;{n}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_file_links_are_clickable() {
        assert!(linkable("https://x.dev") && linkable("mailto:a@b") && linkable("HTTP://X"));
        assert!(!linkable("javascript:alert(1)") && !linkable("notes/other.md"));
    }

    #[test]
    fn sgr_follows_the_depth() {
        let paint = Paint {
            fg: Some(Color::Rgb(255, 0, 0)),
            bold: true,
            ..Paint::default()
        };
        assert_eq!(sgr(&paint, ColorDepth::TrueColor), "\x1b[0;1;38;2;255;0;0m");
        assert_eq!(sgr(&paint, ColorDepth::Ansi256), "\x1b[0;1;38;5;196m");
        assert_eq!(sgr(&paint, ColorDepth::Ansi16), "\x1b[0;1;91m");
        let bg = Paint {
            bg: Some(Color::Ansi(4)),
            ..Paint::default()
        };
        assert_eq!(sgr(&bg, ColorDepth::Ansi16), "\x1b[0;44m");
    }
}
