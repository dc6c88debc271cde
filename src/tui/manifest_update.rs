//! Key handling of the Manifest panel (part of the update step). Loading and drilling are
//! effects: the loop starts their job threads.

use crossterm::event::KeyEvent;

use super::app::{App, Level};
use super::manifest::ManifestInput;
use super::prompt::{self, Edit};
use super::update::Effect;
use crate::keymap::Action;
use crate::manifest::SourceSpec;

/// Applies a Manifest-scope action.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(panel) = app.manifest.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Down => panel.move_cursor(1),
        Action::Up => panel.move_cursor(-1),
        Action::Open => {
            return panel
                .begin_drill()
                .map(Effect::Manifest)
                .into_iter()
                .collect();
        }
        Action::Back if panel.busy() => {
            panel.cancel_job();
            app.status = Some(("cancelled".into(), Level::Info));
        }
        Action::Back => panel.drilled = None,
        Action::ChangePlatform => panel.input = Some((ManifestInput::Platform, String::new())),
        Action::OpenSource => panel.input = Some((ManifestInput::Source, String::new())),
        Action::ToggleRules => panel.toggle_rules(),
        Action::Copy => {
            if let Some(digest) = panel.cursor_digest() {
                app.status = Some((format!("copied {digest} with OSC 52"), Level::Info));
                return vec![Effect::Copy(digest)];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// A key while a Manifest prompt is open: printable keys are typed.
pub fn prompt_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(panel) = app.manifest.as_mut() else {
        return Vec::new();
    };
    let Some((kind, text)) = panel.input.as_mut() else {
        return Vec::new();
    };
    match prompt::edit(text, &app.keymap, &key) {
        Edit::Accepted => {
            let (kind, text) = (*kind, text.trim().to_string());
            panel.input = None;
            submit(app, kind, &text)
        }
        Edit::Cancelled => {
            panel.input = None;
            Vec::new()
        }
        Edit::Changed | Edit::Ignored => Vec::new(),
    }
}

fn submit(app: &mut App, kind: ManifestInput, text: &str) -> Vec<Effect> {
    let Some(panel) = app.manifest.as_mut() else {
        return Vec::new();
    };
    match kind {
        ManifestInput::Platform if text.is_empty() => {
            panel.target = crate::manifest::platform::host::host_platform();
            panel.from_host = true;
            panel.reselect();
        }
        ManifestInput::Platform => {
            if let Err(e) = panel.set_target(text) {
                app.status = Some((format!("platform: {e}"), Level::Warning));
            }
        }
        ManifestInput::Source => match SourceSpec::parse((!text.is_empty()).then_some(text)) {
            Ok(SourceSpec::Stdin) => {
                app.status = Some((
                    "standard input is the terminal here: give a file".into(),
                    Level::Warning,
                ));
            }
            Ok(spec) => return vec![Effect::Manifest(panel.begin_load(spec))],
            Err(e) => app.status = Some((e.to_string(), Level::Warning)),
        },
    }
    Vec::new()
}
