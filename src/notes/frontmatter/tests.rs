use super::*;

fn front(text: &str) -> FrontMatter {
    split(text)
        .front
        .expect("has front matter")
        .expect("parses")
}

#[test]
fn yaml_front_matter_is_parsed_and_cut() {
    let text = "---\ntitle: \"Pins\"\ndate: 2020-04-15\ntags: [esp8266, epaper]\n\
                board: waveshare-esp8266\npanel: \"2.7\"\n---\n# Body\n";
    let s = split(text);
    assert_eq!(s.body, "# Body\n");
    assert_eq!(s.body_line, 7);
    let f = s.front.unwrap().unwrap();
    assert_eq!(f.title.as_deref(), Some("Pins"));
    assert_eq!(f.date.unwrap().to_string(), "2020-04-15");
    assert_eq!(f.tags, ["esp8266", "epaper"]);
    assert_eq!(f.fields["board"], "waveshare-esp8266");
    assert_eq!(f.fields["panel"], "2.7");
}

#[test]
fn toml_front_matter_is_parsed() {
    let f = front("+++\ntitle = \"k3s\"\ndate = 2020-02-01\ntags = [\"k3s\", \"pi\"]\n+++\nbody\n");
    assert_eq!(f.title.as_deref(), Some("k3s"));
    assert_eq!(f.date.unwrap().to_string(), "2020-02-01");
    assert_eq!(f.tags, ["k3s", "pi"]);
}

#[test]
fn tags_as_one_string_and_pinned() {
    let f = front("---\ntags: go, http  textproto\npinned: true\n---\n");
    assert_eq!(f.tags, ["go", "http", "textproto"]);
    assert!(f.pinned);
}

#[test]
fn thematic_break_at_top_stays_body() {
    for text in [
        "---\n\nJust a rule above.\n",
        "---\nSome text\n---\n",
        "---\n",
    ] {
        let s = split(text);
        assert!(s.front.is_none(), "{text:?}");
        assert_eq!(s.body, text);
        assert_eq!(s.body_line, 0);
    }
}

#[test]
fn bad_date_names_its_line() {
    let text = "---\ntitle: x\ndate: April\ntags: [a]\n---\nbody\n";
    let front = split(text).front.unwrap().unwrap();
    assert_eq!(
        front.title.as_deref(),
        Some("x"),
        "the other keys still count"
    );
    assert_eq!(front.tags, ["a"]);
    let err = &front.problems[0];
    assert_eq!(err.line, 3);
    assert_eq!(
        err.message,
        "expected a date like 2020-04-15, found \"April\""
    );
}

#[test]
fn broken_yaml_is_cut_and_reported_at_its_line() {
    let s = split("---\ntitle: ok\ntags: [a, b\nmore: x\n---\nbody\n");
    assert_eq!(s.body, "body\n");
    let err = s.front.unwrap().unwrap_err();
    assert!(err.line >= 3, "{err:?}");
    assert!(!err.message.is_empty());
}

#[test]
fn broken_toml_reports_line() {
    let err = split("+++\ntitle = \"x\"\ndate = \n+++\n")
        .front
        .unwrap()
        .unwrap_err();
    assert_eq!(err.line, 3, "{err:?}");
}

#[test]
fn yaml_closed_by_dots_and_trailing_spaces() {
    let s = split("--- \ntitle: x\n...\nbody");
    assert_eq!(s.body, "body");
    assert_eq!(s.front.unwrap().unwrap().title.as_deref(), Some("x"));
}
