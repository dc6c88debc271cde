//! notebench: a terminal notes reader and workbench.
//!
//! The domain modules (`notes`, `render`, `highlight`, `theme`, `config`) know nothing of the
//! terminal UI, so the print commands and the TUI share one renderer; `tui` holds the app.

pub mod bench;
pub mod cli;
pub mod commands;
pub mod config;
pub mod cpuinfo;
pub mod exit;
pub mod headers;
pub mod highlight;
pub mod keymap;
pub mod logging;
pub mod manifest;
pub mod notes;
pub mod paths;
pub mod pins;
pub mod print;
pub mod render;
pub mod sanitize;
pub mod setup;
pub mod theme;
pub mod tui;
