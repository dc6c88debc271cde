//! Waveshare e-paper panels and the GxEPD2 driver class for each.
//!
//! The first versions of Waveshare's panels are Good Display panels that GxEPD2 supports by
//! name; the V2 panels changed controller. A mapping is `confirmed` when a public source ties
//! the Waveshare panel to the driver class (GxEPD2's own comments, or reports of the pairing
//! working); the others are inferred from controller and resolution and shown as unconfirmed.
//! BUSY polarity follows the controller family: SSD16xx and IL38xx controllers hold BUSY high
//! while busy, the UC81xx, IL03xx, IL91874 and EK796xx families hold it low.

use serde::Serialize;

/// The colours a panel shows, which picks GxEPD2's template class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Colors {
    /// Black and white: `GxEPD2_BW`.
    BlackWhite,
    /// Black, white and red (or yellow): `GxEPD2_3C`.
    ThreeColor,
}

/// The level of the BUSY line while the panel is busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BusyLevel {
    /// BUSY is high while busy (SSD16xx, IL38xx controllers).
    High,
    /// BUSY is low while busy (UC81xx, IL03xx, IL91874, EK796xx controllers).
    Low,
}

/// One panel and its driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Panel {
    /// Short id used on the command line: `2.7`, `2.7-v2`, `2.7b`.
    pub id: &'static str,
    /// A name for people.
    pub name: &'static str,
    /// The GxEPD2 driver class.
    pub driver: &'static str,
    /// The Good Display panel the driver was written for.
    pub part: &'static str,
    /// The panel's controller chip.
    pub controller: &'static str,
    /// Visible width in pixels, in the panel's native orientation.
    pub width: u16,
    /// Height in pixels, in the panel's native orientation.
    pub height: u16,
    /// The colours it shows.
    pub colors: Colors,
    /// The BUSY level while busy.
    pub busy: BusyLevel,
    /// True when a public source confirms the Waveshare panel works with this driver class.
    pub confirmed: bool,
}

impl Panel {
    /// The GxEPD2 template class for the panel's colours.
    pub fn display_class(&self) -> &'static str {
        match self.colors {
            Colors::BlackWhite => "GxEPD2_BW",
            Colors::ThreeColor => "GxEPD2_3C",
        }
    }

    /// Bytes of a full-screen buffer in GxEPD2 (one bit a pixel, a second plane for colour).
    pub fn buffer_bytes(&self) -> u32 {
        let plane = u32::from(self.width).div_ceil(8) * u32::from(self.height);
        match self.colors {
            Colors::BlackWhite => plane,
            Colors::ThreeColor => plane * 2,
        }
    }
}

#[expect(clippy::too_many_arguments, reason = "one row of the panel table")]
const fn panel(
    id: &'static str,
    name: &'static str,
    driver: &'static str,
    part: &'static str,
    controller: &'static str,
    size: (u16, u16),
    colors: Colors,
    busy: BusyLevel,
    confirmed: bool,
) -> Panel {
    Panel {
        id,
        name,
        driver,
        part,
        controller,
        width: size.0,
        height: size.1,
        colors,
        busy,
        confirmed,
    }
}

use BusyLevel::{High, Low};
use Colors::{BlackWhite as Bw, ThreeColor as C3};

/// The panel table, ordered by size then version.
#[rustfmt::skip]
pub const PANELS: &[Panel] = &[
    panel("1.54", "1.54\" b/w", "GxEPD2_154", "GDEP015OC1", "IL3829", (200, 200), Bw, High, true),
    panel("1.54-v2", "1.54\" b/w V2", "GxEPD2_154_D67", "GDEH0154D67", "SSD1681", (200, 200), Bw, High, true),
    panel("1.54b", "1.54\" b/w/red (B)", "GxEPD2_154c", "GDEW0154Z04", "IL0376F", (200, 200), C3, Low, false),
    panel("2.13", "2.13\" b/w", "GxEPD2_213", "GDE0213B1", "IL3895", (122, 250), Bw, High, true),
    panel("2.13-v2", "2.13\" b/w V2", "GxEPD2_213_B72", "GDEH0213B72", "SSD1675A", (122, 250), Bw, High, false),
    panel("2.13b", "2.13\" b/w/red (B)", "GxEPD2_213c", "GDEW0213Z16", "UC8151 (IL0373)", (104, 212), C3, Low, false),
    panel("2.7", "2.7\" b/w", "GxEPD2_270", "GDEW027W3", "EK79652 (IL91874)", (176, 264), Bw, Low, true),
    panel("2.7-v2", "2.7\" b/w V2", "GxEPD2_270_GDEY027T91", "GDEY027T91", "SSD1680", (176, 264), Bw, High, false),
    panel("2.7b", "2.7\" b/w/red (B)", "GxEPD2_270c", "GDEW027C44", "IL91874", (176, 264), C3, Low, false),
    panel("2.9", "2.9\" b/w", "GxEPD2_290", "GDEH029A1", "SSD1608 (IL3820)", (128, 296), Bw, High, true),
    panel("2.9-v2", "2.9\" b/w V2", "GxEPD2_290_T94_V2", "GDEM029T94", "SSD1680", (128, 296), Bw, High, true),
    panel("2.9b", "2.9\" b/w/red (B)", "GxEPD2_290c", "GDEW029Z10", "UC8151 (IL0373)", (128, 296), C3, Low, false),
    panel("4.2", "4.2\" b/w", "GxEPD2_420", "GDEW042T2", "UC8176 (IL0398)", (400, 300), Bw, Low, true),
    panel("4.2-v2", "4.2\" b/w V2", "GxEPD2_420_GDEY042T81", "GDEY042T81", "SSD1683", (400, 300), Bw, High, false),
    panel("4.2b", "4.2\" b/w/red (B)", "GxEPD2_420c", "GDEW042Z15", "UC8176 (IL0398)", (400, 300), C3, Low, false),
    panel("7.5", "7.5\" b/w", "GxEPD2_750", "GDEW075T8", "UC8159c (IL0371)", (640, 384), Bw, Low, true),
    panel("7.5-v2", "7.5\" b/w V2", "GxEPD2_750_T7", "GDEW075T7", "EK79655 (GD7965)", (800, 480), Bw, Low, true),
    panel("7.5b", "7.5\" b/w/red (B)", "GxEPD2_750c", "GDEW075Z09", "UC8159c (IL0371)", (640, 384), C3, Low, false),
];

/// The panel with this id, ignoring case and a trailing `in` or `"` (`2.7in`, `2.7"`).
pub fn find(id: &str) -> Option<&'static Panel> {
    let text = id.trim();
    let lower = text.to_ascii_lowercase();
    let bare = lower
        .strip_suffix("in")
        .or_else(|| lower.strip_suffix('"'))
        .unwrap_or(&lower);
    PANELS.iter().find(|p| p.id == bare || p.id == lower)
}

/// All panel ids, for error messages and completion.
pub fn ids() -> Vec<&'static str> {
    PANELS.iter().map(|p| p.id).collect()
}
