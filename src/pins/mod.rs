//! GPIO pin maps: boards as data, wirings of signals to pins, checks of a wiring against the
//! chip's boot and bus rules, the Waveshare panel table with GxEPD2 constructor lines, and
//! Raspberry Pi model detection.
//!
//! Boards are TOML files: the shipped ones in `src/pins/boards/` are compiled in, and the user's
//! own are read from `<config_dir>/boards/*.toml`. A user file with the id of a shipped board
//! replaces it. A file that fails to load is reported with its place and the rest still load.

pub mod assign;
pub mod checks;
pub mod constructor;
pub mod detect;
pub mod draw;
pub mod file;
pub mod file_error;
pub mod labels;
pub mod layout;
pub mod model;
pub mod panels;

pub use file_error::BoardFileError;
pub use model::{Board, Chip, Direction, Layout, Origin, Pin, PinKind, Pull, Signal, Wiring};

use std::path::Path;

/// The board opened when nothing else is asked for and the machine is not a Raspberry Pi.
pub const DEFAULT_BOARD: &str = "waveshare-esp8266";

/// Largest user board file read, in bytes.
const MAX_FILE_BYTES: u64 = 1 << 20;

/// The shipped board files: (id, TOML text).
pub const BUILTIN_BOARDS: &[(&str, &str)] = &[
    ("nodemcu", include_str!("boards/nodemcu.toml")),
    ("rpi-40pin", include_str!("boards/rpi-40pin.toml")),
    (
        "waveshare-esp32",
        include_str!("boards/waveshare-esp32.toml"),
    ),
    (
        "waveshare-esp8266",
        include_str!("boards/waveshare-esp8266.toml"),
    ),
];

/// Every board that loaded, sorted by id, and the files that did not.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    boards: Vec<Board>,
    errors: Vec<BoardFileError>,
}

impl Catalog {
    /// The shipped boards only.
    pub fn builtin() -> Self {
        let mut catalog = Catalog::default();
        for (id, text) in BUILTIN_BOARDS {
            let file = format!("boards/{id}.toml (built in)");
            catalog.add(file::parse_board(id, &file, text, Origin::Builtin));
        }
        catalog.boards.sort_by(|a, b| a.id.cmp(&b.id));
        catalog
    }

    /// The shipped boards plus the user's `<config_dir>/boards/*.toml`; a missing folder is
    /// not an error.
    pub fn load(config_dir: &Path) -> Self {
        let mut catalog = Catalog::builtin();
        let dir = config_dir.join("boards");
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return catalog,
            Err(e) => {
                catalog.errors.push(io_error("", &dir, &e.to_string()));
                return catalog;
            }
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let result = read_user_board(&path);
            if let Ok(board) = &result {
                tracing::debug!(board = %board.id, path = %path.display(), "loaded user board");
                catalog.boards.retain(|b| b.id != board.id);
            }
            catalog.add(result);
        }
        catalog.boards.sort_by(|a, b| a.id.cmp(&b.id));
        catalog
    }

    /// The boards that loaded, sorted by id.
    pub fn boards(&self) -> &[Board] {
        &self.boards
    }

    /// The files that failed to load.
    pub fn errors(&self) -> &[BoardFileError] {
        &self.errors
    }

    /// The board with this id (case-insensitive).
    pub fn get(&self, id: &str) -> Option<&Board> {
        self.boards.iter().find(|b| b.id.eq_ignore_ascii_case(id))
    }

    /// The load error of the file holding board `id`, when that file failed.
    pub fn error_for(&self, id: &str) -> Option<&BoardFileError> {
        self.errors
            .iter()
            .find(|e| e.board.eq_ignore_ascii_case(id))
    }

    fn add(&mut self, result: Result<Board, BoardFileError>) {
        match result {
            Ok(board) => self.boards.push(board),
            Err(error) => {
                tracing::warn!(%error, "board file not loaded");
                self.errors.push(error);
            }
        }
    }
}

fn read_user_board(path: &Path) -> Result<Board, BoardFileError> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = std::fs::metadata(path)
        .map_err(|e| io_error(&id, path, &e.to_string()))?
        .len();
    if size > MAX_FILE_BYTES {
        let message = format!("file is {size} bytes; board files are limited to {MAX_FILE_BYTES}");
        return Err(io_error(&id, path, &message));
    }
    let bytes = crate::paths::read_limited(path, MAX_FILE_BYTES)
        .map_err(|e| io_error(&id, path, &e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let mut error = io_error(&id, path, "the file is not valid UTF-8");
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, column) = file_error::line_column(&valid, offset);
        (error.line, error.column) = (Some(line), Some(column));
        error
    })?;
    let shown = path.display().to_string();
    file::parse_board(&id, &shown, &text, Origin::User(path.to_path_buf()))
}

fn io_error(id: &str, path: &Path, message: &str) -> BoardFileError {
    BoardFileError {
        board: id.to_string(),
        file: path.display().to_string(),
        line: None,
        column: None,
        field: None,
        message: message.to_string(),
    }
}
