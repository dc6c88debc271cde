//! Exit statuses and the error type every command returns.
//!
//! Every command follows one convention: 0 on success, 1 when a check or verification fails or
//! nothing matches, 2 for usage errors and bad input, 3 for network or I/O failures.

use std::fmt;
use std::path::PathBuf;

/// How a command ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Success = 0,
    /// A check or verification failed, or nothing matched.
    Failed = 1,
    /// The command line or the input was wrong.
    Usage = 2,
    /// A file, the network or the terminal failed.
    Io = 3,
}

impl Exit {
    /// The numeric status handed to the operating system.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// An error that ends a command, with the status it exits with.
#[derive(Debug)]
pub struct CmdError {
    /// The exit status this error maps to.
    pub exit: Exit,
    /// A message for people: names the input and the place.
    pub message: String,
}

impl CmdError {
    /// Bad input or a usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Usage,
            message: message.into(),
        }
    }
    /// A file, network or terminal failure (exit 3).
    pub fn io(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Io,
            message: message.into(),
        }
    }
    /// A failed check or an empty match (exit 1).
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Failed,
            message: message.into(),
        }
    }
}

impl fmt::Display for CmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CmdError {}

/// What every command receives besides its own arguments: where files live.
#[derive(Debug, Clone)]
pub struct Context {
    /// Holds `config.toml`, `themes/` and `boards/`.
    pub config_dir: PathBuf,
    /// Holds `baselines/`.
    pub data_dir: PathBuf,
    /// Holds the resume state and the log.
    pub state_dir: PathBuf,
}
