//! The walk over pulldown-cmark's events that produces rows.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

use super::code::{code_spans, cut_spans, fence_lang, line_of, line_starts, md_options};
use super::pieces::{clean_url, heading_level, span};
use super::table::TableBuilder;
use super::wrap::{self, Frag, Piece};
use super::{Highlighted, Line, LineKind, Options, Rendered, Role, Span, Style};
use crate::sanitize::visible;

const CODE_GUTTER: &str = "  ";
const BULLETS: [&str; 3] = ["•", "◦", "▪"];

enum Container {
    Quote {
        first_row: usize,
    },
    Item {
        marker: String,
        width: usize,
        marker_shown: bool,
        first_row: usize,
    },
}

struct CodeState {
    lang: String,
    text: String,
    source: usize,
}

#[derive(Default)]
struct Inline {
    emphasis: u32,
    strong: u32,
    strike: u32,
    heading: Option<u8>,
    link: Option<(Arc<str>, bool)>,
    image: Option<Arc<str>>,
}

pub(super) struct Walker<'a> {
    markdown: &'a str,
    options: &'a Options,
    highlights: &'a [Option<Arc<Highlighted>>],
    starts: Vec<usize>,
    out: Vec<Line>,
    code_rows: Vec<Range<usize>>,
    containers: Vec<Container>,
    lists: Vec<Option<u64>>,
    pieces: Vec<Piece>,
    inline: Inline,
    table: Option<TableBuilder>,
    code: Option<CodeState>,
    html: Option<String>,
    code_index: usize,
    need_blank: bool,
    source: usize,
}

impl<'a> Walker<'a> {
    pub(super) fn new(
        markdown: &'a str,
        options: &'a Options,
        highlights: &'a [Option<Arc<Highlighted>>],
    ) -> Self {
        Walker {
            markdown,
            options,
            highlights,
            starts: line_starts(markdown),
            out: Vec::new(),
            code_rows: Vec::new(),
            containers: Vec::new(),
            lists: Vec::new(),
            pieces: Vec::new(),
            inline: Inline::default(),
            table: None,
            code: None,
            html: None,
            code_index: 0,
            need_blank: false,
            source: options.first_line,
        }
    }

