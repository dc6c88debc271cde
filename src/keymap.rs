//! The one key table: every binding with its scope, action and description. Key handling,
//! the help screen and the status-bar hints all read it, so a remapped key shows up everywhere.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::KeyList;

/// Where a binding applies. A focused scope is asked first, then `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Everywhere, unless a text prompt is open.
    Global,
    /// The note list.
    List,
    /// The reader pane.
    Reader,
    /// A text prompt (the filter); printable keys always go to the text.
    Prompt,
    /// The help screen.
    Help,
    /// The benchmark panel.
    Bench,
    /// The pin-map panel.
    Pins,
    /// The manifest-list panel.
    Manifest,
}

impl Scope {
    /// The scope's name in the config and the help screen.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::List => "list",
            Scope::Reader => "reader",
            Scope::Prompt => "prompt",
            Scope::Help => "help",
            Scope::Bench => "bench",
            Scope::Pins => "pins",
            Scope::Manifest => "manifest",
        }
    }

    /// Every scope, in help-screen order.
    pub const ALL: [Scope; 8] = [
        Scope::Global,
        Scope::List,
        Scope::Reader,
        Scope::Bench,
        Scope::Pins,
        Scope::Manifest,
        Scope::Prompt,
        Scope::Help,
    ];
}

/// What a key does. Which pane acts on it depends on the binding's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// End the app.
    Quit,
    /// Show or hide the help screen.
    Help,
    /// Switch to the tab with this number (1 is Notes).
    Tab(u8),
    /// Use the next theme.
    CycleTheme,
    /// Capture the mouse, or give it back to the terminal.
    ToggleMouse,
    /// Move focus between the list and the reader.
    SwitchFocus,
    /// Leave the current state: close, clear, cancel or go back.
    Back,
    /// Move down one row.
    Down,
    /// Move up one row.
    Up,
    /// Move down a page.
    PageDown,
    /// Move up a page.
    PageUp,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Scroll code sideways to the left.
    Left,
    /// Scroll code sideways to the right.
    Right,
    /// Open the selected item: a note, or an index entry.
    Open,
    /// Open a search or filter prompt.
    Filter,
    /// Copy something to the clipboard with OSC 52.
    Copy,
    /// Open the panel that fits what the reader shows.
    OpenPanel,
    /// Edit the note in `$EDITOR`.
    Edit,
    /// Read the notes again.
    Reload,
    /// Wrap code blocks, or scroll them sideways.
    ToggleWrap,
    /// Show the note's source, or its rendering.
    ToggleSource,
    /// Accept a prompt's text.
    Accept,
    /// Drop a prompt.
    Cancel,
    /// Delete the character before the cursor in a prompt.
    DeleteBack,
    /// Show the next board.
    NextBoard,
    /// Show the previous board.
    PrevBoard,
    /// Show the board's next wiring.
    NextWiring,
    /// Use the next display panel for the constructor line.
    NextPanel,
    /// Type your own wiring.
    EditWiring,
    /// Type a target platform.
    ChangePlatform,
    /// Switch between containerd's rules and literal matching.
    ToggleRules,
    /// Type a manifest source.
    OpenSource,
    /// Start a benchmark run.
    Start,
    /// Run a variant or not.
    ToggleVariant,
    /// Use the next benchmark input.
    NextInput,
    /// Switch between a quick and a full run.
    ToggleMode,
    /// Save the last run as a baseline.
    SaveBaseline,
    /// Type a file to use as a benchmark input.
    LoadInput,
    /// Say whether your panel module has level shifters (they hold lines high at reset).
    ToggleShifted,
}

/// A key with its modifiers, as a binding holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is part of the character for printable keys).
    pub modifiers: KeyModifiers,
}

