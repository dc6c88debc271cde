//! Raspberry Pi model detection, to open the viewer on the machine's own header.
//!
//! The revision code comes from `/proc/device-tree/system/linux,revision` (four bytes, big
//! endian), the model name from `/proc/device-tree/model`; without a device tree both come
//! from `/proc/cpuinfo`'s `Revision` and `Model` lines. The parsers take the files' contents,
//! so they are tested on sample texts; [`detect`] reads the real files.

use serde::Serialize;

/// What the revision code says about a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// The code as read.
    pub code: u32,
    /// The model, such as `Raspberry Pi 4 Model B`.
    pub model: &'static str,
    /// Memory in MB, when the code says.
    pub memory_mb: Option<u32>,
    /// Pins of the GPIO header: 40, 26, or 0 for compute modules (their carrier decides).
    pub header_pins: u8,
}

/// A detected Raspberry Pi.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PiModel {
    /// The model name: the device tree's own words when present, else decoded from the code.
    pub name: String,
    /// The decoded revision code, when one was found and known.
    pub revision: Option<Revision>,
}

/// The board to open and why, in words for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opening {
    /// The board id.
    pub board: String,
    /// Why this board.
    pub reason: String,
}

const NEW_STYLE: u32 = 1 << 23;

/// Decodes a revision code, old style (`0002` to `0015`) or new style (with bit 23 set).
pub fn decode_revision(code: u32) -> Option<Revision> {
    if code & NEW_STYLE == 0 {
        return decode_old(code);
    }
    let (model, header_pins) = match (code >> 4) & 0xff {
        0x00 => ("Raspberry Pi Model A", 26),
        0x01 => ("Raspberry Pi Model B", 26),
        0x02 => ("Raspberry Pi Model A+", 40),
        0x03 => ("Raspberry Pi Model B+", 40),
        0x04 => ("Raspberry Pi 2 Model B", 40),
        0x06 => ("Raspberry Pi Compute Module 1", 0),
        0x08 => ("Raspberry Pi 3 Model B", 40),
        0x09 => ("Raspberry Pi Zero", 40),
        0x0a => ("Raspberry Pi Compute Module 3", 0),
        0x0c => ("Raspberry Pi Zero W", 40),
        0x0d => ("Raspberry Pi 3 Model B+", 40),
        0x0e => ("Raspberry Pi 3 Model A+", 40),
        0x10 => ("Raspberry Pi Compute Module 3+", 0),
        0x11 => ("Raspberry Pi 4 Model B", 40),
        0x12 => ("Raspberry Pi Zero 2 W", 40),
        0x13 => ("Raspberry Pi 400", 40),
        0x14 => ("Raspberry Pi Compute Module 4", 0),
        0x15 => ("Raspberry Pi Compute Module 4S", 0),
        0x17 => ("Raspberry Pi 5", 40),
        0x18 => ("Raspberry Pi Compute Module 5", 0),
        0x19 => ("Raspberry Pi 500", 40),
        0x1a => ("Raspberry Pi Compute Module 5 Lite", 0),
        _ => return None,
    };
    let memory_mb = match (code >> 20) & 0x7 {
        n @ 0..=6 => Some(256 << n),
        _ => None,
    };
    Some(Revision {
        code,
        model,
        memory_mb,
        header_pins,
    })
}

fn decode_old(code: u32) -> Option<Revision> {
    // The over-voltage (warranty) flag may sit above the code: `1000002`.
    let (model, memory, header_pins) = match code & 0xffff {
        0x02 | 0x03 => ("Raspberry Pi Model B (revision 1)", 256, 26),
        0x04..=0x06 => ("Raspberry Pi Model B", 256, 26),
        0x07..=0x09 => ("Raspberry Pi Model A", 256, 26),
        0x0d..=0x0f => ("Raspberry Pi Model B", 512, 26),
        0x10 | 0x13 => ("Raspberry Pi Model B+", 512, 40),
        0x11 | 0x14 => ("Raspberry Pi Compute Module 1", 512, 0),
        0x12 | 0x15 => ("Raspberry Pi Model A+", 256, 40),
        _ => return None,
    };
    Some(Revision {
        code,
        model,
        memory_mb: Some(memory),
        header_pins,
    })
}

