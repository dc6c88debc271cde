//! Rules of the Espressif chips: boot strapping, flash, serial, GPIO16 and input-only pins.

use super::{Finding, Level, gpio, level_word, reset_pull};
use crate::pins::model::{Board, Direction, Pull, Signal, Wiring};

/// A pin read at reset, with the level the chip needs there for a normal boot and upload.
struct Strap {
    gpio: u8,
    need: Pull,
    /// Level of a peripheral-driven signal on the pin.
    driven: Level,
    /// Level of a chip-driven signal pulled to the wrong level at reset.
    pulled: Level,
    rule: &'static str,
    why: &'static str,
}

const ESP8266_STRAPS: &[Strap] = &[
    Strap {
        gpio: 15,
        need: Pull::Down,
        driven: Level::Error,
        pulled: Level::Error,
        rule: "esp8266-gpio15",
        why: "GPIO15 (MTDO) must be low at reset: high selects the SD-card boot mode and the \
              sketch never starts.",
    },
    Strap {
        gpio: 0,
        need: Pull::Up,
        driven: Level::Error,
        pulled: Level::Error,
        rule: "esp8266-boot-high",
        why: "GPIO0 must be high at reset: low enters the serial bootloader instead of the sketch.",
    },
    Strap {
        gpio: 2,
        need: Pull::Up,
        driven: Level::Error,
        pulled: Level::Error,
        rule: "esp8266-boot-high",
        why: "GPIO2 must be high at reset, in both the run and the upload mode: low fails the boot.",
    },
];

const ESP32_STRAPS: &[Strap] = &[
    Strap {
        gpio: 0,
        need: Pull::Up,
        driven: Level::Error,
        pulled: Level::Error,
        rule: "esp32-strapping",
        why: "GPIO0 must be high at reset: low enters the serial bootloader instead of the sketch.",
    },
    Strap {
        gpio: 2,
        need: Pull::Down,
        driven: Level::Warning,
        pulled: Level::Warning,
        rule: "esp32-strapping",
        why: "GPIO2 must be low or floating to enter the serial bootloader: high there makes \
              uploads fail.",
    },
    Strap {
        gpio: 5,
        need: Pull::Up,
        driven: Level::Warning,
        pulled: Level::Warning,
        rule: "esp32-strapping",
        why: "GPIO5 is read at reset for the SDIO slave timing; its default is high.",
    },
    Strap {
        gpio: 12,
        need: Pull::Down,
        driven: Level::Error,
        pulled: Level::Error,
        rule: "esp32-strapping",
        why: "GPIO12 (MTDI) sets the flash voltage at reset: high selects 1.8 V, and a module \
              with 3.3 V flash then fails to boot or browns out. The strongest strapping pin.",
    },
    Strap {
        gpio: 15,
        need: Pull::Up,
        driven: Level::Warning,
        pulled: Level::Warning,
        rule: "esp32-strapping",
        why: "GPIO15 (MTDO) is read at reset: low silences the boot log on UART0 and, with GPIO5, \
              changes the SDIO slave timing; its default is high.",
    },
];

const PERIPHERAL_AT_RESET: &str = "A line the peripheral drives can sit at either level while \
    the chip resets: a panel's BUSY idles low on SSD16xx controllers and high on UC81xx ones, \
    and flips while the panel refreshes.";

/// The ESP8266's rules.
pub fn check_esp8266(board: &Board, wiring: &Wiring) -> Vec<Finding> {
    let mut out = Vec::new();
    for signal in &wiring.signals {
        let Some(g) = gpio(board, signal) else {
            continue;
        };
        if let Some(strap) = ESP8266_STRAPS.iter().find(|s| s.gpio == g) {
            out.push(strap_finding(board, wiring, signal, strap));
        }
        shared(board, signal, g, &mut out);
        if g == 16 {
            out.push(gpio16(board, signal));
        }
    }
    out
}

/// The ESP32's rules.
pub fn check_esp32(board: &Board, wiring: &Wiring) -> Vec<Finding> {
    let mut out = Vec::new();
    for signal in &wiring.signals {
        let Some(g) = gpio(board, signal) else {
            continue;
        };
        if let Some(strap) = ESP32_STRAPS.iter().find(|s| s.gpio == g) {
            out.push(strap_finding(board, wiring, signal, strap));
        }
        shared(board, signal, g, &mut out);
        if (34..=39).contains(&g) {
            out.push(input_only(board, signal));
        }
    }
    out
}

