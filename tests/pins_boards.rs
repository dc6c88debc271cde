//! The shipped board data, user board files, and errors of bad board files.

use notebench::pins::layout::{self, Arrangement};
use notebench::pins::{BUILTIN_BOARDS, Board, Catalog, Origin, PinKind};
use std::fs;

fn board(id: &str) -> Board {
    Catalog::builtin().get(id).expect("shipped board").clone()
}

fn signal_gpio(board: &Board, wiring: &str, signal: &str) -> Option<u8> {
    let w = board.wiring(wiring)?;
    board.gpio_of(w.signal(signal)?.pin)
}

#[test]
fn every_shipped_board_file_loads() {
    let catalog = Catalog::builtin();
    assert!(catalog.errors().is_empty(), "{:#?}", catalog.errors());
    for (id, _) in BUILTIN_BOARDS {
        let b = catalog.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(b.origin, Origin::Builtin);
        assert!(!b.name.is_empty() && !b.description.is_empty(), "{id}");
    }
    assert_eq!(catalog.boards().len(), BUILTIN_BOARDS.len());
}

#[test]
fn pi_header_has_40_pins_with_power_where_the_pi_has_it() {
    let pi = board("rpi-40pin");
    assert_eq!(pi.pins.len(), 40);
    let at = |kind: PinKind| -> Vec<u16> {
        let mut v: Vec<u16> = pi
            .pins
            .iter()
            .filter(|p| p.kind == kind)
            .filter_map(|p| p.physical)
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(at(PinKind::Ground), [6, 9, 14, 20, 25, 30, 34, 39]);
    assert_eq!(at(PinKind::Power3v3), [1, 17]);
    assert_eq!(at(PinKind::Power5v), [2, 4]);
    assert_eq!(at(PinKind::Gpio).len(), 28);
}

#[test]
fn pi_header_numbers_match_gpio_readall() {
    // (physical, BCM, wiringPi) as `gpio readall` prints them.
    let table: [(u16, u8, u8); 28] = [
        (3, 2, 8),
        (5, 3, 9),
        (7, 4, 7),
        (8, 14, 15),
        (10, 15, 16),
        (11, 17, 0),
        (12, 18, 1),
        (13, 27, 2),
        (15, 22, 3),
        (16, 23, 4),
        (18, 24, 5),
        (19, 10, 12),
        (21, 9, 13),
        (22, 25, 6),
        (23, 11, 14),
        (24, 8, 10),
        (26, 7, 11),
        (27, 0, 30),
        (28, 1, 31),
        (29, 5, 21),
        (31, 6, 22),
        (32, 12, 26),
        (33, 13, 23),
        (35, 19, 24),
        (36, 16, 27),
        (37, 26, 25),
        (38, 20, 28),
        (40, 21, 29),
    ];
    let pi = board("rpi-40pin");
    for (physical, bcm, wpi) in table {
        let pin = &pi.pins[pi.pin_by_physical(physical).unwrap()];
        assert_eq!(
            (pin.gpio, pin.wiringpi),
            (Some(bcm), Some(wpi)),
            "pin {physical}"
        );
        assert_eq!(pin.name, format!("GPIO{bcm}"));
    }
}

#[test]
fn pi_functions_and_pull_ups() {
    let pi = board("rpi-40pin");
    let pin = |n: u16| &pi.pins[pi.pin_by_physical(n).unwrap()];
    assert_eq!(
        pin(19).function(notebench::pins::model::FunctionGroup::Spi),
        Some("SPI0 MOSI")
    );
    assert_eq!(
        pin(24).function(notebench::pins::model::FunctionGroup::Spi),
        Some("SPI0 CE0")
    );
    assert_eq!(
        pin(8).function(notebench::pins::model::FunctionGroup::Uart),
        Some("UART TXD")
    );
    assert!(pin(27).has(notebench::pins::model::FunctionGroup::Eeprom));
    assert_eq!(pin(3).pull, Some(notebench::pins::Pull::Up));
    assert_eq!(pin(5).pull, Some(notebench::pins::Pull::Up));
}

#[test]
fn pi_epaper_hat_wiring() {
    let pi = board("rpi-40pin");
    let hat = pi.wiring("epaper-hat").unwrap();
    let expected = [
        ("RST", 17, 11),
        ("DC", 25, 22),
        ("CS", 8, 24),
        ("BUSY", 24, 18),
        ("CLK", 11, 23),
        ("DIN", 10, 19),
        ("PWR", 18, 12),
    ];
    for (signal, bcm, physical) in expected {
        let s = hat.signal(signal).unwrap();
        assert_eq!(
            (pi.pins[s.pin].gpio, pi.pins[s.pin].physical),
            (Some(bcm), Some(physical)),
            "{signal}"
        );
    }
    assert!(!pi.fixed_wiring);
}

#[test]
fn esp8266_driver_board_has_both_revisions() {
    let b = board("waveshare-esp8266");
    assert!(b.fixed_wiring);
    assert_eq!(b.default_wiring().map(|w| w.id.as_str()), Some("current"));
    let current = [
        ("BUSY", 5),
        ("RST", 2),
        ("DC", 4),
        ("CS", 15),
        ("CLK", 14),
        ("DIN", 13),
    ];
    let older = [
        ("BUSY", 16),
        ("RST", 5),
        ("DC", 4),
        ("CS", 15),
        ("CLK", 14),
        ("DIN", 13),
    ];
    for (signal, g) in current {
        assert_eq!(
            signal_gpio(&b, "current", signal),
            Some(g),
            "current {signal}"
        );
    }
    for (signal, g) in older {
        assert_eq!(signal_gpio(&b, "older", signal), Some(g), "older {signal}");
    }
    for w in &b.wirings {
        assert!(w.source.len() > 40, "wiring {} states its source", w.id);
    }
}

#[test]
fn esp32_driver_board_wiring() {
    let b = board("waveshare-esp32");
    let expected = [
        ("BUSY", 25),
        ("RST", 26),
        ("DC", 27),
        ("CS", 15),
        ("CLK", 13),
        ("DIN", 14),
    ];
    for (signal, g) in expected {
        assert_eq!(signal_gpio(&b, "standard", signal), Some(g), "{signal}");
    }
    assert!(b.notes.iter().any(|n| n.contains("remapped")));
}

#[test]
fn arrangement_pairs_header_rows_and_lists_other_boards() {
    let pi = board("rpi-40pin");
    let Arrangement::Header { rows } = layout::arrangement(&pi) else {
        panic!("header expected")
    };
    assert_eq!(rows.len(), 20);
    for (row, (left, right)) in rows.iter().enumerate() {
        let n = u16::try_from(row).unwrap() * 2 + 1;
        assert_eq!(
            (pi.pins[*left].physical, pi.pins[*right].physical),
            (Some(n), Some(n + 1))
        );
    }
    let node = board("nodemcu");
    assert_eq!(
        layout::arrangement(&node),
        Arrangement::List {
            pins: (0..node.pins.len()).collect()
        }
    );
}

#[test]
fn strapping_pins_are_marked_in_the_data() {
    use notebench::pins::model::{Chip, FunctionGroup};
    for b in Catalog::builtin().boards() {
        let straps: &[u8] = match b.chip {
            Chip::Esp8266 => &[0, 2, 15],
            Chip::Esp32 => &[0, 2, 5, 12, 15],
            _ => &[],
        };
        for p in b
            .pins
            .iter()
            .filter(|p| p.gpio.is_some_and(|g| straps.contains(&g)))
        {
            assert!(p.has(FunctionGroup::Strapping), "{} {}", b.id, p.name);
        }
        let espressif = matches!(b.chip, Chip::Esp8266 | Chip::Esp32);
        for p in b
            .pins
            .iter()
            .filter(|p| espressif && p.gpio.is_some_and(|g| (6..=11).contains(&g)))
        {
            assert!(p.has(FunctionGroup::Flash), "{} {}", b.id, p.name);
        }
    }
}

const GOOD_USER_BOARD: &str = r#"
name = "My breakout"
chip = "esp8266"
layout = "list"
pins = [
  { gpio = 4, name = "IO4", kind = "gpio" },
  { gpio = 5, name = "IO5", kind = "gpio" },
]
"#;

fn config_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("boards")).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join("boards").join(name), text).unwrap();
    }
    dir
}

