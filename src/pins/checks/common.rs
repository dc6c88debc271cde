//! Rules for every chip: two signals on one pin, signals on supply pins, and SPI bus pins.

use super::{Finding, Level, gpio};
use crate::pins::model::{Board, Chip, PinKind, Signal, Wiring};

/// Hardware SPI pins of one bus: (bus name, CLK, MOSI, MISO).
type Bus = (&'static str, u8, u8, u8);

const ESP8266_BUSES: &[Bus] = &[("HSPI", 14, 13, 12)];
const ESP32_BUSES: &[Bus] = &[("VSPI", 18, 23, 19), ("HSPI", 14, 13, 12)];
const PI_BUSES: &[Bus] = &[("SPI0", 11, 10, 9), ("SPI1", 21, 20, 19)];

const CLOCK_NAMES: &[&str] = &["CLK", "SCK", "SCLK"];
const MOSI_NAMES: &[&str] = &["DIN", "MOSI", "SDI"];
const MISO_NAMES: &[&str] = &["MISO", "DOUT", "SDO"];
const GROUND_NAMES: &[&str] = &["GND", "VSS", "0V"];
const SUPPLY_NAMES: &[&str] = &["VCC", "VDD", "3V3", "3.3V", "VIN", "5V"];

/// Runs the chip-independent rules.
pub fn check(board: &Board, wiring: &Wiring) -> Vec<Finding> {
    let mut out = clashes(board, wiring);
    for signal in &wiring.signals {
        if let Some(finding) = supply(board, signal) {
            out.push(finding);
        }
    }
    out.extend(spi(board, wiring));
    out
}

fn clashes(board: &Board, wiring: &Wiring) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, signal) in wiring.signals.iter().enumerate() {
        let Some(first) = wiring.signals[..i].iter().find(|s| s.pin == signal.pin) else {
            continue;
        };
        let message = format!(
            "{} and {} are both on {}",
            first.name,
            signal.name,
            board.pin_ref(signal.pin)
        );
        let reason = "A pin carries one signal: two outputs fight each other, and an input \
                      reads whatever the other signal does."
            .to_string();
        out.push(Finding::new(Level::Error, "pin-clash", message, reason).on(signal));
    }
    out
}

fn is(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn supply(board: &Board, signal: &Signal) -> Option<Finding> {
    let pin = board.pins.get(signal.pin)?;
    let at = board.pin_ref(signal.pin);
    let (ok, want) = if is(&signal.name, GROUND_NAMES) {
        (pin.kind == PinKind::Ground, "a ground pin")
    } else if is(&signal.name, SUPPLY_NAMES) {
        (
            matches!(pin.kind, PinKind::Power3v3 | PinKind::Power5v),
            "a supply pin",
        )
    } else {
        (pin.kind == PinKind::Gpio, "a GPIO pin")
    };
    if ok {
        return None;
    }
    let message = format!("{} is on {at}, which is not {want}", signal.name);
    let reason = match pin.kind {
        PinKind::Ground | PinKind::Power3v3 | PinKind::Power5v => {
            "A supply or ground pin cannot carry a signal: wired to an output it shorts it."
        }
        PinKind::Special => "This pin is not a general-purpose input/output.",
        PinKind::Gpio => "A supply line belongs on a supply pin; a GPIO cannot power a peripheral.",
    };
    Some(Finding::new(Level::Error, "power-pins", message, reason.into()).on(signal))
}

/// SPI lines off the chip's hardware SPI pins.
fn spi(board: &Board, wiring: &Wiring) -> Vec<Finding> {
    let buses = match board.chip {
        Chip::Esp8266 => ESP8266_BUSES,
        Chip::Esp32 => ESP32_BUSES,
        Chip::RaspberryPi => PI_BUSES,
        Chip::Other => return Vec::new(),
    };
    let find = |names: &[&str]| wiring.signals.iter().find(|s| is(&s.name, names));
    let lines = [find(CLOCK_NAMES), find(MOSI_NAMES), find(MISO_NAMES)];
    let Some(anchor) = lines.iter().flatten().next() else {
        return Vec::new();
    };
    let pins: Vec<Option<u8>> = lines
        .iter()
        .map(|s| s.and_then(|s| gpio(board, s)))
        .collect();
    let on_bus = |bus: &Bus| {
        let want = [bus.1, bus.2, bus.3];
        let given = lines.iter().zip(&pins).zip(want);
        given
            .into_iter()
            .all(|((line, got), want)| line.is_none() || *got == Some(want))
    };
    let finding = match buses.iter().find(|b| on_bus(b)) {
        Some(bus) if board.chip == Chip::Esp32 && bus.0 == "HSPI" => hspi_note(bus),
        Some(_) => return Vec::new(),
        None => off_bus(board, &lines, &pins, buses),
    };
    vec![finding.on(anchor)]
}

fn describe(bus: &Bus) -> String {
    format!(
        "{} uses CLK GPIO{}, MOSI GPIO{}, MISO GPIO{}",
        bus.0, bus.1, bus.2, bus.3
    )
}

fn hspi_note(bus: &Bus) -> Finding {
    let message = "The SPI lines are on the HSPI pins, not the default VSPI ones".to_string();
    let reason = format!(
        "Arduino's SPI object uses VSPI: begin it on HSPI's pins or use an SPIClass(HSPI) \
         instance. {}.",
        describe(bus)
    );
    Finding::new(Level::Info, "spi-pins", message, reason)
}

fn off_bus(
    board: &Board,
    lines: &[Option<&Signal>],
    pins: &[Option<u8>],
    buses: &[Bus],
) -> Finding {
    let shown: Vec<String> = lines
        .iter()
        .flatten()
        .map(|s| format!("{} on {}", s.name, board.pin_ref(s.pin)))
        .collect();
    let fix = match board.chip {
        Chip::Esp32 => {
            "The ESP32 can route SPI to any pins, so remap the bus in the sketch \
             (SPI.begin(clk, miso, mosi, cs)); without that the panel stays blank."
        }
        Chip::Esp8266 => {
            "The ESP8266's hardware SPI cannot move: libraries such as GxEPD2 need it, so only \
             a software SPI driver works here."
        }
        _ => "The SPI driver only uses its own pins: only a bit-banged SPI works here.",
    };
    let mut message = format!("SPI off the hardware bus pins: {}", shown.join(", "));
    if swapped(pins, buses) {
        message.push_str(" (clock and data swapped against HSPI)");
    }
    let all_buses: Vec<String> = buses.iter().map(describe).collect();
    let reason = format!("{fix} {}.", all_buses.join("; "));
    Finding::new(Level::Warning, "spi-pins", message, reason)
}

/// True when CLK and MOSI sit on a bus's MOSI and CLK pins, the other way round.
fn swapped(pins: &[Option<u8>], buses: &[Bus]) -> bool {
    let (Some(clk), Some(mosi)) = (pins[0], pins[1]) else {
        return false;
    };
    buses.iter().any(|b| clk == b.2 && mosi == b.1)
}
