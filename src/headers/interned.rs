//! `interned`: `backing` plus canonical names for common headers.
//!
//! A common name (see [`super::names::COMMON`]) becomes a one-byte index into a static table:
//! no allocation, and later lookups compare indices. Uncommon names are owned as in `backing`.

use super::backing::tag;
use super::error::{Limits, ParseError};
use super::names::{COMMON, lookup};
use super::slots::{self, Key, SlotHead};

/// A head parsed by the `interned` variant.
pub type InternedHead = SlotHead<InternedKey>;

/// Parses the head at the start of `input`.
pub fn parse(input: &[u8], limits: &Limits) -> Result<InternedHead, ParseError> {
    slots::parse(input, limits)
}

/// A header name: an index into the static table of common names, or an owned lowercase name.
#[derive(Debug, Clone)]
pub enum InternedKey {
    /// A common name, as its index in [`COMMON`].
    Common(u8),
    /// Any other name, lowercase, with its comparison tag.
    Custom(u32, Box<str>),
}

/// A raw name prepared for lookups.
pub enum Probe<'n> {
    /// The name is common.
    Common(u8),
    /// The name as written, with its tag.
    Custom(&'n str, u32),
}

impl Key for InternedKey {
    type Probe<'n> = Probe<'n>;

    #[inline]
    fn probe(raw: &str) -> Probe<'_> {
        match lookup(raw) {
            Some(index) => Probe::Common(index),
            None => Probe::Custom(raw, tag(raw)),
        }
    }

    #[inline]
    fn matches(&self, probe: &Probe<'_>) -> bool {
        match (self, probe) {
            (Self::Common(a), Probe::Common(b)) => a == b,
            (Self::Custom(tag, name), Probe::Custom(raw, raw_tag)) => {
                tag == raw_tag && name.eq_ignore_ascii_case(raw)
            }
            _ => false,
        }
    }

    fn create(probe: Probe<'_>) -> Self {
        match probe {
            Probe::Common(index) => Self::Common(index),
            Probe::Custom(raw, tag) => Self::Custom(tag, raw.to_ascii_lowercase().into_boxed_str()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Self::Common(index) => COMMON[*index as usize],
            Self::Custom(_, name) => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_custom_names_both_group_case_insensitively() {
        let input = b"GET / HTTP/1.1\r\nHOST: a\r\nX-Thing: 1\r\nhost: b\r\nx-thing: 2\r\n\r\n";
        let head = parse(input, &Limits::default()).unwrap();
        assert_eq!(head.get_all("Host"), [&b"a"[..], b"b"]);
        assert_eq!(head.get_all("X-THING"), [&b"1"[..], b"2"]);
        assert_eq!(head.names().collect::<Vec<_>>(), ["host", "x-thing"]);
    }
}
