//! Reading a board from its TOML file.
//!
//! A file holds the board's `name`, `chip`, `layout`, optional `fixed_wiring`, `description` and
//! `notes`, a `pins` array (one inline table a pin) and an optional `wirings` array whose
//! `signals` name their pin with any form [`crate::pins::labels::resolve`] accepts. Every error
//! names the file, the line and column, and the field (see [`super::file_error`]).
//!
//! ```toml
//! name = "My ESP8266 breakout"
//! chip = "esp8266"            # esp8266, esp32, raspberry-pi or other
//! layout = "list"             # list, or header2 for a two-row header numbered 1..N
//! fixed_wiring = false        # true: user wirings must match one of `wirings`
//! pins = [
//!   { gpio = 15, name = "IO15", labels = ["CS"], kind = "gpio", pull = "down",
//!     functions = { strapping = "Must be low at boot", spi = "HSPI CS" } },
//!   { name = "GND", kind = "ground" },   # kinds: gpio, 3v3, 5v, ground, special
//! ]
//!
//! [[wirings]]
//! id = "panel"
//! name = "Panel socket"
//! source = "Where the pin numbers come from, in words."
//! signals = [{ name = "CS", pin = "IO15", direction = "chip" }]   # or "peripheral"
//! ```
//!
//! Pins may also have `physical` (header position), `wiringpi` and `notes`; a wiring may have
//! `level_shifted = true` and `notes`, a signal a `pull`. Function groups are strapping, flash,
//! eeprom, spi, i2c, uart, pwm, adc, dac, clock, pcm, wake and onboard.

