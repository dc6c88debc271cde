//! Every check rule with one wiring that passes and one that fails, the shipped wirings, and
//! the fixed-wiring revision comparison.

use notebench::pins::checks::{self, Finding, Level};
use notebench::pins::model::{Direction, Pull};
use notebench::pins::{Board, Catalog, Wiring, assign, labels};

fn board(id: &str) -> Board {
    Catalog::builtin().get(id).expect("shipped board").clone()
}

fn wiring(board: &Board, text: &str) -> Wiring {
    assign::parse(board, &[text], false).expect("valid assignments")
}

fn levels(findings: &[Finding], rule: &str) -> Vec<Level> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.level)
        .collect()
}

fn run(board_id: &str, text: &str) -> Vec<Finding> {
    let b = board(board_id);
    checks::check_wiring(&b, &wiring(&b, text))
}

#[test]
fn pin_clash() {
    assert_eq!(
        levels(&run("nodemcu", "BUSY=D1,CS=D1"), "pin-clash"),
        [Level::Error]
    );
    assert!(levels(&run("nodemcu", "BUSY=D1,CS=D8"), "pin-clash").is_empty());
}

#[test]
fn power_pins() {
    assert_eq!(
        levels(&run("rpi-40pin", "CS=P1"), "power-pins"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("rpi-40pin", "VCC=P6"), "power-pins"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("rpi-40pin", "GND=P11"), "power-pins"),
        [Level::Error]
    );
    assert!(levels(&run("rpi-40pin", "VCC=P1,GND=P6,CS=P24"), "power-pins").is_empty());
}

#[test]
fn spi_pins_esp8266() {
    let off = run("nodemcu", "CLK=D6,DIN=D7");
    assert_eq!(levels(&off, "spi-pins"), [Level::Warning]);
    assert!(levels(&run("nodemcu", "CLK=D5,DIN=D7"), "spi-pins").is_empty());
}

#[test]
fn spi_pins_esp32_swapped_and_default() {
    let swapped = run("waveshare-esp32", "CLK=13,DIN=14");
    let finding = swapped
        .iter()
        .find(|f| f.rule == "spi-pins")
        .expect("spi finding");
    assert_eq!(finding.level, Level::Warning);
    assert!(finding.message.contains("swapped"), "{}", finding.message);
    assert!(levels(&run("waveshare-esp32", "CLK=18,DIN=23"), "spi-pins").is_empty());
    assert_eq!(
        levels(&run("waveshare-esp32", "CLK=14,DIN=13"), "spi-pins"),
        [Level::Info]
    );
}

#[test]
fn spi_pins_pi() {
    assert_eq!(
        levels(&run("rpi-40pin", "CLK=P11,DIN=P19"), "spi-pins"),
        [Level::Warning]
    );
    assert!(levels(&run("rpi-40pin", "CLK=BCM11,DIN=BCM10"), "spi-pins").is_empty());
    assert!(levels(&run("rpi-40pin", "CLK=BCM21,DIN=BCM20"), "spi-pins").is_empty());
}

#[test]
fn esp8266_gpio15_must_be_low() {
    assert_eq!(
        levels(&run("waveshare-esp8266", "BUSY=15"), "esp8266-gpio15"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("waveshare-esp8266", "CS=15"), "esp8266-gpio15"),
        [Level::Info]
    );
    let b = board("waveshare-esp8266");
    let shifted = assign::parse(&b, &["CS=15"], true).unwrap();
    let findings = checks::check_wiring(&b, &shifted);
    assert_eq!(levels(&findings, "esp8266-gpio15"), [Level::Error]);
    assert!(
        findings[0].message.contains("held high"),
        "{}",
        findings[0].message
    );
}

#[test]
fn esp8266_gpio0_and_gpio2_must_be_high() {
    assert_eq!(
        levels(&run("waveshare-esp8266", "BUSY=0"), "esp8266-boot-high"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("waveshare-esp8266", "BUSY=2"), "esp8266-boot-high"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("waveshare-esp8266", "DC=0,RST=2"), "esp8266-boot-high"),
        [Level::Info, Level::Info]
    );
    let b = board("waveshare-esp8266");
    let mut pulled = wiring(&b, "RST=2");
    pulled.signals[0].pull = Some(Pull::Down);
    assert_eq!(
        levels(&checks::check_wiring(&b, &pulled), "esp8266-boot-high"),
        [Level::Error]
    );
}

