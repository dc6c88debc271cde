//! Finding notes below a folder: every `.md` and `.markdown` file, recursively.
//!
//! Hidden folders and files that `.gitignore` excludes are skipped, symlinks are followed with
//! loop detection, and anything that is not a regular file (a FIFO named `x.md`, a dangling
//! symlink) is reported and skipped without ever being opened, so a walk cannot hang.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{NoteDate, NoteMeta, Origin, Source};

/// How many notes are sent at once, so a big folder fills the list as it goes.
pub const BATCH: usize = 256;

/// What a walk reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A batch of notes.
    Notes(Vec<NoteMeta>),
    /// Something was skipped.
    Warning(String),
    /// The walk is over.
    Done {
        /// Notes found.
        count: usize,
        /// Time taken.
        elapsed: Duration,
    },
}

/// True for the file names notebench reads as notes.
pub fn is_note(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Walks `source`, sending batches to `sink` until done or until `cancel` is set.
pub fn walk(source: &Source, cancel: &AtomicBool, sink: &mut dyn FnMut(Found)) {
    let started = Instant::now();
    let count = match source {
        Source::Bundled => {
            let notes = super::bundled();
            let n = notes.len();
            sink(Found::Notes(notes));
            n
        }
        Source::File(path) => {
            let label = path.display().to_string();
            match load(path, label) {
                Ok(note) => {
                    sink(Found::Notes(vec![note]));
                    1
                }
                Err(e) => {
                    sink(Found::Warning(e));
                    0
                }
            }
        }
        Source::Folder(root) => walk_folder(root, cancel, sink),
    };
    sink(Found::Done {
        count,
        elapsed: started.elapsed(),
    });
}

fn walk_folder(root: &Path, cancel: &AtomicBool, sink: &mut dyn FnMut(Found)) -> usize {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    let mut batch = Vec::new();
    let mut count = 0;
    for entry in walker {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                sink(Found::Warning(format!("skipped: {e}")));
                continue;
            }
        };
        if !is_note(entry.path()) || entry.depth() == 0 {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        match load(entry.path(), rel.display().to_string()) {
            Ok(note) => {
                batch.push(note);
                count += 1;
            }
            Err(e) => sink(Found::Warning(format!("skipped {e}"))),
        }
        if batch.len() >= BATCH {
            sink(Found::Notes(std::mem::take(&mut batch)));
        }
    }
    if !batch.is_empty() {
        sink(Found::Notes(batch));
    }
    count
}

/// Reads one file's list entry. Never opens anything but a regular file.
fn load(path: &Path, label: String) -> Result<NoteMeta, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{label}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{label}: not a regular file"));
    }
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map(NoteDate::Instant);
    let origin = Origin::File(path.to_path_buf());
    let text = super::read(&origin, &label)?;
    Ok(super::meta(origin, label, &text, modified))
}

/// Walks the whole source on this thread and returns every note, sorted, and the warnings.
pub fn collect(source: &Source) -> (Vec<NoteMeta>, Vec<String>) {
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    walk(source, &AtomicBool::new(false), &mut |found| match found {
        Found::Notes(batch) => notes.extend(batch),
        Found::Warning(w) => warnings.push(w),
        Found::Done { .. } => {}
    });
    super::sort(&mut notes);
    (notes, warnings)
}
