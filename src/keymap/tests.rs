use super::*;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn default_table_has_no_conflicts() {
    assert_eq!(KeyMap::defaults().conflicts(), Vec::<String>::new());
}

#[test]
fn every_default_key_parses() {
    for &(_, _, name, keys, _, _) in DEFAULTS {
        for key in keys {
            assert!(Key::parse(key).is_ok(), "{name}: {key}");
        }
    }
}

#[test]
fn keys_parse_and_print_back() {
    for text in [
        "j", "G", "Ctrl-c", "Alt-x", "Enter", "PageDown", "F5", "Space", "?", "Tab",
    ] {
        let key = Key::parse(text).unwrap();
        let again = Key::parse(&key.to_string().replace('↓', "Down")).unwrap();
        assert_eq!(key, again, "{text}");
    }
    assert!(Key::parse("Hyper-x").is_err());
    assert!(Key::parse("F13").is_err());
}

#[test]
fn events_match_bindings_by_scope() {
    let map = KeyMap::defaults();
    let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(map.action(Scope::List, &j), Some(Action::Down));
    assert_eq!(map.action(Scope::Global, &j), None);
    let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(map.action(Scope::Reader, &big_g), Some(Action::Bottom));
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(map.action(Scope::Global, &ctrl_c), Some(Action::Quit));
}

#[test]
fn remaps_apply_and_conflicts_are_refused() {
    let mut map = KeyMap::defaults();
    let parse = |text: &str| -> BTreeMap<String, BTreeMap<String, KeyList>> {
        crate::config::Config::parse(text, "t.toml").unwrap().keys
    };
    map.remap(&parse("[keys.reader]\nscroll_down = [\"n\", \"Down\"]\n"))
        .unwrap();
    let n = press(KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(map.action(Scope::Reader, &n), Some(Action::Down));
    let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(map.action(Scope::Reader, &j), None);

    let before = map.clone();
    let errors = map
        .remap(&parse("[keys.reader]\nedit = \"y\"\n"))
        .unwrap_err();
    assert!(errors[0].contains("key y is bound to both"), "{errors:?}");
    assert_eq!(map, before, "a refused remap changes nothing");

    let errors = map
        .remap(&parse("[keys.reader]\nscroll_down = \"q\"\n"))
        .unwrap_err();
    assert!(errors[0].contains("hides the global quit"), "{errors:?}");

    let errors = map
        .remap(&parse(
            "[keys.reader]\nfly = \"x\"\n[keys.nowhere]\nquit = \"x\"\n",
        ))
        .unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn hints_come_from_the_table() {
    let map = KeyMap::defaults();
    let hints = map.hints(Scope::Reader);
    assert!(hints.iter().any(|(k, n)| k == "?" && *n == "help"));
    assert!(hints.iter().any(|(k, n)| k == "y" && *n == "copy_code"));
}
