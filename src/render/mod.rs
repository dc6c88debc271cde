//! Markdown to styled lines, for any width: the one renderer behind `notebench read` and the
//! reader pane.
//!
//! Rendering is split in two so that resizing stays cheap: syntax highlighting depends only on
//! a code block's text (it is done once, elsewhere, and passed in), while layout depends on the
//! width and is redone on every resize. Every string that reaches a [`Span`] has been through
//! [`crate::sanitize::visible`], so no line can carry a control character.

mod code;
mod pieces;
mod table;
mod walker;
mod wrap;

use std::sync::Arc;

use crate::theme::Color;

pub use code::code_blocks;

/// What a piece of text is, for the theme to colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Role {
    /// Body text.
    #[default]
    Text,
    /// Secondary text: link targets, code labels.
    Muted,
    /// A heading of level 1-6.
    Heading(u8),
    /// Link text.
    Link,
    /// Inline `code`.
    InlineCode,
    /// A code block's text (its colour comes from the highlighter when there is one).
    Code,
    /// Block quote bars.
    Quote,
    /// Raw HTML, shown dimmed.
    Html,
    /// Thematic breaks and heading underlines.
    Rule,
    /// List bullets, numbers and task boxes.
    Marker,
    /// Table borders.
    Border,
    /// A warning shown inside the note.
    Warning,
}

/// How a piece of text looks: its role plus emphasis, and a colour from the highlighter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// The semantic role.
    pub role: Role,
    /// A colour that overrides the role's (syntax highlighting).
    pub fg: Option<Color>,
    /// Strong.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// Underlined (links).
    pub underline: bool,
    /// Strikethrough.
    pub strike: bool,
}

impl Style {
    /// A plain style of the given role.
    pub fn of(role: Role) -> Style {
        Style {
            role,
            ..Style::default()
        }
    }
}

/// A run of text in one style. Never holds a control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text, already made safe.
    pub text: String,
    /// Its style.
    pub style: Style,
    /// The link target when the text is a link, for OSC 8 hyperlinks.
    pub link: Option<Arc<str>>,
}

/// What kind of row a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Prose, headings, tables: wrapped to the width.
    Text,
    /// A row of code block number `block`: not wrapped unless asked, scrolled sideways.
    Code {
        /// Index of the code block in the note.
        block: usize,
    },
}

/// One rendered row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The row's spans, left to right.
    pub spans: Vec<Span>,
    /// The source line (0-based, in the whole note) this row came from.
    pub source: usize,
    /// Prose or code.
    pub kind: LineKind,
    /// Width of the prefix (indent, quote bars, code gutter) that does not scroll sideways.
    pub prefix_width: usize,
}

impl Line {
    /// The row's display width in cells.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| wrap::text_width(&s.text)).sum()
    }

    /// The row's text without styles.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A fenced or indented code block as it appears in the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// The fence's language word, as written (may be empty).
    pub lang: String,
    /// The code.
    pub text: String,
    /// The source line of the block's first code line (0-based, in the whole note).
    pub source_line: usize,
}

/// A highlighted code block: per line, the coloured pieces.
pub type Highlighted = Vec<Vec<(Style, String)>>;

/// Layout options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The width to fill, in cells (at least 1).
    pub width: usize,
    /// Wrap code blocks instead of leaving long lines for sideways scrolling.
    pub wrap_code: bool,
    /// The source line the Markdown starts on (after front matter), for the line map.
    pub first_line: usize,
}

/// A rendered note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// The rows.
    pub lines: Vec<Line>,
    /// For each code block, the range of rows it occupies.
    pub code_rows: Vec<std::ops::Range<usize>>,
}

impl Rendered {
    /// The first row that shows `source_line` or a later one.
    pub fn row_for_source(&self, source_line: usize) -> usize {
        self.lines
            .iter()
            .position(|l| l.source >= source_line)
            .unwrap_or(self.lines.len())
    }
}

/// Lays out `markdown` at `options.width`. `highlights[i]` colours code block `i` when present.
pub fn render(
    markdown: &str,
    options: &Options,
    highlights: &[Option<Arc<Highlighted>>],
) -> Rendered {
    walker::Walker::new(markdown, options, highlights).run()
}

/// The display width of `text` in cells (CJK and emoji count two).
pub fn text_width(text: &str) -> usize {
    wrap::text_width(text)
}

#[cfg(test)]
mod tests;

/// Renders a whole note: front matter is cut (never rendered) and line numbers stay those of
/// the note.
pub fn render_note(
    text: &str,
    width: usize,
    wrap_code: bool,
    highlights: &[Option<Arc<Highlighted>>],
) -> Rendered {
    let split = crate::notes::frontmatter::split(text);
    let options = Options {
        width,
        wrap_code,
        first_line: split.body_line,
    };
    render(split.body, &options, highlights)
}

/// The code blocks of a whole note, numbered as [`render_note`] numbers them.
pub fn note_code_blocks(text: &str) -> Vec<CodeBlock> {
    let split = crate::notes::frontmatter::split(text);
    code_blocks(split.body, split.body_line)
}