#[test]
fn bad_value_names_file_line_and_field_and_others_still_load() {
    let bad = GOOD_USER_BOARD.replace(
        "name = \"IO5\", kind = \"gpio\"",
        "name = \"IO5\", kind = \"gpo\"",
    );
    let dir = config_with(&[("bad.toml", &bad), ("mine.toml", GOOD_USER_BOARD)]);
    let catalog = Catalog::load(dir.path());
    assert_eq!(catalog.errors().len(), 1);
    let e = &catalog.errors()[0];
    assert!(e.file.ends_with("bad.toml"), "{}", e.file);
    assert_eq!(e.line, Some(7));
    assert_eq!(e.field.as_deref(), Some("kind"));
    assert!(e.to_string().contains("bad.toml:7:"), "{e}");
    assert!(catalog.get("mine").is_some());
    assert!(catalog.error_for("bad").is_some());
    assert_eq!(catalog.boards().len(), BUILTIN_BOARDS.len() + 1);
}

#[test]
fn missing_field_and_syntax_errors_name_their_place() {
    let missing = GOOD_USER_BOARD.replace("{ gpio = 5, name = \"IO5\", ", "{ gpio = 5, ");
    let syntax = GOOD_USER_BOARD.replace("chip = \"esp8266\"", "chip = \"esp8266");
    let dir = config_with(&[("missing.toml", &missing), ("syntax.toml", &syntax)]);
    let catalog = Catalog::load(dir.path());
    let missing = catalog
        .error_for("missing")
        .expect("missing field reported");
    assert_eq!(
        (missing.line, missing.field.as_deref()),
        (Some(7), Some("name"))
    );
    let syntax = catalog.error_for("syntax").expect("syntax error reported");
    assert_eq!(syntax.line, Some(3));
}

