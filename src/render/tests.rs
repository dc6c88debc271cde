use super::*;

fn lines(md: &str, width: usize) -> Vec<String> {
    let options = Options {
        width,
        wrap_code: false,
        first_line: 0,
    };
    render(md, &options, &[])
        .lines
        .iter()
        .map(|l| l.text().trim_end().to_string())
        .collect()
}

fn widest_ok(rendered: &Rendered, width: usize) -> Result<(), String> {
    for line in &rendered.lines {
        if line.kind != LineKind::Text {
            continue;
        }
        let w = line.width();
        let single = line.text().trim().chars().count() <= 1;
        if w > width.max(2) && !single {
            return Err(format!("width {width}: row {:?} is {w} wide", line.text()));
        }
    }
    Ok(())
}

#[test]
fn paragraphs_wrap_at_the_width() {
    let got = lines("one two three four five six", 10);
    assert_eq!(got, ["one two", "three four", "five six"]);
}

#[test]
fn headings_lists_and_quotes() {
    let md = "# Title\n\nText.\n\n- a\n- b\n  - c\n    - d\n1. x\n2. y\n\n> quoted\n> > deeper\n";
    let got = lines(md, 40);
    assert_eq!(
        got,
        [
            "Title",
            "━━━━━",
            "",
            "Text.",
            "",
            "• a",
            "• b",
            "  ◦ c",
            "    ▪ d",
            "",
            "1. x",
            "2. y",
            "",
            "│ quoted",
            "│",
            "│ │ deeper"
        ]
    );
}

#[test]
fn empty_quote_still_shows_its_bar() {
    assert_eq!(lines(">\n", 20), ["│"]);
    assert_eq!(
        lines("text\n\n>\n\nmore\n", 20),
        ["text", "", "│", "", "more"]
    );
}

#[test]
fn task_lists_links_images_and_footnotes() {
    let md = "- [x] done\n- [ ] todo\n\nSee [docs](https://x.dev/a) and <https://y.dev>.\n\n\
              ![a cat](cat.png)\n\nNote[^1].\n\n[^1]: The footnote.\n";
    let got = lines(md, 60);
    assert_eq!(
        got,
        [
            "• [x] done",
            "• [ ] todo",
            "",
            "See docs <https://x.dev/a> and https://y.dev.",
            "",
            "[image: a cat] <cat.png>",
            "",
            "Note[1].",
            "",
            "[1] The footnote."
        ]
    );
}

#[test]
fn link_spans_carry_their_target_without_control_bytes() {
    let options = Options {
        width: 80,
        wrap_code: false,
        first_line: 0,
    };
    let md = "[x][r]\n\n[r]: https://a.dev/%1B\u{9b}]8;;evil\n";
    let out = render(md, &options, &[]);
    let link = out.lines[0]
        .spans
        .iter()
        .find(|s| s.link.is_some())
        .expect("a link span");
    assert_eq!(link.link.as_deref(), Some("https://a.dev/%1B]8;;evil"));
}

#[test]
fn tables_fit_pad_ragged_rows_and_break_cells() {
    let md = "| a | b | c |\n|---|:-:|--:|\n| 1 | 2 |\n| x<br>y | long text here | z |\n";
    let got = lines(md, 40);
    assert_eq!(
        got,
        [
            "┌───┬────────────────┬───┐",
            "│ a │       b        │ c │",
            "├───┼────────────────┼───┤",
            "│ 1 │       2        │   │",
            "│ x │ long text here │ z │",
            "│ y │                │   │",
            "└───┴────────────────┴───┘",
        ]
    );
}

#[test]
fn narrow_tables_wrap_cells_and_keep_every_column() {
    let md = "| name | description |\n|---|---|\n| alpha | a fairly long description of it |\n";
    for width in [1, 5, 12, 20, 30] {
        let options = Options {
            width,
            wrap_code: false,
            first_line: 0,
        };
        let out = render(md, &options, &[]);
        let body = out
            .lines
            .iter()
            .find(|l| l.text().contains('│'))
            .expect("a row");
        let cells = body.text().matches('│').count();
        assert_eq!(cells, 3, "width {width}: {:?}", body.text());
        if width >= 12 {
            widest_ok(&out, width).unwrap();
        }
    }
}

#[test]
fn code_blocks_are_not_wrapped_unless_asked() {
    let md = "```go\nfunc main() { println(\"a very long line of go code\") }\n```\n";
    let options = Options {
        width: 20,
        wrap_code: false,
        first_line: 0,
    };
    let out = render(md, &options, &[]);
    assert_eq!(out.lines.len(), 2);
    assert_eq!(out.lines[0].text().trim(), "go");
    assert!(out.lines[1].width() > 20);
    assert_eq!(out.lines[1].kind, LineKind::Code { block: 0 });
    assert_eq!(out.lines[1].prefix_width, 2);
    assert_eq!(out.code_rows, vec![0..2]);
    let wrapped = render(
        md,
        &Options {
            wrap_code: true,
            ..options
        },
        &[],
    );
    assert!(wrapped.lines.len() > 2);
    assert!(wrapped.lines.iter().all(|l| l.width() <= 20));
}

