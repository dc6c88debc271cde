use super::discover::collect;
use super::*;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn finds_markdown_recursively_and_skips_hidden_and_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", "# Alpha\n");
    write(root, "sub/deeper/b.markdown", "---\ntitle: Beta\n---\n");
    write(root, "sub/c.txt", "not a note");
    write(root, ".hidden/d.md", "# hidden");
    write(root, "build/e.md", "# ignored");
    write(root, ".gitignore", "build/\n");
    let (notes, warnings) = collect(&Source::Folder(root.to_path_buf()));
    let paths: Vec<_> = notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths.contains(&"a.md") && paths.contains(&"sub/deeper/b.markdown"),
        "{paths:?}"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn symlink_loop_dangling_link_and_fifo_are_survived() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "real/n.md", "# Real");
    std::os::unix::fs::symlink(root, root.join("real/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("dangling.md")).unwrap();
    let fifo = root.join("x.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let (notes, warnings) = collect(&Source::Folder(root.to_path_buf()));
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].title, "Real");
    let all = warnings.join("\n");
    assert!(all.contains("x.md: not a regular file"), "{all}");
    assert!(all.contains("dangling.md"), "{all}");
    assert!(all.to_lowercase().contains("loop"), "{all}");
}

#[test]
fn title_falls_back_to_heading_then_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "one.md", "```\n# not this\n```\n# Real title #\n");
    write(root, "two.md", "Setext title\n============\n");
    write(root, "three.md", "just text\n");
    let (notes, _) = collect(&Source::Folder(root.to_path_buf()));
    let mut titles: Vec<_> = notes.iter().map(|n| n.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Real title", "Setext title", "three"]);
    assert!(
        notes.iter().all(|n| n.date.is_some()),
        "dates come from mtime"
    );
}

#[test]
fn bad_front_matter_still_shows_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pins.md",
        "---\ntitle: Pins\ndate: April\n---\n# Body\n",
    );
    let (notes, _) = collect(&Source::Folder(dir.path().to_path_buf()));
    assert_eq!(
        notes[0].warnings,
        ["pins.md:3: front matter: expected a date like 2020-04-15, found \"April\""]
    );
    assert_eq!(notes[0].title, "Pins", "the title is kept");
    assert!(
        notes[0].date.is_some(),
        "the file's time stands in for the bad date"
    );
}

#[test]
fn crlf_and_invalid_utf8_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("w.md"),
        b"---\r\ntitle: Win\r\n---\r\nline\r\n\xff\r\n",
    )
    .unwrap();
    let origin = Origin::File(dir.path().join("w.md"));
    let text = read(&origin, "w.md").unwrap();
    assert!(!text.text.contains('\r'));
    assert_eq!(
        text.warnings,
        ["w.md:5: invalid UTF-8, shown with replacement characters"]
    );
    assert_eq!(meta(origin, "w.md".into(), &text, None).title, "Win");
}

#[test]
fn sort_puts_pinned_then_newest_first() {
    let mk = |title: &str, date: Option<&str>, pinned| NoteMeta {
        origin: Origin::Bundled("x"),
        path: title.into(),
        title: title.into(),
        date: date.and_then(NoteDate::parse),
        tags: vec![],
        pinned,
        fields: Default::default(),
        warnings: vec![],
    };
    let mut notes = vec![
        mk("old", Some("2019-01-01"), false),
        mk("undated", None, false),
        mk("home", Some("2018-01-01"), true),
        mk("new", Some("2020-01-01"), false),
    ];
    sort(&mut notes);
    let order: Vec<_> = notes.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(order, ["home", "new", "old", "undated"]);
}

#[test]
fn source_precedence_cli_then_config_then_bundled() {
    let dir = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let got = Source::choose(Some(dir.path()), Some(other.path())).unwrap();
    assert_eq!(got, Source::Folder(dir.path().to_path_buf()));
    let got = Source::choose(None, Some(other.path())).unwrap();
    assert_eq!(got, Source::Folder(other.path().to_path_buf()));
    assert_eq!(Source::choose(None, None).unwrap(), Source::Bundled);
    assert!(Source::choose(Some(Path::new("/no/such/dir")), None).is_err());
}

#[test]
fn bundled_notes_all_have_front_matter_and_no_warnings() {
    let notes = bundled();
    assert!(notes.len() >= 12, "{}", notes.len());
    for note in &notes {
        assert!(
            note.warnings.is_empty(),
            "{}: {:?}",
            note.path,
            note.warnings
        );
        assert!(note.date.is_some(), "{} has no date", note.path);
        assert!(!note.tags.is_empty(), "{} has no tags", note.path);
    }
    let epaper = notes.iter().find(|n| n.fields.contains_key("board"));
    assert_eq!(
        epaper.map(|n| n.fields["board"].as_str()),
        Some("waveshare-esp8266")
    );
}
