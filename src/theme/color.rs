//! Colours and colour depth: every colour the app shows, UI and code alike, passes through
//! [`ColorDepth::map`] so that a 16-colour console never receives a 24-bit escape.

use std::fmt;
use std::str::FromStr;

/// A colour as a theme or a syntax highlighter names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// One of the 16 ANSI colours (0-7 normal, 8-15 bright), drawn with the terminal's palette.
    Ansi(u8),
    /// An entry of the 256-colour palette (16-255).
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

/// How many colours the terminal can show, decided once at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorDepth {
    /// No colour at all (`NO_COLOR`, `--color never`, or not a terminal).
    None,
    /// The 16 ANSI colours (`TERM=linux` and other consoles).
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    TrueColor,
}

const ANSI_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright-black",
    "bright-red",
    "bright-green",
    "bright-yellow",
    "bright-blue",
    "bright-magenta",
    "bright-cyan",
    "bright-white",
];

/// The xterm default palette for the 16 ANSI colours, used to find the nearest one.
const ANSI_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

const CUBE_STEPS: [u8; 6] = [0, 95, 135, 175, 215, 255];

impl ColorDepth {
    /// The colour to draw for `color` at this depth, or `None` when no colour is drawn.
    pub fn map(self, color: Color) -> Option<Color> {
        match (self, color) {
            (ColorDepth::None, _) => None,
            (ColorDepth::TrueColor, c) => Some(c),
            (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => {
                Some(Color::Indexed(nearest_256(r, g, b)))
            }
            (ColorDepth::Ansi256, c) => Some(c),
            (ColorDepth::Ansi16, Color::Ansi(n)) => Some(Color::Ansi(n)),
            (ColorDepth::Ansi16, c) => {
                let (r, g, b) = c.to_rgb();
                Some(Color::Ansi(nearest_ansi(r, g, b)))
            }
        }
    }

    /// The depth's name as the command line and config spell it.
    pub fn name(self) -> &'static str {
        match self {
            ColorDepth::None => "none",
            ColorDepth::Ansi16 => "16",
            ColorDepth::Ansi256 => "256",
            ColorDepth::TrueColor => "truecolor",
        }
    }
}

impl FromStr for ColorDepth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "none" | "0" => Ok(ColorDepth::None),
            "16" => Ok(ColorDepth::Ansi16),
            "256" => Ok(ColorDepth::Ansi256),
            "truecolor" | "24bit" => Ok(ColorDepth::TrueColor),
            other => Err(format!(
                "expected none, 16, 256 or truecolor, found \"{other}\""
            )),
        }
    }
}

impl Color {
    /// The colour's RGB value (palette colours use the xterm defaults).
    pub fn to_rgb(self) -> (u8, u8, u8) {
        match self {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Ansi(n) => ANSI_RGB[usize::from(n & 15)],
            Color::Indexed(n) if n < 16 => ANSI_RGB[usize::from(n)],
            Color::Indexed(n) if n >= 232 => {
                let v = 8 + 10 * (n - 232);
                (v, v, v)
            }
            Color::Indexed(n) => {
                let i = n - 16;
                let step = |k: u8| CUBE_STEPS[usize::from(k)];
                (step(i / 36), step((i / 6) % 6), step(i % 6))
            }
        }
    }
}

impl FromStr for Color {
    type Err = String;
    /// Parses `#rrggbb`, an ANSI colour name (`red`, `bright-blue`) or a palette index `0`-`255`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(hex) = s.strip_prefix('#') {
            let ok = hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit());
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
            return if ok {
                Ok(Color::Rgb(byte(0), byte(2), byte(4)))
            } else {
                Err(format!("expected a colour like #1e2127, found \"{s}\""))
            };
        }
        let name = s.to_ascii_lowercase().replace('_', "-");
        if let Some(n) = ANSI_NAMES.iter().position(|&a| a == name) {
            return Ok(Color::Ansi(n as u8));
        }
        match s.parse::<u8>() {
            Ok(n) if n < 16 => Ok(Color::Ansi(n)),
            Ok(n) => Ok(Color::Indexed(n)),
            Err(_) => Err(format!(
                "expected #rrggbb, a colour name like bright-blue, or 0-255, found \"{s}\""
            )),
        }
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Ansi(n) => f.write_str(ANSI_NAMES[usize::from(n & 15)]),
            Color::Indexed(n) => write!(f, "{n}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2) as u32;
    // Weighted for the eye's sensitivity: green counts most, blue least.
    3 * d(a.0, b.0) + 4 * d(a.1, b.1) + 2 * d(a.2, b.2)
}

