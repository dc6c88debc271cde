//! Key handling of the Bench panel (part of the update step). Starting a run is an effect:
//! the loop starts the job thread.

use super::app::{App, Level};
use super::update::Effect;
use crossterm::event::KeyEvent;

use super::prompt::{self, Edit};
use crate::bench::{Input, Mode};
use crate::keymap::Action;

/// Applies a Bench-scope action.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(panel) = app.bench.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Start => {
            if panel.running.is_some() {
                let cancel = app.key(crate::keymap::Scope::Bench, Action::Back);
                app.status = Some((
                    format!("a run is in progress: {cancel} cancels it"),
                    Level::Info,
                ));
                return Vec::new();
            }
            return match panel.config() {
                Ok(config) => vec![Effect::Bench(panel.begin(config))],
                Err(e) => {
                    panel.error = Some(e);
                    Vec::new()
                }
            };
        }
        Action::Back if panel.cancel() => {
            app.status = Some(("run cancelled".into(), Level::Info));
        }
        Action::Down => {
            panel.cursor = (panel.cursor + 1).min(panel.variants.len().saturating_sub(1))
        }
        Action::Up => panel.cursor = panel.cursor.saturating_sub(1),
        // During a run this picks the variants of the next run; the running one is not changed.
        Action::ToggleVariant => {
            if let Some((_, on)) = panel.variants.get_mut(panel.cursor) {
                *on = !*on;
            }
        }
        Action::NextInput if panel.running.is_none() => {
            panel.input = (panel.input + 1) % panel.inputs.len().max(1);
            panel.report = None;
            panel.comparison = None;
        }
        Action::ToggleMode if panel.running.is_none() => {
            panel.mode = match panel.mode {
                Mode::Quick => Mode::Full,
                Mode::Full => Mode::Quick,
            };
        }
        Action::LoadInput if panel.running.is_none() => panel.file_prompt = Some(String::new()),
        Action::SaveBaseline => {
            app.status = Some(match panel.save_baseline() {
                Ok(message) => (message, Level::Info),
                Err(e) => (e, Level::Warning),
            });
        }
        _ => {}
    }
    Vec::new()
}

/// A key while the "input file" prompt is open: printable keys are typed.
pub fn prompt_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(panel) = app.bench.as_mut() else {
        return Vec::new();
    };
    let Some(text) = panel.file_prompt.as_mut() else {
        return Vec::new();
    };
    match prompt::edit(text, &app.keymap, &key) {
        Edit::Accepted => {
            let path = crate::config::expand_home(std::path::Path::new(text.trim()));
            panel.file_prompt = None;
            app.status = Some(match Input::from_file(&path) {
                Ok(input) => {
                    let message =
                        format!("loaded {} ({} bytes)", path.display(), input.bytes.len());
                    panel.add_input(input);
                    (message, Level::Info)
                }
                Err(e) => (e.to_string(), Level::Warning),
            });
        }
        Edit::Cancelled => panel.file_prompt = None,
        Edit::Changed | Edit::Ignored => {}
    }
    Vec::new()
}
