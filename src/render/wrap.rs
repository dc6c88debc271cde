//! Word wrapping by display width.
//!
//! Inline content arrives as styled fragments; a "word" may span several fragments
//! (`**bold**text` is one word), so fragments are first cut into words and spaces, then laid
//! out greedily. A word wider than the line is cut between characters; a single character
//! wider than the line (a CJK character at width 1) gets a line of its own.

use std::sync::Arc;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Span, Style};

/// Styled inline text, already made safe, with the source line it came from.
#[derive(Debug, Clone)]
pub(super) struct Frag {
    pub text: String,
    pub style: Style,
    pub link: Option<Arc<str>>,
    pub source: usize,
}

/// Inline content: text, or a hard line break.
#[derive(Debug, Clone)]
pub(super) enum Piece {
    Text(Frag),
    Break,
}

/// One wrapped row: its spans and the source line of its first piece.
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    pub spans: Vec<Span>,
    pub width: usize,
    pub source: Option<usize>,
}

impl Row {
    fn push(&mut self, text: &str, frag: &Frag) {
        if text.is_empty() {
            return;
        }
        self.width += text_width(text);
        self.source.get_or_insert(frag.source);
        match self.spans.last_mut() {
            Some(last) if last.style == frag.style && last.link == frag.link => {
                last.text.push_str(text);
            }
            _ => self.spans.push(Span {
                text: text.to_string(),
                style: frag.style,
                link: frag.link.clone(),
            }),
        }
    }
}

pub(super) fn text_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

enum Token<'a> {
    Space(&'a Frag, &'a str),
    Word(Vec<(&'a Frag, &'a str)>),
    Break,
}

fn tokens(pieces: &[Piece]) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    for piece in pieces {
        let frag = match piece {
            Piece::Break => {
                out.push(Token::Break);
                continue;
            }
            Piece::Text(frag) => frag,
        };
        let text = frag.text.as_str();
        let mut start = 0;
        while start < text.len() {
            let is_space = text[start..].starts_with(' ');
            let end = text[start..]
                .find(|c: char| (c == ' ') != is_space)
                .map_or(text.len(), |i| start + i);
            let part = &text[start..end];
            match (is_space, out.last_mut()) {
                (true, _) => out.push(Token::Space(frag, part)),
                (false, Some(Token::Word(parts))) => parts.push((frag, part)),
                (false, _) => out.push(Token::Word(vec![(frag, part)])),
            }
            start = end;
        }
    }
    out
}

/// Wraps `pieces` into rows of at most `width` cells (see the module doc for the exception).
pub(super) fn wrap(pieces: &[Piece], width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = Row::default();
    let mut space: Option<(&Frag, &str)> = None;
    for token in tokens(pieces) {
        match token {
            Token::Break => {
                rows.push(std::mem::take(&mut row));
                space = None;
            }
            Token::Space(frag, text) => {
                if row.width > 0 {
                    space = Some((frag, text));
                }
            }
            Token::Word(parts) => {
                let word_width: usize = parts.iter().map(|(_, t)| text_width(t)).sum();
                let gap = space.map_or(0, |(_, t)| text_width(t));
                if row.width > 0 && row.width + gap + word_width > width {
                    rows.push(std::mem::take(&mut row));
                } else if let Some((frag, text)) = space {
                    row.push(text, frag);
                }
                space = None;
                place_word(&parts, width, &mut row, &mut rows);
            }
        }
    }
    if row.width > 0 || rows.is_empty() || !row.spans.is_empty() {
        rows.push(row);
    }
    rows
}

/// Puts a word on the current row, cutting it between characters when it is too wide.
fn place_word<'a>(parts: &[(&'a Frag, &'a str)], width: usize, row: &mut Row, rows: &mut Vec<Row>) {
    for (frag, text) in parts {
        let mut chunk_start = 0;
        let mut chunk_width = 0;
        for (i, c) in text.char_indices() {
            let w = char_width(c);
            if row.width + chunk_width + w > width && row.width + chunk_width > 0 {
                row.push(&text[chunk_start..i], frag);
                rows.push(std::mem::take(row));
                chunk_start = i;
                chunk_width = 0;
            }
            chunk_width += w;
        }
        row.push(&text[chunk_start..], frag);
    }
}

/// Cuts plain text into rows of at most `width` cells, between characters (for code).
pub(super) fn cut(text: &str, width: usize) -> Vec<&str> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = char_width(c);
        if used + w > width && used > 0 {
            out.push(&text[start..i]);
            start = i;
            used = 0;
        }
        used += w;
    }
    out.push(&text[start..]);
    out
}
