//! Rules of the Raspberry Pi header: the HAT EEPROM pins, the fixed I2C pull-ups and the SPI
//! driver's chip-select pins.

use super::{Finding, Level, gpio};
use crate::pins::model::{Board, Direction, Signal, Wiring};

/// Names under which a signal is a chip select the SPI driver may drive itself.
const CHIP_SELECT_NAMES: &[&str] = &["CS", "SS", "CE", "CE0", "CE1", "NSS"];

/// The Raspberry Pi's rules.
pub fn check(board: &Board, wiring: &Wiring) -> Vec<Finding> {
    let mut out = Vec::new();
    for signal in &wiring.signals {
        match gpio(board, signal) {
            Some(0 | 1) => out.push(eeprom(board, signal)),
            Some(2 | 3) => out.push(pull_up(board, signal)),
            Some(g @ (7 | 8)) => out.push(chip_select(board, signal, g)),
            _ => {}
        }
    }
    out
}

fn eeprom(board: &Board, signal: &Signal) -> Finding {
    let message = format!(
        "{} is on {}, reserved for the HAT ID EEPROM",
        signal.name,
        board.pin_ref(signal.pin)
    );
    let reason = "GPIO0 and GPIO1 (ID_SD, ID_SC) are the I2C bus on which the firmware reads a \
                  HAT's ID EEPROM at boot; keep them free unless nothing else is stacked."
        .to_string();
    Finding::new(Level::Warning, "rpi-hat-eeprom", message, reason).on(signal)
}

fn pull_up(board: &Board, signal: &Signal) -> Finding {
    let at = board.pin_ref(signal.pin);
    let (level, message, effect) = match signal.direction {
        Direction::Chip => (
            Level::Info,
            format!("{} on {at}, which has a fixed pull-up", signal.name),
            "the line idles high until the program drives it, so the peripheral sees it high at boot",
        ),
        _ => (
            Level::Warning,
            format!("{} is read on {at}, which has a fixed pull-up", signal.name),
            "an input there reads high whenever the peripheral lets go of the line, and a weak \
             or open-drain output cannot pull it down reliably",
        ),
    };
    let reason = format!(
        "GPIO2 and GPIO3 are I2C1's SDA and SCL with 1.8 kΩ pull-ups to 3V3 on the board, \
         which software cannot turn off: {effect}."
    );
    Finding::new(level, "rpi-fixed-pullup", message, reason).on(signal)
}

fn chip_select(board: &Board, signal: &Signal, g: u8) -> Finding {
    let at = board.pin_ref(signal.pin);
    let ce = if g == 8 { "CE0" } else { "CE1" };
    let is_select = CHIP_SELECT_NAMES
        .iter()
        .any(|n| n.eq_ignore_ascii_case(&signal.name));
    let (level, message) = if is_select {
        (
            Level::Info,
            format!(
                "{} on {at}, SPI0 {ce}: the SPI driver drives it as chip select",
                signal.name
            ),
        )
    } else {
        (
            Level::Warning,
            format!(
                "{} uses {at} as a plain GPIO, but it is SPI0 {ce}",
                signal.name
            ),
        )
    };
    let reason = format!(
        "While SPI is enabled the kernel's SPI driver claims GPIO8 (CE0) and GPIO7 (CE1) as chip \
         selects, so a program cannot use {ce} as a plain GPIO; move the signal, or free the pin \
         with an overlay that gives SPI0 fewer chip selects."
    );
    Finding::new(level, "rpi-spi-ce", message, reason).on(signal)
}
