//! The panel table and the GxEPD2 constructor lines.

use notebench::pins::constructor::{ConstructorError, constructor};
use notebench::pins::panels::{self, BusyLevel, Colors};
use notebench::pins::{Board, Catalog, assign};

fn board(id: &str) -> Board {
    Catalog::builtin().get(id).expect("shipped board").clone()
}

#[test]
fn panel_table_has_the_sizes_and_versions() {
    for id in [
        "1.54", "1.54-v2", "2.13", "2.13-v2", "2.7", "2.7-v2", "2.9", "2.9-v2", "4.2", "4.2-v2",
        "7.5", "7.5-v2",
    ] {
        let p = panels::find(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(p.driver.starts_with("GxEPD2_"), "{id}");
        assert!(p.width > 0 && p.height > 0, "{id}");
    }
    let mut ids = panels::ids();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "panel ids are unique");
    assert!(
        panels::PANELS.iter().any(|p| !p.confirmed),
        "unconfirmed mappings are marked"
    );
    assert_eq!(panels::find("2.7in").map(|p| p.id), Some("2.7"));
    assert_eq!(panels::find("2.7\"").map(|p| p.id), Some("2.7"));
    assert_eq!(panels::find("7.5-V2").map(|p| p.id), Some("7.5-v2"));
    assert!(panels::find("3.1").is_none());
}

#[test]
fn panel_facts() {
    let p27 = panels::find("2.7").unwrap();
    assert_eq!(
        (p27.driver, p27.width, p27.height, p27.busy),
        ("GxEPD2_270", 176, 264, BusyLevel::Low)
    );
    let p154 = panels::find("1.54-v2").unwrap();
    assert_eq!(
        (p154.driver, p154.busy),
        ("GxEPD2_154_D67", BusyLevel::High)
    );
    let p75 = panels::find("7.5-v2").unwrap();
    assert_eq!(
        (p75.driver, p75.width, p75.height),
        ("GxEPD2_750_T7", 800, 480)
    );
    assert_eq!(panels::find("2.7b").unwrap().colors, Colors::ThreeColor);
}

#[test]
fn esp8266_current_wiring_with_the_2_7_inch_panel() {
    let b = board("waveshare-esp8266");
    let c = constructor(
        &b,
        b.wiring("current").unwrap(),
        panels::find("2.7").unwrap(),
    )
    .unwrap();
    assert_eq!(
        c.line,
        "GxEPD2_BW<GxEPD2_270, GxEPD2_270::HEIGHT> display(GxEPD2_270(/*CS=*/ 15, /*DC=*/ 4, /*RST=*/ 2, /*BUSY=*/ 5));"
    );
    assert_eq!(c.include, "#include <GxEPD2_BW.h>");
    assert!(c.setup.is_empty());
    assert!(c.notes.is_empty(), "{:?}", c.notes);
}

#[test]
fn esp8266_older_wiring_moves_busy_and_rst() {
    let b = board("waveshare-esp8266");
    let c = constructor(&b, b.wiring("older").unwrap(), panels::find("2.9").unwrap()).unwrap();
    assert!(
        c.line
            .ends_with("GxEPD2_290(/*CS=*/ 15, /*DC=*/ 4, /*RST=*/ 5, /*BUSY=*/ 16));"),
        "{}",
        c.line
    );
}

#[test]
fn three_colour_panels_use_the_3c_class() {
    let b = board("waveshare-esp8266");
    let c = constructor(
        &b,
        b.wiring("current").unwrap(),
        panels::find("2.7b").unwrap(),
    )
    .unwrap();
    assert!(
        c.line
            .starts_with("GxEPD2_3C<GxEPD2_270c, GxEPD2_270c::HEIGHT> display(GxEPD2_270c("),
        "{}",
        c.line
    );
    assert_eq!(c.include, "#include <GxEPD2_3C.h>");
    assert!(c.notes.iter().any(|n| n.starts_with("Unconfirmed")));
}

#[test]
fn a_buffer_too_big_for_the_esp8266_is_paged() {
    let b = board("waveshare-esp8266");
    let panel = panels::find("7.5-v2").unwrap();
    assert_eq!(panel.buffer_bytes(), 48_000);
    let c = constructor(&b, b.wiring("current").unwrap(), panel).unwrap();
    assert!(
        c.line
            .starts_with("GxEPD2_BW<GxEPD2_750_T7, GxEPD2_750_T7::HEIGHT / 2>"),
        "{}",
        c.line
    );
    let esp32 = board("waveshare-esp32");
    let full = constructor(&esp32, esp32.wiring("standard").unwrap(), panel).unwrap();
    assert!(
        full.line.contains("GxEPD2_750_T7::HEIGHT>"),
        "{}",
        full.line
    );
}

#[test]
fn esp32_board_gets_the_spi_remap() {
    let b = board("waveshare-esp32");
    let c = constructor(
        &b,
        b.wiring("standard").unwrap(),
        panels::find("4.2").unwrap(),
    )
    .unwrap();
    assert!(
        c.line
            .ends_with("GxEPD2_420(/*CS=*/ 15, /*DC=*/ 27, /*RST=*/ 26, /*BUSY=*/ 25));"),
        "{}",
        c.line
    );
    assert_eq!(
        c.setup,
        [
            "SPI.end();",
            "SPI.begin(/*SCK=*/ 13, /*MISO=*/ 12, /*MOSI=*/ 14, /*SS=*/ 15);"
        ]
    );
    let vspi = assign::parse(&b, &["CS=5,DC=17,RST=16,BUSY=4,CLK=18,DIN=23"], false).unwrap();
    assert!(
        constructor(&b, &vspi, panels::find("4.2").unwrap())
            .unwrap()
            .setup
            .is_empty()
    );
}

#[test]
fn no_constructor_on_a_pi_or_without_cs_and_dc() {
    let pi = board("rpi-40pin");
    let err = constructor(
        &pi,
        pi.wiring("epaper-hat").unwrap(),
        panels::find("2.7").unwrap(),
    )
    .unwrap_err();
    assert!(matches!(err, ConstructorError::NotArduino { .. }));
    let node = board("nodemcu");
    let no_dc = assign::parse(&node, &["CS=D8,BUSY=D2"], false).unwrap();
    assert_eq!(
        constructor(&node, &no_dc, panels::find("2.7").unwrap()).unwrap_err(),
        ConstructorError::Missing { signal: "DC" }
    );
    let no_busy = assign::parse(&node, &["CS=D8,DC=D3"], false).unwrap();
    let c = constructor(&node, &no_busy, panels::find("2.7").unwrap()).unwrap();
    assert!(c.line.contains("/*RST=*/ -1, /*BUSY=*/ -1"), "{}", c.line);
    assert_eq!(c.notes.len(), 2);
}
