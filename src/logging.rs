//! Logging to a file in the state folder, never to the screen. The level comes from
//! `NOTEBENCH_LOG` (for example `debug` or `notebench=trace`); the default is `info`.

use std::fs::OpenOptions;
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Starts logging to `file`. When the file cannot be opened, nothing is logged.
pub fn init(file: &Path) {
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(out) = OpenOptions::new().create(true).append(true).open(file) else {
        return;
    };
    let filter =
        EnvFilter::try_from_env("NOTEBENCH_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(out))
        .try_init();
}
