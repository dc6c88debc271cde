//! `backing`: Go's count-first trick with every name owned.
//!
//! Allocations: the backing buffer, the slot vector, one lowercase name per distinct header,
//! and one vector per repeated name. See [`super::slots`] for the layout.

use super::error::{Limits, ParseError};
use super::slots::{self, Key, SlotHead};

/// A head parsed by the `backing` variant.
pub type BackingHead = SlotHead<OwnedKey>;

/// Parses the head at the start of `input`.
pub fn parse(input: &[u8], limits: &Limits) -> Result<BackingHead, ParseError> {
    slots::parse(input, limits)
}

/// A lowercase owned name with a small tag (length, first and last byte) that settles most
/// mismatches with one integer comparison.
#[derive(Debug, Clone)]
pub struct OwnedKey {
    tag: u32,
    name: Box<str>,
}

/// Length and the lowercase first and last bytes of `name`, packed.
#[inline]
pub(crate) fn tag(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let first = bytes.first().map_or(0, u8::to_ascii_lowercase) as u32;
    let last = bytes.last().map_or(0, u8::to_ascii_lowercase) as u32;
    ((bytes.len() as u32) << 16) ^ (first << 8) ^ last
}

impl Key for OwnedKey {
    type Probe<'n> = (&'n str, u32);

    #[inline]
    fn probe(raw: &str) -> Self::Probe<'_> {
        (raw, tag(raw))
    }

    #[inline]
    fn matches(&self, probe: &Self::Probe<'_>) -> bool {
        self.tag == probe.1 && self.name.eq_ignore_ascii_case(probe.0)
    }

    fn create(probe: Self::Probe<'_>) -> Self {
        Self {
            tag: probe.1,
            name: probe.0.to_ascii_lowercase().into_boxed_str(),
        }
    }

    fn as_str(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_keep_every_value_in_order() {
        let input = b"GET /x HTTP/1.0\nA: 1\nB: 2\na: 3\nA: 4\n\n";
        let head = parse(input, &Limits::default()).unwrap();
        assert_eq!(head.get_all("a"), [&b"1"[..], b"3", b"4"]);
        assert_eq!(head.get_all("b"), [&b"2"[..]]);
        assert!(head.get_all("c").is_empty());
        assert_eq!(head.names().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(head.request_line().target, "/x");
    }

    #[test]
    fn tags_ignore_case() {
        assert_eq!(tag("Content-Type"), tag("content-TYPE"));
        assert_ne!(tag("Accept"), tag("Cookie"));
    }
}
