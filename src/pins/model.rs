//! The board model: boards, their pins, and wirings of signals to pins.
//!
//! A [`Board`] is loaded from a TOML file (see [`crate::pins::file`]) and never changes after
//! that. Pins are addressed by their index in [`Board::pins`]; wirings refer to pins the same way.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The chip family that sets a board's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Chip {
    /// Espressif ESP8266 (ESP-12 modules, NodeMCU, Wemos D1 mini).
    Esp8266,
    /// Espressif ESP32 (the original dual-core chip, ESP32-WROOM modules).
    Esp32,
    /// A Raspberry Pi's Broadcom SoC (or the RP1 on a Pi 5): GPIO numbers are BCM numbers.
    RaspberryPi,
    /// Anything else: only the chip-independent checks apply.
    Other,
}

impl Chip {
    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            Chip::Esp8266 => "ESP8266",
            Chip::Esp32 => "ESP32",
            Chip::RaspberryPi => "Raspberry Pi (BCM numbering)",
            Chip::Other => "other",
        }
    }

    /// True for microcontrollers that run Arduino sketches (and so GxEPD2).
    pub fn runs_arduino(self) -> bool {
        matches!(self, Chip::Esp8266 | Chip::Esp32 | Chip::Other)
    }
}

/// What a pin is electrically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinKind {
    /// A general-purpose input/output.
    Gpio,
    /// 3.3 V supply.
    #[serde(rename = "3v3")]
    Power3v3,
    /// 5 V supply.
    #[serde(rename = "5v")]
    Power5v,
    /// Ground (0 V).
    Ground,
    /// Anything else: reset, enable, analog-only input, reserved.
    Special,
}

impl PinKind {
    /// True for supply and ground pins.
    pub fn is_power(self) -> bool {
        matches!(self, PinKind::Power3v3 | PinKind::Power5v | PinKind::Ground)
    }
}

/// The groups a pin function belongs to; a pin has at most one function per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FunctionGroup {
    /// Read at reset to pick the boot mode or a hardware setting.
    Strapping,
    /// Wired to the module's flash chip.
    Flash,
    /// Reserved for a HAT's ID EEPROM.
    Eeprom,
    /// An SPI bus line.
    Spi,
    /// An I2C bus line.
    I2c,
    /// A serial port line.
    Uart,
    /// A hardware PWM channel.
    Pwm,
    /// An analog input.
    Adc,
    /// An analog output.
    Dac,
    /// A clock output.
    Clock,
    /// The PCM (I2S) audio interface.
    Pcm,
    /// Deep-sleep wake or a similar power role.
    Wake,
    /// An on-board LED or button.
    Onboard,
}

impl FunctionGroup {
    /// A short upper-case name for tables.
    pub fn label(self) -> &'static str {
        match self {
            FunctionGroup::Strapping => "BOOT",
            FunctionGroup::Flash => "FLASH",
            FunctionGroup::Eeprom => "EEPROM",
            FunctionGroup::Spi => "SPI",
            FunctionGroup::I2c => "I2C",
            FunctionGroup::Uart => "UART",
            FunctionGroup::Pwm => "PWM",
            FunctionGroup::Adc => "ADC",
            FunctionGroup::Dac => "DAC",
            FunctionGroup::Clock => "CLK",
            FunctionGroup::Pcm => "PCM",
            FunctionGroup::Wake => "WAKE",
            FunctionGroup::Onboard => "BOARD",
        }
    }
}

/// One function of a pin, such as `SPI0 MOSI` in the SPI group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Function {
    /// The group the function belongs to.
    pub group: FunctionGroup,
    /// What the function is called on this chip.
    pub name: String,
}

/// A resistor that holds a line at a level while nothing drives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pull {
    /// Towards the supply: the line reads high.
    Up,
    /// Towards ground: the line reads low.
    Down,
}

/// One pin of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pin {
    /// The physical position on the header (1-based); `None` on boards drawn as a list.
    pub physical: Option<u16>,
    /// The chip's GPIO number (BCM number on a Raspberry Pi).
    pub gpio: Option<u8>,
    /// The wiringPi number, on a Raspberry Pi header.
    pub wiringpi: Option<u8>,
    /// The main name shown on the drawing, such as `GPIO17`, `3V3` or `GND`.
    pub name: String,
    /// Further board labels people use, such as `D4`, `SDA1` or `TX`.
    pub labels: Vec<String>,
    /// What the pin is electrically.
    pub kind: PinKind,
    /// The pin's functions, ordered by group.
    pub functions: Vec<Function>,
    /// A resistor the board itself puts on the pin.
    pub pull: Option<Pull>,
    /// Caveats in words.
    pub notes: Vec<String>,
}

impl Pin {
    /// True when the pin has a function in `group`.
    pub fn has(&self, group: FunctionGroup) -> bool {
        self.functions.iter().any(|f| f.group == group)
    }

    /// The pin's function in `group`, if any.
    pub fn function(&self, group: FunctionGroup) -> Option<&str> {
        self.functions
            .iter()
            .find(|f| f.group == group)
            .map(|f| f.name.as_str())
    }
}

