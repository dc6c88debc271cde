//! `notebench list`: the notes with path, title, date and tags.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::exit::{CmdError, Exit};
use crate::notes::{self, NoteDate, Source, discover};
use crate::sanitize::visible;
use crate::setup::Setup;

/// Arguments of `notebench list`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// A notes folder or file (default: `notes_dir` from the config, else the bundled notes).
    pub path: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Listing<'a> {
    schema_version: u32,
    source: String,
    notes: Vec<Entry<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<NoteDate>,
    tags: &'a [String],
    fields: &'a std::collections::BTreeMap<String, String>,
    warnings: &'a [String],
}

/// Runs the command.
pub fn run(args: &Args, setup: &Setup, out: &mut dyn Write) -> Result<Exit, CmdError> {
    let source = Source::choose(args.path.as_deref(), setup.config.notes_dir.as_deref())
        .map_err(CmdError::usage)?;
    let (notes, warnings) = discover::collect(&source);
    let result = if args.json {
        let listing = Listing {
            schema_version: 1,
            source: source.describe(),
            notes: notes.iter().map(entry).collect(),
            warnings: &warnings,
        };
        serde_json::to_writer_pretty(&mut *out, &listing)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        let per_note = notes.iter().flat_map(|n| &n.warnings);
        for w in warnings.iter().chain(per_note) {
            eprintln!("warning: {}", visible(w));
        }
        write_table(&notes, out)
    };
    let exit = super::write_result(result)?;
    if notes.is_empty() {
        eprintln!("no notes in {}", visible(&source.describe()));
        return Ok(Exit::Failed);
    }
    Ok(exit)
}

fn entry(note: &notes::NoteMeta) -> Entry<'_> {
    Entry {
        path: &note.path,
        title: &note.title,
        date: note.date,
        tags: &note.tags,
        fields: &note.fields,
        warnings: &note.warnings,
    }
}

fn write_table(notes: &[notes::NoteMeta], out: &mut dyn Write) -> std::io::Result<()> {
    let title_width = notes
        .iter()
        .map(|n| crate::render::text_width(&visible(&n.title)))
        .max()
        .unwrap_or(0)
        .min(60);
    for note in notes {
        let date = note
            .date
            .map(|d| d.day().to_string())
            .unwrap_or_else(|| "-".repeat(10));
        let pad = title_width.saturating_sub(crate::render::text_width(&visible(&note.title)));
        let tags = if note.tags.is_empty() {
            String::new()
        } else {
            format!("#{}", note.tags.join(" #"))
        };
        writeln!(
            out,
            "{date}  {}{}  {}  {}",
            visible(&note.title),
            " ".repeat(pad),
            visible(&note.path),
            visible(&tags)
        )?;
    }
    Ok(())
}
