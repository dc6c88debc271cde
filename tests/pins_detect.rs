//! Raspberry Pi detection from sample device-tree and `/proc/cpuinfo` contents.

use notebench::pins::detect::{self, decode_revision, detect_from, opening_for};

const PI3_CPUINFO: &str = "processor\t: 0\nmodel name\t: ARMv7 Processor rev 4 (v7l)\n\
    BogoMIPS\t: 38.40\n\nHardware\t: BCM2835\nRevision\t: a02082\nSerial\t\t: 00000000deadbeef\n\
    Model\t\t: Raspberry Pi 3 Model B Rev 1.2\n";

const X86_CPUINFO: &str =
    "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core\n";

#[test]
fn device_tree_revision_and_model() {
    let bytes = [0x00, 0xc0, 0x31, 0x14];
    let model = b"Raspberry Pi 4 Model B Rev 1.4\0";
    let pi = detect_from(Some(&bytes), Some(model), None).expect("a Pi");
    assert_eq!(pi.name, "Raspberry Pi 4 Model B Rev 1.4");
    let rev = pi.revision.expect("decoded");
    assert_eq!(
        (rev.code, rev.model, rev.memory_mb, rev.header_pins),
        (0xc03114, "Raspberry Pi 4 Model B", Some(4096), 40)
    );
}

#[test]
fn device_tree_revision_alone_names_the_model() {
    let pi = detect_from(Some(&[0x00, 0xc0, 0x41, 0x70]), None, None).expect("a Pi");
    assert_eq!(pi.name, "Raspberry Pi 5");
}

#[test]
fn cpuinfo_is_the_fallback() {
    let pi = detect_from(None, None, Some(PI3_CPUINFO)).expect("a Pi");
    assert_eq!(pi.name, "Raspberry Pi 3 Model B Rev 1.2");
    let rev = pi.revision.expect("decoded");
    assert_eq!(
        (rev.model, rev.memory_mb),
        ("Raspberry Pi 3 Model B", Some(1024))
    );
    let bad_length = detect_from(Some(&[0xc0, 0x31, 0x14]), None, Some(PI3_CPUINFO)).expect("a Pi");
    assert_eq!(bad_length.revision.map(|r| r.code), Some(0xa02082));
}

#[test]
fn new_style_codes_name_the_models() {
    let cases = [
        (0xa01041, "Raspberry Pi 2 Model B"),
        (0x9000c1, "Raspberry Pi Zero W"),
        (0x902120, "Raspberry Pi Zero 2 W"),
        (0xa020d3, "Raspberry Pi 3 Model B+"),
        (0xc03130, "Raspberry Pi 400"),
        (0xd04170, "Raspberry Pi 5"),
        (0x900093, "Raspberry Pi Zero"),
        (0x80c0_3111, "Raspberry Pi 4 Model B"),
    ];
    for (code, model) in cases {
        assert_eq!(
            decode_revision(code).map(|r| r.model),
            Some(model),
            "{code:x}"
        );
    }
    assert_eq!(
        decode_revision(0xd04170).and_then(|r| r.memory_mb),
        Some(8192)
    );
    assert_eq!(
        decode_revision(0xa03140).map(|r| r.header_pins),
        Some(0),
        "CM4 has no header of its own"
    );
    assert!(decode_revision(0x8000f0).is_none(), "internal-use type");
}

#[test]
fn old_style_codes() {
    let b_plus = decode_revision(0x0010).unwrap();
    assert_eq!(
        (b_plus.model, b_plus.header_pins),
        ("Raspberry Pi Model B+", 40)
    );
    let rev1 = decode_revision(0x100_0002).unwrap();
    assert_eq!(
        (rev1.model, rev1.header_pins),
        ("Raspberry Pi Model B (revision 1)", 26)
    );
    assert!(decode_revision(0x0000).is_none());
    assert!(decode_revision(0x0016).is_none());
}

#[test]
fn not_a_pi() {
    assert!(detect_from(None, None, Some(X86_CPUINFO)).is_none());
    assert!(
        detect_from(
            None,
            Some(b"Pine64 RockPro64 v2.1\0"),
            Some("Revision\t: 0000\n")
        )
        .is_none()
    );
    assert!(detect_from(None, None, None).is_none());
}

#[test]
fn opening_board_and_reason() {
    let elsewhere = opening_for(None);
    assert_eq!(elsewhere.board, "waveshare-esp8266");
    assert_eq!(
        elsewhere.reason,
        "not a Raspberry Pi: opening the Waveshare ESP8266 driver board"
    );
    let pi = detect_from(None, None, Some(PI3_CPUINFO));
    let opening = opening_for(pi.as_ref());
    assert_eq!(opening.board, "rpi-40pin");
    assert!(
        opening
            .reason
            .starts_with("Raspberry Pi 3 Model B Rev 1.2 (revision a02082) detected"),
        "{}",
        opening.reason
    );
    let old = detect_from(None, None, Some("Revision\t: 0003\n"));
    assert!(opening_for(old.as_ref()).reason.contains("pin 3 is GPIO0"));
    let here = detect::default_opening();
    assert!(
        ["waveshare-esp8266", "rpi-40pin"].contains(&here.board.as_str()),
        "{here:?}"
    );
}
