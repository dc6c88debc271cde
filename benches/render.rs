//! Rendering speed: laying out a note, highlighting it, and drawing reader frames.
//!
//! Run with `cargo bench --bench render`. The figures in BENCHMARKS.md come from here.

use std::sync::Arc;

use notebench::highlight;
use notebench::render::{self, Highlighted};
use notebench::theme::CodeTheme;

const LONG_NOTE: &str = include_str!("data/long-note.md");

fn main() {
    divan::main();
}

fn huge_code_note() -> String {
    let mut note = String::from("# A long listing\n\n```go\n");
    for i in 0..5_000 {
        note.push_str(&format!(
            "\tvalue{i} := compute({i}, \"text\") // line {i}\n"
        ));
    }
    note.push_str("```\n");
    note
}

fn highlights(text: &str) -> Vec<Option<Arc<Highlighted>>> {
    let theme = highlight::code_theme(&CodeTheme::Builtin("OneHalfDark".into())).unwrap();
    highlight::highlight_all(&render::note_code_blocks(text), &theme)
}

/// Layout of the 300-line note at 100 columns, highlighting done.
#[divan::bench]
fn layout_long_note(bencher: divan::Bencher) {
    let hl = highlights(LONG_NOTE);
    bencher.bench(|| render::render_note(divan::black_box(LONG_NOTE), 100, false, &hl));
}

/// Highlighting every code block of the 300-line note.
#[divan::bench]
fn highlight_long_note(bencher: divan::Bencher) {
    let theme = highlight::code_theme(&CodeTheme::Builtin("OneHalfDark".into())).unwrap();
    let blocks = render::note_code_blocks(LONG_NOTE);
    bencher.bench(|| highlight::highlight_all(divan::black_box(&blocks), &theme));
}

/// Layout of a note holding one 5,000-line code block (on resize).
#[divan::bench]
fn layout_huge_code_block(bencher: divan::Bencher) {
    let note = huge_code_note();
    let hl = highlights(&note);
    bencher.bench(|| render::render_note(divan::black_box(&note), 100, false, &hl));
}

/// One frame of the reader scrolled into the 5,000-line block, drawn to a 120x40 buffer.
#[divan::bench]
fn frame_scrolling_huge_code_block(bencher: divan::Bencher) {
    let note = huge_code_note();
    let hl = highlights(&note);
    let rendered = render::render_note(&note, 100, false, &hl);
    let frame = notebench::tui::bench_support::Frame::new(120, 40, rendered);
    let mut scroll = 0;
    bencher.bench_local(|| {
        scroll = (scroll + 7) % 4_900;
        frame.draw(scroll)
    });
}