    pub(super) fn run(mut self) -> Rendered {
        let parser = Parser::new_ext(self.markdown, md_options());
        for (event, range) in parser.into_offset_iter() {
            self.source = line_of(&self.starts, range.start) + self.options.first_line;
            self.event(event);
        }
        self.flush();
        Rendered {
            lines: self.out,
            code_rows: self.code_rows,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.frag(&code, Style::of(Role::InlineCode)),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::Html(html) => match self.html.as_mut() {
                Some(block) => block.push_str(&html),
                None => self.frag(&html, Style::of(Role::Html)),
            },
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::FootnoteReference(label) => {
                self.frag(&format!("[{label}]"), Style::of(Role::Marker));
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.sink().push(Piece::Break),
            Event::Rule => {
                self.start_block();
                let width = self.available();
                let rule = "─".repeat(width);
                self.push_row(vec![span(&rule, Style::of(Role::Rule))], LineKind::Text, 0);
                self.need_blank = true;
            }
            Event::TaskListMarker(done) => {
                self.frag(if done { "[x] " } else { "[ ] " }, Style::of(Role::Marker));
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.start_block(),
            Tag::Heading { level, .. } => {
                self.start_block();
                let level = heading_level(level);
                self.inline.heading = Some(level);
                if level >= 3 {
                    let marks = format!("{} ", "#".repeat(usize::from(level)));
                    self.frag(&marks, Style::of(Role::Muted));
                }
            }
            Tag::BlockQuote(_) => {
                self.start_block();
                self.containers.push(Container::Quote {
                    first_row: self.out.len(),
                });
            }
            Tag::CodeBlock(kind) => {
                self.start_block();
                let source = self.source + usize::from(matches!(kind, CodeBlockKind::Fenced(_)));
                self.code = Some(CodeState {
                    lang: fence_lang(&kind),
                    text: String::new(),
                    source,
                });
            }
            Tag::HtmlBlock => {
                self.start_block();
                self.html = Some(String::new());
            }
            Tag::List(first) => {
                let nested = self.in_item();
                if nested {
                    self.flush();
                } else {
                    self.start_block();
                }
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let marker = self.next_marker();
                let width = wrap::text_width(&marker);
                let first_row = self.out.len();
                self.containers.push(Container::Item {
                    marker,
                    width,
                    marker_shown: false,
                    first_row,
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.start_block();
                let marker = format!("[{}] ", visible(&label));
                let width = wrap::text_width(&marker);
                let first_row = self.out.len();
                self.containers.push(Container::Item {
                    marker,
                    width,
                    marker_shown: false,
                    first_row,
                });
            }
            Tag::Table(aligns) => {
                self.start_block();
                self.table = Some(TableBuilder::new(aligns));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.start_row(self.source);
                }
            }
            Tag::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    t.start_cell();
                }
            }
            Tag::Emphasis => self.inline.emphasis += 1,
            Tag::Strong => self.inline.strong += 1,
            Tag::Strikethrough => self.inline.strike += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let target: Arc<str> = clean_url(&dest_url).into();
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.inline.link = Some((target, !autolink));
            }
            Tag::Image { dest_url, .. } => {
                self.frag("[image: ", Style::of(Role::Muted));
                self.inline.image = Some(clean_url(&dest_url).into());
            }
            Tag::Superscript | Tag::Subscript | Tag::MetadataBlock(_) => {}
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.start_block();
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => {
                self.flush();
                self.need_blank = true;
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                if let Some(Container::Quote { first_row }) = self.containers.last()
                    && *first_row == self.out.len()
                {
                    self.push_row(Vec::new(), LineKind::Text, 0);
                }
                self.containers.pop();
                self.need_blank = true;
            }
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::HtmlBlock => self.end_html(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                self.need_blank = !self.in_item();
            }
            TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                if let Some(Container::Item { first_row, .. }) = self.containers.last()
                    && *first_row == self.out.len()
                {
                    self.push_row(Vec::new(), LineKind::Text, 0);
                }
                self.containers.pop();
                if tag == TagEnd::FootnoteDefinition {
                    self.need_blank = true;
                }
            }
            TagEnd::Table => self.end_table(),
            TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell => {}
            TagEnd::Emphasis => self.inline.emphasis = self.inline.emphasis.saturating_sub(1),
            TagEnd::Strong => self.inline.strong = self.inline.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.inline.strike = self.inline.strike.saturating_sub(1),
            TagEnd::Link => {
                if let Some((target, show)) = self.inline.link.take() {
                    let text = self.last_link_text();
                    if show && !target.is_empty() && text != *target {
                        self.frag(&format!(" <{target}>"), Style::of(Role::Muted));
                    }
                }
            }
            TagEnd::Image => {
                let target = self.inline.image.take();
                self.frag("]", Style::of(Role::Muted));
                if let Some(target) = target.filter(|t| !t.is_empty()) {
                    self.frag(&format!(" <{target}>"), Style::of(Role::Muted));
                }
            }
            TagEnd::Superscript | TagEnd::Subscript | TagEnd::MetadataBlock(_) => {}
            TagEnd::DefinitionList => self.need_blank = true,
        }
    }

    /// The text of the link that just ended, to tell autolink-like links from others.
    fn last_link_text(&self) -> String {
        let pieces = match self.table.as_ref() {
            Some(t) => t.current_cell(),
            None => &self.pieces,
        };
        pieces
            .iter()
            .rev()
            .map_while(|p| match p {
                Piece::Text(f) if f.link.is_some() => Some(f.text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = self.code.as_mut() {
            code.text.push_str(text);
        } else if let Some(html) = self.html.as_mut() {
            html.push_str(text);
        } else {
            let style = self.current_style();
            self.frag(text, style);
        }
    }

    fn inline_html(&mut self, html: &str) {
        let tag = html.trim().to_ascii_lowercase().replace(' ', "");
        if matches!(tag.as_str(), "<br>" | "<br/>" | "</br>") {
            self.sink().push(Piece::Break);
        } else {
            self.frag(html, Style::of(Role::Html));
        }
    }

    fn current_style(&self) -> Style {
        let i = &self.inline;
        let role = match (i.heading, &i.link, &i.image) {
            (_, _, Some(_)) => Role::Muted,
            (_, Some(_), _) => Role::Link,
            (Some(level), _, _) => Role::Heading(level),
            _ => Role::Text,
        };
        Style {
            role,
            fg: None,
            bold: i.strong > 0 || i.heading.is_some(),
            italic: i.emphasis > 0 || i.image.is_some(),
            underline: i.link.is_some(),
            strike: i.strike > 0,
        }
    }

    fn frag(&mut self, text: &str, style: Style) {
        let link = self
            .inline
            .link
            .as_ref()
            .map(|(t, _)| t.clone())
            .or_else(|| self.inline.image.clone());
        let source = self.source;
        let text = visible(text).into_owned();
        self.sink().push(Piece::Text(Frag {
            text,
            style,
            link,
            source,
        }));
    }

    fn sink(&mut self) -> &mut Vec<Piece> {
        match self.table.as_mut() {
            Some(table) => table.cell_mut(),
            None => &mut self.pieces,
        }
    }

    fn in_item(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Item { .. }))
    }

    fn next_marker(&mut self) -> String {
        let depth = self.lists.len().saturating_sub(1);
        match self.lists.last_mut() {
            Some(Some(n)) => {
                let marker = format!("{n}. ");
                *n += 1;
                marker
            }
            _ => format!("{} ", BULLETS[depth % BULLETS.len()]),
        }
    }

    /// Width left for content after the containers' prefixes.
    fn available(&self) -> usize {
        let used: usize = self
            .containers
            .iter()
            .map(|c| match c {
                Container::Quote { .. } => 2,
                Container::Item { width, .. } => *width,
            })
            .sum();
        self.options
            .width
            .saturating_sub(used.min(self.indent_budget()))
            .max(1)
    }

    /// Deep nesting may indent at most half the width; deeper levels stop adding bars and
    /// indentation, so text keeps room to wrap.
    fn indent_budget(&self) -> usize {
        self.options.width / 2
    }

    /// The prefix for the next row: quote bars, and list markers the first time.
    fn prefix(&mut self, consume_markers: bool) -> Vec<Span> {
        let budget = self.indent_budget();
        let mut spans = Vec::new();
        let mut used = 0;
        for container in &mut self.containers {
            let width = match container {
                Container::Quote { .. } => 2,
                Container::Item { width, .. } => *width,
            };
            used += width;
            if used > budget {
                if let Container::Item { marker_shown, .. } = container {
                    *marker_shown |= consume_markers;
                }
                continue;
            }
            match container {
                Container::Quote { .. } => spans.push(span("│ ", Style::of(Role::Quote))),
                Container::Item {
                    marker,
                    width,
                    marker_shown,
                    ..
                } => {
                    if consume_markers && !*marker_shown {
                        spans.push(span(marker, Style::of(Role::Marker)));
                        *marker_shown = true;
                    } else {
                        spans.push(span(&" ".repeat(*width), Style::default()));
                    }
                }
            }
        }
        spans
    }

    fn push_row(&mut self, content: Vec<Span>, kind: LineKind, extra_prefix: usize) {
        let mut spans = self.prefix(true);
        let prefix_width: usize = spans.iter().map(|s| wrap::text_width(&s.text)).sum();
        spans.extend(content);
        let source = self.source;
        self.out.push(Line {
            spans,
            source,
            kind,
            prefix_width: prefix_width + extra_prefix,
        });
    }

    fn start_block(&mut self) {
        self.flush();
        if self.need_blank && !self.out.is_empty() {
            let mut spans = self.prefix(false);
            if let Some(last) = spans.last_mut() {
                last.text = last.text.trim_end().to_string();
            }
            spans.retain(|s| !s.text.is_empty());
            let source = self.source;
            self.out.push(Line {
                spans,
                source,
                kind: LineKind::Text,
                prefix_width: 0,
            });
        }
        self.need_blank = false;
    }

    /// Wraps the pending inline content into rows.
    fn flush(&mut self) {
        if self.pieces.is_empty() {
            return;
        }
        let pieces = std::mem::take(&mut self.pieces);
        let width = self.available();
        for row in wrap::wrap(&pieces, width) {
            if let Some(source) = row.source {
                self.source = source;
            }
            self.push_row(row.spans, LineKind::Text, 0);
        }
    }

    fn end_heading(&mut self) {
        let level = self.inline.heading.take().unwrap_or(1);
        let first = self.out.len();
        self.flush();
        let width = self.out[first..]
            .iter()
            .map(|l| l.width())
            .max()
            .unwrap_or(0);
        let prefix: usize = self.out.get(first).map_or(0, |l| l.prefix_width);
        let rule = match level {
            1 => "━",
            2 => "─",
            _ => "",
        };
        if !rule.is_empty() {
            let underline = rule.repeat(width.saturating_sub(prefix).clamp(1, self.available()));
            self.push_row(
                vec![span(&underline, Style::of(Role::Rule))],
                LineKind::Text,
                0,
            );
        }
        self.need_blank = true;
    }

    fn end_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        let block = self.code_index;
        self.code_index += 1;
        let first_row = self.out.len();
        let kind = LineKind::Code { block };
        let gutter = CODE_GUTTER.len();
        if !code.lang.is_empty() {
            self.source = code.source.saturating_sub(1);
            let label = Style {
                italic: true,
                ..Style::of(Role::Muted)
            };
            self.push_row(
                vec![
                    span(CODE_GUTTER, Style::of(Role::Code)),
                    span(&visible(&code.lang), label),
                ],
                kind,
                gutter,
            );
        }
        let highlighted = self.highlights.get(block).and_then(Option::as_ref).cloned();
        let text = code.text.strip_suffix('\n').unwrap_or(&code.text);
        for (i, raw) in text.split('\n').enumerate() {
            self.source = code.source + i;
            let pieces = match highlighted.as_ref().and_then(|h| h.get(i)) {
                Some(pieces) => pieces.iter().map(|(s, t)| (*s, t.as_str())).collect(),
                None => vec![(Style::of(Role::Code), raw)],
            };
            let content = code_spans(&pieces);
            self.push_code_row(content, kind);
        }
        self.code_rows.push(first_row..self.out.len());
        self.need_blank = true;
    }

    fn push_code_row(&mut self, content: Vec<Span>, kind: LineKind) {
        let gutter = CODE_GUTTER.len();
        let width = self.available().saturating_sub(gutter).max(1);
        let rows = if self.options.wrap_code {
            cut_spans(content, width)
        } else {
            vec![content]
        };
        for row in rows {
            let mut spans = vec![span(CODE_GUTTER, Style::of(Role::Code))];
            spans.extend(row);
            self.push_row(spans, kind, gutter);
        }
    }

    fn end_html(&mut self) {
        let Some(html) = self.html.take() else { return };
        let width = self.available();
        let start = self.source;
        for (i, line) in html.trim_end_matches('\n').split('\n').enumerate() {
            self.source = start + i;
            let shown = visible(line);
            for part in wrap::cut(&shown, width) {
                self.push_row(vec![span(part, Style::of(Role::Html))], LineKind::Text, 0);
            }
        }
        self.need_blank = true;
    }

    fn end_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        let width = self.available();
        for (spans, source) in table.layout(width) {
            self.source = source;
            self.push_row(spans, LineKind::Text, 0);
        }
        self.need_blank = true;
    }
}
