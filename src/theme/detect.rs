//! Deciding the colour depth and hyperlink support once, at start.
//!
//! Order of precedence: `--color never` (or `NO_COLOR`, or output that is not a terminal,
//! unless `--color always`) turns colour off; otherwise `--color-depth` or
//! `NOTEBENCH_COLOR_DEPTH`, then the config's `color_depth`, then detection. Detection only
//! reads environment variables: it never queries the terminal, so it cannot stall.

use super::ColorDepth;
use crate::config::{DepthSetting, Hyperlinks};

/// When to colour output (`--color`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

/// Reads one environment variable; a parameter so tests need not touch the real environment.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The real environment.
pub fn real_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Decides the colour depth.
pub fn decide(
    choice: ColorChoice,
    is_tty: bool,
    flag: Option<ColorDepth>,
    config: DepthSetting,
    env: Env<'_>,
) -> ColorDepth {
    let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Never => return ColorDepth::None,
        ColorChoice::Auto if !is_tty || no_color => return ColorDepth::None,
        _ => {}
    }
    if let Some(depth) = flag {
        return depth;
    }
    if let DepthSetting::Fixed(depth) = config {
        return depth;
    }
    let detected = detect(env);
    if choice == ColorChoice::Always && detected == ColorDepth::None {
        ColorDepth::Ansi16
    } else {
        detected
    }
}

/// Detects the depth from `COLORTERM` and `TERM`.
pub fn detect(env: Env<'_>) -> ColorDepth {
    let colorterm = env("COLORTERM").unwrap_or_default().to_ascii_lowercase();
    if colorterm == "truecolor" || colorterm == "24bit" {
        return ColorDepth::TrueColor;
    }
    let term = env("TERM").unwrap_or_default().to_ascii_lowercase();
    if term == "dumb" {
        return ColorDepth::None;
    }
    let sixteen = [
        "linux", "vt100", "vt102", "vt220", "ansi", "cons25", "console", "cygwin",
    ];
    if sixteen.contains(&term.as_str()) || term.ends_with("-16color") {
        ColorDepth::Ansi16
    } else {
        ColorDepth::Ansi256
    }
}

/// Whether to emit OSC 8 hyperlinks: `auto` trusts a list of terminals known to show them.
pub fn hyperlinks(setting: Hyperlinks, is_tty: bool, env: Env<'_>) -> bool {
    match setting {
        Hyperlinks::Never => false,
        Hyperlinks::Always => true,
        Hyperlinks::Auto if !is_tty => false,
        Hyperlinks::Auto => {
            let program = env("TERM_PROGRAM").unwrap_or_default();
            let term = env("TERM").unwrap_or_default();
            let vte = env("VTE_VERSION")
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(0);
            ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper"].contains(&program.as_str())
                || ["kitty", "foot", "wezterm", "ghostty", "alacritty"]
                    .iter()
                    .any(|t| term.contains(t))
                || vte >= 5000
                || env("WT_SESSION").is_some()
                || env("KONSOLE_VERSION").is_some()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn detection_from_colorterm_and_term() {
        assert_eq!(
            detect(&env_of(&[("COLORTERM", "truecolor"), ("TERM", "xterm")])),
            ColorDepth::TrueColor
        );
        assert_eq!(
            detect(&env_of(&[("COLORTERM", "24bit")])),
            ColorDepth::TrueColor
        );
        assert_eq!(
            detect(&env_of(&[("TERM", "xterm-256color")])),
            ColorDepth::Ansi256
        );
        assert_eq!(detect(&env_of(&[("TERM", "xterm")])), ColorDepth::Ansi256);
        assert_eq!(detect(&env_of(&[("TERM", "linux")])), ColorDepth::Ansi16);
        assert_eq!(detect(&env_of(&[("TERM", "vt100")])), ColorDepth::Ansi16);
        assert_eq!(detect(&env_of(&[("TERM", "dumb")])), ColorDepth::None);
    }

    #[test]
    fn precedence_flag_then_config_then_detection() {
        let env = env_of(&[("COLORTERM", "truecolor")]);
        let fixed = DepthSetting::Fixed(ColorDepth::Ansi256);
        let d = |flag, config| decide(ColorChoice::Auto, true, flag, config, &env);
        assert_eq!(d(Some(ColorDepth::Ansi16), fixed), ColorDepth::Ansi16);
        assert_eq!(d(None, fixed), ColorDepth::Ansi256);
        assert_eq!(d(None, DepthSetting::Auto), ColorDepth::TrueColor);
    }

    #[test]
    fn no_color_never_and_pipes_turn_colour_off() {
        let no_color = env_of(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")]);
        let flag = Some(ColorDepth::TrueColor);
        assert_eq!(
            decide(ColorChoice::Auto, true, flag, DepthSetting::Auto, &no_color),
            ColorDepth::None
        );
        assert_eq!(
            decide(
                ColorChoice::Always,
                false,
                flag,
                DepthSetting::Auto,
                &no_color
            ),
            ColorDepth::TrueColor
        );
        let plain = env_of(&[("TERM", "xterm-256color")]);
        assert_eq!(
            decide(ColorChoice::Auto, false, None, DepthSetting::Auto, &plain),
            ColorDepth::None
        );
        assert_eq!(
            decide(ColorChoice::Never, true, flag, DepthSetting::Auto, &plain),
            ColorDepth::None
        );
        assert_eq!(
            decide(ColorChoice::Always, false, None, DepthSetting::Auto, &plain),
            ColorDepth::Ansi256
        );
    }

    #[test]
    fn hyperlinks_auto_trusts_known_terminals_only() {
        let kitty = env_of(&[("TERM", "xterm-kitty")]);
        let linux = env_of(&[("TERM", "linux")]);
        assert!(hyperlinks(Hyperlinks::Auto, true, &kitty));
        assert!(!hyperlinks(Hyperlinks::Auto, false, &kitty));
        assert!(!hyperlinks(Hyperlinks::Auto, true, &linux));
        assert!(hyperlinks(Hyperlinks::Always, false, &linux));
        assert!(!hyperlinks(Hyperlinks::Never, true, &kitty));
    }
}
