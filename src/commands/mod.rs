//! The plain command-line forms: each prints text or one JSON object and exits with the
//! shared statuses of [`crate::exit`].

pub mod bench;
pub mod config;
pub mod list;
pub mod manifest;
pub mod pins;
pub mod read;

use std::io;

use crate::exit::{CmdError, Exit};

/// Maps a write error: a closed pipe (`| head -1`) ends quietly, anything else is an I/O
/// failure.
pub fn write_result(result: io::Result<()>) -> Result<Exit, CmdError> {
    match result {
        Ok(()) => Ok(Exit::Success),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Exit::Success),
        Err(e) => Err(CmdError::io(format!("writing output: {e}"))),
    }
}