impl Key {
    /// The binding form of a terminal key event.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        let code = match (event.code, modifiers.contains(KeyModifiers::CONTROL)) {
            (KeyCode::Char(c), true) => KeyCode::Char(c.to_ascii_lowercase()),
            (code, _) => code,
        };
        Key { code, modifiers }
    }

    /// Parses `j`, `G`, `Ctrl-c`, `Alt-x`, `Enter`, `PageDown`, `F5`, `Space`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, modifier) = if lower.starts_with("ctrl-") {
                (5, KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                (4, KeyModifiers::ALT)
            } else if lower.starts_with("shift-") && rest.len() > 7 {
                (6, KeyModifiers::SHIFT)
            } else {
                break;
            };
            modifiers |= modifier;
            rest = &rest[prefix..];
        }
        let code = parse_code(rest).ok_or_else(|| format!("unknown key \"{text}\""))?;
        let code = match (code, modifiers.contains(KeyModifiers::CONTROL)) {
            (KeyCode::Char(c), true) => KeyCode::Char(c.to_ascii_lowercase()),
            (code, _) => code,
        };
        Ok(Key { code, modifiers })
    }
}

fn parse_code(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let code = match text.to_ascii_lowercase().as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "delete" | "del" => KeyCode::Delete,
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
        }
        _ => return None,
    };
    Some(code)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("BackTab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One binding: what a set of keys does in a scope, and how help describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// What it does.
    pub action: Action,
    /// The action's name in the config.
    pub name: &'static str,
    /// The keys.
    pub keys: Vec<Key>,
    /// One line for the help screen.
    pub description: &'static str,
    /// Shown in the status bar's hints.
    pub hint: bool,
}

type Row = (
    Scope,
    Action,
    &'static str,
    &'static [&'static str],
    &'static str,
    bool,
);

