//! HTTP/1.x request-head parsers, six ways, all agreeing on what is valid.
//!
//! Each variant parses a request line and header block into a case-insensitive multimap that
//! keeps every value in order (values are bytes, not necessarily UTF-8). They differ in how
//! they store the result, which is what the benchmark measures:
//! - [`naive`]: a `HashMap` of owned names to vectors of owned values;
//! - [`backing`]: Go's `net/textproto` trick, count lines first and share one backing store;
//! - [`interned`]: `backing` with static names for common headers;
//! - [`zero_copy`]: fields borrowed from the input;
//! - [`reference`]: httparse into an array, and httparse feeding `http::HeaderMap`.
//!
//! What is valid is decided once, in [`rules`]; httparse's verdicts are brought in line with
//! it in [`reference`]. Every variant converts to [`Comparable`], and two results are equal when
//! every name, compared case-insensitively, has the same values in the same order.

mod agreement;
pub mod backing;
mod bytes;
pub mod comparable;
pub mod error;
pub mod interned;
pub mod naive;
pub mod names;
pub mod reference;
pub mod rules;
pub mod slots;
pub mod zero_copy;

#[cfg(test)]
mod rule_tests;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use agreement::{Disagreement, check_agreement, check_fuzz_case};
pub use comparable::Comparable;
pub use error::{ErrorKind, Limits, ParseError};
pub use rules::{HeadInfo, RequestLine, Version, validate};

/// One of the six parsers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// Owned names and values in a `HashMap`.
    Naive,
    /// Count first, one backing store for all values.
    Backing,
    /// `backing` with interned common names.
    Interned,
    /// Borrowed names and values.
    ZeroCopy,
    /// httparse into a fixed array: the reference.
    Httparse,
    /// httparse feeding `http::HeaderMap`.
    HttparseHeadermap,
}

impl Variant {
    /// Every variant, in the order they are reported.
    pub const ALL: [Variant; 6] = [
        Variant::Naive,
        Variant::Backing,
        Variant::Interned,
        Variant::ZeroCopy,
        Variant::Httparse,
        Variant::HttparseHeadermap,
    ];

    /// The variant every other one is validated against, and the default for ratios.
    pub const REFERENCE: Variant = Variant::Httparse;

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Naive => "naive",
            Self::Backing => "backing",
            Self::Interned => "interned",
            Self::ZeroCopy => "zero-copy",
            Self::Httparse => "httparse",
            Self::HttparseHeadermap => "httparse-headermap",
        }
    }

    /// One line on how the variant stores a head, for help texts and the panel.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Naive => "HashMap of owned lowercase names to vectors of owned values",
            Self::Backing => "lines counted first; one buffer for all values, one slot per name",
            Self::Interned => "backing, with static names for common headers",
            Self::ZeroCopy => "names and values borrowed from the input; one vector",
            Self::Httparse => "httparse into a fixed header array (the reference)",
            Self::HttparseHeadermap => "httparse, then copied into http::HeaderMap",
        }
    }

    /// Parses `input` with this variant and converts the result to the comparable form.
    pub fn parse_comparable(self, input: &[u8], limits: &Limits) -> Result<Comparable, ParseError> {
        match self {
            Self::Naive => naive::parse(input, limits).map(|h| h.to_comparable()),
            Self::Backing => backing::parse(input, limits).map(|h| h.to_comparable()),
            Self::Interned => interned::parse(input, limits).map(|h| h.to_comparable()),
            Self::ZeroCopy => zero_copy::parse(input, limits).map(|h| h.to_comparable()),
            Self::Httparse => {
                reference::with_httparse(input, limits, |r| r.map(|h| h.to_comparable()))
            }
            Self::HttparseHeadermap => {
                reference::parse_headermap(input, limits).map(|h| h.to_comparable())
            }
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A variant name that is not one of the six.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown variant {0:?} (known: naive, backing, interned, zero-copy, httparse, httparse-headermap)"
)]
pub struct UnknownVariant(pub String);

impl FromStr for Variant {
    type Err = UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Variant::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .ok_or_else(|| UnknownVariant(s.to_owned()))
    }
}
