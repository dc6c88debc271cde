use crate::tui::event::Msg;
use crate::tui::testing::{app, press, screen};
use crate::tui::update::update;

#[test]
fn list_and_reader_at_80x24() {
    let app = app(80, 24);
    insta::assert_snapshot!(screen(&app).join("\n"));
}

#[test]
fn reading_a_note_at_120x40() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    for c in "epaper".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "Enter");
    press(&mut app, "Enter");
    for _ in 0..5 {
        press(&mut app, "j");
    }
    insta::assert_snapshot!(screen(&app).join("\n"));
}

#[test]
fn help_overlay_at_80x24() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    let shown = screen(&app);
    assert!(shown.iter().any(|l| l.contains("Keys (Esc closes)")));
    insta::assert_snapshot!(shown.join("\n"));
}

#[test]
fn narrow_window_shows_one_pane() {
    let mut app = app(50, 16);
    let list = screen(&app);
    assert!(list[1].contains("Notes"), "{list:?}");
    press(&mut app, "Enter");
    let reader = screen(&app);
    assert!(reader[1].contains("Welcome to notebench"), "{reader:?}");
    assert!(!reader.iter().any(|l| l.contains("Notes 12/12")));
}

#[test]
fn tiny_sizes_and_resizes_with_help_open_never_panic() {
    let mut app = app(80, 24);
    for (w, h) in [(1, 1), (20, 5), (39, 10), (40, 9)] {
        update(&mut app, Msg::Resize(w, h));
        let shown = screen(&app).join("\n");
        if w >= 16 && h >= 2 {
            assert!(shown.contains("window too small"), "{w}x{h}: {shown}");
        }
    }
    update(&mut app, Msg::Resize(80, 11));
    press(&mut app, "?");
    let shown = screen(&app);
    assert!(shown.iter().any(|l| l.contains("Keys")), "{shown:?}");
    for (w, h) in [(1, 1), (200, 60), (40, 10), (20, 5), (41, 11), (120, 40)] {
        update(&mut app, Msg::Resize(w, h));
        for _ in 0..50 {
            press(&mut app, "j");
        }
        screen(&app);
    }
    assert!(app.help.is_some());
}

#[test]
fn no_control_bytes_reach_the_screen() {
    let mut app = app(80, 24);
    let text = crate::notes::NoteText {
        text: "# T\n\nbell\u{7} esc\u{1b}[31m\n".into(),
        warnings: vec![],
    };
    let meta = app.selected_note().unwrap().clone();
    app.reader = Some(crate::tui::reader::Reader::new(
        &meta, text, 40, false, None,
    ));
    let shown = screen(&app).join("\n");
    assert!(shown.contains("bell^G esc^[[31m"), "{shown}");
    let bad: Vec<char> = shown
        .chars()
        .filter(|&c| c != '\n' && crate::sanitize::needs_replacing(c))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn pins_panel_opened_from_the_epaper_note_at_80x24() {
    let mut app = app(80, 24);
    press(&mut app, "/");
    for c in "epaper".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "Enter");
    press(&mut app, "Enter");
    press(&mut app, "o");
    assert_eq!(app.tab, crate::tui::app::Tab::Pins);
    let shown = screen(&app);
    let text = shown.join("\n");
    assert!(text.contains("waveshare-esp8266"), "{text}");
    assert!(text.contains("GxEPD2_270"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn pins_panel_checks_a_typed_wiring_and_finds_pins() {
    let mut app = app(100, 30);
    press(&mut app, "3");
    assert_eq!(app.tab, crate::tui::app::Tab::Pins);
    press(&mut app, "a");
    assert_eq!(app.scope(), crate::keymap::Scope::Prompt);
    for _ in 0..60 {
        press(&mut app, "Backspace");
    }
    for c in "BUSY=16,RST=5,DC=4,CS=15".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "Enter");
    let text = screen(&app).join("\n");
    assert!(text.contains("Revision mismatch"), "{text}");
    press(&mut app, "/");
    for c in "P11".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "Enter");
    let (message, _) = app.status.clone().unwrap();
    assert!(
        message.contains("no pin matches") || message.contains("physical"),
        "{message}"
    );
    press(&mut app, "Esc");
    let text = screen(&app).join("\n");
    assert!(!text.contains("Revision mismatch"), "{text}");
}

#[test]
fn links_in_view_are_found_where_they_are_drawn() {
    let mut app = app(120, 40);
    app.filter = "epaper".into();
    app.refilter();
    crate::tui::update::open_selected(&mut app);
    let links = crate::tui::view::reader::visible_links(&app);
    let link = links
        .iter()
        .find(|l| l.url.contains("GxEPD2"))
        .expect("the GxEPD2 link is in view");
    let shown = screen(&app);
    let row: String = shown[usize::from(link.y)]
        .chars()
        .skip(usize::from(link.x))
        .collect();
    assert!(row.starts_with(&link.text), "{row:?} vs {:?}", link.text);
}

#[test]
fn manifest_panel_with_the_sample_at_100x30() {
    let mut app = app(100, 30);
    press(&mut app, "4");
    assert_eq!(app.tab, crate::tui::app::Tab::Manifest);
    press(&mut app, "p");
    for c in "linux/arm/v7".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "Enter");
    let text = screen(&app).join("\n");
    assert!(
        text.contains("target linux/arm/v7, containerd rules"),
        "{text}"
    );
    assert!(text.contains("▶ #2"), "arm/v7 pulls entry #2: {text}");
    insta::assert_snapshot!(text);
}

