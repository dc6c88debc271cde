//! `notebench pins`: a board's pin map with a wiring's signals, the checks of that wiring and
//! the GxEPD2 constructor line for a panel; `--list` lists the boards.

use crate::exit::{CmdError, Context, Exit};
use crate::pins::checks::{self, Finding};
use crate::pins::constructor::{self, Constructor, ConstructorError};
use crate::pins::layout::PinClass;
use crate::pins::{Board, Catalog, Wiring, assign, detect, draw, panels};
use crate::sanitize;
use serde_json::{Value, json};
use std::io::Write;

/// Arguments of `notebench pins`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Args {
    /// Board id (see --list); default: this Raspberry Pi's header, else the Waveshare ESP8266
    /// driver board.
    pub board: Option<String>,
    /// Wiring of the board to show and compare with (default: the board's first).
    #[arg(long, value_name = "ID")]
    pub wiring: Option<String>,
    /// Panel for the GxEPD2 constructor line, such as 2.7 or 2.9-v2.
    #[arg(long, value_name = "ID")]
    pub panel: Option<String>,
    /// Your wiring to check, as SIG=PIN pairs: BUSY=5,RST=2,DC=4,CS=15. A bare number is a
    /// GPIO (BCM on a Pi); D4, GPIO2, BCM17, P11 (header pin) and WPI0 (wiringPi) work too.
    #[arg(long, value_name = "SIG=PIN,...")]
    pub check: Vec<String>,
    /// Your panel module has level shifters, which hold its inputs high at reset.
    #[arg(long)]
    pub shifted: bool,
    /// List the boards, one a line: id, then name.
    #[arg(long)]
    pub list: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command; exits 1 when `--check` finds an error, 2 for an unknown name.
pub fn run(args: &Args, ctx: &Context, out: &mut dyn Write) -> Result<Exit, CmdError> {
    let catalog = Catalog::load(&ctx.config_dir);
    if args.list {
        let lines = if args.json {
            vec![list_json(&catalog).to_string()]
        } else {
            list_text(&catalog)
        };
        return emit(out, &lines, Exit::Success);
    }
    let (board, opening) = choose_board(&catalog, args.board.as_deref())?;
    let selected = match &args.wiring {
        Some(id) => Some(board.wiring(id).ok_or_else(|| unknown_wiring(board, id))?),
        None => board.default_wiring(),
    };
    let user = user_wiring(board, args)?;
    let panel = args.panel.as_deref().map(find_panel).transpose()?;
    let shown = user.as_ref().or(selected);
    let findings = checks::check(board, selected, user.as_ref());
    let built = panel.and_then(|p| shown.map(|w| constructor::constructor(board, w, p)));
    let exit = if user.is_some() && checks::has_errors(&findings) {
        Exit::Failed
    } else {
        Exit::Success
    };
    if args.json {
        let value = view_json(board, shown, &findings, panel, built.as_ref());
        return emit(out, &[value.to_string()], exit);
    }
    let mut lines = Vec::new();
    if let Some(reason) = opening {
        lines.push(sanitize::visible(&format!("opening: {reason}")).into_owned());
    }
    let view = draw::View {
        board,
        wiring: shown,
        selected,
        findings: &findings,
        panel,
        constructor: built.as_ref(),
    };
    lines.extend(draw::render(&view));
    if !catalog.errors().is_empty() {
        let count = catalog.errors().len();
        lines.push(String::new());
        lines.push(format!(
            "{count} board file(s) failed to load: see `notebench pins --list`"
        ));
    }
    emit(out, &lines, exit)
}

/// The wiring given with `--check`, if any.
fn user_wiring(board: &Board, args: &Args) -> Result<Option<Wiring>, CmdError> {
    if args.check.is_empty() {
        return Ok(None);
    }
    let items: Vec<&str> = args.check.iter().map(String::as_str).collect();
    let wiring = assign::parse(board, &items, args.shifted);
    wiring.map(Some).map_err(|e| usage(format!("--check: {e}")))
}

fn find_panel(id: &str) -> Result<&'static panels::Panel, CmdError> {
    panels::find(id).ok_or_else(|| {
        usage(format!(
            "unknown panel `{id}`; panels: {}",
            panels::ids().join(", ")
        ))
    })
}

fn usage(message: String) -> CmdError {
    CmdError::usage(sanitize::visible(&message).into_owned())
}

fn unknown_wiring(board: &Board, id: &str) -> CmdError {
    let ids: Vec<&str> = board.wirings.iter().map(|w| w.id.as_str()).collect();
    let known = if ids.is_empty() {
        "it has none".to_string()
    } else {
        format!("wirings: {}", ids.join(", "))
    };
    usage(format!(
        "board `{}` has no wiring `{id}`; {known}",
        board.id
    ))
}

