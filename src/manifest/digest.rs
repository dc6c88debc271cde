//! Content digests (`sha256:<hex>`): parsing, computing over exact bytes, and verification.
//!
//! A digest is always computed over the bytes as they were received, never over re-serialised
//! JSON: re-indenting a document changes its digest, and that is exactly what verification
//! must notice.

use std::fmt;

use serde::Serialize;
use sha2::{Digest as _, Sha256, Sha512};

/// A well-formed digest: `algorithm:encoded`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest {
    algorithm: String,
    encoded: String,
}

/// Why a digest string is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DigestError {
    /// There is no `:` between algorithm and value.
    #[error("no ':' between algorithm and value")]
    NoSeparator,
    /// The algorithm part breaks the grammar (lowercase letters, digits, `+._-` separators).
    #[error("the algorithm {0:?} is not well formed")]
    BadAlgorithm(String),
    /// The encoded part is empty or holds characters outside `[a-zA-Z0-9=_-]`.
    #[error("the value is empty or holds characters a digest cannot hold")]
    BadEncoding,
    /// A registered algorithm with the wrong length or non-lowercase-hex value.
    #[error("a {algorithm} digest needs {want} lowercase hex digits, this one has {got}")]
    BadHex {
        /// `sha256` or `sha512`.
        algorithm: String,
        /// The length the algorithm needs.
        want: usize,
        /// The length found.
        got: usize,
    },
}

impl Digest {
    /// Parses and validates a digest string as the OCI descriptor grammar defines it.
    pub fn parse(s: &str) -> Result<Self, DigestError> {
        let (algorithm, encoded) = s.split_once(':').ok_or(DigestError::NoSeparator)?;
        let alg_ok = !algorithm.is_empty()
            && algorithm.split(['+', '.', '_', '-']).all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !alg_ok {
            return Err(DigestError::BadAlgorithm(algorithm.to_string()));
        }
        let enc_ok = !encoded.is_empty()
            && encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"=_-".contains(&b));
        if !enc_ok {
            return Err(DigestError::BadEncoding);
        }
        let want = match algorithm {
            "sha256" => Some(64),
            "sha512" => Some(128),
            _ => None,
        };
        if let Some(want) = want {
            let hex = encoded
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if encoded.len() != want || !hex {
                return Err(DigestError::BadHex {
                    algorithm: algorithm.to_string(),
                    want,
                    got: encoded.len(),
                });
            }
        }
        Ok(Self {
            algorithm: algorithm.to_string(),
            encoded: encoded.to_string(),
        })
    }

    /// The sha256 digest of `bytes`.
    pub fn sha256(bytes: &[u8]) -> Self {
        Self {
            algorithm: "sha256".into(),
            encoded: hex(&Sha256::digest(bytes)),
        }
    }

    /// The digest of `bytes` with this digest's algorithm, or None when it is not sha256/sha512.
    pub fn recompute(&self, bytes: &[u8]) -> Option<Self> {
        let encoded = match self.algorithm.as_str() {
            "sha256" => hex(&Sha256::digest(bytes)),
            "sha512" => hex(&Sha512::digest(bytes)),
            _ => return None,
        };
        Some(Self {
            algorithm: self.algorithm.clone(),
            encoded,
        })
    }

    /// True when `bytes` hash to this digest. False for algorithms this module cannot compute.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        self.recompute(bytes).is_some_and(|d| d == *self)
    }

    /// The algorithm, such as `sha256`.
    pub fn algorithm(&self) -> &str {
        &self.algorithm
    }

    /// The encoded value (hex for sha256).
    pub fn encoded(&self) -> &str {
        &self.encoded
    }

    /// `sha256:` and the first 12 digits, as tables show it.
    pub fn short(&self) -> String {
        let n = self.encoded.len().min(12);
        format!("{}:{}", self.algorithm, &self.encoded[..n])
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.algorithm, self.encoded)
    }
}

