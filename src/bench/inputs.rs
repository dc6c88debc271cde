//! Benchmark inputs: three built-in requests and the user's own.
//!
//! Built-ins: `curl` (three headers), `browser` (a navigation request with 13 headers, about
//! 740 bytes) and `cookies` (long cookie lines and custom headers, about 2.8 KB). They are
//! kept as text files beside this module.
//!
//! Line ends: a file (or text) with no CR byte at all is taken as hand-written: every LF
//! becomes CRLF, and if no empty line closes the head, one is added at the end. Anything
//! holding a CR is used byte for byte, so captured traffic keeps its exact line ends. Only the
//! first 16 MiB of a file are read.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::headers::Limits;

const BUILTIN: [(&str, &str); 3] = [
    ("curl", include_str!("inputs/curl.http")),
    ("browser", include_str!("inputs/browser.http")),
    ("cookies", include_str!("inputs/cookies.http")),
];

/// Where an input came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "path")]
pub enum InputSource {
    /// One of the built-in requests.
    Builtin,
    /// A file the user named.
    File(PathBuf),
    /// Text handed over directly, such as an `http` block from a note.
    Text,
}

/// A request to benchmark: its bytes and where they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The built-in name, the file name, or the name the caller gave the text.
    pub name: String,
    /// Where the bytes came from.
    pub source: InputSource,
    /// The bytes the parsers see.
    pub bytes: Vec<u8>,
    /// True when LF line ends were turned into CRLF (see the module docs).
    pub converted: bool,
}

/// Why an input could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file does not exist.
    #[error("{}: no such file", .0.display())]
    NotFound(PathBuf),
    /// The path names a folder or something else that is not a file.
    #[error("{}: not a file", .0.display())]
    NotAFile(PathBuf),
    /// The file exists but could not be read.
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] io::Error),
}

impl Input {
    /// Names of the built-in requests.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(name, _)| *name)
    }

    /// A built-in request by name.
    pub fn builtin(name: &str) -> Option<Input> {
        let (name, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let (bytes, converted) = normalize(text.as_bytes());
        Some(Input {
            name: (*name).to_owned(),
            source: InputSource::Builtin,
            bytes,
            converted,
        })
    }

    /// A built-in name if `spec` is one, otherwise a file path. A file named like a built-in
    /// is reached with a path such as `./curl`.
    pub fn resolve(spec: &str) -> Result<Input, InputError> {
        match Input::builtin(spec) {
            Some(input) => Ok(input),
            None => Input::from_file(Path::new(spec)),
        }
    }

    /// Reads a request from a file.
    pub fn from_file(path: &Path) -> Result<Input, InputError> {
        let file = crate::paths::open_regular(path).map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => InputError::NotFound(path.to_owned()),
            io::ErrorKind::InvalidInput => InputError::NotAFile(path.to_owned()),
            _ => InputError::Io(path.to_owned(), err),
        })?;
        let mut raw = Vec::new();
        let cap = Limits::MAX_HEAD_BYTES_CEILING as u64;
        file.take(cap)
            .read_to_end(&mut raw)
            .map_err(|err| InputError::Io(path.to_owned(), err))?;
        let (bytes, converted) = normalize(&raw);
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(Input {
            name,
            source: InputSource::File(path.to_owned()),
            bytes,
            converted,
        })
    }

    /// A request handed over as text, such as the `http` block of a note.
    pub fn from_text(name: &str, text: &[u8]) -> Input {
        let (bytes, converted) = normalize(text);
        Input {
            name: name.to_owned(),
            source: InputSource::Text,
            bytes,
            converted,
        }
    }
}

/// Applies the line-end rule from the module docs; returns the bytes and whether they changed.
fn normalize(raw: &[u8]) -> (Vec<u8>, bool) {
    if raw.contains(&b'\r') || !raw.contains(&b'\n') {
        return (raw.to_vec(), false);
    }
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 16 + 4);
    for &b in raw {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    if !out.windows(4).any(|w| w == b"\r\n\r\n") {
        if !out.ends_with(b"\r\n") {
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\n");
    }
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::{Variant, check_agreement};

    #[test]
    fn builtins_parse_with_the_documented_header_counts() {
        for (name, headers) in [("curl", 3), ("browser", 13), ("cookies", 12)] {
            let input = Input::builtin(name).unwrap();
            assert!(input.converted);
            let head = check_agreement(&input.bytes, &Limits::default())
                .unwrap()
                .unwrap();
            assert_eq!(head.value_count(), headers, "{name}");
            assert_eq!(head.head_len, input.bytes.len(), "{name} has no body");
        }
        let browser = Input::builtin("browser").unwrap();
        assert!((650..=800).contains(&browser.bytes.len()));
        let cookies = Input::builtin("cookies").unwrap();
        assert!(cookies.bytes.len() > 2500);
        let parsed = Variant::Naive
            .parse_comparable(&cookies.bytes, &Limits::default())
            .unwrap();
        assert_eq!(parsed.get("cookie").len(), 3);
    }

    #[test]
    fn lf_only_text_becomes_crlf_and_gets_its_closing_line() {
        let (bytes, converted) = normalize(b"GET / HTTP/1.1\nHost: a");
        assert!(converted);
        assert_eq!(bytes, b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        let (bytes, _) = normalize(b"GET / HTTP/1.1\nHost: a\n\nbody\n");
        assert_eq!(bytes, b"GET / HTTP/1.1\r\nHost: a\r\n\r\nbody\r\n");
    }

    #[test]
    fn text_with_any_cr_is_kept_byte_for_byte() {
        let raw = b"GET / HTTP/1.1\r\nHost: a\n\n";
        assert_eq!(normalize(raw), (raw.to_vec(), false));
    }

    #[test]
    fn files_load_and_missing_files_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("req.http");
        std::fs::write(&path, b"GET /f HTTP/1.1\nHost: x\n\n").unwrap();
        let input = Input::resolve(path.to_str().unwrap()).unwrap();
        assert_eq!(input.name, "req.http");
        assert_eq!(input.source, InputSource::File(path.clone()));
        assert!(input.bytes.starts_with(b"GET /f HTTP/1.1\r\n"));
        let missing = Input::resolve(dir.path().join("nope").to_str().unwrap()).unwrap_err();
        assert!(matches!(missing, InputError::NotFound(_)));
        assert!(missing.to_string().ends_with("nope: no such file"));
        let folder = Input::resolve(dir.path().to_str().unwrap()).unwrap_err();
        assert!(matches!(folder, InputError::NotAFile(_)));
    }
}
