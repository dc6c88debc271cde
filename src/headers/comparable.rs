//! The one form every variant's result converts to, so results can be compared.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::rules::{RequestLine, Version};

/// A parsed head in a plain owned form: the request line, the head's length, then each distinct
/// header name (lowercase, in first-seen order) with all of its values in order.
///
/// Equality ignores the order of names: two heads are equal when their request lines and
/// lengths match and every name has the same values in the same order in both.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparable {
    /// The method, as written.
    pub method: String,
    /// The request target, as written.
    pub target: String,
    /// The protocol version.
    pub version: Version,
    /// Bytes the head took in the input: where a body would start.
    pub head_len: usize,
    /// Lowercase names with their values, in first-seen order.
    pub fields: Vec<(String, Vec<Vec<u8>>)>,
}

impl Comparable {
    /// An empty head with the given request line, ready for [`Comparable::push`].
    pub fn new(line: RequestLine<'_>, head_len: usize) -> Self {
        Self {
            head_len,
            method: line.method.to_owned(),
            target: line.target.to_owned(),
            version: line.version,
            fields: Vec::new(),
        }
    }

    /// Adds one value under `name` (any case), after the values already there.
    pub fn push(&mut self, name: &str, value: &[u8]) {
        match self
            .fields
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some((_, values)) => values.push(value.to_vec()),
            None => self
                .fields
                .push((name.to_ascii_lowercase(), vec![value.to_vec()])),
        }
    }

    /// The values of `name` (any case), in order; empty when the name is absent.
    pub fn get(&self, name: &str) -> &[Vec<u8>] {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or(&[], |(_, values)| values.as_slice())
    }

    /// The first way `self` differs from `other`, in words; `None` when they are equal.
    pub fn first_difference(&self, other: &Comparable) -> Option<String> {
        if (&self.method, &self.target, self.version)
            != (&other.method, &other.target, other.version)
        {
            return Some(format!(
                "request line {} {} {:?} vs {} {} {:?}",
                self.method, self.target, self.version, other.method, other.target, other.version
            ));
        }
        if self.head_len != other.head_len {
            return Some(format!(
                "head length {} vs {}",
                self.head_len, other.head_len
            ));
        }
        let names = self
            .fields
            .iter()
            .map(|(n, _)| n)
            .chain(other.fields.iter().map(|(n, _)| n));
        names.into_iter().find_map(|name| {
            let (mine, theirs) = (self.get(name), other.get(name));
            (mine != theirs).then(|| format!("{name}: {} vs {} values", mine.len(), theirs.len()))
        })
    }

    /// Number of values across all names.
    pub fn value_count(&self) -> usize {
        self.fields.iter().map(|(_, values)| values.len()).sum()
    }
}

impl PartialEq for Comparable {
    fn eq(&self, other: &Self) -> bool {
        self.first_difference(other).is_none()
    }
}

impl Eq for Comparable {}

impl fmt::Display for Comparable {
    /// A short human summary, values shown with Rust byte escapes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {:?}", self.method, self.target, self.version)?;
        for (name, values) in &self.fields {
            for value in values {
                write!(f, "; {name}: {}", value.escape_ascii())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> RequestLine<'static> {
        RequestLine {
            method: "GET",
            target: "/",
            version: Version::Http11,
        }
    }

    fn head(fields: &[(&str, &[u8])]) -> Comparable {
        let mut head = Comparable::new(line(), 10);
        for (name, value) in fields {
            head.push(name, value);
        }
        head
    }

    #[test]
    fn names_group_case_insensitively_in_first_seen_order() {
        let h = head(&[("Accept", b"a"), ("Host", b"h"), ("ACCEPT", b"b")]);
        let names: Vec<&str> = h.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["accept", "host"]);
        assert_eq!(h.get("accept"), [b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(h.value_count(), 3);
    }

    #[test]
    fn equality_ignores_name_order_but_not_value_order() {
        let a = head(&[("A", b"1"), ("B", b"2"), ("a", b"3")]);
        let b = head(&[("b", b"2"), ("a", b"1"), ("A", b"3")]);
        let c = head(&[("a", b"3"), ("b", b"2"), ("a", b"1")]);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn equality_sees_missing_names_and_request_line() {
        let a = head(&[("A", b"1"), ("B", b"2")]);
        let b = head(&[("A", b"1")]);
        assert_ne!(a, b);
        assert_ne!(b, a);
        let mut c = head(&[("A", b"1")]);
        c.target = "/other".into();
        assert_ne!(b, c);
    }

    #[test]
    fn first_difference_names_the_field() {
        let a = head(&[("A", b"1"), ("B", b"2")]);
        let b = head(&[("a", b"1"), ("B", b"3")]);
        assert_eq!(a.first_difference(&b).as_deref(), Some("b: 1 vs 1 values"));
        assert_eq!(a.first_difference(&a), None);
        let c = head(&[("A", b"1")]);
        assert_eq!(a.first_difference(&c).as_deref(), Some("b: 1 vs 0 values"));
    }
}
