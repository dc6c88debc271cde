use super::*;
use crate::tui::app::Focus;
use crate::tui::testing::{app, press, type_text};

#[test]
fn starts_on_the_first_note_with_a_preview() {
    let app = app(100, 30);
    assert_eq!(app.notes.len(), 12);
    assert_eq!(
        app.selected_note().map(|n| n.title.as_str()),
        Some("Welcome to notebench")
    );
    assert_eq!(
        app.reader.as_ref().map(|r| r.title.as_str()),
        Some("Welcome to notebench")
    );
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn moving_in_the_list_previews_and_enter_focuses_the_reader() {
    let mut app = app(100, 30);
    press(&mut app, "j");
    let second = app.selected_note().unwrap().title.clone();
    assert_eq!(app.reader.as_ref().unwrap().title, second);
    press(&mut app, "Enter");
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, "j");
    press(&mut app, "j");
    assert_eq!(app.reader.as_ref().unwrap().scroll, 2);
    press(&mut app, "G");
    let reader = app.reader.as_ref().unwrap();
    assert!(reader.scroll > 2 && reader.scroll == reader.max_scroll(reader_height(&app)));
    press(&mut app, "g");
    assert_eq!(app.reader.as_ref().unwrap().scroll, 0);
    press(&mut app, "Esc");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn filter_prompt_takes_every_printable_key() {
    let mut app = app(100, 30);
    press(&mut app, "/");
    assert!(app.prompt);
    type_text(&mut app, "epaper q");
    assert!(!app.quit, "q inside the prompt is text");
    assert_eq!(app.filter, "epaper q");
    press(&mut app, "Backspace");
    press(&mut app, "Backspace");
    assert_eq!(app.filter, "epaper");
    let first = app.selected_note().unwrap();
    assert!(first.path.contains("epaper"), "{}", first.path);
    press(&mut app, "Enter");
    assert!(!app.prompt);
    assert!(app.visible.len() < app.notes.len());
    press(&mut app, "Esc");
    assert!(app.filter.is_empty());
    assert_eq!(app.visible.len(), app.notes.len());
}

#[test]
fn help_opens_scrolls_and_closes_and_q_quits() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    assert_eq!(app.help, Some(0));
    press(&mut app, "j");
    assert_eq!(app.help, Some(1));
    assert_eq!(app.selected, 0, "keys go to the help, not the list");
    press(&mut app, "Esc");
    assert_eq!(app.help, None);
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn resize_renders_the_reader_at_the_new_width() {
    let mut app = app(100, 30);
    let before = app.reader.as_ref().unwrap().width;
    update(&mut app, Msg::Resize(140, 40));
    let after = app.reader.as_ref().unwrap().width;
    assert!(after > before);
    let widest = app
        .reader
        .as_ref()
        .unwrap()
        .rendered
        .lines
        .iter()
        .filter(|l| l.kind == crate::render::LineKind::Text)
        .map(|l| l.width())
        .max()
        .unwrap();
    assert!(widest <= after);
}

#[test]
fn copy_takes_the_code_block_in_view() {
    let mut app = app(100, 30);
    app.filter = "epaper".into();
    app.refilter();
    open_selected(&mut app);
    press(&mut app, "Enter");
    let reader = app.reader.as_ref().unwrap();
    let first_code = reader.rendered.code_rows[0].start;
    app.reader.as_mut().unwrap().scroll = first_code;
    let effects = press(&mut app, "y");
    let text = match effects.as_slice() {
        [Effect::Copy(text)] => text.clone(),
        other => panic!("expected a copy, got {other:?}"),
    };
    assert!(text.contains("GxEPD2_270"), "{text}");
}

#[test]
fn bundled_notes_cannot_be_edited_but_say_why() {
    let mut app = app(100, 30);
    press(&mut app, "Enter");
    let effects = press(&mut app, "e");
    assert!(effects.is_empty());
    let (message, level) = app.status.clone().unwrap();
    assert_eq!(level, Level::Warning);
    assert!(message.contains("read-only"), "{message}");
}

#[test]
fn source_view_and_code_wrap_toggle() {
    let mut app = app(100, 30);
    press(&mut app, "Enter");
    press(&mut app, "s");
    let reader = app.reader.as_ref().unwrap();
    assert!(reader.source_view);
    assert_eq!(reader.rendered.lines[0].text(), "---");
    press(&mut app, "s");
    press(&mut app, "w");
    assert!(app.reader.as_ref().unwrap().wrap_code);
}

#[test]
fn theme_cycles_and_asks_for_highlighting() {
    let mut app = app(100, 30);
    app.filter = "epaper".into();
    app.refilter();
    open_selected(&mut app);
    let before = app.theme;
    let effects = press(&mut app, "t");
    assert_ne!(app.theme, before);
    assert_eq!(effects, vec![Effect::Highlight]);
}

#[test]
fn highlight_results_for_other_notes_are_only_cached() {
    let mut app = app(100, 30);
    let theme = app.theme().code_theme.label();
    let origin = crate::notes::Origin::Bundled("not-open.md");
    update(
        &mut app,
        Msg::Highlighted {
            origin: origin.clone(),
            theme: theme.clone(),
            blocks: vec![],
        },
    );
    assert!(app.highlight_cache.contains_key(&(origin, theme)));
}

#[test]
fn mouse_toggle_is_an_effect_and_a_click_selects() {
    let mut app = app(100, 30);
    assert_eq!(press(&mut app, "m"), vec![Effect::Mouse(true)]);
    let click = MouseEvent {
        kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: 5,
        row: 6,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut app, Msg::Mouse(click));
    assert_eq!(
        app.selected, 2,
        "row 6 is the third note: tabs, border, then two rows a note"
    );
}

#[test]
fn clicking_a_tab_switches_to_it() {
    let mut app = app(100, 30);
    let labels = crate::tui::view::tabs::labels(&app);
    let pins = labels
        .iter()
        .find(|(t, _, _)| *t == crate::tui::app::Tab::Pins)
        .unwrap();
    let pins_column = pins.2.start + 1;
    let click = MouseEvent {
        kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: pins_column,
        row: 0,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut app, Msg::Mouse(click));
    assert_eq!(app.tab, crate::tui::app::Tab::Pins);
}

#[test]
fn o_on_the_buildkit_manifest_list_sends_it_to_the_manifest_panel() {
    let mut app = app(100, 30);
    app.filter = "buildkit".into();
    app.refilter();
    open_selected(&mut app);
    press(&mut app, "Enter");
    let json_rows = {
        let reader = app.reader.as_ref().unwrap();
        let index = reader
            .blocks
            .iter()
            .position(|b| b.lang == "json")
            .expect("a json block");
        reader.rendered.code_rows[index].start
    };
    app.reader.as_mut().unwrap().scroll = json_rows;
    let effects = press(&mut app, "o");
    match effects.as_slice() {
        [Effect::Manifest(job)] => {
            let crate::tui::manifest::ManifestWork::Document(name, bytes) = &job.work else {
                panic!("expected a document, got {job:?}");
            };
            assert!(name.contains("buildkit"), "{name}");
            assert_eq!(app.manifest.as_ref().unwrap().requested, *name);
            assert!(app.manifest.as_ref().unwrap().busy());
            let text = String::from_utf8_lossy(bytes);
            assert!(text.contains("manifest.list.v2+json"), "{text}");
        }
        other => panic!("expected the manifest list, got {other:?}"),
    }
    assert_eq!(app.tab, crate::tui::app::Tab::Manifest);
}

#[test]
fn manifest_rules_toggle_and_a_bad_platform_is_a_warning() {
    let mut app = app(100, 30);
    press(&mut app, "4");
    press(&mut app, "r");
    assert_eq!(
        app.manifest.as_ref().unwrap().rules,
        crate::manifest::Rules::Literal
    );
    press(&mut app, "p");
    for c in "not a platform".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "Enter");
    let (message, level) = app.status.clone().unwrap();
    assert_eq!(level, Level::Warning);
    assert!(message.starts_with("platform:"), "{message}");
    let drill = press(&mut app, "Enter");
    assert!(
        matches!(drill.as_slice(), [Effect::Manifest(job)] if matches!(job.work, crate::tui::manifest::ManifestWork::Drill { .. })),
        "{drill:?}"
    );
    press(&mut app, "Esc");
    assert!(
        !app.manifest.as_ref().unwrap().busy(),
        "Esc cancels the drill"
    );
    let effects = press(&mut app, "y");
    assert!(matches!(effects.as_slice(), [Effect::Copy(d)] if d.starts_with("sha256:")));
}

