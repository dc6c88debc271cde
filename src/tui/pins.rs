//! The Pins panel's state: a board, its wiring, a display panel, the user's own wiring, and the
//! checks and constructor line derived from them (recomputed whenever an input changes, never
//! while drawing).

use std::path::Path;

use crate::pins::checks::{self, Finding};
use crate::pins::constructor::{Constructor, constructor};
use crate::pins::layout::{Arrangement, arrangement};
use crate::pins::model::{Board, Wiring};
use crate::pins::{Catalog, assign, detect, labels, panels};

/// What a Pins text prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinInput {
    /// Find a pin by any of its names.
    Search,
    /// Type a wiring to check (`BUSY=5,RST=2`).
    Assign,
}

/// The panel's state.
#[derive(Debug, Clone)]
pub struct PinsPanel {
    /// Every board that loaded.
    pub catalog: Catalog,
    /// Index of the board shown.
    pub board: usize,
    /// Index of the board's selected wiring.
    pub wiring: Option<usize>,
    /// Index into [`panels::PANELS`] of the display panel for the constructor line.
    pub panel: Option<usize>,
    /// The user's own wiring, and the text it came from.
    pub user: Option<(Wiring, String)>,
    /// The user's panel module has level shifters, which hold its lines high at reset.
    pub shifted: bool,
    /// Position of the selected pin in [`PinsPanel::order`].
    pub pin: usize,
    /// An open text prompt.
    pub input: Option<(PinInput, String)>,
    /// Why the panel opened on this board.
    pub reason: String,
    /// The checks of the wiring shown.
    pub findings: Vec<Finding>,
    /// The constructor line, or why there is none.
    pub constructor: Option<Result<Constructor, String>>,
    /// How the board's other wirings differ from the selected one, one line each.
    pub revisions: Vec<String>,
    /// Pins whose signal differs between the selected wiring and another one.
    pub revision_pins: Vec<usize>,
    /// How the board's pins are drawn (set when a board opens).
    pub arrangement: Arrangement,
    order: Vec<usize>,
}

impl PinsPanel {
    /// Loads the boards (bundled and the user's) and opens the default board: the detected
    /// Raspberry Pi's header, else the Waveshare ESP8266 driver board.
    pub fn new(config_dir: &Path) -> PinsPanel {
        let catalog = Catalog::load(config_dir);
        let opening = detect::default_opening();
        let mut panel = PinsPanel {
            board: 0,
            wiring: None,
            panel: None,
            user: None,
            shifted: false,
            pin: 0,
            input: None,
            reason: opening.reason,
            findings: Vec::new(),
            constructor: None,
            revisions: Vec::new(),
            revision_pins: Vec::new(),
            arrangement: Arrangement::List { pins: Vec::new() },
            order: Vec::new(),
            catalog,
        };
        let _ = panel.open(&opening.board, Some("2.7"));
        panel
    }

    /// Opens board `id` (and display panel `panel_id` when given).
    pub fn open(&mut self, id: &str, panel_id: Option<&str>) -> Result<(), String> {
        let index = self.catalog.boards().iter().position(|b| b.id == id);
        let index = index.ok_or_else(|| format!("no board \"{id}\""))?;
        self.board = index;
        self.wiring = self.board().wirings.first().map(|_| 0);
        if let Some(pid) = panel_id {
            self.panel = panels::PANELS.iter().position(|p| p.id == pid);
        }
        self.user = None;
        self.pin = 0;
        self.arrangement = arrangement(self.board());
        self.order = match &self.arrangement {
            Arrangement::Header { rows } => rows.iter().flat_map(|&(l, r)| [l, r]).collect(),
            Arrangement::List { pins } => pins.clone(),
        };
        self.recheck();
        Ok(())
    }

    /// The board shown.
    pub fn board(&self) -> &Board {
        &self.catalog.boards()[self.board]
    }

    /// The board's selected wiring.
    pub fn selected_wiring(&self) -> Option<&Wiring> {
        self.wiring.and_then(|i| self.board().wirings.get(i))
    }