#[test]
fn unknown_direction_on_a_strapping_pin_warns() {
    let findings = run("waveshare-esp8266", "LED=15");
    assert_eq!(levels(&findings, "esp8266-gpio15"), [Level::Warning]);
}

#[test]
fn flash_pins() {
    assert_eq!(
        levels(&run("waveshare-esp8266", "CS=GPIO6"), "flash-pins"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("waveshare-esp32", "DC=11"), "flash-pins"),
        [Level::Error]
    );
    assert!(levels(&run("waveshare-esp8266", "CS=15"), "flash-pins").is_empty());
}

#[test]
fn serial_pins() {
    assert_eq!(
        levels(&run("nodemcu", "DC=TX"), "serial-pins"),
        [Level::Warning]
    );
    assert_eq!(
        levels(&run("waveshare-esp32", "BUSY=3"), "serial-pins"),
        [Level::Warning]
    );
    assert!(levels(&run("nodemcu", "DC=D1"), "serial-pins").is_empty());
}

#[test]
fn esp8266_gpio16() {
    let findings = run("nodemcu", "BUSY=D0");
    assert_eq!(levels(&findings, "esp8266-gpio16"), [Level::Warning]);
    assert!(
        findings[0].reason.contains("deep sleep"),
        "{}",
        findings[0].reason
    );
    assert!(levels(&run("nodemcu", "BUSY=D1"), "esp8266-gpio16").is_empty());
}

#[test]
fn esp32_strapping() {
    assert_eq!(
        levels(&run("waveshare-esp32", "BUSY=12"), "esp32-strapping"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("waveshare-esp32", "BUSY=0"), "esp32-strapping"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("waveshare-esp32", "BUSY=2"), "esp32-strapping"),
        [Level::Warning]
    );
    assert_eq!(
        levels(&run("waveshare-esp32", "BUSY=5"), "esp32-strapping"),
        [Level::Warning]
    );
    assert_eq!(
        levels(&run("waveshare-esp32", "CS=15"), "esp32-strapping"),
        [Level::Info]
    );
    let b = board("waveshare-esp32");
    let shifted = assign::parse(&b, &["RST=12"], true).unwrap();
    assert_eq!(
        levels(&checks::check_wiring(&b, &shifted), "esp32-strapping"),
        [Level::Error]
    );
    assert!(levels(&run("waveshare-esp32", "BUSY=25"), "esp32-strapping").is_empty());
}

#[test]
fn esp32_input_only() {
    assert_eq!(
        levels(&run("waveshare-esp32", "CS=34"), "esp32-input-only"),
        [Level::Error]
    );
    assert_eq!(
        levels(&run("waveshare-esp32", "BUSY=VP"), "esp32-input-only"),
        [Level::Info]
    );
    assert!(levels(&run("waveshare-esp32", "CS=33"), "esp32-input-only").is_empty());
}

#[test]
fn rpi_hat_eeprom() {
    assert_eq!(
        levels(&run("rpi-40pin", "BUSY=P27"), "rpi-hat-eeprom"),
        [Level::Warning]
    );
    assert_eq!(
        levels(&run("rpi-40pin", "DC=BCM1"), "rpi-hat-eeprom"),
        [Level::Warning]
    );
    assert!(levels(&run("rpi-40pin", "BUSY=BCM24"), "rpi-hat-eeprom").is_empty());
}

#[test]
fn rpi_fixed_pullup() {
    assert_eq!(
        levels(&run("rpi-40pin", "BUSY=BCM2"), "rpi-fixed-pullup"),
        [Level::Warning]
    );
    assert_eq!(
        levels(&run("rpi-40pin", "RST=SCL1"), "rpi-fixed-pullup"),
        [Level::Info]
    );
    assert!(levels(&run("rpi-40pin", "BUSY=BCM24"), "rpi-fixed-pullup").is_empty());
}

#[test]
fn rpi_spi_ce0_owned_by_the_driver() {
    assert_eq!(
        levels(&run("rpi-40pin", "BUSY=BCM8"), "rpi-spi-ce"),
        [Level::Warning]
    );
    assert_eq!(
        levels(&run("rpi-40pin", "CS=CE0"), "rpi-spi-ce"),
        [Level::Info]
    );
    assert!(levels(&run("rpi-40pin", "CS=BCM25"), "rpi-spi-ce").is_empty());
}

