//! The terminal UI: a note list beside a reader, driven by one message loop.
//!
//! Threads: the input thread reads the terminal, job threads index notes and highlight code;
//! all of them send [`event::Msg`]s to the UI thread, which applies them in
//! [`update::update`], performs the returned effects, and draws only after a change. With
//! nothing happening the UI thread sleeps in `recv`.

pub mod app;
pub mod bench;
pub mod bench_support;
pub mod bench_update;
pub mod event;
pub mod jobs;
pub mod manifest;
pub mod manifest_update;
pub mod pins;
pub mod pins_update;
pub mod prompt;
pub mod reader;
pub mod reader_update;
pub mod style;
pub mod update;
pub mod view;

#[cfg(test)]
pub mod testing;

mod state;
mod terminal;

use std::path::Path;
use std::sync::mpsc::{Sender, channel};
use std::time::Instant;

use app::App;
use event::{InputThread, Msg};
use update::Effect;

use crate::exit::{CmdError, Exit};
use crate::keymap::KeyMap;
use crate::notes::Source;
use crate::setup::Setup;

/// Runs the TUI on `path` (or the configured notes) until the user quits.
pub fn run(path: Option<&Path>, setup: &Setup) -> Result<Exit, CmdError> {
    let started = Instant::now();
    let (source, source_warning) = match Source::choose(path, setup.config.notes_dir.as_deref()) {
        Ok(source) => (source, None),
        // A path typed on the command line is the user's intent: fail. A stale `notes_dir` in
        // the config should not lock the user out: show the bundled notes and say why.
        Err(e) if path.is_none() => {
            let file = setup.paths.config_file.display();
            (
                Source::Bundled,
                Some(format!(
                    "{file}: notes_dir: {e} (showing the bundled notes)"
                )),
            )
        }
        Err(e) => return Err(CmdError::usage(e)),
    };
    crate::highlight::preload();
    let mut app = new_app(setup, source, source_warning);
    let (tx, rx) = channel();
    let mut session =
        terminal::Session::start(app.mouse).map_err(|e| CmdError::io(format!("terminal: {e}")))?;
    let size = session
        .size()
        .map_err(|e| CmdError::io(format!("terminal: {e}")))?;
    app.size = size;
    let input =
        InputThread::spawn(tx.clone()).map_err(|e| CmdError::io(format!("input thread: {e}")))?;
    let mut jobs = jobs::Jobs::default();
    jobs.index(&app.source, app.index_generation, &tx);
    drain(&mut app, &rx, &mut jobs, &tx);
    let mut first = true;
    loop {
        session
            .draw(&app)
            .map_err(|e| CmdError::io(format!("drawing: {e}")))?;
        if first {
            tracing::info!("first frame drawn {:?} after start", started.elapsed());
            first = false;
        }
        let Ok(msg) = rx.recv() else { break };
        let mut effects = update::update(&mut app, msg);
        while let Ok(msg) = rx.try_recv() {
            effects.extend(update::update(&mut app, msg));
        }
        for effect in effects {
            perform(effect, &app, &mut session, &input, &mut jobs, &tx);
        }
        if app.quit {
            break;
        }
    }
    drop(session);
    state::save(setup, &app);
    Ok(Exit::Success)
}

fn new_app(setup: &Setup, source: Source, source_warning: Option<String>) -> App {
    let mut keymap = KeyMap::defaults();
    let mut warnings = setup.warnings.clone();
    warnings.extend(source_warning);
    if let Err(errors) = keymap.remap(&setup.config.keys) {
        let file = setup.paths.config_file.display();
        warnings.extend(
            errors
                .into_iter()
                .map(|e| format!("{file}: {e} (default keys in use)")),
        );
    }
    let depth = setup.depth(true);
    let mut app = App::new(keymap, setup.themes.clone(), setup.theme, depth, source);
    app.bench = Some(bench::BenchPanel::new(&setup.paths.data_dir));
    let pins = pins::PinsPanel::new(&setup.paths.config_dir);
    warnings.extend(pins.catalog.errors().iter().map(ToString::to_string));
    app.pins = Some(pins);
    let mut manifest = manifest::ManifestPanel::with_sample();
    manifest.options.registry.ca_file = setup.config.registry.ca_file.clone();
    manifest.options.registry.plain_http = setup.config.registry.plain_http;
    app.manifest = Some(manifest);
    app.mouse = setup.config.mouse;
    app.hyperlinks = depth != crate::theme::ColorDepth::None && setup.hyperlinks();
    app.wrap_code = setup.config.wrap_code;
    if let Some(last) = warnings.last() {
        app.status = Some((last.clone(), app::Level::Warning));
    }
    for w in &warnings {
        tracing::warn!("{w}");
    }
    app.warnings = warnings;
    app.resume = state::load(setup, &app.source);
    app
}

/// Applies messages already waiting (the synchronous index of bundled notes).
fn drain(
    app: &mut App,
    rx: &std::sync::mpsc::Receiver<Msg>,
    jobs: &mut jobs::Jobs,
    tx: &Sender<Msg>,
) {
    while let Ok(msg) = rx.try_recv() {
        for effect in update::update(app, msg) {
            if effect == Effect::Highlight {
                start_highlight(app, jobs, tx);
            }
        }
    }
}

fn perform(
    effect: Effect,
    app: &App,
    session: &mut terminal::Session,
    input: &InputThread,
    jobs: &mut jobs::Jobs,
    tx: &Sender<Msg>,
) {
    match effect {
        Effect::Highlight => start_highlight(app, jobs, tx),
        Effect::Reindex(generation) => jobs.index(&app.source, generation, tx),
        Effect::Mouse(on) => session.set_mouse(on),
        Effect::Copy(text) => session.copy(&text),
        Effect::Bench(job) => bench::start(job, tx),
        Effect::Manifest(job) => manifest::run(job, tx),
        Effect::Edit { path, line } => {
            input.pause();
            let result = session.suspend_for_editor(&path, line);
            input.resume();
            let _ = tx.send(Msg::Edited(result.err()));
        }
    }
}

fn start_highlight(app: &App, jobs: &mut jobs::Jobs, tx: &Sender<Msg>) {
    if let Some(reader) = app.reader.as_ref() {
        jobs.highlight(
            reader.origin.clone(),
            reader.blocks.clone(),
            app.theme().code_theme.clone(),
            tx,
        );
    }
}
