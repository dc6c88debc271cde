//! Limits every parser enforces, and the error a rejected request head carries.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Bounds that keep hostile input cheap: the same for every parser variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Most header lines accepted; one more is a [`ErrorKind::TooManyHeaders`] error.
    pub max_headers: usize,
    /// Most bytes the whole head may take, request line and closing empty line included.
    pub max_head_bytes: usize,
}

impl Limits {
    /// The default header count limit.
    pub const DEFAULT_MAX_HEADERS: usize = 100;
    /// The default head size limit: 64 KiB.
    pub const DEFAULT_MAX_HEAD_BYTES: usize = 64 * 1024;
    /// The largest header count limit accepted by [`Limits::new`], a bound `http::HeaderMap` can
    /// hold.
    pub const MAX_HEADERS_CEILING: usize = 10_000;
    /// The largest head size limit accepted by [`Limits::new`]: 16 MiB.
    pub const MAX_HEAD_BYTES_CEILING: usize = 16 * 1024 * 1024;

    /// Limits with both bounds given; `None` when either is zero or above its ceiling.
    pub fn new(max_headers: usize, max_head_bytes: usize) -> Option<Self> {
        let headers_ok = (1..=Self::MAX_HEADERS_CEILING).contains(&max_headers);
        let bytes_ok = (16..=Self::MAX_HEAD_BYTES_CEILING).contains(&max_head_bytes);
        (headers_ok && bytes_ok).then_some(Self {
            max_headers,
            max_head_bytes,
        })
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_headers: Self::DEFAULT_MAX_HEADERS,
            max_head_bytes: Self::DEFAULT_MAX_HEAD_BYTES,
        }
    }
}

/// Why a request head was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ErrorKind {
    /// The input ended before the empty line that closes the head.
    Incomplete,
    /// No complete head fits in the byte limit.
    HeadTooLarge {
        /// The limit in force.
        limit: usize,
    },
    /// More header lines than the limit allows.
    TooManyHeaders {
        /// The limit in force.
        limit: usize,
    },
    /// A CR not followed by LF.
    BareCr,
    /// The method is empty or holds a byte that is not a token character.
    Method,
    /// The request target is empty or holds a byte other than visible ASCII.
    Target,
    /// The version is not `HTTP/1.0` or `HTTP/1.1`, or the request line does not end after it.
    Version,
    /// Whitespace between a header name and its colon.
    SpaceBeforeColon,
    /// A header line that starts with whitespace, continuing the previous one (obs-fold).
    ObsFold,
    /// Whitespace between the request line and the first header name.
    LeadingWhitespace,
    /// A header line that starts with its colon.
    EmptyName,
    /// A byte that is not a token character inside a header name.
    NameByte {
        /// The offending byte.
        byte: u8,
    },
    /// A header line that ends without a colon.
    MissingColon,
    /// A control byte (NUL, DEL, a C0 control other than tab) inside a header value.
    ValueByte {
        /// The offending byte.
        byte: u8,
    },
    /// The reference parser rejected a head the shared rules accept; never expected.
    ReferenceRejected,
    /// A parser failed in a way the shared rules do not describe; never expected.
    Internal,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Incomplete => f.write_str("head ends before its closing empty line"),
            Self::HeadTooLarge { limit } => write!(f, "head larger than the {limit}-byte limit"),
            Self::TooManyHeaders { limit } => write!(f, "more than {limit} header lines"),
            Self::BareCr => f.write_str("CR not followed by LF"),
            Self::Method => f.write_str("invalid method"),
            Self::Target => f.write_str("invalid request target"),
            Self::Version => f.write_str("invalid HTTP version (want HTTP/1.0 or HTTP/1.1)"),
            Self::SpaceBeforeColon => f.write_str("whitespace before the colon of a header"),
            Self::ObsFold => f.write_str("folded header line (obs-fold)"),
            Self::LeadingWhitespace => f.write_str("whitespace before the first header"),
            Self::EmptyName => f.write_str("empty header name"),
            Self::NameByte { byte } => write!(f, "byte 0x{byte:02X} in a header name"),
            Self::MissingColon => f.write_str("header line without a colon"),
            Self::ValueByte { byte } => write!(f, "control byte 0x{byte:02X} in a header value"),
            Self::ReferenceRejected => f.write_str("rejected by httparse only"),
            Self::Internal => f.write_str("internal parser error"),
        }
    }
}

/// A rejected head: what was wrong and the byte offset (from the start of the input) where it
/// was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{kind} at byte {offset}")]
pub struct ParseError {
    /// What was wrong (in JSON, its fields sit beside `offset`).
    #[serde(flatten)]
    pub kind: ErrorKind,
    /// Where, as a byte offset into the input.
    pub offset: usize,
}

impl ParseError {
    pub(crate) fn new(kind: ErrorKind, offset: usize) -> Self {
        Self { kind, offset }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_reject_zero_and_huge_bounds() {
        assert!(Limits::new(0, 1024).is_none());
        assert!(Limits::new(10, 8).is_none());
        assert!(Limits::new(Limits::MAX_HEADERS_CEILING + 1, 1024).is_none());
        assert_eq!(
            Limits::new(5, 1024),
            Some(Limits {
                max_headers: 5,
                max_head_bytes: 1024
            })
        );
    }

    #[test]
    fn error_message_names_the_offset() {
        let err = ParseError::new(ErrorKind::ValueByte { byte: 0 }, 42);
        assert_eq!(
            err.to_string(),
            "control byte 0x00 in a header value at byte 42"
        );
    }
}
