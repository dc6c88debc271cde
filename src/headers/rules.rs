//! The shared rules: one scanner that decides, for every variant, what a valid head is.
//!
//! Following RFC 9112 (message syntax) and RFC 9110 (field syntax):
//! - Empty lines before the request line are skipped (RFC 9112 section 2.2 allows it).
//! - The request line is `method SP target SP version`, with exactly one space each: the
//!   method a token, the target visible ASCII (0x21-0x7E), the version `HTTP/1.0` or
//!   `HTTP/1.1`.
//! - Every line may end in CRLF or a bare LF; a CR anywhere else is an error.
//! - A header line is `name ":" OWS value OWS`. The name is a non-empty token with no
//!   whitespace before the colon. A line led by space or tab is rejected: as obs-fold after a
//!   header, as leading whitespace before the first one.
//! - A value may hold tab, space, visible ASCII and the opaque bytes 0x80-0xFF (no UTF-8
//!   required); NUL, DEL and the other C0 controls are rejected. Spaces and tabs around the
//!   value are stripped, those inside kept.
//! - Duplicate names are kept, in order. The head ends at the first empty line; bytes after it
//!   (a body) are not looked at.
//! - Only the first `max_head_bytes` of the input are ever read, and at most `max_headers`
//!   header lines are accepted.
//!
//! Errors carry the byte offset where they were found; when several apply, the first one in
//! the byte stream wins, so every variant reports the same error for the same input.

use serde::{Deserialize, Serialize};

use super::bytes::{find_target_end, find_token_end, find_value_special};
use super::error::{ErrorKind, Limits, ParseError};

/// The HTTP version of a request line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Version {
    /// `HTTP/1.0`
    #[serde(rename = "HTTP/1.0")]
    Http10,
    /// `HTTP/1.1`
    #[serde(rename = "HTTP/1.1")]
    Http11,
}

/// The parts of a request line, borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLine<'a> {
    /// The method, a token such as `GET`.
    pub method: &'a str,
    /// The request target, visible ASCII such as `/index.html?q=1`.
    pub target: &'a str,
    /// The protocol version.
    pub version: Version,
}

/// What a successful scan found besides the fields themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadInfo<'a> {
    /// The request line.
    pub line: RequestLine<'a>,
    /// Bytes the head takes, closing empty line included: where a body would start.
    pub head_len: usize,
    /// Number of header lines.
    pub fields: usize,
}

/// Receives each valid header field in order, name as written and value trimmed.
pub(crate) trait FieldSink<'a> {
    fn field(&mut self, name: &'a str, value: &'a [u8]);
}

/// A sink that keeps nothing: scanning with it only validates.
pub(crate) struct Discard;

impl FieldSink<'_> for Discard {
    #[inline]
    fn field(&mut self, _name: &str, _value: &[u8]) {}
}

/// Checks `input` against the shared rules without keeping any field.
pub fn validate<'a>(input: &'a [u8], limits: &Limits) -> Result<HeadInfo<'a>, ParseError> {
    scan(input, limits, &mut Discard)
}

/// Scans the head at the start of `input`, handing each field to `sink`.
#[inline]
pub(crate) fn scan<'a, S: FieldSink<'a>>(
    input: &'a [u8],
    limits: &Limits,
    sink: &mut S,
) -> Result<HeadInfo<'a>, ParseError> {
    let mut cur = Cursor {
        buf: &input[..input.len().min(limits.max_head_bytes)],
        input_len: input.len(),
        limit: limits.max_head_bytes,
        pos: 0,
    };
    cur.skip_empty_lines()?;
    let line = cur.request_line()?;
    let mut fields = 0;
    loop {
        match cur.line_start(fields == 0)? {
            LineStart::End => break,
            LineStart::Field if fields == limits.max_headers => {
                let limit = limits.max_headers;
                return Err(ParseError::new(
                    ErrorKind::TooManyHeaders { limit },
                    cur.pos,
                ));
            }
            LineStart::Field => {}
        }
        let (name, value) = cur.field_line()?;
        sink.field(name, value);
        fields += 1;
    }
    Ok(HeadInfo {
        line,
        head_len: cur.pos,
        fields,
    })
}

enum LineStart {
    End,
    Field,
}

