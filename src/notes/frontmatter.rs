//! Front matter: a YAML (`---`) or TOML (`+++`) block at the top of a note.
//!
//! A block counts as front matter only when it is closed and looks like `key: value` (or
//! `key = value`) lines, so a note that starts with a real `---` thematic break keeps its rule.
//! A block that is front matter but does not parse is still cut from the body (it is never
//! rendered as text) and its error is reported with the file's line number.

use std::collections::BTreeMap;

use super::date::NoteDate;

/// What the front matter says about a note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date`.
    pub date: Option<NoteDate>,
    /// `tags`: a list, or one string of comma- or space-separated tags.
    pub tags: Vec<String>,
    /// `pinned: true` keeps the note at the top of the list.
    pub pinned: bool,
    /// Every other key with a scalar value (`board`, `panel`), as text.
    pub fields: BTreeMap<String, String>,
    /// Keys whose values could not be used, with their lines.
    pub problems: Vec<FrontMatterError>,
}

/// A front matter problem, at a line of the note (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// The note's line the problem is on.
    pub line: usize,
    /// What is wrong, for people.
    pub message: String,
}

/// A note split into its front matter and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The parsed front matter, its error, or nothing when the note has none.
    pub front: Option<Result<FrontMatter, FrontMatterError>>,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// The note's line (0-based) the body starts on.
    pub body_line: usize,
}

#[derive(Clone, Copy)]
enum Format {
    Yaml,
    Toml,
}

/// Splits `text` (with `\n` line ends) into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        front: None,
        body: text,
        body_line: 0,
    };
    let (format, fence) = match text.lines().next().map(str::trim_end) {
        Some("---") => (Format::Yaml, "---"),
        Some("+++") => (Format::Toml, "+++"),
        _ => return none,
    };
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let inner_start = offset;
    for (index, line) in text[offset..].split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        let closes = bare == fence || (matches!(format, Format::Yaml) && bare == "...");
        if closes {
            let inner = &text[inner_start..offset];
            if !looks_like_fields(inner, format) {
                return none;
            }
            let body_start = offset + line.len();
            return Split {
                front: Some(parse(inner, format)),
                body: &text[body_start..],
                body_line: index + 2,
            };
        }
        offset += line.len();
    }
    none
}

fn looks_like_fields(inner: &str, format: Format) -> bool {
    let sep = match format {
        Format::Yaml => ':',
        Format::Toml => '=',
    };
    inner.lines().any(|l| {
        let l = l.trim();
        let key = l.split(sep).next().unwrap_or("").trim().trim_matches('"');
        l.contains(sep)
            && !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
    }) || (matches!(format, Format::Toml) && inner.trim_start().starts_with('['))
}

fn parse(inner: &str, format: Format) -> Result<FrontMatter, FrontMatterError> {
    // Line 1 of the note is the opening fence, so the block's line n is the note's n + 1.
    match format {
        Format::Yaml => parse_yaml(inner),
        Format::Toml => parse_toml(inner),
    }
}

fn parse_yaml(inner: &str) -> Result<FrontMatter, FrontMatterError> {
    let value: serde_norway::Value = serde_norway::from_str(inner).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        FrontMatterError {
            line: line + 1,
            message: yaml_message(&e),
        }
    })?;
    let map = match value {
        serde_norway::Value::Mapping(map) => map,
        serde_norway::Value::Null => return Ok(FrontMatter::default()),
        _ => {
            return Err(FrontMatterError {
                line: 2,
                message: "expected key: value lines".into(),
            });
        }
    };
    let mut fields = Vec::new();
    for (key, value) in map {
        let key = scalar_text(&key).unwrap_or_default();
        fields.push((key, yaml_field(value)));
    }
    build(fields, inner, ':')
}

fn yaml_message(e: &serde_norway::Error) -> String {
    let text = e.to_string();
    // The library appends " at line N column M"; the caller reports the line itself.
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn yaml_field(value: serde_norway::Value) -> Field {
    match value {
        serde_norway::Value::Sequence(items) => {
            Field::List(items.iter().filter_map(scalar_text).collect())
        }
        serde_norway::Value::Bool(b) => Field::Bool(b),
        other => scalar_text(&other).map_or(Field::Other, Field::Text),
    }
}

fn scalar_text(value: &serde_norway::Value) -> Option<String> {
    match value {
        serde_norway::Value::String(s) => Some(s.clone()),
        serde_norway::Value::Number(n) => Some(n.to_string()),
        serde_norway::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn parse_toml(inner: &str) -> Result<FrontMatter, FrontMatterError> {
    let table: toml::Table = toml::from_str(inner).map_err(|e| {
        let line = crate::config::toml_line(inner, &e).unwrap_or(1);
        FrontMatterError {
            line: line + 1,
            message: e.message().trim_end().to_string(),
        }
    })?;
    let fields = table
        .into_iter()
        .map(|(key, value)| (key, toml_field(value)))
        .collect();
    build(fields, inner, '=')
}

fn toml_field(value: toml::Value) -> Field {
    match value {
        toml::Value::String(s) => Field::Text(s),
        toml::Value::Integer(n) => Field::Text(n.to_string()),
        toml::Value::Float(f) => Field::Text(f.to_string()),
        toml::Value::Boolean(b) => Field::Bool(b),
        toml::Value::Datetime(d) => Field::Text(d.to_string()),
        toml::Value::Array(items) => Field::List(
            items
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        ),
        toml::Value::Table(_) => Field::Other,
    }
}

enum Field {
    Text(String),
    Bool(bool),
    List(Vec<String>),
    Other,
}

fn build(
    fields: Vec<(String, Field)>,
    inner: &str,
    sep: char,
) -> Result<FrontMatter, FrontMatterError> {
    let mut front = FrontMatter::default();
    for (key, field) in fields {
        match (key.as_str(), field) {
            ("title", Field::Text(t)) => front.title = Some(t.trim().to_string()),
            // A bad date is a problem of that key only: the other keys still count.
            ("date", Field::Text(t)) => match NoteDate::parse(&t) {
                Some(date) => front.date = Some(date),
                None => front.problems.push(FrontMatterError {
                    line: key_line(inner, "date", sep),
                    message: format!("expected a date like 2020-04-15, found \"{t}\""),
                }),
            },
            ("date", _) => front.problems.push(FrontMatterError {
                line: key_line(inner, "date", sep),
                message: "expected a date like 2020-04-15".to_string(),
            }),
            ("tags", Field::List(tags)) => front.tags = tags,
            ("tags", Field::Text(t)) => front.tags = split_tags(&t),
            ("pinned", Field::Bool(b)) => front.pinned = b,
            (_, Field::Text(t)) => {
                front.fields.insert(key, t);
            }
            (_, Field::Bool(b)) => {
                front.fields.insert(key, b.to_string());
            }
            _ => {}
        }
    }
    Ok(front)
}

fn split_tags(text: &str) -> Vec<String> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The note's line (1-based) holding `key`, for error messages.
fn key_line(inner: &str, key: &str, sep: char) -> usize {
    inner
        .lines()
        .position(|l| l.split(sep).next().is_some_and(|k| k.trim() == key))
        .map_or(2, |i| i + 2)
}

#[cfg(test)]
mod tests;
