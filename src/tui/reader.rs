//! The reader pane's state: one note, rendered for the pane's width, and where it is scrolled.

use std::sync::Arc;

use crate::notes::{NoteMeta, NoteText, Origin};
use crate::render::{self, CodeBlock, Highlighted, LineKind, Rendered};

/// Notes larger than this open in the source view: laying out megabytes of Markdown (a huge
/// table) takes seconds, and drawing must not wait for it.
pub const RENDER_LIMIT: usize = 512 << 10;

/// The open note.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Where the note's text lives.
    pub origin: Origin,
    /// The path shown in the status bar.
    pub path: String,
    /// The title shown on the pane.
    pub title: String,
    /// Front matter fields (`board`, `panel`).
    pub fields: std::collections::BTreeMap<String, String>,
    /// The text as read.
    pub text: NoteText,
    /// Warnings about this note (front matter, UTF-8).
    pub warnings: Vec<String>,
    /// Its code blocks.
    pub blocks: Vec<CodeBlock>,
    /// Highlighting for each block, when done.
    pub highlights: Vec<Option<Arc<Highlighted>>>,
    /// The rendering for `width`.
    pub rendered: Rendered,
    /// The width it was rendered for.
    pub width: usize,
    /// Wrap code blocks.
    pub wrap_code: bool,
    /// Show the source instead of the rendering.
    pub source_view: bool,
    /// First row shown.
    pub scroll: usize,
    /// Columns code rows are scrolled sideways.
    pub hscroll: usize,
}

impl Reader {
    /// Opens a note for `width` columns.
    /// `highlights` are the note's blocks highlighted already (from the cache), if any.
    pub fn new(
        meta: &NoteMeta,
        text: NoteText,
        width: usize,
        wrap_code: bool,
        highlights: Option<Vec<Option<Arc<Highlighted>>>>,
    ) -> Reader {
        let blocks = render::note_code_blocks(&text.text);
        let highlights = highlights.filter(|h| h.len() == blocks.len());
        let mut warnings = meta.warnings.clone();
        for w in &text.warnings {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
        let mut reader = Reader {
            origin: meta.origin.clone(),
            path: meta.path.clone(),
            title: meta.title.clone(),
            fields: meta.fields.clone(),
            highlights: highlights.unwrap_or_else(|| vec![None; blocks.len()]),
            blocks,
            text,
            warnings,
            rendered: Rendered::default(),
            width,
            wrap_code,
            source_view: false,
            scroll: 0,
            hscroll: 0,
        };
        if reader.text.text.len() > RENDER_LIMIT {
            let size = reader.text.text.len() >> 10;
            reader.warnings.push(format!(
                "{}: {size} KiB is a lot to lay out: showing the source (toggle to render it)",
                reader.path
            ));
            reader.source_view = true;
        }
        reader.relayout(width);
        reader
    }

    /// Renders again for `width` (on resize, theme change or a toggle), keeping the source line
    /// at the top of the view in view.
    pub fn relayout(&mut self, width: usize) {
        let top_source = self.rendered.lines.get(self.scroll).map(|l| l.source);
        self.width = width.max(1);
        self.rendered = if self.source_view {
            source_rendering(&self.text.text)
        } else {
            render::render_note(
                &self.text.text,
                self.width,
                self.wrap_code,
                &self.highlights,
            )
        };
        if let Some(line) = top_source {
            self.scroll = self.rendered.row_for_source(line);
        }
    }

    /// Installs highlighting and renders again.
    pub fn set_highlights(&mut self, highlights: Vec<Option<Arc<Highlighted>>>) {
        if highlights.len() == self.blocks.len() {
            self.highlights = highlights;
            self.relayout(self.width);
        }
    }

    /// The largest useful scroll position for a view `height` rows tall.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.rendered.lines.len().saturating_sub(height)
    }

    /// Scrolls by `delta` rows within bounds.
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let target = self.scroll.saturating_add_signed(delta);
        self.scroll = target.min(self.max_scroll(height));
    }

    /// The code block most in view: the first one whose rows meet the view.
    pub fn block_in_view(&self, height: usize) -> Option<usize> {
        if self.source_view {
            // Rows are the note's lines here: find a block whose lines meet the view.
            let view = self.scroll..self.scroll + height.max(1);
            return self.blocks.iter().position(|b| {
                let lines = b.source_line..b.source_line + b.text.lines().count().max(1);
                lines.start < view.end && lines.end > view.start
            });
        }
        let view = self.scroll..self.scroll + height.max(1);
        self.rendered
            .code_rows
            .iter()
            .position(|rows| rows.start < view.end && rows.end > view.start)
    }

    /// The widest code row, for bounding sideways scrolling.
    pub fn widest_code(&self) -> usize {
        let code = self
            .rendered
            .lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Code { .. }));
        code.map(|l| l.width().saturating_sub(l.prefix_width))
            .max()
            .unwrap_or(0)
    }

    /// The note's source line shown at the top of the view (1-based, for `$EDITOR +N`).
    pub fn top_source_line(&self) -> usize {
        self.rendered
            .lines
            .get(self.scroll)
            .map_or(1, |l| l.source + 1)
    }
}

/// The note's source as rows: each line made safe, nothing interpreted.
fn source_rendering(text: &str) -> Rendered {
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| render::Line {
            spans: vec![render::Span {
                text: crate::sanitize::visible_with_tabs(line, 4).into_owned(),
                style: render::Style::of(render::Role::Code),
                link: None,
            }],
            source: i,
            kind: LineKind::Code { block: usize::MAX },
            prefix_width: 0,
        })
        .collect();
    Rendered {
        lines,
        code_rows: Vec::new(),
    }
}
