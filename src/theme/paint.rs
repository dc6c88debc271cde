//! From a rendered span's semantic style to concrete colours and attributes.

use super::{Paint, Theme};
use crate::render::{Role, Style};

impl Theme {
    /// The paint for a rendered span: the role's slot, the highlighter's colour on top, then
    /// emphasis.
    pub fn paint(&self, style: &Style) -> Paint {
        let s = &self.slots;
        let mut paint = match style.role {
            Role::Text => Paint {
                fg: s.text,
                ..Paint::default()
            },
            Role::Muted => Paint {
                fg: s.muted,
                ..Paint::default()
            },
            Role::Heading(1) => Paint {
                fg: s.heading1,
                bold: true,
                ..Paint::default()
            },
            Role::Heading(2) => Paint {
                fg: s.heading2,
                bold: true,
                ..Paint::default()
            },
            Role::Heading(_) => Paint {
                fg: s.heading3,
                bold: true,
                ..Paint::default()
            },
            Role::Link => Paint {
                fg: s.link,
                underline: true,
                ..Paint::default()
            },
            Role::InlineCode => Paint {
                fg: s.inline_code,
                bg: s.code_bg,
                ..Paint::default()
            },
            Role::Code => Paint {
                fg: s.code_fg.or(s.text),
                bg: s.code_bg,
                ..Paint::default()
            },
            Role::Quote => Paint {
                fg: s.quote,
                ..Paint::default()
            },
            Role::Html => Paint {
                fg: s.muted,
                dim: true,
                ..Paint::default()
            },
            Role::Rule | Role::Border => Paint {
                fg: s.border.or(s.muted),
                ..Paint::default()
            },
            Role::Marker => Paint {
                fg: s.accent,
                ..Paint::default()
            },
            Role::Warning => Paint {
                fg: s.warning,
                bold: true,
                ..Paint::default()
            },
        };
        if style.fg.is_some() {
            paint.fg = style.fg;
        }
        paint.bold |= style.bold;
        paint.italic |= style.italic;
        paint.underline |= style.underline;
        paint.strike |= style.strike;
        paint
    }

    /// A UI slot's colour as foreground paint.
    pub fn fg(&self, slot: fn(&super::Slots) -> Option<super::Color>) -> Paint {
        Paint {
            fg: slot(&self.slots),
            ..Paint::default()
        }
    }
}
