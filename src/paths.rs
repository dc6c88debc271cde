//! Where notebench keeps its files.
//!
//! The folders come from the platform's conventions (`directories`); each can be moved with an
//! environment variable, which the tests use to stay out of the real home folder:
//! `NOTEBENCH_CONFIG_DIR` (config.toml, themes/, boards/), `NOTEBENCH_DATA_DIR` (baselines/)
//! and `NOTEBENCH_STATE_DIR` (the resume state and the log).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::exit::Context;

/// Environment variable that moves the config folder.
pub const CONFIG_DIR_ENV: &str = "NOTEBENCH_CONFIG_DIR";
/// Environment variable that moves the data folder.
pub const DATA_DIR_ENV: &str = "NOTEBENCH_DATA_DIR";
/// Environment variable that moves the state folder.
pub const STATE_DIR_ENV: &str = "NOTEBENCH_STATE_DIR";

/// The folders in use, and the config file (which `--config` may point elsewhere).
#[derive(Debug, Clone)]
pub struct Paths {
    /// Config folder.
    pub config_dir: PathBuf,
    /// Data folder.
    pub data_dir: PathBuf,
    /// State folder: the platform's state folder, or its local data folder where it has none.
    pub state_dir: PathBuf,
    /// The config file in use.
    pub config_file: PathBuf,
}

impl Paths {
    /// Resolves the folders from the environment and the platform. `config_file` overrides
    /// `<config_dir>/config.toml`.
    pub fn resolve(config_file: Option<&Path>) -> Paths {
        let dirs = ProjectDirs::from("", "", "notebench");
        let fallback = std::env::temp_dir().join("notebench");
        let pick = |var: &str, platform: Option<&Path>| -> PathBuf {
            match std::env::var_os(var).filter(|v| !v.is_empty()) {
                Some(v) => PathBuf::from(v),
                None => platform.map_or_else(|| fallback.clone(), Path::to_path_buf),
            }
        };
        let config_dir = pick(CONFIG_DIR_ENV, dirs.as_ref().map(|d| d.config_dir()));
        let data_dir = pick(DATA_DIR_ENV, dirs.as_ref().map(|d| d.data_dir()));
        let state = dirs
            .as_ref()
            .map(|d| d.state_dir().unwrap_or_else(|| d.data_local_dir()));
        let state_dir = pick(STATE_DIR_ENV, state);
        let config_file =
            config_file.map_or_else(|| config_dir.join("config.toml"), Path::to_path_buf);
        Paths {
            config_dir,
            data_dir,
            state_dir,
            config_file,
        }
    }

    /// The user's themes folder.
    pub fn themes_dir(&self) -> PathBuf {
        self.config_dir.join("themes")
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("notebench.log")
    }

    /// The resume state file.
    pub fn state_file(&self) -> PathBuf {
        self.state_dir.join("state.json")
    }

    /// The folders as the commands receive them.
    pub fn context(&self) -> Context {
        Context {
            config_dir: self.config_dir.clone(),
            data_dir: self.data_dir.clone(),
            state_dir: self.state_dir.clone(),
        }
    }
}

/// Opens `path` for reading only when it is a regular file (after following symlinks). A FIFO,
/// a device or a folder is refused before it is opened: opening a FIFO blocks until something
/// writes to it, and a device like `/dev/zero` never ends.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, what));
    }
    std::fs::File::open(path)
}

/// Reads a regular file of at most `limit` bytes (see [`open_regular`]).
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_regular(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        let message = format!("larger than the {limit} bytes allowed");
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            message,
        ));
    }
    Ok(bytes)
}

/// The most a config, theme or board file may hold.
pub const SMALL_FILE_LIMIT: u64 = 1 << 20;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename, so
/// a crash never leaves a half-written file. Creates the folder when missing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_of_bounded_size_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let err = read_limited(&fifo, 10).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        assert_eq!(
            read_limited(Path::new("/dev/zero"), 10).unwrap_err().kind(),
            std::io::ErrorKind::InvalidInput
        );
        assert!(
            read_limited(dir.path(), 10)
                .unwrap_err()
                .to_string()
                .contains("folder")
        );
        let big = dir.path().join("big");
        std::fs::write(&big, [b'x'; 11]).unwrap();
        assert_eq!(
            read_limited(&big, 10).unwrap_err().kind(),
            std::io::ErrorKind::InvalidData
        );
        assert_eq!(read_limited(&big, 11).unwrap().len(), 11);
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let entries = std::fs::read_dir(dir.path().join("sub")).unwrap().count();
        assert_eq!(entries, 1);
    }
}
