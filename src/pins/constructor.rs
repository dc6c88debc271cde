//! The GxEPD2 constructor line for a panel on a board's wiring, ready to paste into a sketch.
//!
//! The driver's arguments are CS, DC, RST, BUSY, each a GPIO number (Arduino pin numbers are
//! GPIO numbers on the ESP8266 and ESP32); RST and BUSY may be -1 when not wired. The page
//! height is the full panel height when the buffer fits the chip's RAM budget, else a fraction:
//! the budgets follow GxEPD2's examples (about 43 kB on an ESP8266, 64 kB on an ESP32).

use super::model::{Board, Chip, Wiring};
use super::panels::Panel;
use serde::Serialize;

/// Bytes a display buffer may take on an ESP8266: 80 kB of RAM less about 34 kB the core and
/// Wi-Fi use and 5 kB for the sketch.
const ESP8266_BUDGET: u32 = 81_920 - 34_000 - 5_000;
/// Bytes a display buffer may take on an ESP32.
const ESP32_BUDGET: u32 = 65_536;

/// Names a wiring may use for each constructor argument.
const CS: &[&str] = &["CS", "SS", "CE", "CE0"];
const DC: &[&str] = &["DC", "D/C", "RS"];
const RST: &[&str] = &["RST", "RES", "RESET"];
const BUSY: &[&str] = &["BUSY"];
const CLK: &[&str] = &["CLK", "SCK", "SCLK"];
const MOSI: &[&str] = &["DIN", "MOSI", "SDI"];
const MISO: &[&str] = &["MISO", "DOUT", "SDO"];

/// The lines to paste into a sketch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Constructor {
    /// The header to include, `#include <GxEPD2_BW.h>`.
    pub include: String,
    /// The display object's declaration.
    pub line: String,
    /// Lines for `setup()`, right after `display.init(...)`, when the SPI bus must be remapped.
    pub setup: Vec<String>,
    /// Remarks: unwired lines, paged drawing, an unconfirmed panel mapping.
    pub notes: Vec<String>,
}

/// Why no constructor line can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConstructorError {
    /// The board does not run Arduino sketches.
    #[error(
        "GxEPD2 is an Arduino library; a {chip} drives the panel from Linux instead, for \
             example with Waveshare's Python library"
    )]
    NotArduino {
        /// The chip's name.
        chip: &'static str,
    },
    /// A line the driver cannot do without is not in the wiring.
    #[error("the wiring has no {signal} signal: GxEPD2 needs at least CS and DC")]
    Missing {
        /// The missing signal.
        signal: &'static str,
    },
    /// A signal sits on a pin without a GPIO number.
    #[error("{signal} is on {pin}, which has no GPIO number")]
    NoGpio {
        /// The signal's name.
        signal: String,
        /// The pin's name.
        pin: String,
    },
}

/// Builds the constructor for `panel` on `board` wired as `wiring`.
pub fn constructor(
    board: &Board,
    wiring: &Wiring,
    panel: &Panel,
) -> Result<Constructor, ConstructorError> {
    if !board.chip.runs_arduino() {
        return Err(ConstructorError::NotArduino {
            chip: board.chip.label(),
        });
    }
    let mut notes = Vec::new();
    let cs = gpio(board, wiring, CS)?.ok_or(ConstructorError::Missing { signal: "CS" })?;
    let dc = gpio(board, wiring, DC)?.ok_or(ConstructorError::Missing { signal: "DC" })?;
    let rst = optional(board, wiring, RST, "RST", &mut notes)?;
    let busy = optional(board, wiring, BUSY, "BUSY", &mut notes)?;
    let driver = panel.driver;
    let class = panel.display_class();
    let height = page_height(board.chip, panel, &mut notes);
    let line = format!(
        "{class}<{driver}, {height}> display({driver}(/*CS=*/ {cs}, /*DC=*/ {dc}, \
         /*RST=*/ {rst}, /*BUSY=*/ {busy}));"
    );
    let setup = remap(board, wiring, cs, &mut notes)?;
    if !panel.confirmed {
        notes.push(format!(
            "Unconfirmed: {} is inferred for the Waveshare {} from its controller ({}) and \
             resolution; no source confirms the pairing.",
            driver, panel.name, panel.controller
        ));
    }
    Ok(Constructor {
        include: format!("#include <{class}.h>"),
        line,
        setup,
        notes,
    })
}

