//! Finding a pin by any name a person may use for it.
//!
//! Accepted forms, all case-insensitive:
//! - a bare number: the chip's GPIO number (the BCM number on a Raspberry Pi), `17`;
//! - a pin's name or board label: `GPIO17`, `D4`, `SDA1`, `TX`;
//! - `GPIO<n>` or `IO<n>`: the GPIO number, on any board;
//! - `BCM<n>`: the BCM number, on Raspberry Pi boards only;
//! - `P<n>`: the physical header position, on boards that have one (`P11` is header pin 11);
//! - `WPI<n>`: the wiringPi number, on boards that list them (`WPI0` is BCM17 on a Pi).
//!
//! Names and board labels are tried before the numbered forms, so a board may give a pin any
//! label it likes; a name several pins share (`GND`) is reported as ambiguous.

use super::model::{Board, Chip, Wiring};

/// Why a pin name did not lead to exactly one pin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    /// Nothing was given.
    #[error("empty pin name")]
    Empty,
    /// No pin has that name.
    #[error("no pin called `{label}` on {board}")]
    Unknown {
        /// The name as given.
        label: String,
        /// The board's name.
        board: String,
    },
    /// Several pins share the name.
    #[error("`{label}` names {} pins ({}); use a number or label that names one", pins.len(), pins.join(", "))]
    Ambiguous {
        /// The name as given.
        label: String,
        /// References to the pins it names.
        pins: Vec<String>,
    },
    /// `P<n>` on a board without physical numbering.
    #[error("{board} has no physical pin numbers: use a GPIO number or a board label")]
    NoPhysical {
        /// The board's name.
        board: String,
    },
    /// `WPI<n>` on a board without wiringPi numbers.
    #[error("{board} has no wiringPi numbers: they exist on the Raspberry Pi header")]
    NoWiringPi {
        /// The board's name.
        board: String,
    },
    /// `BCM<n>` on a board that is not a Raspberry Pi.
    #[error("BCM numbers exist only on a Raspberry Pi: write `GPIO{gpio}` or `{gpio}`")]
    BcmNotPi {
        /// The number given.
        gpio: u32,
    },
}

/// Finds the one pin `label` names on `board`, returning its index in [`Board::pins`].
pub fn resolve(board: &Board, label: &str) -> Result<usize, LabelError> {
    let text = label.trim();
    if text.is_empty() {
        return Err(LabelError::Empty);
    }
    if let Some(n) = number(text) {
        return by_gpio(board, n, text);
    }
    let named = named(board, text);
    match named.len() {
        1 => return Ok(named[0]),
        0 => {}
        _ => {
            return Err(LabelError::Ambiguous {
                label: text.to_string(),
                pins: named.iter().map(|&i| board.pin_ref(i)).collect(),
            });
        }
    }
    numbered(board, text)
}

/// The `GPIO<n>`, `IO<n>`, `BCM<n>`, `WPI<n>` and `P<n>` forms.
fn numbered(board: &Board, text: &str) -> Result<usize, LabelError> {
    let upper = text.to_ascii_uppercase();
    if let Some(n) = prefixed(&upper, "GPIO").or_else(|| prefixed(&upper, "IO")) {
        return by_gpio(board, n, text);
    }
    if let Some(n) = prefixed(&upper, "BCM") {
        if board.chip != Chip::RaspberryPi {
            return Err(LabelError::BcmNotPi { gpio: n });
        }
        return by_gpio(board, n, text);
    }
    if let Some(n) = prefixed(&upper, "WPI") {
        if board.pins.iter().all(|p| p.wiringpi.is_none()) {
            return Err(LabelError::NoWiringPi {
                board: board.name.clone(),
            });
        }
        let found = board
            .pins
            .iter()
            .position(|p| p.wiringpi.map(u32::from) == Some(n));
        return found.ok_or_else(|| unknown(board, text));
    }
    if let Some(n) = prefixed(&upper, "P") {
        if board.pins.iter().all(|p| p.physical.is_none()) {
            return Err(LabelError::NoPhysical {
                board: board.name.clone(),
            });
        }
        let found = board
            .pins
            .iter()
            .position(|p| p.physical.map(u32::from) == Some(n));
        return found.ok_or_else(|| unknown(board, text));
    }
    Err(unknown(board, text))
}

/// Every name that leads to pin `index` alone: its name, labels and numbered forms.
pub fn aliases(board: &Board, index: usize) -> Vec<String> {
    let Some(pin) = board.pins.get(index) else {
        return Vec::new();
    };
    let mut all: Vec<String> = vec![pin.name.clone()];
    all.extend(pin.labels.iter().cloned());
    if let Some(g) = pin.gpio {
        all.push(format!("GPIO{g}"));
        all.push(format!("IO{g}"));
        if board.chip == Chip::RaspberryPi {
            all.push(format!("BCM{g}"));
        }
        all.push(g.to_string());
    }
    if let Some(p) = pin.physical {
        all.push(format!("P{p}"));
    }
    if let Some(w) = pin.wiringpi {
        all.push(format!("WPI{w}"));
    }
    let mut seen: Vec<String> = Vec::new();
    for name in all {
        let fresh = !seen.iter().any(|s| s.eq_ignore_ascii_case(&name));
        if fresh && resolve(board, &name) == Ok(index) {
            seen.push(name);
        }
    }
    seen
}

/// Pins matching a search as typed: the pin a name resolves to, every pin sharing an ambiguous
/// name, the pins carrying a signal of `wiring` with that name, or failing those, every pin
/// with a name, label or signal starting with the text. In board order, without repeats.
pub fn search(board: &Board, wiring: Option<&Wiring>, query: &str) -> Vec<usize> {
    let text = query.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<usize> = match resolve(board, text) {
        Ok(index) => vec![index],
        Err(LabelError::Ambiguous { .. }) => named(board, text),
        Err(_) => Vec::new(),
    };
    if let Some(w) = wiring {
        hits.extend(
            w.signals
                .iter()
                .filter(|s| s.name.eq_ignore_ascii_case(text))
                .map(|s| s.pin),
        );
    }
    if hits.is_empty() {
        let lower = text.to_ascii_lowercase();
        let starts = |s: &str| s.to_ascii_lowercase().starts_with(&lower);
        for index in 0..board.pins.len() {
            let by_alias = aliases(board, index).iter().any(|a| starts(a));
            let pin = &board.pins[index];
            let by_label = starts(&pin.name) || pin.labels.iter().any(|l| starts(l));
            let by_signal = wiring.is_some_and(|w| w.signals_on(index).any(|s| starts(&s.name)));
            if by_alias || by_label || by_signal {
                hits.push(index);
            }
        }
    }
    hits.sort_unstable();
    hits.dedup();
    hits
}

/// Pins whose name or one of whose labels equals `text`, case-insensitively.
fn named(board: &Board, text: &str) -> Vec<usize> {
    let eq = |s: &String| s.eq_ignore_ascii_case(text);
    (0..board.pins.len())
        .filter(|&i| eq(&board.pins[i].name) || board.pins[i].labels.iter().any(eq))
        .collect()
}

fn by_gpio(board: &Board, n: u32, text: &str) -> Result<usize, LabelError> {
    u8::try_from(n)
        .ok()
        .and_then(|g| board.pin_by_gpio(g))
        .ok_or_else(|| unknown(board, text))
}

fn unknown(board: &Board, text: &str) -> LabelError {
    LabelError::Unknown {
        label: text.to_string(),
        board: board.name.clone(),
    }
}

fn number(text: &str) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn prefixed(upper: &str, prefix: &str) -> Option<u32> {
    upper.strip_prefix(prefix).and_then(number)
}