#[test]
fn o_on_the_http_request_loads_it_into_the_bench_panel() {
    let mut app = app(100, 30);
    app.filter = "net/http.Header".into();
    app.refilter();
    open_selected(&mut app);
    press(&mut app, "Enter");
    let row = {
        let reader = app.reader.as_ref().unwrap();
        assert!(reader.path.contains("header"), "{}", reader.path);
        let index = reader
            .blocks
            .iter()
            .position(|b| b.lang == "http")
            .expect("an http block");
        reader.rendered.code_rows[index].start
    };
    app.reader.as_mut().unwrap().scroll = row;
    assert!(press(&mut app, "o").is_empty());
    assert_eq!(app.tab, crate::tui::app::Tab::Bench);
    let panel = app.bench.as_ref().unwrap();
    let input = panel.current_input().unwrap();
    assert!(input.name.contains("header"), "{}", input.name);
    assert!(input.bytes.starts_with(b"GET "));
    let run = press(&mut app, "Enter");
    assert!(
        matches!(run.as_slice(), [Effect::Bench(job)] if job.config.input.bytes.starts_with(b"GET ")),
        "{run:?}"
    );
    assert!(app.bench.as_ref().unwrap().running.is_some());
    assert!(press(&mut app, "Enter").is_empty(), "one run at a time");
    press(&mut app, "Esc");
    assert!(app.bench.as_ref().unwrap().running.is_none());
}

