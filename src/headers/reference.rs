//! The crates.io references: `httparse` into a fixed array, and `httparse` feeding
//! `http::HeaderMap`.
//!
//! httparse (default configuration, requests) already follows almost all of the shared rules;
//! where it does not, the rules decide, applied to its output here:
//! - it only ever sees the first `max_head_bytes` of the input, like the shared scanner;
//! - its header array holds one more than the header limit, so a full array means too many
//!   headers (it reports `TooManyHeaders` itself only past the array's end);
//! - it accepts UTF-8 (non-ASCII) request targets, which RFC 9112 does not: such a target is
//!   rejected after the parse (see [`conforms`]);
//! - whenever it rejects a head, or the checks above do, the error reported is the one the
//!   shared scanner finds, with its byte offset, since httparse's errors carry none. Should the
//!   scanner find nothing wrong, the error is `ReferenceRejected`, which the agreement tests
//!   treat as a bug.
//!
//! `http` caps a header name at 65,535 bytes: with a head limit raised above 64 KiB, a longer
//! name makes `httparse-headermap` fail with `Internal` where the others accept it.

use std::mem::MaybeUninit;

use http::{HeaderMap, HeaderName, HeaderValue, Method};

use super::comparable::Comparable;
use super::error::{ErrorKind, Limits, ParseError};
use super::rules::{RequestLine, Version, validate};

/// Header slots kept on the stack: enough for the default limit plus the overflow slot.
/// A larger limit puts the array on the heap.
pub const STACK_SLOTS: usize = Limits::DEFAULT_MAX_HEADERS + 1;

/// A head parsed by httparse, borrowing the input and the header array.
#[derive(Debug)]
pub struct HttparseHead<'b, 'h> {
    line: RequestLine<'b>,
    head_len: usize,
    headers: &'h [httparse::Header<'b>],
}

/// Runs httparse on `input` with a header array of `limits.max_headers + 1` (on the stack for
/// limits up to the default) and hands the result to `f`.
#[inline]
pub fn with_httparse<R>(
    input: &[u8],
    limits: &Limits,
    f: impl FnOnce(Result<HttparseHead<'_, '_>, ParseError>) -> R,
) -> R {
    let slots = limits.max_headers + 1;
    if slots <= STACK_SLOTS {
        let mut storage = [const { MaybeUninit::uninit() }; STACK_SLOTS];
        f(parse_httparse(input, limits, &mut storage[..slots]))
    } else {
        let mut storage = Vec::with_capacity(slots);
        storage.resize_with(slots, MaybeUninit::uninit);
        f(parse_httparse(input, limits, &mut storage))
    }
}

/// Runs httparse on `input` into `storage`, which should hold `limits.max_headers + 1`
/// headers; a shorter array lowers the header limit to one less than its length.
pub fn parse_httparse<'b, 'h>(
    input: &'b [u8],
    limits: &Limits,
    storage: &'h mut [MaybeUninit<httparse::Header<'b>>],
) -> Result<HttparseHead<'b, 'h>, ParseError> {
    let limits = Limits {
        max_headers: limits.max_headers.min(storage.len().saturating_sub(1)),
        ..*limits
    };
    let window = &input[..input.len().min(limits.max_head_bytes)];
    let mut request = httparse::Request::new(&mut []);
    if let Ok(httparse::Status::Complete(head_len)) =
        request.parse_with_uninit_headers(window, storage)
    {
        let httparse::Request {
            method,
            path,
            version,
            headers,
        } = request;
        if let (Some(method), Some(target), Some(version)) = (method, path, version) {
            let version = if version == 0 {
                Version::Http10
            } else {
                Version::Http11
            };
            let line = RequestLine {
                method,
                target,
                version,
            };
            if conforms(&line, headers.len(), &limits) {
                return Ok(HttparseHead {
                    line,
                    head_len,
                    headers,
                });
            }
        }
    }
    Err(diagnose(input, &limits))
}

/// The shared rules that httparse does not apply itself, checked on what it accepted.
#[inline]
fn conforms(line: &RequestLine<'_>, headers: usize, limits: &Limits) -> bool {
    line.target.is_ascii() && headers <= limits.max_headers
}

/// The shared scanner's verdict on a head httparse (or [`conforms`]) turned down.
#[cold]
fn diagnose(input: &[u8], limits: &Limits) -> ParseError {
    match validate(input, limits) {
        Err(err) => err,
        Ok(_) => ParseError::new(ErrorKind::ReferenceRejected, 0),
    }
}

impl<'b> HttparseHead<'b, '_> {
    /// The request line.
    pub fn request_line(&self) -> RequestLine<'b> {
        self.line
    }

    /// Bytes the head took in the input.
    pub fn head_len(&self) -> usize {
        self.head_len
    }

    /// The headers in input order.
    pub fn headers(&self) -> &[httparse::Header<'b>] {
        self.headers
    }

    /// The comparable form, names in first-seen order.
    pub fn to_comparable(&self) -> Comparable {
        let mut out = Comparable::new(self.line, self.head_len);
        for header in self.headers {
            out.push(header.name, header.value);
        }
        out
    }
}

/// A head parsed by httparse and copied into `http` types.
#[derive(Debug, Clone)]
pub struct HeaderMapHead {
    /// The method.
    pub method: Method,
    /// The request target, as written (not parsed as a URI, which would add rules of its own).
    pub target: String,
    /// The protocol version.
    pub version: Version,
    /// The headers, duplicates kept in order.
    pub headers: HeaderMap,
    /// Bytes the head took in the input.
    pub head_len: usize,
}

/// Parses `input` with httparse and copies the result into an `http::HeaderMap`.
pub fn parse_headermap(input: &[u8], limits: &Limits) -> Result<HeaderMapHead, ParseError> {
    with_httparse(input, limits, |parsed| to_headermap(input, parsed?))
}

fn to_headermap(input: &[u8], head: HttparseHead<'_, '_>) -> Result<HeaderMapHead, ParseError> {
    let internal = |at: &[u8]| {
        let offset = (at.as_ptr() as usize).saturating_sub(input.as_ptr() as usize);
        ParseError::new(ErrorKind::Internal, offset)
    };
    let method = Method::from_bytes(head.line.method.as_bytes())
        .map_err(|_| internal(head.line.method.as_bytes()))?;
    let mut headers =
        HeaderMap::try_with_capacity(head.headers.len()).map_err(|_| internal(input))?;
    for header in head.headers {
        // Names and values passed the shared rules, which are no laxer than http's own checks.
        let name = HeaderName::from_bytes(header.name.as_bytes())
            .map_err(|_| internal(header.name.as_bytes()))?;
        let value = HeaderValue::from_bytes(header.value).map_err(|_| internal(header.value))?;
        headers
            .try_append(name, value)
            .map_err(|_| internal(header.name.as_bytes()))?;
    }
    Ok(HeaderMapHead {
        method,
        target: head.line.target.to_owned(),
        version: head.line.version,
        headers,
        head_len: head.head_len,
    })
}

impl HeaderMapHead {
    /// The comparable form.
    pub fn to_comparable(&self) -> Comparable {
        let line = RequestLine {
            method: self.method.as_str(),
            target: &self.target,
            version: self.version,
        };
        let mut out = Comparable::new(line, self.head_len);
        for name in self.headers.keys() {
            for value in self.headers.get_all(name) {
                out.push(name.as_str(), value.as_bytes());
            }
        }
        out
    }
}