#[rustfmt::skip]
const DEFAULTS: &[Row] = &[
    (Scope::Global, Action::Help, "help", &["?"], "show or hide this help", true),
    (Scope::Global, Action::Quit, "quit", &["q", "Ctrl-c"], "quit", true),
    (Scope::Global, Action::Tab(1), "tab_1", &["1"], "the Notes tab", false),
    (Scope::Global, Action::Tab(2), "tab_2", &["2"], "the Bench tab", false),
    (Scope::Global, Action::Tab(3), "tab_3", &["3"], "the Pins tab", false),
    (Scope::Global, Action::Tab(4), "tab_4", &["4"], "the Manifest tab", false),
    (Scope::Global, Action::CycleTheme, "cycle_theme", &["t"], "next theme", false),
    (Scope::Global, Action::ToggleMouse, "toggle_mouse", &["m"], "capture the mouse (wheel, clicks) or give it back to the terminal", false),
    (Scope::Global, Action::SwitchFocus, "switch_focus", &["Tab"], "move focus between list and reader", true),
    (Scope::List, Action::Down, "down", &["j", "Down"], "next note", false),
    (Scope::List, Action::Up, "up", &["k", "Up"], "previous note", false),
    (Scope::List, Action::Top, "top", &["g", "Home"], "first note", false),
    (Scope::List, Action::Bottom, "bottom", &["G", "End"], "last note", false),
    (Scope::List, Action::PageDown, "page_down", &["PageDown", "Ctrl-d"], "a page down", false),
    (Scope::List, Action::PageUp, "page_up", &["PageUp", "Ctrl-u"], "a page up", false),
    (Scope::List, Action::Open, "open", &["Enter", "l", "Right"], "read the note", true),
    (Scope::List, Action::Filter, "filter", &["/"], "filter notes (fuzzy: title, tags, path)", true),
    (Scope::List, Action::Back, "clear_filter", &["Esc"], "clear the filter", false),
    (Scope::Reader, Action::Down, "scroll_down", &["j", "Down"], "scroll down a line", false),
    (Scope::Reader, Action::Up, "scroll_up", &["k", "Up"], "scroll up a line", false),
    (Scope::Reader, Action::PageDown, "page_down", &["PageDown", "Space", "Ctrl-d"], "a page down", true),
    (Scope::Reader, Action::PageUp, "page_up", &["PageUp", "Ctrl-u"], "a page up", false),
    (Scope::Reader, Action::Top, "top", &["g", "Home"], "top of the note", false),
    (Scope::Reader, Action::Bottom, "bottom", &["G", "End"], "end of the note", false),
    (Scope::Reader, Action::Left, "scroll_left", &["h", "Left"], "scroll code blocks left", false),
    (Scope::Reader, Action::Right, "scroll_right", &["l", "Right"], "scroll code blocks right", false),
    (Scope::Reader, Action::ToggleWrap, "toggle_wrap", &["w"], "wrap code blocks or scroll them sideways", false),
    (Scope::Reader, Action::ToggleSource, "toggle_source", &["s"], "show the note's source or its rendering", false),
    (Scope::Reader, Action::Copy, "copy_code", &["y"], "copy the code block in view (OSC 52, works over SSH)", true),
    (Scope::Reader, Action::OpenPanel, "open_panel", &["o"], "open the panel for what is in view (board, http, manifest)", true),
    (Scope::Reader, Action::Edit, "edit", &["e"], "edit the note in $EDITOR", false),
    (Scope::Reader, Action::Reload, "reload", &["r"], "reload notes from disk", false),
    (Scope::Reader, Action::Back, "back", &["Esc"], "back to the list", true),
    (Scope::Reader, Action::Filter, "filter", &["/"], "back to the list and filter it", false),
    (Scope::Bench, Action::Start, "start", &["Enter"], "start the benchmark", true),
    (Scope::Bench, Action::Back, "cancel", &["Esc"], "cancel the run", true),
    (Scope::Bench, Action::Down, "next_variant", &["j", "Down"], "next variant", false),
    (Scope::Bench, Action::Up, "previous_variant", &["k", "Up"], "previous variant", false),
    (Scope::Bench, Action::ToggleVariant, "toggle_variant", &["Space", "x"], "run this variant or not", true),
    (Scope::Bench, Action::NextInput, "next_input", &["i"], "next input (curl, browser, cookies, a note's)", true),
    (Scope::Bench, Action::LoadInput, "load_input", &["l"], "use a file of your own as the input", false),
    (Scope::Bench, Action::ToggleMode, "toggle_mode", &["f"], "quick or full run", false),
    (Scope::Bench, Action::SaveBaseline, "save_baseline", &["S"], "save the run as this input's baseline", false),
    (Scope::Pins, Action::Down, "next_pin", &["j", "Down"], "next pin", false),
    (Scope::Pins, Action::Up, "previous_pin", &["k", "Up"], "previous pin", false),
    (Scope::Pins, Action::NextBoard, "next_board", &["b"], "next board", true),
    (Scope::Pins, Action::PrevBoard, "previous_board", &["B"], "previous board", false),
    (Scope::Pins, Action::NextWiring, "next_wiring", &["w"], "next wiring (board revision)", true),
    (Scope::Pins, Action::NextPanel, "next_panel", &["p"], "next display panel for the constructor line", true),
    (Scope::Pins, Action::Filter, "find_pin", &["/"], "find a pin by any name (D4, GPIO2, BCM17, P11)", true),
    (Scope::Pins, Action::EditWiring, "edit_wiring", &["a"], "check your own wiring (BUSY=5,RST=2,...)", true),
    (Scope::Pins, Action::ToggleShifted, "toggle_level_shifters", &["L"], "your panel module has level shifters, or not", false),
    (Scope::Pins, Action::Back, "drop_wiring", &["Esc"], "drop your wiring, back to the board's", false),
    (Scope::Pins, Action::Copy, "copy_constructor", &["y"], "copy the constructor line (OSC 52)", false),
    (Scope::Manifest, Action::Down, "next_entry", &["j", "Down"], "next entry", false),
    (Scope::Manifest, Action::Up, "previous_entry", &["k", "Up"], "previous entry", false),
    (Scope::Manifest, Action::Open, "drill", &["Enter"], "drill into the entry: layers, size, config", true),
    (Scope::Manifest, Action::Back, "back", &["Esc"], "close the drilled entry, or cancel a running load", false),
    (Scope::Manifest, Action::ChangePlatform, "target_platform", &["p"], "change the target platform (empty: this host)", true),
    (Scope::Manifest, Action::ToggleRules, "toggle_rules", &["r"], "containerd rules or literal matching (crane, oras)", true),
    (Scope::Manifest, Action::OpenSource, "open_source", &["s"], "open a source: file, oci:DIR[:TAG] or registry reference", true),
    (Scope::Manifest, Action::Copy, "copy_digest", &["y"], "copy the entry's digest (OSC 52)", false),
    (Scope::Prompt, Action::Accept, "accept", &["Enter"], "keep the filter", false),
    (Scope::Prompt, Action::Cancel, "cancel", &["Esc"], "drop the filter", false),
    (Scope::Prompt, Action::DeleteBack, "delete_back", &["Backspace"], "delete a character", false),
    (Scope::Help, Action::Down, "down", &["j", "Down"], "scroll help down", false),
    (Scope::Help, Action::Up, "up", &["k", "Up"], "scroll help up", false),
    (Scope::Help, Action::PageDown, "page_down", &["PageDown", "Space"], "a page down", false),
    (Scope::Help, Action::PageUp, "page_up", &["PageUp"], "a page up", false),
    (Scope::Help, Action::Top, "top", &["g", "Home"], "top of the help", false),
    (Scope::Help, Action::Back, "close", &["Esc"], "close help", false),
];

