//! Code blocks: finding them in a note (for highlighting), and turning a block's lines into
//! spans with tabs expanded, control characters made visible, and optional wrapping.

use pulldown_cmark::{CodeBlockKind, Event, Options as MdOptions, Parser, Tag, TagEnd};

use super::wrap;
use super::{CodeBlock, Span, Style};

const TAB_WIDTH: usize = 4;

/// The Markdown extensions notebench reads: tables, task lists, strikethrough, footnotes and
/// wiki links on; math off.
pub(super) fn md_options() -> MdOptions {
    MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_TASKLISTS
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_WIKILINKS
}

/// The code blocks of `markdown`, in order; `first_line` is the line the Markdown starts on.
pub fn code_blocks(markdown: &str, first_line: usize) -> Vec<CodeBlock> {
    let starts = line_starts(markdown);
    let mut blocks = Vec::new();
    let mut current: Option<CodeBlock> = None;
    for (event, range) in Parser::new_ext(markdown, md_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                let line = line_of(&starts, range.start) + first_line + usize::from(fenced);
                current = Some(CodeBlock {
                    lang: fence_lang(&kind),
                    text: String::new(),
                    source_line: line,
                });
            }
            Event::Text(text) => {
                if let Some(block) = current.as_mut() {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

pub(super) fn fence_lang(kind: &CodeBlockKind<'_>) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

pub(super) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

pub(super) fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).saturating_sub(1)
}

/// Code pieces with tabs expanded to tab stops and control characters made visible.
pub(super) fn code_spans(pieces: &[(Style, &str)]) -> Vec<Span> {
    let mut column = 0;
    let mut spans = Vec::new();
    for (style, text) in pieces {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\t' => {
                    let n = TAB_WIDTH - column % TAB_WIDTH;
                    out.extend(std::iter::repeat_n(' ', n));
                    column += n;
                }
                '\n' => {}
                c => {
                    let before = out.len();
                    crate::sanitize::push_visible(&mut out, c);
                    column += wrap::text_width(&out[before..]);
                }
            }
        }
        if !out.is_empty() {
            spans.push(Span {
                text: out,
                style: *style,
                link: None,
            });
        }
    }
    spans
}

/// Cuts styled code into rows of at most `width` cells.
pub(super) fn cut_spans(spans: Vec<Span>, width: usize) -> Vec<Vec<Span>> {
    let mut rows = vec![Vec::new()];
    let mut used = 0;
    for s in spans {
        let mut rest = s.text.as_str();
        while !rest.is_empty() {
            let room = width.saturating_sub(used);
            let parts = wrap::cut(rest, room.max(1));
            let first = parts[0];
            if wrap::text_width(first) > room && used > 0 {
                rows.push(Vec::new());
                used = 0;
                continue;
            }
            if let Some(row) = rows.last_mut() {
                row.push(Span {
                    text: first.to_string(),
                    style: s.style,
                    link: None,
                });
            }
            used += wrap::text_width(first);
            rest = &rest[first.len()..];
            if !rest.is_empty() {
                rows.push(Vec::new());
                used = 0;
            }
        }
    }
    rows
}