/// The board asked for, or the one detection picks (with the reason to show).
fn choose_board<'a>(
    catalog: &'a Catalog,
    id: Option<&str>,
) -> Result<(&'a Board, Option<String>), CmdError> {
    let (id, reason) = match id {
        Some(id) => (id.to_string(), None),
        None => {
            let opening = detect::default_opening();
            (opening.board, Some(opening.reason))
        }
    };
    if let Some(board) = catalog.get(&id) {
        return Ok((board, reason));
    }
    if let Some(error) = catalog.error_for(&id) {
        return Err(usage(format!("board `{id}` could not be loaded: {error}")));
    }
    let ids: Vec<&str> = catalog.boards().iter().map(|b| b.id.as_str()).collect();
    Err(usage(format!(
        "unknown board `{id}`; boards: {}",
        ids.join(", ")
    )))
}

fn list_text(catalog: &Catalog) -> Vec<String> {
    let width = catalog
        .boards()
        .iter()
        .map(|b| b.id.len())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<String> = catalog
        .boards()
        .iter()
        .map(|b| format!("{:<width$}  {}", b.id, b.name))
        .collect();
    if !catalog.errors().is_empty() {
        lines.push(String::new());
        lines.push("board files that failed to load:".to_string());
        lines.extend(catalog.errors().iter().map(|e| format!("  {e}")));
    }
    lines
        .into_iter()
        .map(|l| sanitize::visible(&l).into_owned())
        .collect()
}

fn list_json(catalog: &Catalog) -> Value {
    let boards: Vec<Value> = catalog
        .boards()
        .iter()
        .map(|b| {
            json!({"id": b.id, "name": b.name, "chip": b.chip, "origin": b.origin,
            "wirings": b.wirings.iter().map(|w| &w.id).collect::<Vec<_>>()})
        })
        .collect();
    json!({"schema_version": 1, "boards": boards, "errors": catalog.errors()})
}

fn view_json(
    board: &Board,
    wiring: Option<&Wiring>,
    findings: &[Finding],
    panel: Option<&panels::Panel>,
    built: Option<&Result<Constructor, ConstructorError>>,
) -> Value {
    let pin_name = |i: usize| board.pins.get(i).map(|p| p.name.clone());
    let signals: Vec<Value> = wiring.map_or(Vec::new(), |w| {
        let one = |s: &crate::pins::Signal| {
            json!({"name": s.name, "pin": s.pin, "pin_name": pin_name(s.pin),
                "gpio": board.gpio_of(s.pin), "direction": s.direction, "pull": s.pull})
        };
        w.signals.iter().map(one).collect()
    });
    let findings: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut v = json!(f);
            v["pin_name"] = json!(f.pin.and_then(pin_name));
            v
        })
        .collect();
    json!({
        "schema_version": 1,
        "board": {"id": board.id, "name": board.name, "chip": board.chip, "layout": board.layout,
            "fixed_wiring": board.fixed_wiring, "origin": board.origin, "notes": board.notes},
        "wiring": wiring.map(|w| json!({"id": w.id, "name": w.name, "source": w.source,
            "level_shifted": w.level_shifted, "notes": w.notes})),
        "pins": pins_json(board, wiring),
        "signals": signals,
        "findings": findings,
        "constructor": constructor_json(panel, built),
    })
}

fn pins_json(board: &Board, wiring: Option<&Wiring>) -> Vec<Value> {
    let on = |i: usize| -> Vec<&str> {
        wiring.map_or(Vec::new(), |w| {
            w.signals_on(i).map(|s| s.name.as_str()).collect()
        })
    };
    let one = |(i, p): (usize, &crate::pins::Pin)| {
        json!({"index": i, "physical": p.physical, "gpio": p.gpio, "wiringpi": p.wiringpi,
            "name": p.name, "labels": p.labels, "kind": p.kind, "class": PinClass::of(p),
            "functions": p.functions, "pull": p.pull, "notes": p.notes, "signals": on(i)})
    };
    board.pins.iter().enumerate().map(one).collect()
}

fn constructor_json(
    panel: Option<&panels::Panel>,
    built: Option<&Result<Constructor, ConstructorError>>,
) -> Value {
    match (panel, built) {
        (Some(p), Some(Ok(c))) => json!({"panel": p, "include": c.include, "line": c.line,
            "setup": c.setup, "notes": c.notes, "error": null}),
        (Some(p), Some(Err(e))) => json!({"panel": p, "error": e.to_string()}),
        (Some(p), None) => json!({"panel": p, "error": "no wiring"}),
        (None, _) => Value::Null,
    }
}

/// Writes the lines and returns `exit`; a closed pipe ends quietly with success.
fn emit(out: &mut dyn Write, lines: &[String], exit: Exit) -> Result<Exit, CmdError> {
    match lines.iter().try_for_each(|line| writeln!(out, "{line}")) {
        Ok(()) => Ok(exit),
        Err(e) => super::write_result(Err(e)),
    }
}
