//! What a drawing of a board needs: the arrangement of its pins and one class per pin for
//! colouring, each class with a letter so the drawing reads without colour.

use super::model::{Board, FunctionGroup, Layout, Pin, PinKind};
use serde::Serialize;

/// The arrangement of a board's pins, as indices into [`Board::pins`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Arrangement {
    /// A two-column header: each row is (left pin, right pin), pin 1 first.
    Header {
        /// The rows, top to bottom.
        rows: Vec<(usize, usize)>,
    },
    /// One row of pins, drawn as a list in file order.
    List {
        /// The pins, in order.
        pins: Vec<usize>,
    },
}

/// The arrangement of `board`'s pins for drawing.
pub fn arrangement(board: &Board) -> Arrangement {
    match board.layout {
        Layout::Header2 => {
            let mut order: Vec<usize> = (0..board.pins.len()).collect();
            order.sort_by_key(|&i| board.pins[i].physical);
            let rows = order
                .chunks(2)
                .filter_map(|c| Some((c[0], *c.get(1)?)))
                .collect();
            Arrangement::Header { rows }
        }
        Layout::List => Arrangement::List {
            pins: (0..board.pins.len()).collect(),
        },
    }
}

/// The class a pin is coloured by: its most important role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinClass {
    /// 3.3 V supply.
    Power3v3,
    /// 5 V supply.
    Power5v,
    /// Ground.
    Ground,
    /// Not a GPIO: reset, enable, analog-only.
    Special,
    /// Wired to the flash chip: never use.
    Flash,
    /// Read at reset to pick the boot mode.
    Strapping,
    /// Reserved for a HAT EEPROM.
    Eeprom,
    /// An SPI bus pin.
    Spi,
    /// An I2C bus pin.
    I2c,
    /// A serial port pin.
    Uart,
    /// A GPIO with no bus role that matters here.
    Gpio,
}

impl PinClass {
    /// Every class, in legend order.
    pub const ALL: [PinClass; 11] = [
        PinClass::Power3v3,
        PinClass::Power5v,
        PinClass::Ground,
        PinClass::Gpio,
        PinClass::Spi,
        PinClass::I2c,
        PinClass::Uart,
        PinClass::Strapping,
        PinClass::Flash,
        PinClass::Eeprom,
        PinClass::Special,
    ];

    /// The class of `pin`.
    pub fn of(pin: &Pin) -> PinClass {
        match pin.kind {
            PinKind::Power3v3 => return PinClass::Power3v3,
            PinKind::Power5v => return PinClass::Power5v,
            PinKind::Ground => return PinClass::Ground,
            PinKind::Special => return PinClass::Special,
            PinKind::Gpio => {}
        }
        let order = [
            (FunctionGroup::Flash, PinClass::Flash),
            (FunctionGroup::Strapping, PinClass::Strapping),
            (FunctionGroup::Eeprom, PinClass::Eeprom),
            (FunctionGroup::Spi, PinClass::Spi),
            (FunctionGroup::I2c, PinClass::I2c),
            (FunctionGroup::Uart, PinClass::Uart),
        ];
        order
            .into_iter()
            .find(|(g, _)| pin.has(*g))
            .map_or(PinClass::Gpio, |(_, c)| c)
    }

    /// One letter that tells the class without colour.
    pub fn letter(self) -> char {
        match self {
            PinClass::Power3v3 => '3',
            PinClass::Power5v => '5',
            PinClass::Ground => 'G',
            PinClass::Special => 'x',
            PinClass::Flash => 'F',
            PinClass::Strapping => 'B',
            PinClass::Eeprom => 'H',
            PinClass::Spi => 'S',
            PinClass::I2c => 'I',
            PinClass::Uart => 'U',
            PinClass::Gpio => 'o',
        }
    }

    /// The class in words, for legends.
    pub fn label(self) -> &'static str {
        match self {
            PinClass::Power3v3 => "3.3 V",
            PinClass::Power5v => "5 V",
            PinClass::Ground => "ground",
            PinClass::Special => "special",
            PinClass::Flash => "flash (never use)",
            PinClass::Strapping => "boot strapping",
            PinClass::Eeprom => "HAT EEPROM",
            PinClass::Spi => "SPI",
            PinClass::I2c => "I2C",
            PinClass::Uart => "UART",
            PinClass::Gpio => "GPIO",
        }
    }
}

/// The legend for a board: the classes its pins use, in legend order.
pub fn legend(board: &Board) -> Vec<PinClass> {
    let used: Vec<PinClass> = board.pins.iter().map(PinClass::of).collect();
    PinClass::ALL
        .into_iter()
        .filter(|c| used.contains(c))
        .collect()
}