impl Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The digests known for one document: the one that named it, the one the registry sent in
/// `Docker-Content-Digest`, and the one computed over the bytes received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The digest in the reference or descriptor that named the document, if any.
    pub expected: Option<String>,
    /// The registry's `Docker-Content-Digest` header, if it sent one.
    pub header: Option<String>,
    /// sha256 over the exact bytes received.
    pub computed: Digest,
    /// True when every digest given agrees with the bytes. Known shortcoming: also true when
    /// nothing named a digest at all (`expected` and `header` both empty), which JSON readers
    /// must check themselves.
    pub ok: bool,
}

impl Verification {
    /// Checks `bytes` against the expected digest and the header digest, when present.
    ///
    /// A sha512 digest is checked with sha512; a digest of an algorithm this module cannot
    /// compute, or one that is malformed, counts as a mismatch.
    pub fn check(bytes: &[u8], expected: Option<&str>, header: Option<&str>) -> Self {
        let agrees = |s: &str| Digest::parse(s).is_ok_and(|d| d.matches(bytes));
        let ok = expected.is_none_or(agrees) && header.is_none_or(agrees);
        Self {
            expected: expected.map(str::to_string),
            header: header.map(str::to_string),
            computed: Digest::sha256(bytes),
            ok,
        }
    }

    /// True when some digest was given to check against.
    pub fn was_checked(&self) -> bool {
        self.expected.is_some() || self.header.is_some()
    }

    /// One line for people: what was checked, or all three digests when they differ.
    pub fn describe(&self) -> String {
        match (self.ok, self.was_checked()) {
            (true, false) => "not verified: nothing named a digest to check against".to_string(),
            (true, true) => {
                let what = match (&self.expected, &self.header) {
                    (Some(_), Some(_)) => "the requested digest and Docker-Content-Digest",
                    (Some(_), None) => "the digest that named it",
                    _ => "Docker-Content-Digest",
                };
                format!("verified: the bytes match {what}")
            }
            (false, _) => format!(
                "DIGEST MISMATCH: requested {}, registry header {}, computed over the bytes {}",
                self.expected.as_deref().unwrap_or("(none)"),
                self.header.as_deref().unwrap_or("(none)"),
                self.computed
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vector() {
        let d = Digest::sha256(b"");
        assert_eq!(
            d.to_string(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(d.short(), "sha256:e3b0c44298fc");
    }

    #[test]
    fn malformed_digests_are_named() {
        assert_eq!(Digest::parse("abc"), Err(DigestError::NoSeparator));
        assert!(matches!(
            Digest::parse("SHA256:00"),
            Err(DigestError::BadAlgorithm(_))
        ));
        assert!(matches!(
            Digest::parse("sha256:"),
            Err(DigestError::BadEncoding)
        ));
        assert!(matches!(
            Digest::parse("sha256:abc"),
            Err(DigestError::BadHex { got: 3, .. })
        ));
        let upper = format!("sha256:{}", "A".repeat(64));
        assert!(matches!(
            Digest::parse(&upper),
            Err(DigestError::BadHex { .. })
        ));
        assert!(
            Digest::parse("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8")
                .is_ok()
        );
    }

    #[test]
    fn sha512_is_recomputed_with_its_own_algorithm() {
        let d = Digest::sha256(b"x").recompute(b"x").unwrap();
        assert_eq!(d.algorithm(), "sha256");
        let s512 = Digest::parse(&format!("sha512:{}", "0".repeat(128))).unwrap();
        assert_eq!(s512.recompute(b"x").unwrap().encoded().len(), 128);
        assert!(!s512.matches(b"x"));
    }

    #[test]
    fn verification_reports_each_source() {
        let good = Digest::sha256(b"doc").to_string();
        let bad = Digest::sha256(b"other").to_string();
        let v = Verification::check(b"doc", Some(&good), Some(&good));
        assert!(v.ok && v.was_checked());
        let v = Verification::check(b"doc", Some(&good), Some(&bad));
        assert!(!v.ok);
        assert!(v.describe().contains(&bad) && v.describe().contains(&good));
        let v = Verification::check(b"doc", None, None);
        assert!(v.ok && !v.was_checked());
        assert!(!Verification::check(b"doc", Some("nonsense"), None).ok);
    }
}
