//! The error of a board file and how its place is found: the line and column of a byte
//! offset, and the field a parser error is about. The field is taken from the parser's message
//! (`missing field `name``) or, failing that, from the key written before the bad value: a
//! best-effort reading that names the enclosing key for values nested in arrays, and can be
//! misled by brackets or `=` inside quoted strings before the value.

use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// A board file that could not be read, with the place of the fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardFileError {
    /// The id of the board the file holds (its file stem).
    pub board: String,
    /// The file, as shown to people (`boards/nodemcu.toml (built in)` or a path).
    pub file: String,
    /// 1-based line of the fault, when known.
    pub line: Option<u32>,
    /// 1-based column of the fault, when known.
    pub column: Option<u32>,
    /// The field at fault, when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for BoardFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for BoardFileError {}

/// Where the parsed text lives, for error messages.
pub(super) struct Source<'a> {
    pub(super) id: &'a str,
    pub(super) file: &'a str,
    pub(super) text: &'a str,
}

impl Source<'_> {
    pub(super) fn error(
        &self,
        span: Option<Range<usize>>,
        field: Option<&str>,
        message: String,
    ) -> BoardFileError {
        let (line, column) = match span {
            Some(span) => {
                let (l, c) = line_column(self.text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        BoardFileError {
            board: self.id.to_string(),
            file: self.file.to_string(),
            line,
            column,
            field: field.map(str::to_string),
            message,
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (clamp(line), clamp(column))
}

/// The field a parser error is about: named in the message, or the key before the bad value.
pub(super) fn field_of(message: &str, text: &str, span: Option<Range<usize>>) -> Option<String> {
    for marker in ["missing field `", "unknown field `", "duplicate key `"] {
        if let Some(rest) = message.split(marker).nth(1) {
            return rest.split('`').next().map(str::to_string);
        }
    }
    span.and_then(|s| key_before(text, s.start))
}

/// The key whose value starts at or encloses byte `offset`: scans back to an `=` outside
/// brackets and reads the bare key before it.
fn key_before(text: &str, offset: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut i = offset.min(bytes.len());
    while i > 0 {
        i -= 1;
        match bytes[i] {
            b']' | b'}' => depth += 1,
            b'[' if depth == 0 => {}
            b'[' | b'{' if depth > 0 => depth -= 1,
            b'{' => return None,
            b'=' if depth == 0 => {
                let head = text[..i].trim_end();
                let start = head
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                    .map_or(0, |p| p + 1);
                let key = &head[start..];
                return (!key.is_empty()).then(|| key.to_string());
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        let quote = text.find('"').unwrap();
        assert_eq!(line_column(text, quote), (2, 6));
        assert_eq!(line_column(text, text.len() + 10), (3, 1));
    }

    #[test]
    fn key_before_finds_plain_nested_and_inline_keys() {
        let text =
            "kind = \"gpo\"\nlabels = [\"a\", 5]\npins = [ { name = \"x\", pull = \"sideways\" } ]";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(key_before(text, at("\"gpo")).as_deref(), Some("kind"));
        assert_eq!(key_before(text, at("5]")).as_deref(), Some("labels"));
        assert_eq!(key_before(text, at("\"sideways")).as_deref(), Some("pull"));
        assert_eq!(key_before(text, at("{ name")).as_deref(), Some("pins"));
        assert_eq!(key_before("[", 1), None);
    }

    #[test]
    fn field_prefers_the_name_in_the_message() {
        let text = "pins = [ { gpio = 1 } ]";
        assert_eq!(
            field_of("missing field `name`", text, Some(9..20)).as_deref(),
            Some("name")
        );
        assert_eq!(
            field_of("invalid type", text, Some(18..19)).as_deref(),
            Some("gpio")
        );
        assert_eq!(field_of("invalid type", text, None), None);
    }

    #[test]
    fn display_names_file_line_column_and_field() {
        let e = BoardFileError {
            board: "b".into(),
            file: "boards/b.toml".into(),
            line: Some(7),
            column: Some(3),
            field: Some("kind".into()),
            message: "unknown variant".into(),
        };
        assert_eq!(
            e.to_string(),
            "boards/b.toml:7:3: field `kind`: unknown variant"
        );
    }
}
