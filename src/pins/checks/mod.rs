//! Checks of a wiring against its board's chip: boot strapping, flash and serial pins, bus pins,
//! clashes, and on boards with a fixed wiring, whether a user's wiring matches a known revision.
//!
//! What matters at reset is who drives a pin. While the chip is held in reset its pins are
//! inputs, so a line the chip drives (CS, DC, RST) floats and the board's resistors set the boot
//! level, unless the peripheral side pulls it (a level shifter, a pull-up). A line the
//! peripheral drives (a panel's BUSY) can sit at either level, so on a strapping pin it is a
//! hazard. Every finding carries the rule that made it and the reason in words.

mod common;
mod esp;
pub mod revision;
mod rpi;

use super::model::{Board, Chip, Direction, Pull, Signal, Wiring};
use serde::Serialize;

pub use revision::SignalDiff;

/// How serious a finding is; errors sort first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The wiring will not work, or stops the chip booting.
    Error,
    /// The wiring can work but has a catch to know about.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Level {
    /// A one-letter tag that reads without colour: `E`, `W` or `i`.
    pub fn tag(self) -> char {
        match self {
            Level::Error => 'E',
            Level::Warning => 'W',
            Level::Info => 'i',
        }
    }

    /// The level as a word.
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One result of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How serious it is.
    pub level: Level,
    /// The id of the rule that made it, such as `esp8266-gpio15` or `revision-mismatch`.
    pub rule: &'static str,
    /// The pin it is about, as an index into the board's pins.
    pub pin: Option<usize>,
    /// The signal it is about.
    pub signal: Option<String>,
    /// What was found.
    pub message: String,
    /// Why it matters.
    pub reason: String,
    /// For wiring comparisons: the signals whose pins differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<SignalDiff>,
}

impl Finding {
    fn new(level: Level, rule: &'static str, message: String, reason: String) -> Self {
        Finding {
            level,
            rule,
            pin: None,
            signal: None,
            message,
            reason,
            differences: Vec::new(),
        }
    }

    fn on(mut self, signal: &Signal) -> Self {
        self.pin = Some(signal.pin);
        self.signal = Some(signal.name.clone());
        self
    }
}

/// Checks `wiring` against the rules of `board`'s chip and the chip-independent rules.
pub fn check_wiring(board: &Board, wiring: &Wiring) -> Vec<Finding> {
    let mut findings = common::check(board, wiring);
    match board.chip {
        Chip::Esp8266 => findings.extend(esp::check_esp8266(board, wiring)),
        Chip::Esp32 => findings.extend(esp::check_esp32(board, wiring)),
        Chip::RaspberryPi => findings.extend(rpi::check(board, wiring)),
        Chip::Other => {}
    }
    sort(&mut findings);
    findings
}

/// Everything the viewer shows: the checks of the user's wiring when there is one (else of the
/// selected wiring) and, on a fixed-wiring board, how the user's wiring compares with the
/// board's wirings. `selected` defaults to the board's first wiring.
pub fn check(board: &Board, selected: Option<&Wiring>, user: Option<&Wiring>) -> Vec<Finding> {
    let selected = selected.or_else(|| board.default_wiring());
    let Some(target) = user.or(selected) else {
        return Vec::new();
    };
    let mut findings = check_wiring(board, target);
    if let (Some(user), Some(selected), true) = (user, selected, board.fixed_wiring) {
        findings.extend(revision::compare(board, selected, user));
    }
    sort(&mut findings);
    findings
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.level == Level::Error)
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.level, a.pin, a.rule).cmp(&(b.level, b.pin, b.rule)));
}

/// What holds a chip-driven line at a level while the chip is in reset, with the cause.
fn reset_pull(board: &Board, wiring: &Wiring, signal: &Signal) -> Option<(Pull, &'static str)> {
    if let Some(pull) = signal.pull {
        return Some((pull, "the peripheral's resistor"));
    }
    if wiring.level_shifted && signal.direction == Direction::Chip {
        return Some((Pull::Up, "the level shifters on the peripheral's inputs"));
    }
    board
        .pins
        .get(signal.pin)
        .and_then(|p| p.pull)
        .map(|p| (p, "the board's resistor"))
}

/// The GPIO number a signal sits on, if its pin has one.
fn gpio(board: &Board, signal: &Signal) -> Option<u8> {
    board.gpio_of(signal.pin)
}

fn level_word(pull: Pull) -> &'static str {
    match pull {
        Pull::Up => "high",
        Pull::Down => "low",
    }
}
