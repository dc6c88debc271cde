//! The storage shared by `backing` and `interned`: Go's `net/textproto` trick in Rust.
//!
//! Before parsing, the header lines are counted (a cheap LF count over the readable window,
//! stopped at [`COUNT_CAP`] and at the header limit) and two allocations are made up front:
//! - one backing buffer for every value byte (and the method and target), sized from the input
//!   so it never grows;
//! - one entry vector with a slot per expected header: a name's first value lives inline in
//!   its slot as a span of the buffer, and only a name seen again moves its values into a
//!   vector of its own.
//!
//! What is left per header is the name, which `K` decides: `backing` allocates each one,
//! `interned` only the uncommon ones. A request with a body reserves buffer space for as much
//! of the body as falls inside the head limit, since the head's end is not known up front.
//! Lookups are linear over the distinct names, fine for the default limit of 100 and slow for
//! limits in the thousands.

use super::bytes::count_lines;
use super::comparable::Comparable;
use super::error::{Limits, ParseError};
use super::rules::{FieldSink, RequestLine, Version, scan};

/// The most header lines the count-first pass counts: hostile input with more newlines cannot
/// make the up-front allocation larger.
pub const COUNT_CAP: usize = 1_000;

/// How a map names its keys: owned, or interned for common names.
pub trait Key: Sized {
    /// A prepared form of a raw name that makes comparisons cheap.
    type Probe<'n>;
    /// Prepares `raw` (any case) for lookups.
    fn probe(raw: &str) -> Self::Probe<'_>;
    /// True when this key is the name `probe` was made from, ignoring case.
    fn matches(&self, probe: &Self::Probe<'_>) -> bool;
    /// Makes a key (lowercase) from a probe that matched no existing key.
    fn create(probe: Self::Probe<'_>) -> Self;
    /// The lowercase name.
    fn as_str(&self) -> &str;
}

/// A byte range of the backing buffer.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone)]
enum Values {
    /// The common case: a single value, inline in the slot.
    One(Span),
    /// A repeated name, moved to its own vector.
    Many(Vec<Span>),
}

#[derive(Debug, Clone)]
struct Entry<K> {
    key: K,
    values: Values,
}

/// A head parsed into one backing buffer and one slot vector, generic over how names are kept.
#[derive(Debug, Clone)]
pub struct SlotHead<K> {
    bytes: Vec<u8>,
    entries: Vec<Entry<K>>,
    method: Span,
    target: Span,
    version: Version,
    head_len: usize,
}

struct Sink<K> {
    bytes: Vec<u8>,
    entries: Vec<Entry<K>>,
}

impl<K> Sink<K> {
    fn store(&mut self, data: &[u8]) -> Span {
        // Spans fit in u32: the head limit is at most 16 MiB.
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(data);
        Span {
            start,
            len: data.len() as u32,
        }
    }
}

impl<K: Key> FieldSink<'_> for Sink<K> {
    #[inline]
    fn field(&mut self, name: &str, value: &[u8]) {
        let span = self.store(value);
        let probe = K::probe(name);
        match self.entries.iter_mut().find(|e| e.key.matches(&probe)) {
            Some(entry) => match &mut entry.values {
                Values::One(first) => entry.values = Values::Many(vec![*first, span]),
                Values::Many(all) => all.push(span),
            },
            None => {
                let key = K::create(probe);
                self.entries.push(Entry {
                    key,
                    values: Values::One(span),
                });
            }
        }
    }
}

/// Parses the head at the start of `input` into slot storage.
#[inline]
pub(crate) fn parse<K: Key>(input: &[u8], limits: &Limits) -> Result<SlotHead<K>, ParseError> {
    let window = &input[..input.len().min(limits.max_head_bytes)];
    // The count includes the request line and the closing empty line.
    let hint = count_lines(window, COUNT_CAP)
        .saturating_sub(2)
        .min(limits.max_headers);
    let mut sink = Sink {
        bytes: Vec::with_capacity(window.len()),
        entries: Vec::with_capacity(hint),
    };
    let info = scan(input, limits, &mut sink)?;
    let method = sink.store(info.line.method.as_bytes());
    let target = sink.store(info.line.target.as_bytes());
    Ok(SlotHead {
        bytes: sink.bytes,
        entries: sink.entries,
        method,
        target,
        version: info.line.version,
        head_len: info.head_len,
    })
}

impl<K: Key> SlotHead<K> {
    fn slice(&self, span: Span) -> &[u8] {
        let start = span.start as usize;
        &self.bytes[start..start + span.len as usize]
    }

    fn text(&self, span: Span) -> &str {
        // Method and target were checked to be ASCII by the shared rules.
        std::str::from_utf8(self.slice(span)).unwrap_or_default()
    }

    /// The request line.
    pub fn request_line(&self) -> RequestLine<'_> {
        RequestLine {
            method: self.text(self.method),
            target: self.text(self.target),
            version: self.version,
        }
    }

    /// Bytes the head took in the input.
    pub fn head_len(&self) -> usize {
        self.head_len
    }

    /// Number of distinct header names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the head has no header lines.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The distinct names, lowercase, in first-seen order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_str())
    }

    /// All values of `name` (any case), in order.
    pub fn get_all(&self, name: &str) -> Vec<&[u8]> {
        let probe = K::probe(name);
        match self.entries.iter().find(|e| e.key.matches(&probe)) {
            Some(entry) => self.values_of(entry),
            None => Vec::new(),
        }
    }

    fn values_of(&self, entry: &Entry<K>) -> Vec<&[u8]> {
        match &entry.values {
            Values::One(span) => vec![self.slice(*span)],
            Values::Many(spans) => spans.iter().map(|s| self.slice(*s)).collect(),
        }
    }

    /// The comparable form, names in first-seen order.
    pub fn to_comparable(&self) -> Comparable {
        let mut out = Comparable::new(self.request_line(), self.head_len);
        out.fields = self
            .entries
            .iter()
            .map(|e| {
                let values = self.values_of(e).into_iter().map(<[u8]>::to_vec).collect();
                (e.key.as_str().to_owned(), values)
            })
            .collect();
        out
    }
}
