//! Property tests: every parser variant agrees with the reference (httparse into an array) on
//! generated heads, valid and invalid, under default and small limits.

use notebench::headers::{Comparable, Limits, RequestLine, Version, check_agreement};
use proptest::prelude::*;

const TCHARS: &[u8] =
    b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn token() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TCHARS), 1..12)
        .prop_map(|b| String::from_utf8(b).expect("tchars are ASCII"))
}

/// Names mostly from a small pool (so duplicates in any case happen), sometimes random.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["Host", "accept", "Cookie", "X-Id", "content-length"])
            .prop_map(str::to_owned),
        1 => token(),
        1 => (token(), any::<bool>()).prop_map(|(t, up)| if up { t.to_uppercase() } else { t }),
    ]
}

/// Value bytes allowed by the rules, surrounding whitespace included.
fn value() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        6 => 0x21u8..=0x7E,
        1 => Just(b' '),
        1 => Just(b'\t'),
        1 => 0x80u8..=0xFF,
    ];
    prop::collection::vec(byte, 0..24)
}

fn line_end() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![3 => Just(&b"\r\n"[..]), 1 => Just(&b"\n"[..])]
}

#[derive(Debug, Clone)]
struct ValidHead {
    method: String,
    target: String,
    version: Version,
    fields: Vec<(String, Vec<u8>)>,
    ends: Vec<&'static [u8]>,
}

fn valid_head() -> impl Strategy<Value = ValidHead> {
    let target = "/[a-zA-Z0-9/?=&%._~-]{0,20}";
    let version = prop_oneof![Just(Version::Http11), Just(Version::Http10)];
    let fields = prop::collection::vec((name(), value()), 0..12);
    let ends = prop::collection::vec(line_end(), 14);
    (token(), target, version, fields, ends).prop_map(|(method, target, version, fields, ends)| {
        ValidHead {
            method,
            target,
            version,
            fields,
            ends,
        }
    })
}

impl ValidHead {
    fn bytes(&self) -> Vec<u8> {
        let version: &[u8] = match self.version {
            Version::Http10 => b"HTTP/1.0",
            Version::Http11 => b"HTTP/1.1",
        };
        let mut out = [
            self.method.as_bytes(),
            b" ",
            self.target.as_bytes(),
            b" ",
            version,
        ]
        .concat();
        out.extend_from_slice(self.ends[0]);
        for (i, (name, value)) in self.fields.iter().enumerate() {
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
            out.extend_from_slice(value);
            out.extend_from_slice(self.ends[i + 1]);
        }
        out.extend_from_slice(self.ends[self.fields.len() + 1]);
        out
    }

    /// The head written independently of any parser: values trimmed by hand.
    fn expected(&self, head_len: usize) -> Comparable {
        let line = RequestLine {
            method: &self.method,
            target: &self.target,
            version: self.version,
        };
        let mut out = Comparable::new(line, head_len);
        for (name, value) in &self.fields {
            let start = value
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t'))
                .unwrap_or(value.len());
            let end = value
                .iter()
                .rposition(|b| !matches!(b, b' ' | b'\t'))
                .map_or(start, |i| i + 1);
            out.push(name, &value[start..end]);
        }
        out
    }
}

/// A few ways to break a valid head, applied at a chosen byte position.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let nasty = prop::sample::select(vec![
        &b" "[..],
        b"\t",
        b":",
        b"\r",
        b"\n",
        b"\r\n ",
        b"\r\n\t",
        b"\x00",
        b"\x7f",
        b"\x01",
        b"\xc3\xa9",
        b"(",
        b" :",
        b"\r\n",
        b"\r\n\r\n",
    ]);
    prop_oneof![
        (any::<usize>(), nasty).prop_map(|(at, b)| Mutation::Insert(at, b.to_vec())),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Insert(at, b) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::Replace(at, b) if !bytes.is_empty() => bytes[at % len] = *b,
            Mutation::Replace(..) => {}
            Mutation::Truncate(at) => bytes.truncate(at % len),
        }
    }
    bytes
}

fn limits() -> impl Strategy<Value = Limits> {
    prop_oneof![
        2 => Just(Limits::default()),
        1 => (1usize..8, 16usize..400)
            .prop_map(|(h, b)| Limits::new(h, b).expect("limits in range")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn valid_heads_are_accepted_alike_with_the_written_fields(head in valid_head()) {
        let bytes = head.bytes();
        let verdict = check_agreement(&bytes, &Limits::default());
        let verdict = verdict.map_err(|d| TestCaseError::fail(d.to_string()))?;
        prop_assert_eq!(verdict, Ok(head.expected(bytes.len())));
    }

    #[test]
    fn mutated_heads_get_the_same_verdict_from_every_variant(
        head in valid_head(),
        mutations in prop::collection::vec(mutation(), 1..4),
        body in prop::collection::vec(any::<u8>(), 0..16),
        limits in limits(),
    ) {
        let mut bytes = apply(head.bytes(), &mutations);
        bytes.extend_from_slice(&body);
        if let Err(d) = check_agreement(&bytes, &limits) {
            return Err(TestCaseError::fail(d.to_string()));
        }
    }

    #[test]
    fn random_header_bytes_get_the_same_verdict_from_every_variant(
        block in prop::collection::vec(any::<u8>(), 0..200),
        limits in limits(),
    ) {
        let bytes = [&b"GET / HTTP/1.1\r\n"[..], &block].concat();
        if let Err(d) = check_agreement(&bytes, &limits) {
            return Err(TestCaseError::fail(d.to_string()));
        }
    }
}