/// The revision code in `linux,revision`: exactly four bytes, big endian.
pub fn parse_dt_revision(bytes: &[u8]) -> Option<u32> {
    let array: [u8; 4] = bytes.try_into().ok()?;
    Some(u32::from_be_bytes(array))
}

/// The model in `/proc/device-tree/model` when it names a Raspberry Pi (the NUL is dropped).
pub fn parse_dt_model(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let name = text.trim_end_matches('\0').trim();
    name.starts_with("Raspberry Pi").then(|| name.to_string())
}

/// The revision code of `/proc/cpuinfo`'s `Revision` line (hexadecimal).
pub fn parse_cpuinfo_revision(text: &str) -> Option<u32> {
    u32::from_str_radix(crate::cpuinfo::field(text, &["Revision"])?, 16).ok()
}

/// The model of `/proc/cpuinfo`'s `Model` line when it names a Raspberry Pi.
pub fn parse_cpuinfo_model(text: &str) -> Option<String> {
    parse_dt_model(crate::cpuinfo::field(text, &["Model"])?.as_bytes())
}

/// Detects a Raspberry Pi from the contents of the device-tree `linux,revision` and `model`
/// files and of `/proc/cpuinfo`, whichever exist.
pub fn detect_from(
    dt_revision: Option<&[u8]>,
    dt_model: Option<&[u8]>,
    cpuinfo: Option<&str>,
) -> Option<PiModel> {
    let revision = dt_revision
        .and_then(parse_dt_revision)
        .and_then(decode_revision)
        .or_else(|| {
            cpuinfo
                .and_then(parse_cpuinfo_revision)
                .and_then(decode_revision)
        });
    let named = dt_model
        .and_then(parse_dt_model)
        .or_else(|| cpuinfo.and_then(parse_cpuinfo_model));
    let name = named.or_else(|| revision.as_ref().map(|r| r.model.to_string()))?;
    Some(PiModel { name, revision })
}

/// Detects this machine: reads the device tree and `/proc/cpuinfo`.
pub fn detect() -> Option<PiModel> {
    let dt_revision = std::fs::read("/proc/device-tree/system/linux,revision").ok();
    let dt_model = std::fs::read("/proc/device-tree/model").ok();
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").ok();
    detect_from(
        dt_revision.as_deref(),
        dt_model.as_deref(),
        cpuinfo.as_deref(),
    )
}

/// The board to open for a detected model (or none), with the reason.
pub fn opening_for(pi: Option<&PiModel>) -> Opening {
    let Some(pi) = pi else {
        return Opening {
            board: super::DEFAULT_BOARD.to_string(),
            reason: "not a Raspberry Pi: opening the Waveshare ESP8266 driver board".to_string(),
        };
    };
    let code = pi
        .revision
        .as_ref()
        .map_or(String::new(), |r| format!(" (revision {:x})", r.code));
    let pins = pi.revision.as_ref().map(|r| (r.header_pins, r.model));
    let reason = match pins {
        Some((26, model)) if model.contains("revision 1") => format!(
            "{}{code} detected: its 26-pin header is the first 26 pins of this drawing, except pin 3 \
             is GPIO0, pin 5 is GPIO1 and pin 13 is GPIO21",
            pi.name
        ),
        Some((26, _)) => format!(
            "{}{code} detected: its 26-pin header is pins 1 to 26 of this drawing",
            pi.name
        ),
        Some((0, _)) => format!(
            "{}{code} detected: showing the 40-pin header most carrier boards bring out",
            pi.name
        ),
        _ => format!("{}{code} detected: opening its 40-pin header", pi.name),
    };
    Opening {
        board: "rpi-40pin".to_string(),
        reason,
    }
}

/// Detects this machine and picks the board to open.
pub fn default_opening() -> Opening {
    opening_for(detect().as_ref())
}
