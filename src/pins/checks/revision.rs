//! Comparing a user's wiring with the wirings a fixed-wiring board is known to have.
//!
//! A user's wiring matches a board wiring when every signal it names sits on the same pin
//! there (signals it leaves out are not compared), so `BUSY=5,RST=2,DC=4,CS=15` matches the
//! current ESP8266 driver board without listing the SPI lines.

use super::{Finding, Level};
use crate::pins::model::{Board, Wiring};
use serde::Serialize;

/// One signal whose pin differs between two wirings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignalDiff {
    /// The signal's name.
    pub signal: String,
    /// Its pin in the first wiring (the user's), if it has one there.
    pub yours: Option<usize>,
    /// Its pin in the second wiring (the board's), if it has one there.
    pub theirs: Option<usize>,
}

/// The signals whose pins differ between `a` and `b`, in `a`'s order then `b`'s.
pub fn diff(a: &Wiring, b: &Wiring) -> Vec<SignalDiff> {
    let mut out: Vec<SignalDiff> = Vec::new();
    for s in &a.signals {
        let theirs = b.signal(&s.name).map(|t| t.pin);
        if theirs != Some(s.pin) {
            out.push(SignalDiff {
                signal: s.name.clone(),
                yours: Some(s.pin),
                theirs,
            });
        }
    }
    for t in b.signals.iter().filter(|t| a.signal(&t.name).is_none()) {
        out.push(SignalDiff {
            signal: t.name.clone(),
            yours: None,
            theirs: Some(t.pin),
        });
    }
    out
}

/// True when every signal of `user` sits on the same pin in `known`.
pub fn matches(user: &Wiring, known: &Wiring) -> bool {
    user.signals
        .iter()
        .all(|s| known.signal(&s.name).is_some_and(|k| k.pin == s.pin))
}

/// The board's other wirings with how each differs from `selected`; the UI marks those pins.
pub fn other_revisions<'a>(
    board: &'a Board,
    selected: &Wiring,
) -> Vec<(&'a Wiring, Vec<SignalDiff>)> {
    board
        .wirings
        .iter()
        .filter(|w| w.id != selected.id)
        .map(|w| (w, diff(selected, w)))
        .collect()
}

/// The findings of comparing `user` with a fixed-wiring board whose `selected` wiring is shown.
pub fn compare(board: &Board, selected: &Wiring, user: &Wiring) -> Vec<Finding> {
    let only_given = |d: &SignalDiff| d.yours.is_some();
    if matches(user, selected) {
        let message = format!("Your wiring matches the board's `{}` wiring", selected.id);
        let reason = format!("Source of `{}`: {}", selected.id, selected.source);
        return vec![Finding::new(Level::Info, "wiring-match", message, reason)];
    }
    let versus_selected: Vec<SignalDiff> = diff(user, selected)
        .into_iter()
        .filter(only_given)
        .collect();
    let shown = describe(board, &versus_selected);
    if let Some(other) = board
        .wirings
        .iter()
        .find(|w| w.id != selected.id && matches(user, w))
    {
        let message = format!(
            "Revision mismatch: your wiring matches `{}`, not the selected `{}` ({shown})",
            other.id, selected.id
        );
        let reason = format!(
            "This board's pins are fixed by its traces and {} wirings are known. Yours is \
             `{}` ({}); select it with --wiring {} if your board is that revision, or rewire \
             the sketch. Source of `{}`: {}",
            board.wirings.len(),
            other.id,
            other.name,
            other.id,
            other.id,
            other.source
        );
        let mut finding = Finding::new(Level::Error, "revision-mismatch", message, reason);
        finding.differences = versus_selected;
        return vec![finding];
    }
    let known: Vec<&str> = board.wirings.iter().map(|w| w.id.as_str()).collect();
    let message = format!(
        "Your wiring matches none of the board's wirings ({}): against `{}`, {shown}",
        known.join(", "),
        selected.id
    );
    let reason = "The panel lines of this board are fixed by its traces, so a sketch must use \
                  exactly one of its known wirings; any other pin numbers talk to nothing."
        .to_string();
    let mut finding = Finding::new(Level::Error, "wiring-unknown", message, reason);
    finding.differences = versus_selected;
    vec![finding]
}

/// `BUSY GPIO16 instead of GPIO5, PWR (not on the board)`.
fn describe(board: &Board, diffs: &[SignalDiff]) -> String {
    let name = |i: usize| {
        board
            .pins
            .get(i)
            .map_or_else(|| format!("#{i}"), |p| p.name.clone())
    };
    let parts: Vec<String> = diffs
        .iter()
        .map(|d| match (d.yours, d.theirs) {
            (Some(y), Some(t)) => format!("{} {} instead of {}", d.signal, name(y), name(t)),
            (Some(y), None) => format!("{} {} (not in that wiring)", d.signal, name(y)),
            (None, Some(t)) => format!("{} missing (on {})", d.signal, name(t)),
            (None, None) => d.signal.clone(),
        })
        .collect();
    parts.join(", ")
}