/// Flash and serial pins, the same on both chips.
fn shared(board: &Board, signal: &Signal, g: u8, out: &mut Vec<Finding>) {
    let at = board.pin_ref(signal.pin);
    if (6..=11).contains(&g) {
        let message = format!("{} is on {at}, a flash pin", signal.name);
        let reason = "GPIO6 to GPIO11 connect the module's flash chip: driving them stops the \
                      chip reading its program and it crashes. Never use them."
            .to_string();
        out.push(Finding::new(Level::Error, "flash-pins", message, reason).on(signal));
    }
    if g == 1 || g == 3 {
        let message = format!("{} is on {at}, the serial port", signal.name);
        let reason = "GPIO1 (TX) and GPIO3 (RX) are UART0, used for uploads and the serial \
                      monitor: a peripheral there breaks uploads and garbles the log, and the \
                      boot messages reach the peripheral."
            .to_string();
        out.push(Finding::new(Level::Warning, "serial-pins", message, reason).on(signal));
    }
}

fn strap_finding(board: &Board, wiring: &Wiring, signal: &Signal, strap: &Strap) -> Finding {
    let at = board.pin_ref(signal.pin);
    let need = level_word(strap.need);
    let name = &signal.name;
    let (level, message, reason) = match signal.direction {
        Direction::Peripheral => (
            strap.driven,
            format!("{name} is driven by the peripheral on {at}, which must be {need} at reset"),
            format!("{} {PERIPHERAL_AT_RESET}", strap.why),
        ),
        Direction::Unknown => (
            Level::Warning,
            format!("{name} on {at}: its direction is unknown and the pin must be {need} at reset"),
            format!(
                "{} If the peripheral drives the line it can hold the wrong level.",
                strap.why
            ),
        ),
        Direction::Chip => return chip_driven(board, wiring, signal, strap),
    };
    Finding::new(level, strap.rule, message, reason).on(signal)
}

/// A line the chip drives floats at reset: only a pull to the wrong level is a problem.
fn chip_driven(board: &Board, wiring: &Wiring, signal: &Signal, strap: &Strap) -> Finding {
    let at = board.pin_ref(signal.pin);
    let name = &signal.name;
    let (level, message, reason) = match reset_pull(board, wiring, signal) {
        Some((pull, cause)) if pull != strap.need => (
            strap.pulled,
            format!(
                "{name} is held {} at reset on {at} by {cause}",
                level_word(pull)
            ),
            format!(
                "{} The chip drives {name} only once the sketch runs.",
                strap.why
            ),
        ),
        held => (
            Level::Info,
            format!(
                "{name} on {at}, a strapping pin: fine while nothing pulls it {}",
                level_word(opposite(strap.need))
            ),
            format!(
                "{} The chip drives {name} only after boot; at reset the line floats and the \
                 level is set by {}.",
                strap.why,
                held.map_or("the module's own resistor", |(_, cause)| cause)
            ),
        ),
    };
    Finding::new(level, strap.rule, message, reason).on(signal)
}

fn gpio16(board: &Board, signal: &Signal) -> Finding {
    let at = board.pin_ref(signal.pin);
    let use_note = match signal.direction {
        Direction::Chip => "it works as an output",
        _ => "the driver has to poll it (GxEPD2 does)",
    };
    let message = format!(
        "{} is on {at}: no interrupts, no pull-up, deep-sleep wake line",
        signal.name
    );
    let reason = format!(
        "GPIO16 sits in the RTC block: it has no interrupt and no internal pull-up (only a \
         pull-down), so {use_note}. It is also the deep-sleep wake line: a sketch that uses deep \
         sleep wires GPIO16 to RST, and then it cannot carry {}.",
        signal.name
    );
    Finding::new(Level::Warning, "esp8266-gpio16", message, reason).on(signal)
}

fn input_only(board: &Board, signal: &Signal) -> Finding {
    let at = board.pin_ref(signal.pin);
    let why = "GPIO34 to GPIO39 are inputs only, without internal pull resistors.".to_string();
    let (level, message) = match signal.direction {
        Direction::Chip => (
            Level::Error,
            format!(
                "{} must be driven by the chip but {at} is input only",
                signal.name
            ),
        ),
        Direction::Unknown => (
            Level::Warning,
            format!(
                "{} on {at}, an input-only pin: fine only if the chip never drives it",
                signal.name
            ),
        ),
        Direction::Peripheral => (
            Level::Info,
            format!(
                "{} on {at}, an input-only pin: fine for a line the peripheral drives",
                signal.name
            ),
        ),
    };
    Finding::new(level, "esp32-input-only", message, why).on(signal)
}

fn opposite(pull: Pull) -> Pull {
    match pull {
        Pull::Up => Pull::Down,
        Pull::Down => Pull::Up,
    }
}
