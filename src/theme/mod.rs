//! Themes: semantic colour slots loaded from TOML, plus the code highlighting theme.
//!
//! Views never hold colour literals: they ask the theme for a slot (heading, link, selection)
//! and the slot's colour goes through the colour depth decided at start.

pub mod color;
pub mod detect;
mod paint;

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;

pub use color::{Color, ColorDepth};

static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// The theme used when nothing else is chosen.
pub const DEFAULT_THEME: &str = "dark";

/// Text attributes and colours for one piece of text, before colour-depth mapping.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Paint {
    /// Foreground colour; `None` keeps the terminal's default.
    pub fg: Option<Color>,
    /// Background colour; `None` keeps the terminal's default.
    pub bg: Option<Color>,
    /// Bold text.
    pub bold: bool,
    /// Italic text.
    pub italic: bool,
    /// Underlined text.
    pub underline: bool,
    /// Dimmed text.
    pub dim: bool,
    /// Struck-through text.
    pub strike: bool,
    /// Reversed colours; used for the selection when no colour is available.
    pub reverse: bool,
}

/// The semantic colour slots of a theme. Every slot is optional in the file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Slots {
    /// Body text.
    pub text: Option<Color>,
    /// Secondary text: dates, link targets, hints.
    pub muted: Option<Color>,
    /// First-level headings.
    pub heading1: Option<Color>,
    /// Second-level headings.
    pub heading2: Option<Color>,
    /// Third-level and deeper headings.
    pub heading3: Option<Color>,
    /// Link text.
    pub link: Option<Color>,
    /// Background of code blocks.
    pub code_bg: Option<Color>,
    /// Code that no highlighter coloured.
    pub code_fg: Option<Color>,
    /// Inline `code` spans.
    pub inline_code: Option<Color>,
    /// Block quote bars and text.
    pub quote: Option<Color>,
    /// Selected row background.
    pub selection_bg: Option<Color>,
    /// Selected row text.
    pub selection_fg: Option<Color>,
    /// Pane borders.
    pub border: Option<Color>,
    /// The focused pane's border.
    pub border_focus: Option<Color>,
    /// Warnings.
    pub warning: Option<Color>,
    /// Errors.
    pub error: Option<Color>,
    /// Accents: tags, active tab, list bullets.
    pub accent: Option<Color>,
    /// Status bar background.
    pub status_bg: Option<Color>,
    /// Status bar text.
    pub status_fg: Option<Color>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: Option<String>,
    #[serde(default)]
    description: String,
    code_theme: String,
    #[serde(default)]
    colors: Slots,
}

/// A loaded theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The name used by `--theme`, the config and the `t` key.
    pub name: String,
    /// One line saying what the theme is for.
    pub description: String,
    /// The colour slots.
    pub slots: Slots,
    /// The code highlighting theme: a built-in name or a `.tmTheme` path.
    pub code_theme: CodeTheme,
}

/// Where a theme's code colours come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CodeTheme {
    /// A theme built into the highlighter, by name.
    Builtin(String),
    /// A `.tmTheme` file beside the theme file.
    File(PathBuf),
}

impl CodeTheme {
    /// A short name for cache keys and messages.
    pub fn label(&self) -> String {
        match self {
            CodeTheme::Builtin(name) => name.clone(),
            CodeTheme::File(path) => path.display().to_string(),
        }
    }
}

/// Parses one theme file. `origin` names the file in errors; `dir` is where a `.tmTheme` it
/// names would live.
pub fn parse_theme(
    text: &str,
    origin: &str,
    stem: &str,
    dir: Option<&Path>,
) -> Result<Theme, String> {
    let file: ThemeFile =
        toml::from_str(text).map_err(|e| crate::config::toml_error(origin, text, &e))?;
    let code_theme = if file.code_theme.ends_with(".tmTheme") {
        match dir {
            Some(dir) => CodeTheme::File(dir.join(&file.code_theme)),
            None => {
                return Err(format!(
                    "{origin}: code_theme: a bundled theme cannot name a file"
                ));
            }
        }
    } else {
        CodeTheme::Builtin(file.code_theme)
    };
    Ok(Theme {
        name: file.name.unwrap_or_else(|| stem.to_string()),
        description: file.description,
        slots: file.colors,
        code_theme,
    })
}