#[test]
fn control_characters_never_reach_a_span() {
    let md = "bell\u{7} esc\u{1b}[2J `c\u{9b}`\n\n```\nx\u{1b}]0;title\u{7}\ttab\n```\n\n<div>\u{1b}</div>\n";
    let options = Options {
        width: 40,
        wrap_code: false,
        first_line: 0,
    };
    let out = render(md, &options, &[]);
    for line in &out.lines {
        for span in &line.spans {
            assert!(
                !span.text.chars().any(crate::sanitize::needs_replacing),
                "{:?}",
                span.text
            );
        }
    }
    let all: Vec<String> = out.lines.iter().map(Line::text).collect();
    assert!(all[0].contains("bell^G esc^[[2J c<U+009B>"), "{all:?}");
    assert!(
        all.iter().any(|l| l.contains("x^[]0;title^G   tab")),
        "{all:?}"
    );
}

#[test]
fn wide_characters_wrap_by_display_width_at_every_width() {
    let md = "日本語のテキストと絵文字 🎉🎉 mixed with English words, and a table:\n\n\
              | 名前 | 説明 |\n|---|---|\n| 東京 | 首都です |\n\n- 項目 一\n  - 入れ子 🎉\n\n> 引用 文\n";
    for width in 1..=120 {
        let options = Options {
            width,
            wrap_code: false,
            first_line: 0,
        };
        let out = render(md, &options, &[]);
        assert!(!out.lines.is_empty());
        if width >= 16 {
            widest_ok(&out, width).unwrap();
        }
        let text: String = out.lines.iter().map(Line::text).collect();
        for word in ["日", "本", "語", "🎉", "東", "京", "説"] {
            let compact = text.replace(' ', "");
            assert!(compact.contains(word), "width {width} lost {word}");
        }
    }
}

#[test]
fn paragraphs_never_exceed_the_width_even_with_wide_chars() {
    let md = "日本語のテキスト🎉と English mixed 一二三四五六七八九十";
    for width in 1..=40 {
        let options = Options {
            width,
            wrap_code: false,
            first_line: 0,
        };
        widest_ok(&render(md, &options, &[]), width).unwrap();
    }
}

#[test]
fn source_line_map_points_at_the_markdown() {
    let md = "# Head\n\npara one\npara two\n\n```sh\necho hi\n```\n";
    let options = Options {
        width: 80,
        wrap_code: false,
        first_line: 10,
    };
    let out = render(md, &options, &[]);
    let find = |needle: &str| {
        out.lines
            .iter()
            .find(|l| l.text().contains(needle))
            .map(|l| l.source)
    };
    assert_eq!(find("Head"), Some(10));
    assert_eq!(find("para one"), Some(12));
    assert_eq!(find("echo hi"), Some(16));
    assert_eq!(
        out.row_for_source(16),
        out.lines
            .iter()
            .position(|l| l.text().contains("echo"))
            .unwrap()
    );
}

#[test]
fn html_blocks_are_kept_as_dimmed_text() {
    let options = Options {
        width: 40,
        wrap_code: false,
        first_line: 0,
    };
    let out = render(
        "<details>\n<summary>x</summary>\n</details>\n",
        &options,
        &[],
    );
    assert_eq!(out.lines.len(), 3);
    assert!(
        out.lines
            .iter()
            .all(|l| l.spans.iter().all(|s| s.style.role == Role::Html))
    );
}

#[test]
fn code_block_list_matches_the_render() {
    let md = "text\n\n```rust\nfn x() {}\n```\n\n    indented\n";
    let blocks = code_blocks(md, 3);
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].lang, "rust");
    assert_eq!(blocks[0].text, "fn x() {}\n");
    assert_eq!(blocks[0].source_line, 6);
    assert_eq!(blocks[1].lang, "");
}

#[test]
fn deep_nesting_keeps_within_the_width() {
    let quotes = format!("{} deep\n", ">".repeat(500));
    let lists: String = (0..300)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    for md in [quotes, lists] {
        let options = Options {
            width: 80,
            wrap_code: false,
            first_line: 0,
        };
        let out = render(&md, &options, &[]);
        assert!(
            out.lines.iter().all(|l| l.width() <= 80),
            "{:?}",
            out.lines.iter().map(Line::width).max()
        );
    }
}