/// Who drives a signal's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The board's chip drives it (CS, DC, RST, CLK, DIN); it floats while the chip is in reset.
    Chip,
    /// The peripheral drives it (a panel's BUSY); it may be at any level at reset.
    Peripheral,
    /// Not known: checked as if the peripheral might drive it.
    Unknown,
}

impl Direction {
    /// The direction implied by a well-known signal name, such as `BUSY` or `CS`.
    pub fn for_signal(name: &str) -> Direction {
        match name.to_ascii_uppercase().as_str() {
            "BUSY" | "MISO" | "DOUT" | "SDO" | "INT" | "IRQ" | "HRDY" => Direction::Peripheral,
            "CS" | "SS" | "CE" | "CE0" | "CE1" | "DC" | "RST" | "RES" | "RESET" | "CLK" | "SCK"
            | "SCLK" | "DIN" | "MOSI" | "SDI" | "PWR" | "EN" => Direction::Chip,
            _ => Direction::Unknown,
        }
    }

    /// A word for tables: `chip`, `peripheral` or `unknown`.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Chip => "chip",
            Direction::Peripheral => "peripheral",
            Direction::Unknown => "unknown",
        }
    }
}

/// One signal of a wiring, placed on one pin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signal {
    /// The signal's name, as the peripheral labels it (`BUSY`, `CS`, `DIN`).
    pub name: String,
    /// Index of the pin in [`Board::pins`].
    pub pin: usize,
    /// Who drives the line.
    pub direction: Direction,
    /// A pull-up or pull-down the peripheral side puts on the line, if known.
    pub pull: Option<Pull>,
}

/// A named set of signals on pins, such as one revision of a driver board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wiring {
    /// Short id used on the command line (`current`, `older`, `epaper-hat`).
    pub id: String,
    /// A name for people.
    pub name: String,
    /// Where the wiring comes from, in words.
    pub source: String,
    /// The signals, in the order the file gives them.
    pub signals: Vec<Signal>,
    /// True when the peripheral's inputs sit behind level shifters that hold them high at reset.
    pub level_shifted: bool,
    /// Remarks in words.
    pub notes: Vec<String>,
}

impl Wiring {
    /// The signal called `name` (case-insensitive).
    pub fn signal(&self, name: &str) -> Option<&Signal> {
        self.signals
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The signals placed on pin `pin`.
    pub fn signals_on(&self, pin: usize) -> impl Iterator<Item = &Signal> {
        self.signals.iter().filter(move |s| s.pin == pin)
    }
}

/// How a board is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// A two-column header: odd pins on the left, even pins on the right (the Pi's 40 pins).
    Header2,
    /// One row of pins, drawn as a list in file order.
    List,
}

/// Where a board's file came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Shipped inside the binary.
    Builtin,
    /// The user's own file in the config folder.
    User(PathBuf),
}

/// A board: its pins, its chip and the wirings known for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    /// The file stem, used on the command line and in notes' front matter.
    pub id: String,
    /// A name for people.
    pub name: String,
    /// The chip whose rules apply.
    pub chip: Chip,
    /// How the board is drawn.
    pub layout: Layout,
    /// True when the wiring is fixed by the board's traces: a user wiring must match one of them.
    pub fixed_wiring: bool,
    /// A sentence about the board.
    pub description: String,
    /// Caveats in words.
    pub notes: Vec<String>,
    /// The pins, in drawing order.
    pub pins: Vec<Pin>,
    /// The known wirings; the first is the default.
    pub wirings: Vec<Wiring>,
    /// Where the board's file came from.
    pub origin: Origin,
}

impl Board {
    /// The wiring with this id (case-insensitive).
    pub fn wiring(&self, id: &str) -> Option<&Wiring> {
        self.wirings.iter().find(|w| w.id.eq_ignore_ascii_case(id))
    }

    /// The wiring shown when none is asked for: the first in the file.
    pub fn default_wiring(&self) -> Option<&Wiring> {
        self.wirings.first()
    }

    /// The index of the pin with this GPIO number.
    pub fn pin_by_gpio(&self, gpio: u8) -> Option<usize> {
        self.pins.iter().position(|p| p.gpio == Some(gpio))
    }

    /// The index of the pin at this physical position.
    pub fn pin_by_physical(&self, physical: u16) -> Option<usize> {
        self.pins.iter().position(|p| p.physical == Some(physical))
    }

    /// The GPIO number of pin `index`, if it has one.
    pub fn gpio_of(&self, index: usize) -> Option<u8> {
        self.pins.get(index).and_then(|p| p.gpio)
    }

    /// A short reference to pin `index` for messages: `GPIO17 (pin 11)` or `GPIO5 (D1)`.
    pub fn pin_ref(&self, index: usize) -> String {
        let Some(pin) = self.pins.get(index) else {
            return format!("pin #{index}");
        };
        match (pin.physical, pin.labels.first()) {
            (Some(p), _) => format!("{} (pin {p})", pin.name),
            (None, Some(label)) if !label.eq_ignore_ascii_case(&pin.name) => {
                format!("{} ({label})", pin.name)
            }
            _ => pin.name.clone(),
        }
    }
}
