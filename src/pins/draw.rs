//! The plain-text view of a board for the command line: a drawing of the header or pin row
//! with the wiring's signals on their pins, a pin table, the findings and the constructor.
//!
//! Nothing relies on colour: pin classes are letters, findings carry `E`, `W` or `i`. Every
//! line passes through [`crate::sanitize::visible`], since names and notes come from files.

use super::checks::{Finding, Level, revision};
use super::constructor::{Constructor, ConstructorError};
use super::layout::{self, Arrangement, PinClass};
use super::model::{Board, Pin, Pull, Wiring};
use super::panels::{self, BusyLevel, Panel};
use crate::sanitize;

/// Width long text is wrapped to.
const WIDTH: usize = 100;

/// Everything the text view shows.
pub struct View<'a> {
    /// The board.
    pub board: &'a Board,
    /// The wiring whose signals are drawn: the user's, or the selected board wiring.
    pub wiring: Option<&'a Wiring>,
    /// The board wiring selected, for the differences to the board's other wirings.
    pub selected: Option<&'a Wiring>,
    /// The findings of the checks.
    pub findings: &'a [Finding],
    /// The panel asked for, if any.
    pub panel: Option<&'a Panel>,
    /// The constructor for that panel, or why there is none.
    pub constructor: Option<&'a Result<Constructor, ConstructorError>>,
}

/// The whole view as lines, each safe to print.
pub fn render(view: &View) -> Vec<String> {
    let mut out = Vec::new();
    header(view, &mut out);
    out.push(String::new());
    drawing(view, &mut out);
    let legend: Vec<String> = layout::legend(view.board)
        .iter()
        .map(|c| format!("{} {}", c.letter(), c.label()))
        .collect();
    out.push(format!(
        "key: {}; E error, W warning (after a signal)",
        legend.join(", ")
    ));
    out.push(String::new());
    table(view, &mut out);
    out.push(String::new());
    findings(view.findings, &mut out);
    out.push(String::new());
    constructor(view, &mut out);
    out.into_iter()
        .map(|l| sanitize::visible(&l).into_owned())
        .collect()
}

fn header(view: &View, out: &mut Vec<String>) {
    let b = view.board;
    out.push(format!("{} [{}], chip {}", b.name, b.id, b.chip.label()));
    wrap(&b.description, "  ", out);
    for note in &b.notes {
        wrap(&format!("note: {note}"), "  ", out);
    }
    match view.wiring {
        Some(w) => {
            out.push(format!("wiring `{}`: {}", w.id, w.name));
            wrap(&format!("source: {}", w.source), "  ", out);
            for note in &w.notes {
                wrap(&format!("note: {note}"), "  ", out);
            }
        }
        None => out.push("wiring: none (give one with --check SIG=PIN,...)".to_string()),
    }
    let Some(selected) = view.selected else {
        return;
    };
    for (other, diffs) in revision::other_revisions(b, selected) {
        let changes: Vec<String> = diffs
            .iter()
            .map(|d| {
                let name = |p: Option<usize>| p.map_or("-".to_string(), |i| b.pins[i].name.clone());
                format!(
                    "{} {} here, {} there",
                    d.signal,
                    name(d.yours),
                    name(d.theirs)
                )
            })
            .collect();
        let text = format!(
            "other wiring `{}` ({}) differs from `{}`: {}",
            other.id,
            other.name,
            selected.id,
            changes.join("; ")
        );
        wrap(&text, "  ", out);
    }
}

/// The signals on pin `index` with the worst error or warning tag: `BUSY E`, `CS+DC`.
fn signal_cell(view: &View, index: usize) -> String {
    let Some(wiring) = view.wiring else {
        return String::new();
    };
    let names: Vec<&str> = wiring.signals_on(index).map(|s| s.name.as_str()).collect();
    if names.is_empty() {
        return String::new();
    }
    let worst = view
        .findings
        .iter()
        .filter(|f| f.pin == Some(index))
        .map(|f| f.level)
        .min();
    match worst {
        Some(level @ (Level::Error | Level::Warning)) => {
            format!("{} {}", names.join("+"), level.tag())
        }
        _ => names.join("+"),
    }
}

fn drawing(view: &View, out: &mut Vec<String>) {
    let b = view.board;
    match layout::arrangement(b) {
        Arrangement::Header { rows } => {
            out.push(format!(
                "{:>10} {:>7}   pin  pin   {:<7} {}",
                "signal", "name", "name", "signal"
            ));
            for (l, r) in rows {
                let (lp, rp) = (&b.pins[l], &b.pins[r]);
                out.push(
                    format!(
                        "{:>10} {:>7} {} [{:>2}] [{:>2}] {} {:<7} {}",
                        signal_cell(view, l),
                        lp.name,
                        PinClass::of(lp).letter(),
                        lp.physical.unwrap_or(0),
                        rp.physical.unwrap_or(0),
                        PinClass::of(rp).letter(),
                        rp.name,
                        signal_cell(view, r)
                    )
                    .trim_end()
                    .to_string(),
                );
            }
        }
        Arrangement::List { pins } => {
            for i in pins {
                let pin = &b.pins[i];
                let signal = signal_cell(view, i);
                let arrow = if signal.is_empty() {
                    String::new()
                } else {
                    format!("<- {signal}")
                };
                let line = format!(
                    "  {} [{:<7}] {:<14} {arrow}",
                    PinClass::of(pin).letter(),
                    pin.name,
                    pin.labels.join(" ")
                );
                out.push(line.trim_end().to_string());
            }
        }
    }
}

