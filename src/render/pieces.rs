//! Small pieces the walker builds rows from.

use pulldown_cmark::HeadingLevel;

use super::{Span, Style};

/// The heading level as a number, 1 to 6.
pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A span of plain text in one style.
pub(super) fn span(text: &str, style: Style) -> Span {
    Span {
        text: text.to_string(),
        style,
        link: None,
    }
}

/// Strips every control character from a URL (for OSC 8 and for display).
pub(super) fn clean_url(url: &str) -> String {
    url.chars()
        .filter(|&c| !crate::sanitize::needs_replacing(c))
        .collect()
}