#[test]
fn every_shipped_wiring_checks_clean_of_errors() {
    let catalog = Catalog::builtin();
    let mut warnings: Vec<(String, String, &str)> = Vec::new();
    for board in catalog.boards() {
        assert!(!board.wirings.is_empty() || !board.fixed_wiring);
        for wiring in &board.wirings {
            let findings = checks::check_wiring(board, wiring);
            assert!(
                !checks::has_errors(&findings),
                "{} {}: {findings:#?}",
                board.id,
                wiring.id
            );
            for f in findings.iter().filter(|f| f.level == Level::Warning) {
                assert!(f.reason.len() > 40, "unexplained warning {f:?}");
                warnings.push((board.id.clone(), wiring.id.clone(), f.rule));
            }
        }
    }
    warnings.sort();
    let expected = [
        (
            "waveshare-esp32".to_string(),
            "standard".to_string(),
            "spi-pins",
        ),
        (
            "waveshare-esp8266".to_string(),
            "older".to_string(),
            "esp8266-gpio16",
        ),
    ];
    assert_eq!(warnings, expected);
}

#[test]
fn user_wiring_matching_the_selected_revision() {
    let b = board("waveshare-esp8266");
    let user = wiring(&b, "BUSY=5,RST=2,DC=4,CS=15");
    let findings = checks::check(&b, b.wiring("current"), Some(&user));
    assert_eq!(levels(&findings, "wiring-match"), [Level::Info]);
    assert!(!checks::has_errors(&findings));
}

#[test]
fn older_revision_against_current_is_a_revision_mismatch() {
    let b = board("waveshare-esp8266");
    let user = wiring(&b, "BUSY=16,RST=5,DC=4,CS=15");
    let findings = checks::check(&b, b.wiring("current"), Some(&user));
    let f = findings
        .iter()
        .find(|f| f.rule == "revision-mismatch")
        .expect("mismatch");
    assert_eq!(f.level, Level::Error);
    assert!(f.message.contains("`older`"), "{}", f.message);
    let busy = f
        .differences
        .iter()
        .find(|d| d.signal == "BUSY")
        .expect("BUSY differs");
    assert_eq!(busy.yours.and_then(|p| b.gpio_of(p)), Some(16));
    assert_eq!(busy.theirs.and_then(|p| b.gpio_of(p)), Some(5));
    let changed: Vec<&str> = f.differences.iter().map(|d| d.signal.as_str()).collect();
    assert_eq!(changed, ["BUSY", "RST"]);
    let with_older = checks::check(&b, b.wiring("older"), Some(&user));
    assert_eq!(levels(&with_older, "wiring-match"), [Level::Info]);
    assert!(!checks::has_errors(&with_older));
}

#[test]
fn current_revision_against_older_is_a_revision_mismatch() {
    let b = board("waveshare-esp8266");
    let user = wiring(&b, "BUSY=5,RST=2");
    let findings = checks::check(&b, b.wiring("older"), Some(&user));
    let f = findings
        .iter()
        .find(|f| f.rule == "revision-mismatch")
        .expect("mismatch");
    assert!(f.message.contains("`current`"), "{}", f.message);
}

#[test]
fn wiring_matching_no_revision_is_an_error() {
    let b = board("waveshare-esp8266");
    let user = wiring(&b, "BUSY=4,RST=2,DC=5,CS=15");
    let findings = checks::check(&b, None, Some(&user));
    assert_eq!(levels(&findings, "wiring-unknown"), [Level::Error]);
    assert!(levels(&findings, "revision-mismatch").is_empty());
    let non_fixed = board("nodemcu");
    let free = wiring(&non_fixed, "BUSY=D1,CS=D8");
    assert!(
        checks::check(&non_fixed, None, Some(&free))
            .iter()
            .all(|f| !f.rule.starts_with("wiring"))
    );
}

#[test]
fn direction_comes_from_the_signal_name() {
    let b = board("nodemcu");
    let w = wiring(&b, "busy=D1,cs=D8,led=D2");
    let direction = |name: &str| w.signal(name).map(|s| s.direction);
    assert_eq!(direction("BUSY"), Some(Direction::Peripheral));
    assert_eq!(direction("CS"), Some(Direction::Chip));
    assert_eq!(direction("LED"), Some(Direction::Unknown));
    assert_eq!(
        w.signal("cs").map(|s| s.pin),
        labels::resolve(&b, "GPIO15").ok()
    );
}