fn gpio(board: &Board, wiring: &Wiring, names: &[&str]) -> Result<Option<u8>, ConstructorError> {
    let Some(signal) = names.iter().find_map(|n| wiring.signal(n)) else {
        return Ok(None);
    };
    match board.gpio_of(signal.pin) {
        Some(g) => Ok(Some(g)),
        None => Err(ConstructorError::NoGpio {
            signal: signal.name.clone(),
            pin: board.pin_ref(signal.pin),
        }),
    }
}

fn optional(
    board: &Board,
    wiring: &Wiring,
    names: &[&str],
    what: &str,
    notes: &mut Vec<String>,
) -> Result<i16, ConstructorError> {
    Ok(match gpio(board, wiring, names)? {
        Some(g) => i16::from(g),
        None => {
            notes.push(format!("{what} is not wired: passed as -1."));
            -1
        }
    })
}

/// `Driver::HEIGHT`, or `Driver::HEIGHT / n` when the full buffer exceeds the chip's budget.
fn page_height(chip: Chip, panel: &Panel, notes: &mut Vec<String>) -> String {
    let budget = match chip {
        Chip::Esp8266 => Some(ESP8266_BUDGET),
        Chip::Esp32 => Some(ESP32_BUDGET),
        Chip::RaspberryPi | Chip::Other => None,
    };
    let bytes = panel.buffer_bytes();
    let divisor = budget.map_or(1, |b| {
        [1u32, 2, 4, 8, 16]
            .into_iter()
            .find(|d| bytes.div_ceil(*d) <= b)
            .unwrap_or(16)
    });
    if divisor == 1 {
        return format!("{}::HEIGHT", panel.driver);
    }
    notes.push(format!(
        "A full buffer takes {bytes} bytes, more than the {} budget, so drawing is paged in {divisor} parts.",
        chip.label()
    ));
    format!("{}::HEIGHT / {divisor}", panel.driver)
}

/// `SPI.end(); SPI.begin(...)` when an ESP32 wiring has its clock or data off the default pins.
fn remap(
    board: &Board,
    wiring: &Wiring,
    cs: u8,
    notes: &mut Vec<String>,
) -> Result<Vec<String>, ConstructorError> {
    if board.chip != Chip::Esp32 {
        return Ok(Vec::new());
    }
    let (Some(clk), Some(mosi)) = (gpio(board, wiring, CLK)?, gpio(board, wiring, MOSI)?) else {
        return Ok(Vec::new());
    };
    if (clk, mosi) == (18, 23) {
        return Ok(Vec::new());
    }
    let used: Vec<u8> = wiring
        .signals
        .iter()
        .filter_map(|s| board.gpio_of(s.pin))
        .collect();
    let miso = match gpio(board, wiring, MISO)? {
        Some(g) => i16::from(g),
        None => [12u8, 19]
            .into_iter()
            .find(|g| !used.contains(g))
            .map_or(-1, i16::from),
    };
    notes.push(format!(
        "The SPI bus is remapped to CLK {clk} and MOSI {mosi}; MISO {miso} is only claimed as an \
         input after boot, the panel sends nothing back."
    ));
    Ok(vec![
        "SPI.end();".to_string(),
        format!("SPI.begin(/*SCK=*/ {clk}, /*MISO=*/ {miso}, /*MOSI=*/ {mosi}, /*SS=*/ {cs});"),
    ])
}