#[test]
fn bad_wiring_pin_names_the_signal_line() {
    let text = format!(
        "{GOOD_USER_BOARD}\n[[wirings]]\nid = \"w\"\nname = \"W\"\nsource = \"test\"\nsignals = [\n  {{ name = \"BUSY\", pin = \"GPIO4\" }},\n  {{ name = \"CS\", pin = \"D9\" }},\n]\n"
    );
    let dir = config_with(&[("wired.toml", &text)]);
    let catalog = Catalog::load(dir.path());
    let e = catalog.error_for("wired").expect("bad pin reported");
    assert_eq!((e.line, e.field.as_deref()), (Some(16), Some("pin")));
    assert!(
        e.message.contains("D9") && e.message.contains("CS"),
        "{}",
        e.message
    );
}

#[test]
fn duplicate_numbers_and_bad_ids_are_refused() {
    let dup = GOOD_USER_BOARD.replace("{ gpio = 5,", "{ gpio = 4,");
    let dir = config_with(&[("dup.toml", &dup), ("Bad Name.toml", GOOD_USER_BOARD)]);
    let catalog = Catalog::load(dir.path());
    let e = catalog.error_for("dup").expect("duplicate reported");
    assert_eq!((e.line, e.field.as_deref()), (Some(7), Some("gpio")));
    assert!(
        catalog
            .errors()
            .iter()
            .any(|e| e.field.as_deref() == Some("file name"))
    );
}

#[test]
fn a_user_file_replaces_the_shipped_board_of_the_same_id() {
    let dir = config_with(&[("nodemcu.toml", GOOD_USER_BOARD)]);
    let catalog = Catalog::load(dir.path());
    let b = catalog.get("nodemcu").unwrap();
    assert_eq!(b.name, "My breakout");
    assert!(matches!(b.origin, Origin::User(_)));
    assert_eq!(catalog.boards().len(), BUILTIN_BOARDS.len());
}

#[test]
fn a_missing_boards_folder_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::load(dir.path());
    assert!(catalog.errors().is_empty());
    assert_eq!(catalog.boards().len(), BUILTIN_BOARDS.len());
}

#[test]
fn pin_classes_pick_the_role_that_matters_most() {
    use notebench::pins::layout::PinClass;
    let pi = board("rpi-40pin");
    let class = |b: &Board, label: &str| {
        PinClass::of(&b.pins[notebench::pins::labels::resolve(b, label).unwrap()])
    };
    assert_eq!(class(&pi, "P3"), PinClass::I2c);
    assert_eq!(class(&pi, "P24"), PinClass::Spi);
    assert_eq!(class(&pi, "P27"), PinClass::Eeprom);
    assert_eq!(class(&pi, "P8"), PinClass::Uart);
    assert_eq!(class(&pi, "P13"), PinClass::Gpio);
    assert_eq!(
        PinClass::of(&pi.pins[pi.pin_by_physical(6).unwrap()]),
        PinClass::Ground
    );
    let esp = board("waveshare-esp8266");
    assert_eq!(
        class(&esp, "GPIO15"),
        PinClass::Strapping,
        "strapping outranks SPI"
    );
    assert_eq!(class(&esp, "GPIO6"), PinClass::Flash);
    assert_eq!(class(&esp, "A0"), PinClass::Special);
    let letters: Vec<char> = PinClass::ALL.iter().map(|c| c.letter()).collect();
    let mut unique = letters.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        letters.len(),
        "every class has its own letter"
    );
    assert!(
        !letters.contains(&'E') && !letters.contains(&'W'),
        "finding tags stay distinct"
    );
}
