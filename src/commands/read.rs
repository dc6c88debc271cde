//! `notebench read`: print one rendered note.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::exit::{CmdError, Exit};
use crate::notes::{self, NoteMeta, Origin, Source, discover};
use crate::print::{PrintOptions, write_rendered};
use crate::sanitize::visible;
use crate::setup::Setup;
use crate::{highlight, render};

/// Arguments of `notebench read`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// A note: an existing path, else a note's file name without `.md` from the notes in use.
    pub note: String,
    /// Width to render at (default: the terminal's, or 80).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Print the note's source instead of rendering it.
    #[arg(long)]
    pub raw: bool,
}

/// Runs the command.
pub fn run(args: &Args, setup: &Setup, out: &mut dyn Write) -> Result<Exit, CmdError> {
    let (origin, label) = find(&args.note, setup)?;
    let text = notes::read(&origin, &label).map_err(|e| match &origin {
        Origin::File(p) if std::fs::symlink_metadata(p).is_ok() => CmdError::usage(e),
        _ => CmdError::io(e),
    })?;
    for w in &text.warnings {
        eprintln!("warning: {}", visible(w));
    }
    let problems = match text.split().front {
        Some(Ok(front)) => front.problems,
        Some(Err(e)) => vec![e],
        None => Vec::new(),
    };
    for e in problems {
        eprintln!(
            "warning: {}:{}: front matter: {}",
            visible(&label),
            e.line,
            visible(&e.message)
        );
    }
    if args.raw {
        let mut shown = String::with_capacity(text.text.len());
        for line in text.text.lines() {
            shown.push_str(&crate::sanitize::visible_with_tabs(line, 4));
            shown.push('\n');
        }
        return super::write_result(out.write_all(shown.as_bytes()));
    }
    let depth = setup.stdout_depth();
    let width = args.width.map(usize::from).unwrap_or_else(terminal_width);
    let highlights = if depth == crate::theme::ColorDepth::None {
        Vec::new()
    } else {
        let theme = highlight::code_theme(&setup.theme().code_theme).map_err(CmdError::usage)?;
        highlight::highlight_all(&render::note_code_blocks(&text.text), &theme)
    };
    let wrap = setup.config.wrap_code;
    let rendered = render::render_note(&text.text, width, wrap, &highlights);
    let opts = PrintOptions {
        depth,
        hyperlinks: setup.hyperlinks() && depth != crate::theme::ColorDepth::None,
        width,
    };
    super::write_result(write_rendered(out, &rendered, setup.theme(), opts))
}

fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        return usize::from(w.max(1));
    }
    80
}

/// An existing path wins; else a note of the configured source by file stem.
fn find(name: &str, setup: &Setup) -> Result<(Origin, String), CmdError> {
    if name.trim().is_empty() {
        return Err(CmdError::usage("read: the note's name is empty"));
    }
    let path = Path::new(name);
    // `symlink_metadata` so that a dangling link is reported as what it is.
    if std::fs::symlink_metadata(path).is_ok() {
        return Ok((Origin::File(PathBuf::from(path)), name.to_string()));
    }
    let source =
        Source::choose(None, setup.config.notes_dir.as_deref()).map_err(CmdError::usage)?;
    let (notes, _) = discover::collect(&source);
    match by_stem(&notes, name) {
        Some(note) => Ok((note.origin.clone(), note.path.clone())),
        None => Err(CmdError::failed(format!(
            "no note named \"{}\" in {} (see `notebench list`)",
            visible(name),
            source.describe()
        ))),
    }
}

/// The note whose file stem is `name`: exactly, then ignoring case, then the only stem that
/// starts with it, then the only one that contains it (`hello` finds `2019-09-01-hello`).
/// The `bundled:NAME.md` form `list` prints works too.
pub fn by_stem<'a>(notes: &'a [NoteMeta], name: &str) -> Option<&'a NoteMeta> {
    let stem = |n: &NoteMeta| notes::file_stem(&n.path).to_string();
    let wanted = name
        .strip_prefix("bundled:")
        .unwrap_or(name)
        .trim_end_matches(".md");
    let lower = wanted.to_lowercase();
    let only = |hits: &mut dyn Iterator<Item = &'a NoteMeta>| match (hits.next(), hits.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    };
    notes
        .iter()
        .find(|n| stem(n) == wanted)
        .or_else(|| notes.iter().find(|n| stem(n).eq_ignore_ascii_case(wanted)))
        .or_else(|| {
            only(
                &mut notes
                    .iter()
                    .filter(|n| stem(n).to_lowercase().starts_with(&lower)),
            )
        })
        .or_else(|| {
            only(
                &mut notes
                    .iter()
                    .filter(|n| stem(n).to_lowercase().contains(&lower)),
            )
        })
}
