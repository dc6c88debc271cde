//! `naive`: the head as most first attempts build it, a `HashMap` from an owned lowercase name
//! to a vector of owned values.
//!
//! Every header costs three allocations (the name, the value, the key's vector; a repeated
//! name still allocates its throwaway lowercase key) plus the map's own growth.

use std::collections::HashMap;

use super::comparable::Comparable;
use super::error::{Limits, ParseError};
use super::rules::{FieldSink, RequestLine, Version, scan};

/// A name's first-seen position and its values.
type Slot = (usize, Vec<Vec<u8>>);

/// A head parsed by the `naive` variant: everything owned, names lowercased.
#[derive(Debug, Clone)]
pub struct NaiveHead {
    method: String,
    target: String,
    version: Version,
    head_len: usize,
    /// Lowercase name to (first-seen position, values).
    fields: HashMap<String, Slot>,
}

struct Sink {
    fields: HashMap<String, Slot>,
}

impl FieldSink<'_> for Sink {
    fn field(&mut self, name: &str, value: &[u8]) {
        let seen = self.fields.len();
        let (_, values) = self
            .fields
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| (seen, Vec::new()));
        values.push(value.to_vec());
    }
}

/// Parses the head at the start of `input`.
pub fn parse(input: &[u8], limits: &Limits) -> Result<NaiveHead, ParseError> {
    let mut sink = Sink {
        fields: HashMap::new(),
    };
    let info = scan(input, limits, &mut sink)?;
    Ok(NaiveHead {
        method: info.line.method.to_owned(),
        target: info.line.target.to_owned(),
        version: info.line.version,
        head_len: info.head_len,
        fields: sink.fields,
    })
}

impl NaiveHead {
    /// The request line.
    pub fn request_line(&self) -> RequestLine<'_> {
        RequestLine {
            method: &self.method,
            target: &self.target,
            version: self.version,
        }
    }

    /// Bytes the head took in the input.
    pub fn head_len(&self) -> usize {
        self.head_len
    }

    /// All values of `name` (any case), in order.
    pub fn get_all(&self, name: &str) -> &[Vec<u8>] {
        self.fields
            .get(&name.to_ascii_lowercase())
            .map_or(&[], |(_, values)| values)
    }

    /// The comparable form, names in first-seen order.
    pub fn to_comparable(&self) -> Comparable {
        let mut order: Vec<(&String, &Slot)> = self.fields.iter().collect();
        order.sort_by_key(|(_, (seen, _))| *seen);
        let mut out = Comparable::new(self.request_line(), self.head_len);
        out.fields = order
            .into_iter()
            .map(|(name, (_, values))| (name.clone(), values.clone()))
            .collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case_and_keep_order() {
        let input = b"GET / HTTP/1.1\r\nX-A: 1\r\nHost: h\r\nx-a: 2\r\n\r\n";
        let head = parse(input, &Limits::default()).unwrap();
        assert_eq!(head.get_all("X-a"), [b"1".to_vec(), b"2".to_vec()]);
        assert_eq!(head.head_len(), input.len());
        let names: Vec<String> = head
            .to_comparable()
            .fields
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(names, ["x-a", "host"]);
    }
}