fn table(view: &View, out: &mut Vec<String>) {
    let b = view.board;
    let physical = b.pins.iter().any(|p| p.physical.is_some());
    let wpi = b.pins.iter().any(|p| p.wiringpi.is_some());
    let num = |n: Option<u16>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    let mut head = String::new();
    if physical {
        head.push_str(" pin");
    }
    head.push_str(" GPIO");
    if wpi {
        head.push_str("  wPi");
    }
    out.push(format!(
        "{head}  {:<8} {:<16} {:<12} functions",
        "name", "also", "signal"
    ));
    for (i, pin) in b.pins.iter().enumerate() {
        let mut row = String::new();
        if physical {
            row.push_str(&format!(" {:>3}", num(pin.physical)));
        }
        row.push_str(&format!(" {:>4}", num(pin.gpio.map(u16::from))));
        if wpi {
            row.push_str(&format!(" {:>4}", num(pin.wiringpi.map(u16::from))));
        }
        let (labels, signal) = (pin.labels.join(" "), signal_cell(view, i));
        let line = format!(
            "{row}  {:<8} {labels:<16} {signal:<12} {}",
            pin.name,
            roles(pin)
        );
        out.push(line.trim_end().to_string());
        for note in &pin.notes {
            wrap(&format!("note: {note}"), "          ", out);
        }
    }
}

/// A pin's functions and board resistor, or its class when it has neither.
fn roles(pin: &Pin) -> String {
    let mut roles: Vec<String> = pin
        .functions
        .iter()
        .map(|f| format!("{} {}", f.group.label(), f.name))
        .collect();
    match pin.pull {
        Some(Pull::Up) => roles.push("pull-up on the board".to_string()),
        Some(Pull::Down) => roles.push("pull-down on the board".to_string()),
        None => {}
    }
    if roles.is_empty() {
        roles.push(PinClass::of(pin).label().to_string());
    }
    roles.join("; ")
}

fn findings(list: &[Finding], out: &mut Vec<String>) {
    if list.is_empty() {
        out.push("findings: none".to_string());
        return;
    }
    let count = |l: Level| list.iter().filter(|f| f.level == l).count();
    out.push(format!(
        "findings: {} error(s), {} warning(s), {} info",
        count(Level::Error),
        count(Level::Warning),
        count(Level::Info)
    ));
    for f in list {
        wrap(
            &format!("{} {} [{}]", f.level.tag(), f.message, f.rule),
            "  ",
            out,
        );
        wrap(&format!("why: {}", f.reason), "      ", out);
    }
}

fn constructor(view: &View, out: &mut Vec<String>) {
    let Some(panel) = view.panel else {
        let ids = panels::ids().join(", ");
        wrap(
            &format!("constructor: pick a panel with --panel ({ids})"),
            "",
            out,
        );
        return;
    };
    let busy = match panel.busy {
        BusyLevel::High => "BUSY high while busy",
        BusyLevel::Low => "BUSY low while busy",
    };
    let status = if panel.confirmed {
        "confirmed"
    } else {
        "unconfirmed"
    };
    out.push(format!(
        "panel {}: {}, {}x{}, driver {} ({}, {}), {busy}, mapping {status}",
        panel.id, panel.name, panel.width, panel.height, panel.driver, panel.part, panel.controller
    ));
    match view.constructor {
        Some(Ok(c)) => {
            out.push(format!("  {}", c.include));
            out.push(format!("  {}", c.line));
            if !c.setup.is_empty() {
                out.push("  in setup(), after display.init(...):".to_string());
                out.extend(c.setup.iter().map(|l| format!("    {l}")));
            }
            for note in &c.notes {
                wrap(&format!("note: {note}"), "  ", out);
            }
        }
        Some(Err(e)) => wrap(&format!("constructor: none: {e}"), "  ", out),
        None => out.push("  constructor: none: no wiring".to_string()),
    }
}

/// Appends `text` wrapped at [`WIDTH`], every line starting with `indent`.
fn wrap(text: &str, indent: &str, out: &mut Vec<String>) {
    let mut line = String::from(indent);
    let mut empty = true;
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if !empty && !fits {
            out.push(std::mem::replace(&mut line, format!("{indent}    ")));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        out.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_within_the_width() {
        let text = "word ".repeat(60);
        let mut out = Vec::new();
        wrap(&text, "  ", &mut out);
        assert!(out.len() > 2);
        assert!(out.iter().all(|l| l.chars().count() <= WIDTH), "{out:?}");
        assert!(
            out[1].starts_with("      word"),
            "continuation lines are indented: {}",
            out[1]
        );
        let words: usize = out.iter().map(|l| l.split_whitespace().count()).sum();
        assert_eq!(words, 60);
    }
}