use super::file_error::{BoardFileError, Source, field_of};
use super::labels;
use super::model::{Board, Direction, Function, FunctionGroup, Layout, Origin, Pin, Pull};
use super::model::{Chip, PinKind, Signal, Wiring};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBoard {
    name: String,
    chip: Chip,
    layout: Layout,
    #[serde(default)]
    fixed_wiring: bool,
    #[serde(default)]
    description: String,
    #[serde(default)]
    notes: Vec<String>,
    pins: Vec<Spanned<RawPin>>,
    #[serde(default)]
    wirings: Vec<Spanned<RawWiring>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPin {
    physical: Option<u16>,
    gpio: Option<u8>,
    wiringpi: Option<u8>,
    name: String,
    #[serde(default)]
    labels: Vec<String>,
    kind: PinKind,
    #[serde(default)]
    functions: BTreeMap<FunctionGroup, String>,
    pull: Option<Pull>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWiring {
    id: String,
    name: String,
    source: String,
    #[serde(default)]
    level_shifted: bool,
    #[serde(default)]
    notes: Vec<String>,
    signals: Vec<Spanned<RawSignal>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignal {
    name: String,
    pin: Spanned<PinRef>,
    direction: Option<Direction>,
    pull: Option<Pull>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PinRef {
    Number(u32),
    Label(String),
}

/// Parses the board with id `id` from `text`; `file` names the file in errors.
pub fn parse_board(
    id: &str,
    file: &str,
    text: &str,
    origin: Origin,
) -> Result<Board, BoardFileError> {
    let src = Source { id, file, text };
    if !valid_id(id) {
        let message = format!(
            "board id `{id}` (the file name) must be lower-case letters, digits and dashes"
        );
        return Err(src.error(None, Some("file name"), message));
    }
    let raw: RawBoard = toml::from_str(text).map_err(|e| {
        let field = field_of(e.message(), text, e.span());
        src.error(e.span(), field.as_deref(), e.message().trim().to_string())
    })?;
    if raw.pins.is_empty() {
        return Err(src.error(None, Some("pins"), "a board needs at least one pin".into()));
    }
    let mut board = Board {
        id: id.to_string(),
        name: raw.name,
        chip: raw.chip,
        layout: raw.layout,
        fixed_wiring: raw.fixed_wiring,
        description: raw.description,
        notes: raw.notes,
        pins: Vec::with_capacity(raw.pins.len()),
        wirings: Vec::new(),
        origin,
    };
    let spans: Vec<Range<usize>> = raw.pins.iter().map(|p| p.span()).collect();
    board.pins = raw
        .pins
        .into_iter()
        .map(|p| pin_from(p.into_inner()))
        .collect();
    check_pins(&board, &spans, &src)?;
    if board.fixed_wiring && raw.wirings.is_empty() {
        let message = "a board with a fixed wiring must list at least one wiring".into();
        return Err(src.error(None, Some("wirings"), message));
    }
    for raw_wiring in raw.wirings {
        let wiring = wiring_from(&board, raw_wiring, &src)?;
        board.wirings.push(wiring);
    }
    Ok(board)
}

fn pin_from(raw: RawPin) -> Pin {
    Pin {
        physical: raw.physical,
        gpio: raw.gpio,
        wiringpi: raw.wiringpi,
        name: raw.name,
        labels: raw.labels,
        kind: raw.kind,
        functions: raw
            .functions
            .into_iter()
            .map(|(group, name)| Function { group, name })
            .collect(),
        pull: raw.pull,
        notes: raw.notes,
    }
}

fn check_pins(board: &Board, spans: &[Range<usize>], src: &Source) -> Result<(), BoardFileError> {
    for (i, pin) in board.pins.iter().enumerate() {
        let earlier = &board.pins[..i];
        let dup =
            |field: &str, what: String| Err(src.error(Some(spans[i].clone()), Some(field), what));
        if pin.name.trim().is_empty() {
            return dup("name", "a pin needs a name".into());
        }
        if let Some(p) = pin
            .physical
            .filter(|p| earlier.iter().any(|e| e.physical == Some(*p)))
        {
            return dup("physical", format!("physical pin {p} is listed twice"));
        }
        if let Some(g) = pin
            .gpio
            .filter(|g| earlier.iter().any(|e| e.gpio == Some(*g)))
        {
            return dup("gpio", format!("GPIO{g} is listed twice"));
        }
        if let Some(w) = pin
            .wiringpi
            .filter(|w| earlier.iter().any(|e| e.wiringpi == Some(*w)))
        {
            return dup("wiringpi", format!("wiringPi {w} is listed twice"));
        }
        if board.layout == Layout::Header2 && pin.physical.is_none() {
            return dup(
                "physical",
                "a header2 board needs a physical number on every pin".into(),
            );
        }
    }
    if board.layout == Layout::Header2 {
        let count = board.pins.len();
        let complete = count.is_multiple_of(2)
            && (1..=count)
                .all(|n| u16::try_from(n).is_ok_and(|n| board.pin_by_physical(n).is_some()));
        if !complete {
            let message = format!("a header2 board needs pins 1 to {count} with an even count");
            return Err(src.error(None, Some("physical"), message));
        }
    }
    Ok(())
}

fn wiring_from(
    board: &Board,
    raw: Spanned<RawWiring>,
    src: &Source,
) -> Result<Wiring, BoardFileError> {
    let span = raw.span();
    let raw = raw.into_inner();
    let at =
        |field: &str, message: String| Err(src.error(Some(span.clone()), Some(field), message));
    if !valid_id(&raw.id) {
        return at(
            "id",
            format!(
                "wiring id `{}` must be lower-case letters, digits and dashes",
                raw.id
            ),
        );
    }
    if board.wiring(&raw.id).is_some() {
        return at("id", format!("wiring `{}` is listed twice", raw.id));
    }
    let mut signals: Vec<Signal> = Vec::with_capacity(raw.signals.len());
    for raw_signal in raw.signals {
        let signal = signal_from(board, &raw.id, &signals, raw_signal, src)?;
        signals.push(signal);
    }
    Ok(Wiring {
        id: raw.id,
        name: raw.name,
        source: raw.source,
        signals,
        level_shifted: raw.level_shifted,
        notes: raw.notes,
    })
}

fn signal_from(
    board: &Board,
    wiring: &str,
    earlier: &[Signal],
    raw: Spanned<RawSignal>,
    src: &Source,
) -> Result<Signal, BoardFileError> {
    let span = raw.span();
    let s = raw.into_inner();
    if earlier.iter().any(|o| o.name.eq_ignore_ascii_case(&s.name)) {
        let message = format!("signal `{}` is listed twice in wiring `{wiring}`", s.name);
        return Err(src.error(Some(span), Some("name"), message));
    }
    let pin_span = s.pin.span();
    let label = match s.pin.into_inner() {
        PinRef::Number(n) => n.to_string(),
        PinRef::Label(l) => l,
    };
    let pin = labels::resolve(board, &label).map_err(|e| {
        let message = format!("signal `{}` of wiring `{wiring}`: {e}", s.name);
        src.error(Some(pin_span), Some("pin"), message)
    })?;
    let direction = s
        .direction
        .unwrap_or_else(|| Direction::for_signal(&s.name));
    Ok(Signal {
        name: s.name,
        pin,
        direction,
        pull: s.pull,
    })
}

/// True for ids made of lower-case ASCII letters, digits and inner dashes.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
