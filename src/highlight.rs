//! Syntax highlighting of code blocks with syntect and the extended syntax set of `two-face`
//! (which adds TOML, Dockerfile and many more to syntect's defaults).
//!
//! Loading the syntax set costs tens of milliseconds, so the TUI starts it on a background
//! thread ([`preload`]) and highlights off the UI thread; results are plain data
//! ([`crate::render::Highlighted`]) that the renderer lays out at any width.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme};
use syntect::parsing::{SyntaxReference, SyntaxSet};

use crate::render::{CodeBlock, Highlighted, Role, Style};
use crate::theme::{CodeTheme, Color};

static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
static THEMES: OnceLock<Mutex<HashMap<CodeTheme, Arc<Theme>>>> = OnceLock::new();

/// The syntax set, loaded on first use.
pub fn syntaxes() -> &'static SyntaxSet {
    SYNTAXES.get_or_init(two_face::syntax::extra_newlines)
}

/// Starts loading the syntax set on a background thread so the first highlight is quick.
pub fn preload() {
    std::thread::Builder::new()
        .name("syntax-preload".into())
        .spawn(|| {
            syntaxes();
        })
        .ok();
}

/// Finds the syntax for a fence's language word, with common aliases. `None` means plain.
pub fn find_syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let lang = lang.trim().to_ascii_lowercase();
    let by_name = |name: &str| set.find_syntax_by_name(name);
    let by_token = |token: &str| set.find_syntax_by_token(token);
    match lang.as_str() {
        "" | "text" | "plain" | "txt" => None,
        "go" | "golang" => by_token("go"),
        "c++" | "cpp" | "cxx" | "cc" | "hpp" | "arduino" | "ino" => by_name("C++"),
        "yaml" | "yml" => by_name("YAML"),
        "sh" | "bash" | "shell" | "zsh" | "console" | "shell-session" => {
            by_name("Bourne Again Shell (bash)")
        }
        "dockerfile" | "docker" | "containerfile" => by_name("Dockerfile"),
        "json" | "jsonc" => by_name("JSON"),
        "toml" => by_name("TOML"),
        "objc" | "objective-c" | "objectivec" | "obj-c" => by_name("Objective-C"),
        "rust" | "rs" => by_name("Rust"),
        "python" | "py" | "python3" => by_name("Python"),
        "http" => by_name("HTTP Request and Response").or_else(|| by_token("http")),
        other => by_token(other).or_else(|| set.find_syntax_by_name(other)),
    }
}

/// Loads a code theme: a built-in name, or a `.tmTheme` file. Cached.
pub fn code_theme(which: &CodeTheme) -> Result<Arc<Theme>, String> {
    let cache = THEMES.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(theme) = cache.lock().ok().and_then(|c| c.get(which).cloned()) {
        return Ok(theme);
    }
    let theme = match which {
        CodeTheme::Builtin(name) => builtin_theme(name)
            .ok_or_else(|| format!("code_theme: no built-in highlighting theme \"{name}\""))?,
        CodeTheme::File(path) => {
            let bytes = crate::paths::read_limited(path, 4 << 20)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            syntect::highlighting::ThemeSet::load_from_reader(&mut std::io::Cursor::new(bytes))
                .map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    let theme = Arc::new(theme);
    if let Ok(mut c) = cache.lock() {
        c.insert(which.clone(), theme.clone());
    }
    Ok(theme)
}

fn builtin_theme(name: &str) -> Option<Theme> {
    let set = two_face::theme::extra();
    two_face::theme::EmbeddedLazyThemeSet::theme_names()
        .iter()
        .find(|n| n.as_name().eq_ignore_ascii_case(name))
        .map(|n| set.get(*n).clone())
}

/// Highlights one code block; `None` when its language is unknown (it renders plain).
pub fn highlight(block: &CodeBlock, theme: &Theme) -> Option<Highlighted> {
    let syntax = find_syntax(&block.lang)?;
    let mut lines = HighlightLines::new(syntax, theme);
    let mut out = Vec::new();
    for line in syntect::util::LinesWithEndings::from(&block.text) {
        let pieces = lines.highlight_line(line, syntaxes()).ok()?;
        let row = pieces
            .into_iter()
            .map(|(style, text)| (convert(style), text.trim_end_matches('\n').to_string()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        out.push(row);
    }
    Some(out)
}

/// Highlights every block, in order.
pub fn highlight_all(blocks: &[CodeBlock], theme: &Theme) -> Vec<Option<Arc<Highlighted>>> {
    blocks
        .iter()
        .map(|b| highlight(b, theme).map(Arc::new))
        .collect()
}

/// Converts a syntect style. Themes made for the terminal's own palette (`ansi`) store a
/// palette index in the red channel with alpha 0, and "the default colour" with alpha 1.
fn convert(style: syntect::highlighting::Style) -> Style {
    let c = style.foreground;
    let fg = match c.a {
        0 => Some(Color::Ansi(c.r & 15)),
        1 => None,
        _ => Some(Color::Rgb(c.r, c.g, c.b)),
    };
    Style {
        role: Role::Code,
        fg,
        bold: style.font_style.contains(FontStyle::BOLD),
        italic: style.font_style.contains(FontStyle::ITALIC),
        underline: style.font_style.contains(FontStyle::UNDERLINE),
        strike: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_the_notes_use_finds_a_syntax() {
        let aliases = [
            "go",
            "golang",
            "c++",
            "cpp",
            "yaml",
            "yml",
            "sh",
            "bash",
            "shell",
            "console",
            "dockerfile",
            "json",
            "toml",
            "objc",
            "rust",
            "python",
            "http",
        ];
        for alias in aliases {
            assert!(find_syntax(alias).is_some(), "no syntax for {alias}");
        }
        assert_eq!(find_syntax("toml").map(|s| s.name.as_str()), Some("TOML"));
        assert!(find_syntax("no-such-language").is_none());
        assert!(find_syntax("").is_none());
    }

    #[test]
    fn highlighting_colours_keywords_and_keeps_text() {
        let theme = code_theme(&CodeTheme::Builtin("OneHalfDark".into())).unwrap();
        let block = CodeBlock {
            lang: "go".into(),
            text: "func main() {\n\treturn\n}\n".into(),
            source_line: 0,
        };
        let lines = highlight(&block, &theme).expect("go highlights");
        assert_eq!(lines.len(), 3);
        let text: String = lines[0].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(text, "func main() {");
        let colours: std::collections::HashSet<_> = lines[0].iter().map(|(s, _)| s.fg).collect();
        assert!(colours.len() > 1, "{colours:?}");
    }

    #[test]
    fn ansi_theme_gives_palette_colours() {
        let theme = code_theme(&CodeTheme::Builtin("ansi".into())).unwrap();
        let block = CodeBlock {
            lang: "rust".into(),
            text: "fn main() { let x = 1; }\n".into(),
            source_line: 0,
        };
        let lines = highlight(&block, &theme).unwrap();
        let fgs: Vec<_> = lines[0].iter().filter_map(|(s, _)| s.fg).collect();
        assert!(!fgs.is_empty());
        assert!(fgs.iter().all(|c| matches!(c, Color::Ansi(_))), "{fgs:?}");
    }

    #[test]
    fn every_bundled_theme_names_a_code_theme_that_exists() {
        let (themes, _) = crate::theme::load_all(std::path::Path::new("/nonexistent"));
        for theme in themes {
            assert!(code_theme(&theme.code_theme).is_ok(), "{}", theme.name);
        }
        assert!(code_theme(&CodeTheme::Builtin("nope".into())).is_err());
    }
}
