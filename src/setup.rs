//! What every command needs before it starts: folders, config, themes and colour decisions.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::config::Config;
use crate::paths::Paths;
use crate::theme::detect::{self, ColorChoice};
use crate::theme::{self, ColorDepth, Theme};

/// The global command-line flags.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GlobalArgs {
    /// When to use colours.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Colour depth: none, 16, 256 or truecolor (beats detection and the config).
    #[arg(long, global = true, env = "NOTEBENCH_COLOR_DEPTH", value_parser = parse_depth)]
    pub color_depth: Option<ColorDepth>,
    /// Theme name (dark, light, ansi16, or one of yours).
    #[arg(long, global = true)]
    pub theme: Option<String>,
    /// Config file to use instead of config.toml in the config folder.
    #[arg(
        long = "config",
        id = "config_file",
        global = true,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,
}

fn parse_depth(s: &str) -> Result<ColorDepth, String> {
    s.parse()
}

/// Everything resolved at start.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Folders and the config file.
    pub paths: Paths,
    /// The config, or the defaults when it was broken.
    pub config: Config,
    /// Problems to show: a broken config, broken themes, an unknown theme name.
    pub warnings: Vec<String>,
    /// Every theme, bundled and the user's.
    pub themes: Vec<Theme>,
    /// Index of the theme in use.
    pub theme: usize,
    /// The global flags as given.
    pub args: GlobalArgs,
}

impl Setup {
    /// Resolves folders, loads the config and the themes, picks the theme.
    pub fn new(args: &GlobalArgs) -> Setup {
        let paths = Paths::resolve(args.config.as_deref());
        let (config, mut config_warning) = Config::load(&paths.config_file);
        if args.config.is_some() && !paths.config_file.exists() && config_warning.is_none() {
            let file = paths.config_file.display();
            config_warning = Some(format!("{file}: no such file (running on defaults)"));
        }
        let (themes, mut warnings) = theme::load_all(&paths.themes_dir());
        warnings.extend(config_warning);
        let wanted = args.theme.clone().or_else(|| config.theme.clone());
        // With 16 colours the truecolour themes lose most of their shades; the 16-colour theme
        // is made for that, so it is the default there.
        let depth = detect::decide(
            args.color,
            true,
            args.color_depth,
            config.color_depth,
            &detect::real_env,
        );
        let fallback = if depth == ColorDepth::Ansi16 {
            "ansi16"
        } else {
            theme::DEFAULT_THEME
        };
        let wanted = wanted.unwrap_or_else(|| fallback.to_string());
        let theme = match themes.iter().position(|t| t.name == wanted) {
            Some(i) => i,
            None => {
                let names: Vec<_> = themes.iter().map(|t| t.name.as_str()).collect();
                warnings.push(format!(
                    "no theme named \"{wanted}\" (have: {})",
                    names.join(", ")
                ));
                themes
                    .iter()
                    .position(|t| t.name == theme::DEFAULT_THEME)
                    .unwrap_or(0)
            }
        };
        Setup {
            paths,
            config,
            warnings,
            themes,
            theme,
            args: args.clone(),
        }
    }

    /// The theme in use.
    pub fn theme(&self) -> &Theme {
        &self.themes[self.theme]
    }

    /// The colour depth for output that goes to stdout.
    pub fn stdout_depth(&self) -> ColorDepth {
        self.depth(std::io::stdout().is_terminal())
    }

    /// The colour depth for output to a terminal (`is_tty`) or not.
    pub fn depth(&self, is_tty: bool) -> ColorDepth {
        detect::decide(
            self.args.color,
            is_tty,
            self.args.color_depth,
            self.config.color_depth,
            &detect::real_env,
        )
    }

    /// Whether to emit OSC 8 hyperlinks on stdout.
    pub fn hyperlinks(&self) -> bool {
        let tty = std::io::stdout().is_terminal();
        detect::hyperlinks(self.config.hyperlinks, tty, &detect::real_env)
    }
}