/// A position in the readable window (the first `limit` bytes of the input).
struct Cursor<'a> {
    buf: &'a [u8],
    input_len: usize,
    limit: usize,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// The error for running out of window: the head is too large if the input went on past
    /// the limit, otherwise it is cut short.
    fn out_of_bytes(&self) -> ParseError {
        if self.input_len > self.limit {
            ParseError::new(ErrorKind::HeadTooLarge { limit: self.limit }, self.limit)
        } else {
            ParseError::new(ErrorKind::Incomplete, self.input_len)
        }
    }

    fn byte(&self, at: usize) -> Result<u8, ParseError> {
        self.buf.get(at).copied().ok_or_else(|| self.out_of_bytes())
    }

    /// Length of the line end at `at` (1 for LF, 2 for CRLF), or 0 if there is none.
    fn line_end_at(&self, at: usize) -> Result<usize, ParseError> {
        match self.byte(at)? {
            b'\n' => Ok(1),
            b'\r' if self.byte(at + 1)? == b'\n' => Ok(2),
            b'\r' => Err(ParseError::new(ErrorKind::BareCr, at)),
            _ => Ok(0),
        }
    }

    fn skip_empty_lines(&mut self) -> Result<(), ParseError> {
        loop {
            match self.line_end_at(self.pos)? {
                0 => return Ok(()),
                n => self.pos += n,
            }
        }
    }

    fn request_line(&mut self) -> Result<RequestLine<'a>, ParseError> {
        let method = self.request_part(find_token_end, ErrorKind::Method)?;
        let target = self.request_part(find_target_end, ErrorKind::Target)?;
        let version = self.version()?;
        match self.line_end_at(self.pos)? {
            0 => Err(ParseError::new(ErrorKind::Version, self.pos)),
            n => {
                self.pos += n;
                Ok(RequestLine {
                    method: ascii(method),
                    target: ascii(target),
                    version,
                })
            }
        }
    }

    /// A non-empty run of bytes accepted by `find_end`, then exactly one space.
    fn request_part(
        &mut self,
        find_end: fn(&[u8], usize) -> usize,
        kind: ErrorKind,
    ) -> Result<&'a [u8], ParseError> {
        let start = self.pos;
        let end = find_end(self.buf, start);
        if self.byte(end)? != b' ' || end == start {
            return Err(ParseError::new(kind, end));
        }
        self.pos = end + 1;
        Ok(&self.buf[start..end])
    }

    fn version(&mut self) -> Result<Version, ParseError> {
        let start = self.pos;
        let rest = &self.buf[start..];
        let want = b"HTTP/1.";
        let common = rest.len().min(want.len());
        if rest[..common] != want[..common] {
            return Err(ParseError::new(ErrorKind::Version, start));
        }
        let version = match self.byte(start + want.len())? {
            b'0' => Version::Http10,
            b'1' => Version::Http11,
            _ => return Err(ParseError::new(ErrorKind::Version, start)),
        };
        self.pos = start + want.len() + 1;
        Ok(version)
    }

    /// Looks at the start of a line after the request line: the closing empty line (consumed),
    /// a header line, or a line led by whitespace (an error).
    fn line_start(&mut self, first: bool) -> Result<LineStart, ParseError> {
        match self.line_end_at(self.pos)? {
            0 => {}
            n => {
                self.pos += n;
                return Ok(LineStart::End);
            }
        }
        match self.buf[self.pos] {
            b' ' | b'\t' if first => Err(ParseError::new(ErrorKind::LeadingWhitespace, self.pos)),
            b' ' | b'\t' => Err(ParseError::new(ErrorKind::ObsFold, self.pos)),
            _ => Ok(LineStart::Field),
        }
    }

    /// One header line from its first byte, which is known not to be whitespace or a line end.
    fn field_line(&mut self) -> Result<(&'a str, &'a [u8]), ParseError> {
        let start = self.pos;
        let colon = find_token_end(self.buf, start);
        match self.byte(colon)? {
            b':' if colon == start => return Err(ParseError::new(ErrorKind::EmptyName, start)),
            b':' => {}
            b' ' | b'\t' if colon > start && self.colon_follows(colon)? => {
                return Err(ParseError::new(ErrorKind::SpaceBeforeColon, colon));
            }
            b'\r' | b'\n' => return Err(ParseError::new(ErrorKind::MissingColon, colon)),
            byte => return Err(ParseError::new(ErrorKind::NameByte { byte }, colon)),
        }
        let name = ascii(&self.buf[start..colon]);
        let mut at = colon + 1;
        while let Some(b' ' | b'\t') = self.buf.get(at) {
            at += 1;
        }
        let value_start = at;
        let (value_end, line_end) = loop {
            at = find_value_special(self.buf, at);
            match self.byte(at)? {
                b'\t' => at += 1,
                b'\n' => break (at, at + 1),
                b'\r' if self.byte(at + 1)? == b'\n' => break (at, at + 2),
                b'\r' => return Err(ParseError::new(ErrorKind::BareCr, at)),
                byte => return Err(ParseError::new(ErrorKind::ValueByte { byte }, at)),
            }
        };
        self.pos = line_end;
        Ok((name, trim_end(&self.buf[value_start..value_end])))
    }

    /// True when only spaces and tabs stand between `at` and a colon on this line.
    fn colon_follows(&self, mut at: usize) -> Result<bool, ParseError> {
        loop {
            match self.byte(at)? {
                b' ' | b'\t' => at += 1,
                b => return Ok(b == b':'),
            }
        }
    }
}

/// Strips trailing spaces and tabs.
#[inline]
fn trim_end(value: &[u8]) -> &[u8] {
    let mut end = value.len();
    while end > 0 && matches!(value[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    &value[..end]
}

/// Views bytes already checked to be ASCII (tokens, targets) as text, without checking again:
/// this runs once per header, and a checked conversion costs as much as scanning the name.
#[inline]
fn ascii(bytes: &[u8]) -> &str {
    debug_assert!(bytes.is_ascii());
    // SAFETY: every caller passes bytes that `find_token_end` (token bytes) or
    // `find_target_end` (0x21-0x7E) accepted, all ASCII, and ASCII is valid UTF-8.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}