#[test]
fn bench_takes_a_file_of_your_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.http");
    std::fs::write(&path, "GET /x HTTP/1.1\nHost: a\n\n").unwrap();
    let mut app = app(100, 30);
    press(&mut app, "2");
    press(&mut app, "l");
    assert_eq!(app.scope(), Scope::Prompt);
    type_text(&mut app, path.to_str().unwrap());
    press(&mut app, "Enter");
    let input = app.bench.as_ref().unwrap().current_input().unwrap().clone();
    assert_eq!(
        input.bytes, b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n",
        "LF-only files are made CRLF"
    );
    press(&mut app, "l");
    type_text(&mut app, "/no/such/file.http");
    press(&mut app, "Enter");
    assert_eq!(app.status.as_ref().map(|s| s.1), Some(Level::Warning));
}

#[test]
fn level_shifters_change_the_checks_of_your_wiring() {
    let mut app = app(100, 30);
    press(&mut app, "3");
    press(&mut app, "a");
    for _ in 0..80 {
        press(&mut app, "Backspace");
    }
    type_text(&mut app, "BUSY=5,RST=2,DC=4,CS=15");
    press(&mut app, "Enter");
    let plain = app.pins.as_ref().unwrap().findings.clone();
    press(&mut app, "L");
    let pins = app.pins.as_ref().unwrap();
    assert!(pins.shifted);
    assert_ne!(
        pins.findings, plain,
        "a level-shifted CS on GPIO15 is judged differently"
    );
    assert!(
        crate::pins::checks::has_errors(&pins.findings),
        "{:?}",
        pins.findings
    );
}

#[test]
fn level_shifters_apply_to_the_boards_own_wiring() {
    let mut app = app(100, 30);
    press(&mut app, "3");
    assert!(!crate::pins::checks::has_errors(
        &app.pins.as_ref().unwrap().findings
    ));
    press(&mut app, "L");
    let pins = app.pins.as_ref().unwrap();
    assert!(
        crate::pins::checks::has_errors(&pins.findings),
        "{:?}",
        pins.findings
    );
    assert_eq!(
        app.status.as_ref().map(|s| s.0.as_str()),
        Some("your panel module has level shifters")
    );
}

#[test]
fn copy_works_in_the_source_view_too() {
    let mut app = app(100, 30);
    app.filter = "epaper".into();
    app.refilter();
    open_selected(&mut app);
    press(&mut app, "Enter");
    press(&mut app, "s");
    let line = app.reader.as_ref().unwrap().blocks[0].source_line;
    app.reader.as_mut().unwrap().scroll = line;
    let effects = press(&mut app, "y");
    assert!(
        matches!(effects.as_slice(), [Effect::Copy(text)] if text.contains("GxEPD2")),
        "{effects:?}"
    );
}

#[test]
fn help_pages_and_stops_at_its_end() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    press(&mut app, "PageDown");
    assert!(app.help.unwrap() > 5);
    for _ in 0..50 {
        press(&mut app, "PageDown");
    }
    let last = crate::tui::view::help_row_count(&app) - 1;
    assert_eq!(app.help, Some(last));
    press(&mut app, "g");
    assert_eq!(app.help, Some(0));
}