#[test]
fn bench_panel_with_a_finished_run() {
    use crate::tui::bench::BenchMsg;
    let mut app = app(100, 30);
    press(&mut app, "2");
    assert_eq!(app.tab, crate::tui::app::Tab::Bench);
    let panel = app.bench.as_mut().unwrap();
    for (variant, on) in panel.variants.iter_mut() {
        *on = matches!(
            variant,
            crate::headers::Variant::Httparse | crate::headers::Variant::ZeroCopy
        );
    }
    panel.input = panel.inputs.iter().position(|i| i.name == "curl").unwrap();
    let started = panel.begin(panel.config().unwrap());
    let (job, cancel, config) = (started.job, started.cancel, started.config);
    let running = screen(&app).join("\n");
    assert!(
        running.contains("░"),
        "progress bars while running: {running}"
    );
    let report = crate::bench::run(&config, &mut crate::bench::progress::NoProgress, &cancel);
    update(&mut app, Msg::Bench(BenchMsg::Done(job, Box::new(report))));
    let text = screen(&app).join("\n");
    let row = |name: &str| {
        text.lines()
            .find(|l| l.contains(&format!("[x] {name} ")))
            .unwrap_or("")
            .to_string()
    };
    assert!(row("httparse").contains("1.00x"), "{text}");
    assert!(
        row("zero-copy").contains('x') && row("zero-copy").contains('▇'),
        "{text}"
    );
    assert!(text.contains("[ ] naive"), "{text}");
    assert!(text.contains("ratio to httparse"), "{text}");
    assert!(!text.contains("INVALID"), "{text}");
}

#[test]
fn bench_panel_reports_an_input_no_variant_accepts() {
    use crate::tui::bench::BenchMsg;
    let mut app = app(100, 30);
    press(&mut app, "2");
    let panel = app.bench.as_mut().unwrap();
    panel.add_input(crate::bench::Input::from_text(
        "broken",
        b"GET / HTTP/1.1\r\nBad Header : x\r\n\r\n",
    ));
    let started = panel.begin(panel.config().unwrap());
    let (job, cancel, config) = (started.job, started.cancel, started.config);
    let report = crate::bench::run(&config, &mut crate::bench::progress::NoProgress, &cancel);
    update(&mut app, Msg::Bench(BenchMsg::Done(job, Box::new(report))));
    let text = screen(&app).join("\n");
    assert!(
        text.contains("INVALID") || text.contains("no variant accepts"),
        "{text}"
    );
}

#[test]
fn combining_marks_stay_with_their_letter() {
    let mut app = app(80, 24);
    let text = crate::notes::NoteText {
        text: "Cafe\u{301} na\u{308}ive\n".into(),
        warnings: vec![],
    };
    let meta = app.selected_note().unwrap().clone();
    app.reader = Some(crate::tui::reader::Reader::new(
        &meta, text, 40, false, None,
    ));
    let shown = screen(&app).join("\n");
    assert!(shown.contains("Cafe\u{301} na\u{308}ive"), "{shown}");
}
