//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands;
use crate::setup::GlobalArgs;

const EXAMPLES: &str = "\
Examples:
  notebench                          browse the notes (config notes_dir, else the bundled ones)
  notebench ~/notes                  browse a folder of Markdown notes
  notebench ./list                   a folder named like a command: write it as a path
  notebench read hello --width 72    print one note, rendered
  notebench read notes/x.md --raw    print a note's source
  notebench list --json              the notes as JSON, for scripts
  notebench config                   the default config, paths in use, and a check of yours
  notebench bench --quick                   time every header parser on the browser request
  notebench bench --input cookies --save-baseline before
  notebench manifest alpine --platform linux/arm/v7
  notebench manifest oci:./layout:v1 --json
  notebench pins --list              the boards the pin viewer knows
  notebench pins waveshare-esp8266 --check BUSY=16,RST=5,DC=4,CS=15 --panel 2.7
  notebench --color-depth 256        force 256 colours (SSH does not forward COLORTERM)

Exit status: 0 success, 1 a check failed or nothing matched, 2 usage error or bad input,
3 network or I/O failure.";

/// notebench: read Markdown notes in the terminal and try the ideas in them.
#[derive(Debug, Parser)]
#[command(name = "notebench", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The global flags.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// A notes folder or a single note to open in the TUI.
    pub path: Option<PathBuf>,
    /// A command; without one, the TUI starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one rendered note.
    Read(commands::read::Args),
    /// List the notes with path, title, date and tags.
    List(commands::list::Args),
    /// Print the commented default config, the paths in use, and check your config file.
    Config,
    /// Time the HTTP header parsers (ns/op, allocations/op, bytes/op), like go test -benchmem.
    Bench(commands::bench::Args),
    /// Inspect a multi-platform image index: which entry a platform pulls, and why.
    Manifest(commands::manifest::Args),
    /// Show a board's GPIO pin map, check a wiring, and print a display constructor line.
    Pins(commands::pins::Args),
    /// Print shell completions.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}
