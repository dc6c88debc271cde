//! `zero-copy`: names and values borrowed from the input.
//!
//! [`parse`] counts the header lines first and makes a single allocation, the field vector;
//! [`parse_into`] fills a slice the caller provides and allocates nothing. Lookups are linear
//! scans with case-insensitive comparison, as a head holds few fields.

use super::bytes::count_lines;
use super::comparable::Comparable;
use super::error::{Limits, ParseError};
use super::rules::{FieldSink, RequestLine, scan};
use super::slots::COUNT_CAP;

/// One header field, borrowed from the input: the name as written, the value trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Field<'a> {
    /// The name, in its original case.
    pub name: &'a str,
    /// The value without surrounding spaces and tabs; any bytes but controls.
    pub value: &'a [u8],
}

/// A head whose fields live in `F`: a `Vec<Field>` from [`parse`] or a borrowed slice from
/// [`parse_into`].
#[derive(Debug, Clone)]
pub struct ZeroCopyHead<'a, F> {
    line: RequestLine<'a>,
    head_len: usize,
    fields: F,
}

struct VecSink<'a>(Vec<Field<'a>>);

impl<'a> FieldSink<'a> for VecSink<'a> {
    #[inline]
    fn field(&mut self, name: &'a str, value: &'a [u8]) {
        self.0.push(Field { name, value });
    }
}

struct SliceSink<'a, 'f> {
    slots: &'f mut [Field<'a>],
    filled: usize,
}

impl<'a> FieldSink<'a> for SliceSink<'a, '_> {
    #[inline]
    fn field(&mut self, name: &'a str, value: &'a [u8]) {
        // The scanner stops at the header limit, which `parse_into` set to the slice length.
        if let Some(slot) = self.slots.get_mut(self.filled) {
            *slot = Field { name, value };
            self.filled += 1;
        }
    }
}

/// Parses the head at the start of `input` into a vector sized by counting lines first: one
/// allocation, or none for a head without header lines.
pub fn parse<'a>(
    input: &'a [u8],
    limits: &Limits,
) -> Result<ZeroCopyHead<'a, Vec<Field<'a>>>, ParseError> {
    let window = &input[..input.len().min(limits.max_head_bytes)];
    let hint = count_lines(window, COUNT_CAP)
        .saturating_sub(2)
        .min(limits.max_headers);
    let mut sink = VecSink(Vec::with_capacity(hint));
    let info = scan(input, limits, &mut sink)?;
    Ok(ZeroCopyHead {
        line: info.line,
        head_len: info.head_len,
        fields: sink.0,
    })
}

/// Parses the head at the start of `input` into `slots`, allocating nothing.
///
/// The header limit is the smaller of `limits.max_headers` and `slots.len()`; more header
/// lines than that is a `TooManyHeaders` error naming the smaller bound.
pub fn parse_into<'a, 'f>(
    input: &'a [u8],
    limits: &Limits,
    slots: &'f mut [Field<'a>],
) -> Result<ZeroCopyHead<'a, &'f [Field<'a>]>, ParseError> {
    let limits = Limits {
        max_headers: limits.max_headers.min(slots.len()),
        ..*limits
    };
    let mut sink = SliceSink { slots, filled: 0 };
    let info = scan(input, &limits, &mut sink)?;
    let fields = &sink.slots[..sink.filled];
    Ok(ZeroCopyHead {
        line: info.line,
        head_len: info.head_len,
        fields,
    })
}

impl<'a, F: AsRef<[Field<'a>]>> ZeroCopyHead<'a, F> {
    /// The request line.
    pub fn request_line(&self) -> RequestLine<'a> {
        self.line
    }

    /// Bytes the head took in the input.
    pub fn head_len(&self) -> usize {
        self.head_len
    }

    /// Every field in input order, duplicates included.
    pub fn fields(&self) -> &[Field<'a>] {
        self.fields.as_ref()
    }

    /// The first value of `name` (any case).
    pub fn get(&self, name: &str) -> Option<&'a [u8]> {
        self.get_all(name).next()
    }

    /// All values of `name` (any case), in order.
    pub fn get_all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'a [u8]> + 's {
        self.fields()
            .iter()
            .filter(move |f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value)
    }

    /// The comparable form, names in first-seen order.
    pub fn to_comparable(&self) -> Comparable {
        let mut out = Comparable::new(self.line, self.head_len);
        for field in self.fields() {
            out.push(field.name, field.value);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUT: &[u8] = b"GET / HTTP/1.1\r\nHost: h\r\nAccept: a\r\naccept: b\r\n\r\nbody";

    #[test]
    fn fields_borrow_the_input_in_order() {
        let head = parse(INPUT, &Limits::default()).unwrap();
        assert_eq!(head.fields().len(), 3);
        assert_eq!(head.get("ACCEPT"), Some(&b"a"[..]));
        assert_eq!(
            head.get_all("accept").collect::<Vec<_>>(),
            [&b"a"[..], b"b"]
        );
        assert_eq!(&INPUT[head.head_len()..], b"body");
        let value = head.get("host").unwrap();
        assert!(INPUT.as_ptr_range().contains(&value.as_ptr()));
    }

    #[test]
    fn caller_slots_bound_the_header_count() {
        let mut slots = [Field::default(); 3];
        let head = parse_into(INPUT, &Limits::default(), &mut slots).unwrap();
        assert_eq!(head.fields().len(), 3);
        let mut two = [Field::default(); 2];
        let err = parse_into(INPUT, &Limits::default(), &mut two).unwrap_err();
        assert_eq!(
            err.kind,
            super::super::ErrorKind::TooManyHeaders { limit: 2 }
        );
    }

    #[test]
    fn one_allocation_or_none_with_caller_slots() {
        use crate::bench::alloc::count;
        let (head, made) = count(|| parse(INPUT, &Limits::default()).map(|h| h.fields().len()));
        assert_eq!((head, made.allocs), (Ok(3), 1));
        let mut slots = [Field::default(); 8];
        let (head, made) =
            count(|| parse_into(INPUT, &Limits::default(), &mut slots).map(|h| h.fields().len()));
        assert_eq!((head, made.allocs), (Ok(3), 0));
    }
}
