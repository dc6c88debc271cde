//! notebench: a terminal notes reader and workbench.
//!
//! The domain modules (`notes`, `render`, `highlight`, `theme`, `config`) know nothing of the
//! terminal UI, so the print commands and the TUI share one renderer; `tui` holds the app.

pub mod config;
pub mod exit;
pub mod notes;
pub mod paths;
pub mod render;
pub mod sanitize;
pub mod theme;