    /// The wiring whose signals are drawn: the user's when given, else the selected one.
    pub fn shown_wiring(&self) -> Option<&Wiring> {
        self.user
            .as_ref()
            .map(|(w, _)| w)
            .or_else(|| self.selected_wiring())
    }

    /// Pin indexes in the order the drawing and `j`/`k` walk them.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The selected pin's index in the board's pins.
    pub fn selected_pin(&self) -> Option<usize> {
        self.order().get(self.pin).copied()
    }

    /// Recomputes the checks and the constructor line.
    pub fn recheck(&mut self) {
        let board = self.board();
        let user = self.user.as_ref().map(|(w, _)| w);
        // Level shifters are a property of the module on the board's own wiring too.
        let selected = self.selected_wiring().cloned().map(|mut w| {
            w.level_shifted |= self.shifted;
            w
        });
        let findings = checks::check(board, selected.as_ref(), user);
        let line = match (self.panel.map(|i| &panels::PANELS[i]), self.shown_wiring()) {
            (Some(panel), Some(wiring)) => {
                Some(constructor(board, wiring, panel).map_err(|e| e.to_string()))
            }
            _ => None,
        };
        let (revisions, revision_pins) = self.revision_differences();
        self.findings = findings;
        self.constructor = line;
        self.revisions = revisions;
        self.revision_pins = revision_pins;
    }

    /// The selected wiring against each other wiring of the board: a line per wiring, and the
    /// pins involved.
    fn revision_differences(&self) -> (Vec<String>, Vec<usize>) {
        let board = self.board();
        let Some(selected) = self.selected_wiring() else {
            return (Vec::new(), Vec::new());
        };
        let mut lines = Vec::new();
        let mut pins = Vec::new();
        for (other, diffs) in checks::revision::other_revisions(board, selected) {
            if diffs.is_empty() {
                continue;
            }
            let name = |p: Option<usize>| p.map_or("-".to_string(), |i| board.pin_ref(i));
            let parts: Vec<String> = diffs
                .iter()
                .map(|d| format!("{} {} / {}", d.signal, name(d.yours), name(d.theirs)))
                .collect();
            let here = &selected.id;
            lines.push(format!(
                "* `{here}` and `{}` differ: {}",
                other.id,
                parts.join("; ")
            ));
            pins.extend(diffs.iter().flat_map(|d| [d.yours, d.theirs]).flatten());
        }
        (lines, pins)
    }

    /// Moves to the next (or previous) board.
    pub fn cycle_board(&mut self, forward: bool) {
        let n = self.catalog.boards().len().max(1);
        let next = if forward {
            (self.board + 1) % n
        } else {
            (self.board + n - 1) % n
        };
        let id = self.catalog.boards()[next].id.clone();
        let _ = self.open(&id, None);
        self.reason.clear();
    }

    /// Moves to the board's next wiring.
    pub fn cycle_wiring(&mut self) {
        let n = self.board().wirings.len();
        if n > 0 {
            self.wiring = Some(self.wiring.map_or(0, |w| (w + 1) % n));
            self.recheck();
        }
    }

    /// Moves to the next display panel (none after the last).
    pub fn cycle_panel(&mut self) {
        self.panel = match self.panel {
            None => Some(0),
            Some(i) if i + 1 < panels::PANELS.len() => Some(i + 1),
            Some(_) => None,
        };
        self.recheck();
    }

    /// Moves the pin selection by `delta` within bounds.
    pub fn move_pin(&mut self, delta: isize) {
        let last = self.order().len().saturating_sub(1);
        self.pin = self.pin.saturating_add_signed(delta).min(last);
    }

    /// The text a wiring prompt starts from: the wiring shown, as `SIG=GPIO` pairs.
    pub fn wiring_text(&self) -> String {
        if let Some((_, text)) = &self.user {
            return text.clone();
        }
        let board = self.board();
        let Some(wiring) = self.selected_wiring() else {
            return String::new();
        };
        let pairs: Vec<String> = wiring
            .signals
            .iter()
            .map(|s| {
                format!(
                    "{}={}",
                    s.name,
                    board
                        .gpio_of(s.pin)
                        .map_or(board.pin_ref(s.pin), |g| g.to_string())
                )
            })
            .collect();
        pairs.join(",")
    }

