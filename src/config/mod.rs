//! The user's configuration: `config.toml` in the config folder, every key optional.
//!
//! The commented default file ships inside the binary (`notebench config` prints it). A broken
//! user file never stops the app: the error names the file, line and key, and the app runs on
//! the defaults with that warning on screen.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::theme::ColorDepth;

/// The commented default configuration, as shipped.
pub const DEFAULT_CONFIG: &str = include_str!("default.toml");

/// When to emit OSC 8 hyperlinks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hyperlinks {
    /// Only in terminals known to support them.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The colour depth setting: detected, or fixed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DepthSetting {
    /// Decide from the environment.
    #[default]
    Auto,
    /// Use this depth.
    Fixed(ColorDepth),
}

impl<'de> Deserialize<'de> for DepthSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(u32),
        }
        let text = match Raw::deserialize(deserializer)? {
            Raw::Text(s) => s,
            Raw::Number(n) => n.to_string(),
        };
        if text.eq_ignore_ascii_case("auto") {
            return Ok(DepthSetting::Auto);
        }
        text.parse()
            .map(DepthSetting::Fixed)
            .map_err(|e: String| serde::de::Error::custom(e.replace("expected", "expected auto,")))
    }
}

/// Keys for one action: one key or a list of keys.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    /// A single key, such as `"j"` or `"Ctrl-d"`.
    One(String),
    /// Several keys.
    Many(Vec<String>),
}

impl KeyList {
    /// The keys as a slice-like list.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

/// The configuration, after defaults are applied.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The notes folder used when no path is given on the command line.
    pub notes_dir: Option<PathBuf>,
    /// The theme to start with.
    pub theme: Option<String>,
    /// The colour depth, when detection gets it wrong (SSH drops `COLORTERM`).
    pub color_depth: DepthSetting,
    /// When to emit OSC 8 hyperlinks.
    pub hyperlinks: Hyperlinks,
    /// Capture the mouse at start.
    pub mouse: bool,
    /// Wrap code blocks instead of scrolling them sideways.
    pub wrap_code: bool,
    /// Key remaps: scope name, then action name, then its keys.
    pub keys: BTreeMap<String, BTreeMap<String, KeyList>>,
    /// How the Manifest panel reaches registries.
    pub registry: RegistryConfig,
}

/// How the Manifest panel reaches registries (the command line has flags for the same).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegistryConfig {
    /// A CA certificate (PEM) trusted besides the system's, for a home-lab registry.
    pub ca_file: Option<PathBuf>,
    /// Allow plain HTTP to registries that are not on loopback.
    pub plain_http: bool,
}

impl Config {
    /// Parses a config file's text. `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| toml_error(origin, text, &e))?;
        config.notes_dir = config.notes_dir.map(|p| expand_home(&p));
        config.registry.ca_file = config.registry.ca_file.map(|p| expand_home(&p));
        Ok(config)
    }

    /// Loads the file at `path`. A missing file gives the defaults; a broken one gives the
    /// defaults and the error as a warning.
    pub fn load(path: &Path) -> (Config, Option<String>) {
        match crate::paths::read_limited(path, crate::paths::SMALL_FILE_LIMIT) {
            Ok(bytes) => {
                let origin = path.display().to_string();
                let text = String::from_utf8_lossy(&bytes);
                match Config::parse(&text, &origin) {
                    Ok(config) => (config, None),
                    Err(e) => (
                        Config::default(),
                        Some(format!("{e} (running on defaults)")),
                    ),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(format!("{}: {e} (running on defaults)", path.display())),
            ),
        }
    }
}

/// Turns `~/x` into a path under the home folder.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(base)) => base.home_dir().join(rest),
        _ => path.to_path_buf(),
    }
}

/// The line (1-based) of `text` a TOML error points at, when it points anywhere.
pub fn toml_line(text: &str, err: &toml::de::Error) -> Option<usize> {
    let start = err.span()?.start.min(text.len());
    Some(
        text.as_bytes()[..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1,
    )
}

/// Formats a TOML error for people: `file:line: key: message`.
pub fn toml_error(origin: &str, text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim_end_matches('\n').to_string();
    let (Some(span), Some(line_no)) = (err.span(), toml_line(text, err)) else {
        return format!("{origin}: {message}");
    };
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c)));
    match key {
        Some(key) if !message.contains(key) => format!("{origin}:{line_no}: {key}: {message}"),
        _ => format!("{origin}:{line_no}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_default_parses_to_the_defaults() {
        let config = Config::parse(DEFAULT_CONFIG, "default.toml").expect("default parses");
        assert_eq!(config, Config::default());
    }

    #[test]
    fn every_commented_key_in_the_default_is_a_real_key() {
        let uncommented: String = DEFAULT_CONFIG
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = ") || r.starts_with('['))
            })
            .map(|l| l.map_or(String::new(), |l| format!("{l}\n")))
            .collect();
        let config = Config::parse(&uncommented, "uncommented").expect("examples parse");
        assert_eq!(config.theme.as_deref(), Some("dark"));
        assert!(!config.keys.is_empty());
    }

    #[test]
    fn values_parse() {
        let text = "notes_dir = \"/srv/notes\"\ncolor_depth = 256\nhyperlinks = \"never\"\n\
                    mouse = true\n[keys.reader]\nscroll_down = [\"j\", \"Ctrl-n\"]\n";
        let c = Config::parse(text, "c.toml").unwrap();
        assert_eq!(c.notes_dir, Some(PathBuf::from("/srv/notes")));
        assert_eq!(c.color_depth, DepthSetting::Fixed(ColorDepth::Ansi256));
        assert_eq!(c.hyperlinks, Hyperlinks::Never);
        assert!(c.mouse);
        assert_eq!(c.keys["reader"]["scroll_down"].keys(), vec!["j", "Ctrl-n"]);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let err =
            Config::parse("theme = \"dark\"\ncolor_depth = \"lots\"\n", "c.toml").unwrap_err();
        assert!(err.starts_with("c.toml:2: color_depth:"), "{err}");
        assert!(err.contains("lots"), "{err}");
        let err = Config::parse("\n\nnotes_folder = \"x\"\n", "c.toml").unwrap_err();
        assert!(
            err.starts_with("c.toml:3:") && err.contains("notes_folder"),
            "{err}"
        );
    }

    #[test]
    fn broken_file_loads_defaults_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "mouse = maybe\n").unwrap();
        let (config, warning) = Config::load(&path);
        assert_eq!(config, Config::default());
        let warning = warning.expect("a warning");
        assert!(
            warning.contains("config.toml:1") && warning.contains("defaults"),
            "{warning}"
        );
        let (_, none) = Config::load(&dir.path().join("missing.toml"));
        assert!(none.is_none());
    }
}
