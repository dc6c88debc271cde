//! `notebench config`: the commented default config, the paths in use, and a check of the
//! user's file.

use std::io::Write;

use crate::config::{Config, DEFAULT_CONFIG};
use crate::exit::{CmdError, Exit};
use crate::keymap::KeyMap;
use crate::sanitize::visible;
use crate::setup::Setup;

/// Runs the command. Exits 2 when the user's config file has errors.
pub fn run(setup: &Setup, out: &mut dyn Write) -> Result<Exit, CmdError> {
    let paths = &setup.paths;
    let mut problems = Vec::new();
    let status =
        match crate::paths::read_limited(&paths.config_file, crate::paths::SMALL_FILE_LIMIT) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                "not found: the defaults are in use".to_string()
            }
            Err(e) => {
                problems.push(format!("{}: {e}", paths.config_file.display()));
                "unreadable".to_string()
            }
            Ok(bytes) => match Config::parse(
                &String::from_utf8_lossy(&bytes),
                &paths.config_file.display().to_string(),
            ) {
                Ok(config) => {
                    if let Err(errors) = KeyMap::defaults().remap(&config.keys) {
                        problems.extend(
                            errors
                                .into_iter()
                                .map(|e| format!("{}: {e}", paths.config_file.display())),
                        );
                    }
                    if problems.is_empty() {
                        "valid".to_string()
                    } else {
                        "has errors".to_string()
                    }
                }
                Err(e) => {
                    problems.push(e);
                    "has errors".to_string()
                }
            },
        };
    let mut text = String::new();
    text.push_str(DEFAULT_CONFIG);
    text.push_str("\n# Paths in use\n");
    for (name, path) in [
        ("config file", &paths.config_file),
        ("config folder", &paths.config_dir),
        ("themes folder", &paths.themes_dir()),
        ("boards folder", &paths.config_dir.join("boards")),
        ("data folder", &paths.data_dir),
        ("state folder", &paths.state_dir),
        ("log file", &paths.log_file()),
    ] {
        text.push_str(&format!(
            "#   {name:<14} {}\n",
            visible(&path.display().to_string())
        ));
    }
    text.push_str(&format!("# config file: {status}\n"));
    let written = super::write_result(out.write_all(text.as_bytes()))?;
    if problems.is_empty() {
        return Ok(written);
    }
    let message = problems
        .iter()
        .map(|p| visible(p).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    Err(CmdError::usage(message))
}
