//! Notes: where they come from, what their front matter says, and reading their text.
//!
//! Notes are only ever read. A source is a folder (searched recursively), a single file, or the
//! notes bundled in the binary.

pub mod date;
pub mod discover;
pub mod frontmatter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

pub use date::NoteDate;

static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/notes");

/// Where a note's text lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// A note bundled in the binary, by its path inside `notes/`.
    Bundled(&'static str),
}

/// Where the notes come from, in the order of precedence: a path on the command line, then
/// `notes_dir` from the config, then the bundled notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A folder, searched recursively.
    Folder(PathBuf),
    /// One file.
    File(PathBuf),
    /// The notes bundled in the binary.
    Bundled,
}

impl Source {
    /// Picks the source from a command-line path and the config's `notes_dir`.
    pub fn choose(cli: Option<&Path>, config_dir: Option<&Path>) -> Result<Source, String> {
        let Some(path) = cli.or(config_dir) else {
            return Ok(Source::Bundled);
        };
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Ok(Source::Folder(path.to_path_buf())),
            Ok(m) if m.is_file() => Ok(Source::File(path.to_path_buf())),
            Ok(_) => Err(format!(
                "{}: not a folder or a regular file",
                path.display()
            )),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// A short description for the status bar and logs.
    pub fn describe(&self) -> String {
        match self {
            Source::Folder(p) | Source::File(p) => p.display().to_string(),
            Source::Bundled => "the bundled notes".to_string(),
        }
    }
}

/// What the list shows of a note; read from the front matter, the first heading and the file.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteMeta {
    /// Where the text lives.
    pub origin: Origin,
    /// The path shown to people: relative to the folder, or `bundled:NAME.md`.
    pub path: String,
    /// Title: front matter, else the first H1, else the file name. As written: make it
    /// visible before showing it.
    pub title: String,
    /// Date: front matter, else the file's modification time.
    pub date: Option<NoteDate>,
    /// Tags from the front matter.
    pub tags: Vec<String>,
    /// Pinned notes come first in the list.
    pub pinned: bool,
    /// Other front matter keys (`board`, `panel`).
    pub fields: BTreeMap<String, String>,
    /// Problems found while reading: bad front matter, invalid UTF-8.
    pub warnings: Vec<String>,
}

/// A note's text, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteText {
    /// The whole text with line ends made `\n`.
    pub text: String,
    /// Problems found while reading.
    pub warnings: Vec<String>,
}

impl NoteText {
    /// The front matter split of this text.
    pub fn split(&self) -> frontmatter::Split<'_> {
        frontmatter::split(&self.text)
    }
}

/// Turns CRLF line ends into LF so that CRLF notes render exactly like LF ones.
pub fn normalize_newlines(mut text: String) -> String {
    // A byte-order mark would hide the front matter's opening `---`.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// Reads a note's text. Invalid UTF-8 is decoded lossily, with a warning.
pub fn read(origin: &Origin, label: &str) -> Result<NoteText, String> {
    match origin {
        Origin::Bundled(name) => {
            let file = BUNDLED
                .get_file(name)
                .ok_or_else(|| format!("{label}: not bundled"))?;
            let text = file.contents_utf8().unwrap_or_default().to_string();
            Ok(NoteText {
                text: normalize_newlines(text),
                warnings: Vec::new(),
            })
        }
        Origin::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| format!("{label}: {e}"))?;
            if !meta.is_file() {
                return Err(format!("{label}: not a regular file"));
            }
            let bytes = std::fs::read(path).map_err(|e| format!("{label}: {e}"))?;
            Ok(decode(bytes, label))
        }
    }
}

fn decode(bytes: Vec<u8>, label: &str) -> NoteText {
    match String::from_utf8(bytes) {
        Ok(text) => NoteText {
            text: normalize_newlines(text),
            warnings: Vec::new(),
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let warning =
                format!("{label}:{line}: invalid UTF-8, shown with replacement characters");
            NoteText {
                text: normalize_newlines(text),
                warnings: vec![warning],
            }
        }
    }
}

/// Builds a note's list entry from its text.
pub fn meta(origin: Origin, path: String, text: &NoteText, modified: Option<NoteDate>) -> NoteMeta {
    let split = text.split();
    let mut warnings = text.warnings.clone();
    let front = match split.front {
        Some(Ok(front)) => {
            for e in &front.problems {
                warnings.push(format!("{path}:{}: front matter: {}", e.line, e.message));
            }
            front
        }
        Some(Err(e)) => {
            warnings.push(format!("{path}:{}: front matter: {}", e.line, e.message));
            frontmatter::FrontMatter::default()
        }
        None => frontmatter::FrontMatter::default(),
    };
    let title = front
        .title
        .filter(|t| !t.is_empty())
        .or_else(|| first_heading(split.body))
        .unwrap_or_else(|| file_stem(&path).to_string());
    NoteMeta {
        origin,
        title,
        date: front.date.or(modified),
        tags: front.tags,
        pinned: front.pinned,
        fields: front.fields,
        warnings,
        path,
    }
}

/// The first level-1 heading (ATX `# x` or setext `x\n===`) outside code fences.
fn first_heading(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    let mut previous = "";
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(rest) = trimmed.strip_prefix("# ") {
            return Some(rest.trim().trim_end_matches('#').trim().to_string());
        } else if !previous.trim().is_empty()
            && !trimmed.is_empty()
            && trimmed.chars().all(|c| c == '=')
        {
            return Some(previous.trim().to_string());
        }
        previous = line;
    }
    None
}

/// The file name without its extension, from a note's shown path (`notes/a.md`,
/// `bundled:a.md`): the name `read` finds notes by, and the title of last resort.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\', ':']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Every bundled note's list entry, in file-name order.
pub fn bundled() -> Vec<NoteMeta> {
    let mut files: Vec<_> = BUNDLED
        .files()
        .filter(|f| discover::is_note(f.path()))
        .collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .filter_map(|file| {
            let name = file.path().to_str()?;
            let text = read(&Origin::Bundled(name), name).ok()?;
            Some(meta(
                Origin::Bundled(name),
                format!("bundled:{name}"),
                &text,
                None,
            ))
        })
        .collect()
}

/// Sorts notes for the list: pinned first, then newest first, then by title.
pub fn sort(notes: &mut [NoteMeta]) {
    // The key is built once per note: the list is sorted again with every batch of a big index.
    notes.sort_by_cached_key(|n| {
        let newest_first = std::cmp::Reverse(n.date.map(NoteDate::sort_key));
        (!n.pinned, newest_first, n.title.to_lowercase())
    });
}

#[cfg(test)]
mod tests;
