//! The app's state. It changes only in [`crate::tui::update`]; drawing reads it.

use std::collections::HashMap;
use std::sync::Arc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config as MatchConfig, Matcher, Utf32Str};

use super::reader::Reader;
use crate::keymap::{KeyMap, Scope};
use crate::notes::{NoteMeta, Origin, Source};
use crate::render::Highlighted;
use crate::theme::{ColorDepth, Theme};

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The note list.
    List,
    /// The reader.
    Reader,
}

/// A tab of the app. Only tabs that exist are shown and numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The note list and reader.
    Notes,
    /// The header-parser benchmark runner.
    Bench,
    /// The GPIO pin-map viewer.
    Pins,
    /// The manifest-list inspector.
    Manifest,
}

impl Tab {
    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Notes => "Notes",
            Tab::Bench => "Bench",
            Tab::Pins => "Pins",
            Tab::Manifest => "Manifest",
        }
    }
}

/// How serious a status message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Information.
    Info,
    /// Something went wrong but the app goes on.
    Warning,
}

/// Highlighting already done, by note and code theme.
pub type HighlightCache = HashMap<(Origin, String), Vec<Option<Arc<Highlighted>>>>;

/// The whole state of the TUI.
#[derive(Debug)]
pub struct App {
    /// The key table.
    pub keymap: KeyMap,
    /// Every theme.
    pub themes: Vec<Theme>,
    /// The theme in use.
    pub theme: usize,
    /// The colour depth decided at start.
    pub depth: ColorDepth,
    /// Where the notes come from.
    pub source: Source,
    /// Every note found so far, sorted.
    pub notes: Vec<NoteMeta>,
    /// True while the index is still walking.
    pub indexing: bool,
    /// The filter text.
    pub filter: String,
    /// True while the filter prompt takes keys.
    pub prompt: bool,
    /// Indexes into `notes` that pass the filter, best first.
    pub visible: Vec<usize>,
    /// Position in `visible` of the selected note.
    pub selected: usize,
    /// First position of `visible` shown in the list.
    pub list_offset: usize,
    /// Which pane has focus.
    pub focus: Focus,
    /// The open note.
    pub reader: Option<Reader>,
    /// The help screen, with its scroll position, when open.
    pub help: Option<usize>,
    /// Mouse captured.
    pub mouse: bool,
    /// Wrap code blocks.
    pub wrap_code: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// A message for the status bar until the next key.
    pub status: Option<(String, Level)>,
    /// Warnings collected (config, themes, index), newest last.
    pub warnings: Vec<String>,
    /// Highlighting done so far.
    pub highlight_cache: HighlightCache,
    /// Emit OSC 8 hyperlinks for links in view.
    pub hyperlinks: bool,
    /// The tab shown.
    pub tab: Tab,
    /// The Bench panel.
    pub bench: Option<super::bench::BenchPanel>,
    /// The Pins panel.
    pub pins: Option<super::pins::PinsPanel>,
    /// The Manifest panel.
    pub manifest: Option<super::manifest::ManifestPanel>,
    /// The current note index's generation; messages of older walks are dropped.
    pub index_generation: u64,
    /// A note to select (and where to scroll it) once the index finds it.
    pub resume: Option<Resume>,
    /// Set when the app should end.
    pub quit: bool,
}

/// Where to return to: a note by its shown path, and a scroll position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Resume {
    /// The note's path as the list shows it.
    pub path: String,
    /// The reader's first row.
    pub scroll: usize,
}

impl App {
    /// A new app over `notes` (possibly empty while indexing).
    pub fn new(
        keymap: KeyMap,
        themes: Vec<Theme>,
        theme: usize,
        depth: ColorDepth,
        source: Source,
    ) -> App {
        App {
            keymap,
            themes,
            theme,
            depth,
            source,
            notes: Vec::new(),
            indexing: true,
            filter: String::new(),
            prompt: false,
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            reader: None,
            help: None,
            mouse: false,
            wrap_code: false,
            size: (80, 24),
            status: None,
            warnings: Vec::new(),
            highlight_cache: HashMap::new(),
            hyperlinks: false,
            tab: Tab::Notes,
            bench: None,
            pins: None,
            manifest: None,
            index_generation: 0,
            resume: None,
            quit: false,
        }
    }

    /// The theme in use.
    pub fn theme(&self) -> &Theme {
        &self.themes[self.theme.min(self.themes.len().saturating_sub(1))]
    }

    /// The selected note.
    pub fn selected_note(&self) -> Option<&NoteMeta> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.notes.get(i))
    }

    /// The key bound to `action` in `scope`, as help shows it, for hints in messages; `-` when
    /// a remap left it unbound.
    pub fn key(&self, scope: Scope, action: crate::keymap::Action) -> String {
        self.keymap
            .key_for(scope, action)
            .map_or_else(|| "-".to_string(), |k| k.to_string())
    }

    /// The tabs that exist, in order.
    pub fn tabs(&self) -> Vec<Tab> {
        let mut tabs = vec![Tab::Notes];
        if self.bench.is_some() {
            tabs.push(Tab::Bench);
        }
        if self.pins.is_some() {
            tabs.push(Tab::Pins);
        }
        if self.manifest.is_some() {
            tabs.push(Tab::Manifest);
        }
        tabs
    }

    /// True while a text prompt takes the keys.
    pub fn prompt_open(&self) -> bool {
        match self.tab {
            Tab::Notes => self.prompt,
            Tab::Bench => self.bench.as_ref().is_some_and(|b| b.file_prompt.is_some()),
            Tab::Pins => self.pins.as_ref().is_some_and(|p| p.input.is_some()),
            Tab::Manifest => self.manifest.as_ref().is_some_and(|m| m.input.is_some()),
        }
    }

    /// The scope keys go to first.
    pub fn scope(&self) -> Scope {
        if self.help.is_some() {
            return Scope::Help;
        }
        if self.prompt_open() {
            return Scope::Prompt;
        }
        match (self.tab, self.focus) {
            (Tab::Bench, _) => Scope::Bench,
            (Tab::Pins, _) => Scope::Pins,
            (Tab::Manifest, _) => Scope::Manifest,
            (Tab::Notes, Focus::List) => Scope::List,
            (Tab::Notes, Focus::Reader) => Scope::Reader,
        }
    }

    /// Recomputes `visible` from the filter, keeping the selected note selected when it still
    /// passes.
    pub fn refilter(&mut self) {
        let keep = self.selected_note().map(|n| n.origin.clone());
        self.visible = filter_notes(&self.notes, &self.filter);
        self.selected = keep
            .and_then(|o| self.visible.iter().position(|&i| self.notes[i].origin == o))
            .unwrap_or(0);
    }
}

/// Indexes of the notes matching `query` (fuzzy over title, tags and path), best first; all
/// notes in list order when the query is empty.
pub fn filter_notes(notes: &[NoteMeta], query: &str) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..notes.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(MatchConfig::DEFAULT.match_paths());
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = notes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let hay = format!("{} {} {}", n.title, n.tags.join(" "), n.path);
            pattern
                .score(Utf32Str::new(&hay, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}