fn nearest_ansi(r: u8, g: u8, b: u8) -> u8 {
    (0..16u8)
        .min_by_key(|&n| distance((r, g, b), ANSI_RGB[usize::from(n)]))
        .unwrap_or(7)
}

fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    let cube_index = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(CUBE_STEPS[i]) - i32::from(v)).abs())
            .unwrap_or(0) as u8
    };
    let (ri, gi, bi) = (cube_index(r), cube_index(g), cube_index(b));
    let cube = 16 + 36 * ri + 6 * gi + bi;
    let average = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let gray = 232 + ((average.saturating_sub(3)) / 10).min(23) as u8;
    let target = (r, g, b);
    if distance(target, Color::Indexed(gray).to_rgb())
        < distance(target, Color::Indexed(cube).to_rgb())
    {
        gray
    } else {
        cube
    }
}

impl<'de> serde::Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Index(u8),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Text(s) => s.parse().map_err(serde::de::Error::custom),
            Raw::Index(n) => Ok(if n < 16 {
                Color::Ansi(n)
            } else {
                Color::Indexed(n)
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_names_and_indexes() {
        assert_eq!("#1e2127".parse(), Ok(Color::Rgb(0x1e, 0x21, 0x27)));
        assert_eq!("bright-blue".parse(), Ok(Color::Ansi(12)));
        assert_eq!("Red".parse(), Ok(Color::Ansi(1)));
        assert_eq!("208".parse(), Ok(Color::Indexed(208)));
        assert_eq!("3".parse(), Ok(Color::Ansi(3)));
        assert!("#12345".parse::<Color>().is_err());
        assert!("purple-ish".parse::<Color>().is_err());
    }

    #[test]
    fn truecolor_keeps_rgb_and_none_drops_everything() {
        let c = Color::Rgb(1, 2, 3);
        assert_eq!(ColorDepth::TrueColor.map(c), Some(c));
        assert_eq!(ColorDepth::None.map(c), None);
        assert_eq!(ColorDepth::None.map(Color::Ansi(1)), None);
    }

    #[test]
    fn rgb_maps_to_exact_cube_and_gray_entries() {
        assert_eq!(
            ColorDepth::Ansi256.map(Color::Rgb(255, 0, 0)),
            Some(Color::Indexed(196))
        );
        assert_eq!(
            ColorDepth::Ansi256.map(Color::Rgb(0, 0, 0)),
            Some(Color::Indexed(16))
        );
        assert_eq!(
            ColorDepth::Ansi256.map(Color::Rgb(95, 135, 175)),
            Some(Color::Indexed(67))
        );
        assert_eq!(
            ColorDepth::Ansi256.map(Color::Rgb(128, 128, 128)),
            Some(Color::Indexed(244))
        );
    }

    #[test]
    fn every_palette_entry_round_trips_through_256() {
        for n in 16..=255u8 {
            let (r, g, b) = Color::Indexed(n).to_rgb();
            let back = ColorDepth::Ansi256.map(Color::Rgb(r, g, b));
            assert_eq!(back.map(|c| c.to_rgb()), Some((r, g, b)), "index {n}");
        }
    }

    #[test]
    fn sixteen_colours_pick_the_nearest_ansi() {
        assert_eq!(
            ColorDepth::Ansi16.map(Color::Rgb(250, 10, 10)),
            Some(Color::Ansi(9))
        );
        assert_eq!(
            ColorDepth::Ansi16.map(Color::Rgb(0, 190, 0)),
            Some(Color::Ansi(2))
        );
        assert_eq!(
            ColorDepth::Ansi16.map(Color::Rgb(20, 20, 20)),
            Some(Color::Ansi(0))
        );
        assert_eq!(
            ColorDepth::Ansi16.map(Color::Indexed(196)),
            Some(Color::Ansi(9))
        );
        assert_eq!(ColorDepth::Ansi16.map(Color::Ansi(4)), Some(Color::Ansi(4)));
    }

    #[test]
    fn depth_names_parse_back() {
        for d in [
            ColorDepth::None,
            ColorDepth::Ansi16,
            ColorDepth::Ansi256,
            ColorDepth::TrueColor,
        ] {
            assert_eq!(d.name().parse(), Ok(d));
        }
        assert!("17".parse::<ColorDepth>().is_err());
    }
}