    /// Applies a finished prompt. Returns a message for the status bar.
    pub fn submit(&mut self, kind: PinInput, text: &str) -> Result<String, String> {
        match kind {
            PinInput::Search => {
                let hits = labels::search(self.board(), self.shown_wiring(), text);
                let first = *hits
                    .first()
                    .ok_or_else(|| format!("no pin matches \"{text}\""))?;
                self.pin = self.order().iter().position(|&i| i == first).unwrap_or(0);
                Ok(format!("{} pin(s) match \"{text}\"", hits.len()))
            }
            PinInput::Assign => {
                let wiring = assign::parse(self.board(), &[text], self.shifted)
                    .map_err(|e| e.to_string())?;
                self.user = Some((wiring, text.to_string()));
                self.recheck();
                let errors = self
                    .findings
                    .iter()
                    .filter(|f| f.level == checks::Level::Error)
                    .count();
                Ok(format!(
                    "your wiring: {errors} error(s), {} finding(s)",
                    self.findings.len()
                ))
            }
        }
    }

    /// Switches whether the user's module is level-shifted, and checks the user's wiring again.
    pub fn toggle_shifted(&mut self) -> Result<String, String> {
        self.shifted = !self.shifted;
        if let Some((_, text)) = self.user.clone() {
            self.submit(PinInput::Assign, &text)?;
        }
        if self.user.is_none() {
            self.recheck();
        }
        let state = if self.shifted { "has" } else { "has no" };
        Ok(format!("your panel module {state} level shifters"))
    }

    /// Drops the user's wiring.
    pub fn clear_user(&mut self) {
        self.user = None;
        self.recheck();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel() -> PinsPanel {
        let mut p = PinsPanel::new(Path::new("/nonexistent"));
        p.open("waveshare-esp8266", Some("2.7")).unwrap();
        p
    }

    #[test]
    fn opens_with_a_clean_wiring_and_a_constructor() {
        let p = panel();
        assert!(!checks::has_errors(&p.findings));
        let line = p.constructor.clone().unwrap().unwrap().line;
        assert!(
            line.contains("GxEPD2_270(/*CS=*/ 15, /*DC=*/ 4, /*RST=*/ 2, /*BUSY=*/ 5)"),
            "{line}"
        );
    }

    #[test]
    fn the_other_revision_is_described_and_its_pins_marked() {
        let p = panel();
        assert_eq!(p.revisions.len(), 1);
        assert!(
            p.revisions[0].contains("`older`") && p.revisions[0].contains("BUSY GPIO5 / GPIO16")
        );
        let gpio16 = p.board().pin_by_gpio(16).unwrap();
        assert!(p.revision_pins.contains(&gpio16));
        let gpio4 = p.board().pin_by_gpio(4).unwrap();
        assert!(!p.revision_pins.contains(&gpio4), "DC is the same in both");
    }

    #[test]
    fn the_older_wiring_typed_by_hand_is_a_revision_mismatch() {
        let mut p = panel();
        p.submit(PinInput::Assign, "BUSY=16,RST=5,DC=4,CS=15")
            .unwrap();
        assert!(
            p.findings.iter().any(|f| f.rule == "revision-mismatch"),
            "{:?}",
            p.findings
        );
        p.clear_user();
        assert!(!checks::has_errors(&p.findings));
        assert!(p.submit(PinInput::Assign, "BUSY").is_err());
    }

    #[test]
    fn search_moves_the_selection_and_cycles_wrap() {
        let mut p = panel();
        p.submit(PinInput::Search, "GPIO16").unwrap();
        assert_eq!(p.board().gpio_of(p.selected_pin().unwrap()), Some(16));
        assert!(p.submit(PinInput::Search, "nothing-like-this").is_err());
        let first = p.board;
        for _ in 0..p.catalog.boards().len() {
            p.cycle_board(true);
        }
        assert_eq!(p.board, first);
        p.cycle_wiring();
        assert_eq!(p.selected_wiring().map(|w| w.id.as_str()), Some("older"));
        assert_eq!(p.wiring_text(), "BUSY=16,RST=5,DC=4,CS=15,CLK=14,DIN=13");
    }
}
