//! Checking that every variant gives the same verdict on the same bytes: used by the property
//! tests, the fuzz target and the regression cases it left behind.

use std::fmt;

use super::{Comparable, Limits, ParseError, Variant};

/// A variant whose result differs from the reference's on some input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The variant that differed.
    pub variant: Variant,
    /// The reference's result.
    pub expected: Result<Comparable, ParseError>,
    /// The variant's result.
    pub got: Result<Comparable, ParseError>,
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |r: &Result<Comparable, ParseError>| match r {
            Ok(head) => format!("accepted: {head}"),
            Err(err) => format!("rejected: {err}"),
        };
        write!(
            f,
            "{} disagrees with {}: {} / expected {}",
            self.variant,
            Variant::REFERENCE,
            show(&self.got),
            show(&self.expected)
        )
    }
}

impl std::error::Error for Disagreement {}

/// Runs every variant on `input` and returns the common verdict, or the first variant that
/// disagrees with the reference (an error must match in kind and offset too). Since naive,
/// backing, interned and zero-copy apply the shared rules directly, a reference verdict that
/// contradicts the rules shows up as their disagreement.
pub fn check_agreement(
    input: &[u8],
    limits: &Limits,
) -> Result<Result<Comparable, ParseError>, Box<Disagreement>> {
    let expected = Variant::REFERENCE.parse_comparable(input, limits);
    for variant in Variant::ALL
        .into_iter()
        .filter(|v| *v != Variant::REFERENCE)
    {
        let got = variant.parse_comparable(input, limits);
        if got != expected {
            return Err(Box::new(Disagreement {
                variant,
                expected,
                got,
            }));
        }
    }
    Ok(expected)
}

/// Checks one fuzz case: the first byte picks the limits (defaults; 3 headers; a 64-byte head;
/// 1 header in 256 bytes), the rest is the input. Shared by the fuzz target and the test that
/// replays the cases it found, so both read a case the same way.
pub fn check_fuzz_case(data: &[u8]) -> Result<(), Box<Disagreement>> {
    let Some((&selector, input)) = data.split_first() else {
        return Ok(());
    };
    let limits = match selector % 4 {
        0 => Limits::default(),
        1 => Limits {
            max_headers: 3,
            max_head_bytes: 4096,
        },
        2 => Limits {
            max_headers: 100,
            max_head_bytes: 64,
        },
        _ => Limits {
            max_headers: 1,
            max_head_bytes: 256,
        },
    };
    check_agreement(input, &limits).map(|_| ())
}