/// Loads the bundled themes, then the user's `*.toml` themes from `user_dir` (a user theme
/// with a bundled theme's name replaces it). Broken files are skipped with a warning each.
pub fn load_all(user_dir: &Path) -> (Vec<Theme>, Vec<String>) {
    let mut themes = Vec::new();
    let mut warnings = Vec::new();
    let mut bundled: Vec<_> = BUNDLED.files().filter(|f| is_toml(f.path())).collect();
    bundled.sort_by_key(|f| f.path());
    for file in bundled {
        let stem = file_stem(file.path());
        let origin = format!("themes/{}", file.path().display());
        let text = file.contents_utf8().unwrap_or_default();
        match parse_theme(text, &origin, &stem, None) {
            Ok(theme) => themes.push(theme),
            Err(e) => warnings.push(e),
        }
    }
    for path in user_theme_files(user_dir) {
        let origin = path.display().to_string();
        let loaded = crate::paths::read_limited(&path, crate::paths::SMALL_FILE_LIMIT)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .map_err(|e| format!("{origin}: {e}"))
            .and_then(|text| parse_theme(&text, &origin, &file_stem(&path), path.parent()));
        match loaded {
            Ok(theme) => match themes.iter_mut().find(|t| t.name == theme.name) {
                Some(slot) => *slot = theme,
                None => themes.push(theme),
            },
            Err(e) => warnings.push(e),
        }
    }
    (themes, warnings)
}

fn user_theme_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_toml(p))
        .collect();
    files.sort();
    files
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_theme_loads() {
        let (themes, warnings) = load_all(Path::new("/nonexistent"));
        assert!(warnings.is_empty(), "{warnings:?}");
        let names: Vec<_> = themes.iter().map(|t| t.name.as_str()).collect();
        for wanted in ["dark", "light", "ansi16"] {
            assert!(names.contains(&wanted), "missing {wanted} in {names:?}");
        }
        for theme in &themes {
            assert!(
                theme.slots.text.is_some() || theme.name == "ansi16",
                "{}",
                theme.name
            );
            assert!(theme.slots.heading1.is_some(), "{}", theme.name);
        }
    }

    #[test]
    fn sixteen_colour_theme_uses_only_ansi_colours() {
        let (themes, _) = load_all(Path::new("/nonexistent"));
        let theme = themes
            .iter()
            .find(|t| t.name == "ansi16")
            .expect("ansi16 ships");
        let s = &theme.slots;
        let all = [
            s.text,
            s.muted,
            s.heading1,
            s.heading2,
            s.heading3,
            s.link,
            s.code_bg,
            s.code_fg,
            s.inline_code,
            s.quote,
            s.selection_bg,
            s.selection_fg,
            s.border,
            s.border_focus,
            s.warning,
            s.error,
            s.accent,
            s.status_bg,
            s.status_fg,
        ];
        assert!(all.iter().flatten().all(|c| matches!(c, Color::Ansi(_))));
    }

    #[test]
    fn bad_theme_names_file_line_and_key() {
        let text = "code_theme = \"x\"\n[colors]\ntext = \"#zzzzzz\"\n";
        let err = parse_theme(text, "mine.toml", "mine", None).unwrap_err();
        assert!(err.starts_with("mine.toml:3:"), "{err}");
        assert!(err.contains("#zzzzzz"), "{err}");
        let unknown = "code_theme = \"x\"\n[colors]\nheadline = \"red\"\n";
        let err = parse_theme(unknown, "mine.toml", "mine", None).unwrap_err();
        assert!(
            err.contains("mine.toml:3") && err.contains("headline"),
            "{err}"
        );
    }

    #[test]
    fn user_theme_replaces_bundled_one_and_finds_its_tmtheme() {
        let dir = tempfile::tempdir().unwrap();
        let file = "name = \"dark\"\ncode_theme = \"mine.tmTheme\"\n[colors]\ntext = \"red\"\n";
        std::fs::write(dir.path().join("dark.toml"), file).unwrap();
        std::fs::write(dir.path().join("broken.toml"), "code_theme = 3").unwrap();
        let (themes, warnings) = load_all(dir.path());
        let dark = themes.iter().find(|t| t.name == "dark").unwrap();
        assert_eq!(dark.slots.text, Some(Color::Ansi(1)));
        assert_eq!(
            dark.code_theme,
            CodeTheme::File(dir.path().join("mine.tmTheme"))
        );
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("broken.toml:1"), "{warnings:?}");
    }
}