/// The key table in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl KeyMap {
    /// The built-in bindings.
    pub fn defaults() -> KeyMap {
        let bindings = DEFAULTS
            .iter()
            .map(|&(scope, action, name, keys, description, hint)| Binding {
                scope,
                action,
                name,
                keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                description,
                hint,
            })
            .collect();
        KeyMap { bindings }
    }

    /// Applies the config's remaps. Unknown scopes, actions or keys, and keys that end up bound
    /// twice in one scope, are errors; the table is then left as it was.
    pub fn remap(
        &mut self,
        remaps: &BTreeMap<String, BTreeMap<String, KeyList>>,
    ) -> Result<(), Vec<String>> {
        let mut next = self.clone();
        let mut errors = Vec::new();
        for (scope, actions) in remaps {
            for (name, keys) in actions {
                let found = next
                    .bindings
                    .iter_mut()
                    .find(|b| b.scope.name() == scope && b.name == name);
                let Some(binding) = found else {
                    errors.push(format!(
                        "keys.{scope}.{name}: no such action in scope \"{scope}\""
                    ));
                    continue;
                };
                match keys
                    .keys()
                    .into_iter()
                    .map(Key::parse)
                    .collect::<Result<Vec<_>, _>>()
                {
                    Ok(parsed) => binding.keys = parsed,
                    Err(e) => errors.push(format!("keys.{scope}.{name}: {e}")),
                }
            }
        }
        errors.extend(next.conflicts());
        if errors.is_empty() {
            *self = next;
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Keys bound to two actions in one scope.
    pub fn conflicts(&self) -> Vec<String> {
        let mut seen: BTreeMap<(Scope, String), &str> = BTreeMap::new();
        let mut out = Vec::new();
        for b in &self.bindings {
            for key in &b.keys {
                if let Some(other) = seen.insert((b.scope, key.to_string()), b.name)
                    && other != b.name
                {
                    out.push(format!(
                        "key {key} is bound to both {other} and {} in scope {}",
                        b.name,
                        b.scope.name()
                    ));
                }
            }
        }
        out.extend(self.shadowed_globals(&seen));
        out
    }

    /// Keys of a pane's scope that would hide a global binding (the pane is asked first). The
    /// help screen and prompts are left out: they take keys by design.
    fn shadowed_globals(&self, seen: &BTreeMap<(Scope, String), &str>) -> Vec<String> {
        let globals: Vec<(&String, &&str)> = seen
            .iter()
            .filter(|((scope, _), _)| *scope == Scope::Global)
            .map(|((_, key), name)| (key, name))
            .collect();
        let mut out = Vec::new();
        for ((scope, key), name) in seen {
            if matches!(scope, Scope::Global | Scope::Help | Scope::Prompt) {
                continue;
            }
            if let Some((_, global)) = globals.iter().find(|(k, _)| *k == key) {
                out.push(format!(
                    "key {key} of {name} in scope {} hides the global {global}",
                    scope.name()
                ));
            }
        }
        out
    }

    /// The action `event` triggers in `scope`, if any.
    pub fn action(&self, scope: Scope, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The first key of `action` in `scope`, for hints (`?` for help).
    pub fn key_for(&self, scope: Scope, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// Status-bar hints for a scope: `key description` pairs of its hinted bindings.
    pub fn hints(&self, scope: Scope) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.hint && (b.scope == scope || b.scope == Scope::Global))
            // Focus moves between the list and the reader only.
            .filter(|b| {
                b.action != Action::SwitchFocus || matches!(scope, Scope::List | Scope::Reader)
            })
            .filter_map(|b| b.keys.first().map(|k| (k.to_string(), b.name)))
            .collect()
    }
}

#[cfg(test)]
mod tests;
