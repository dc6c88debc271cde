//! The resume state: which note was open, and where, saved atomically on quit.

use serde::{Deserialize, Serialize};

use super::app::{App, Resume};
use crate::notes::Source;
use crate::setup::Setup;

#[derive(Serialize, Deserialize)]
struct Saved {
    schema_version: u32,
    source: String,
    note: Resume,
}

/// The place to resume at, when the last session read the same source.
pub fn load(setup: &Setup, source: &Source) -> Option<Resume> {
    let bytes = std::fs::read(setup.paths.state_file()).ok()?;
    let saved: Saved = serde_json::from_slice(&bytes).ok()?;
    (saved.source == source.describe()).then_some(saved.note)
}

/// Saves where the reader is. Failures are logged, never shown: the state is a convenience.
pub fn save(setup: &Setup, app: &App) {
    let Some(reader) = app.reader.as_ref() else {
        return;
    };
    let saved = Saved {
        schema_version: 1,
        source: app.source.describe(),
        note: Resume {
            path: reader.path.clone(),
            scroll: reader.scroll,
        },
    };
    let path = setup.paths.state_file();
    let result = serde_json::to_vec_pretty(&saved)
        .map_err(std::io::Error::from)
        .and_then(|bytes| crate::paths::write_atomic(&path, &bytes));
    if let Err(e) = result {
        tracing::warn!("could not save the resume state to {}: {e}", path.display());
    }
}
