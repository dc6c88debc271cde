//! Pin label resolution: every alias of every pin, the documented forms, and the errors.

use notebench::pins::labels::{self, LabelError};
use notebench::pins::{Board, Catalog, assign};

fn board(id: &str) -> Board {
    Catalog::builtin().get(id).expect("shipped board").clone()
}

fn gpio(board: &Board, label: &str) -> Option<u8> {
    labels::resolve(board, label)
        .ok()
        .and_then(|i| board.gpio_of(i))
}

#[test]
fn every_alias_of_every_pin_resolves_to_that_pin() {
    for b in Catalog::builtin().boards() {
        for index in 0..b.pins.len() {
            let aliases = labels::aliases(b, index);
            for alias in &aliases {
                assert_eq!(labels::resolve(b, alias), Ok(index), "{} {alias}", b.id);
                assert_eq!(
                    labels::resolve(b, &alias.to_lowercase()),
                    Ok(index),
                    "{} {alias}",
                    b.id
                );
            }
            let pin = &b.pins[index];
            if pin.gpio.is_some() {
                assert!(
                    aliases.len() >= 3,
                    "{} {} has only {aliases:?}",
                    b.id,
                    pin.name
                );
            }
        }
    }
}

#[test]
fn pi_pin_answers_to_all_its_names() {
    let pi = board("rpi-40pin");
    let pin11 = pi.pin_by_physical(11).unwrap();
    let aliases = labels::aliases(&pi, pin11);
    for name in ["GPIO17", "BCM17", "17", "P11", "WPI0"] {
        assert!(
            aliases.iter().any(|a| a == name),
            "{name} missing from {aliases:?}"
        );
    }
    for name in [
        "17", "gpio17", "BCM17", "bcm17", "p11", "P11", "wpi0", " WPI0 ",
    ] {
        assert_eq!(labels::resolve(&pi, name), Ok(pin11), "{name}");
    }
    assert_eq!(gpio(&pi, "SDA1"), Some(2));
    assert_eq!(gpio(&pi, "CE0"), Some(8));
    assert_eq!(gpio(&pi, "P24"), Some(8));
    assert_eq!(gpio(&pi, "WPI10"), Some(8));
    assert_eq!(gpio(&pi, "ID_SC"), Some(1));
}

#[test]
fn nodemcu_d_labels_match_their_gpios() {
    let node = board("nodemcu");
    let table = [
        ("D0", 16),
        ("D1", 5),
        ("D2", 4),
        ("D3", 0),
        ("D4", 2),
        ("D5", 14),
        ("D6", 12),
        ("D7", 13),
        ("D8", 15),
        ("RX", 3),
        ("TX", 1),
    ];
    for (label, number) in table {
        assert_eq!(gpio(&node, label), Some(number), "{label}");
        assert_eq!(gpio(&node, &label.to_lowercase()), Some(number), "{label}");
        let by_number = labels::resolve(&node, &number.to_string()).unwrap();
        assert_eq!(labels::resolve(&node, label).unwrap(), by_number);
        assert_eq!(
            labels::resolve(&node, &format!("GPIO{number}")).unwrap(),
            by_number
        );
        assert_eq!(
            labels::resolve(&node, &format!("IO{number}")).unwrap(),
            by_number
        );
    }
}

#[test]
fn errors_say_what_went_wrong() {
    let pi = board("rpi-40pin");
    let esp = board("waveshare-esp8266");
    assert_eq!(labels::resolve(&pi, "  "), Err(LabelError::Empty));
    assert!(matches!(
        labels::resolve(&pi, "P41"),
        Err(LabelError::Unknown { .. })
    ));
    assert!(matches!(
        labels::resolve(&pi, "300"),
        Err(LabelError::Unknown { .. })
    ));
    assert!(matches!(
        labels::resolve(&pi, "D4"),
        Err(LabelError::Unknown { .. })
    ));
    match labels::resolve(&pi, "gnd") {
        Err(LabelError::Ambiguous { pins, .. }) => assert_eq!(pins.len(), 8),
        other => panic!("GND should be ambiguous, got {other:?}"),
    }
    assert!(matches!(
        labels::resolve(&esp, "P11"),
        Err(LabelError::NoPhysical { .. })
    ));
    assert!(matches!(
        labels::resolve(&esp, "WPI0"),
        Err(LabelError::NoWiringPi { .. })
    ));
    assert_eq!(
        labels::resolve(&esp, "BCM5"),
        Err(LabelError::BcmNotPi { gpio: 5 })
    );
    assert!(matches!(
        labels::resolve(&esp, "GPIO17"),
        Err(LabelError::Unknown { .. })
    ));
    let message = labels::resolve(&esp, "D9").unwrap_err().to_string();
    assert!(
        message.contains("D9") && message.contains(&esp.name),
        "{message}"
    );
}

#[test]
fn search_finds_by_any_name_signal_or_prefix() {
    let node = board("nodemcu");
    let d4 = labels::resolve(&node, "D4").unwrap();
    assert_eq!(labels::search(&node, None, "d4"), [d4]);
    assert_eq!(labels::search(&node, None, "GPIO2"), [d4]);
    let pi = board("rpi-40pin");
    assert_eq!(labels::search(&pi, None, "GND").len(), 8);
    assert_eq!(
        labels::search(&pi, None, "P11"),
        [pi.pin_by_physical(11).unwrap()]
    );
    let hat = pi.wiring("epaper-hat").unwrap();
    assert_eq!(
        labels::search(&pi, Some(hat), "busy"),
        [pi.pin_by_physical(18).unwrap()]
    );
    let exact = labels::search(&pi, None, "GPIO2");
    assert_eq!(
        exact,
        [pi.pin_by_physical(3).unwrap()],
        "an exact name wins over prefixes"
    );
    let prefix = labels::search(&pi, None, "pcm");
    let names: Vec<&str> = prefix.iter().map(|&i| pi.pins[i].name.as_str()).collect();
    assert_eq!(names, ["GPIO18", "GPIO19", "GPIO20", "GPIO21"]);
    assert!(labels::search(&pi, None, "").is_empty());
    assert!(labels::search(&pi, None, "zzz").is_empty());
}

#[test]
fn assignments_parse_and_refuse_bad_input() {
    let node = board("nodemcu");
    let w = assign::parse(&node, &["BUSY=D2, rst=4", "CS=GPIO15"], false).unwrap();
    assert_eq!(w.signals.len(), 3);
    assert_eq!(w.signal("RST").and_then(|s| node.gpio_of(s.pin)), Some(4));
    assert!(matches!(
        assign::parse(&node, &["BUSY"], false),
        Err(assign::AssignError::Syntax { .. })
    ));
    assert!(matches!(
        assign::parse(&node, &["=5"], false),
        Err(assign::AssignError::Syntax { .. })
    ));
    assert!(matches!(
        assign::parse(&node, &["A=1,a=2"], false),
        Err(assign::AssignError::Duplicate { .. })
    ));
    assert!(matches!(
        assign::parse(&node, &["A=D9"], false),
        Err(assign::AssignError::Pin { .. })
    ));
    assert_eq!(
        assign::parse(&node, &[" , "], false),
        Err(assign::AssignError::Empty)
    );
}
