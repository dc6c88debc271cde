//! Key handling of the Pins panel (part of the update step).

use crossterm::event::KeyEvent;

use super::app::{App, Level};
use super::pins::PinInput;
use super::prompt::{self, Edit};
use super::update::Effect;
use crate::keymap::{Action, Scope};

/// Applies a Pins-scope action.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(pins) = app.pins.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Down => pins.move_pin(1),
        Action::Up => pins.move_pin(-1),
        Action::NextBoard => pins.cycle_board(true),
        Action::PrevBoard => pins.cycle_board(false),
        Action::NextWiring => pins.cycle_wiring(),
        Action::NextPanel => pins.cycle_panel(),
        Action::Filter => pins.input = Some((PinInput::Search, String::new())),
        Action::EditWiring => pins.input = Some((PinInput::Assign, String::new())),
        Action::Back => pins.clear_user(),
        Action::ToggleShifted => {
            app.status = Some(match pins.toggle_shifted() {
                Ok(message) => (message, Level::Info),
                Err(e) => (e, Level::Warning),
            });
        }
        Action::Copy => {
            return match &pins.constructor {
                Some(Ok(c)) => {
                    app.status = Some((
                        "copied the constructor line with OSC 52".into(),
                        Level::Info,
                    ));
                    vec![Effect::Copy(c.line.clone())]
                }
                _ => {
                    app.status = Some((
                        format!(
                            "no constructor line: pick a panel with {}",
                            app.key(Scope::Pins, Action::NextPanel)
                        ),
                        Level::Info,
                    ));
                    Vec::new()
                }
            };
        }
        _ => {}
    }
    Vec::new()
}

/// A key while a Pins prompt is open: printable keys are typed.
pub fn prompt_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(pins) = app.pins.as_mut() else {
        return Vec::new();
    };
    let Some((kind, text)) = pins.input.as_mut() else {
        return Vec::new();
    };
    match prompt::edit(text, &app.keymap, &key) {
        Edit::Accepted => {
            let (kind, text) = (*kind, text.clone());
            pins.input = None;
            app.status = Some(match pins.submit(kind, &text) {
                Ok(message) => (message, Level::Info),
                Err(e) => (e, Level::Warning),
            });
        }
        Edit::Cancelled => pins.input = None,
        Edit::Changed | Edit::Ignored => {}
    }
    Vec::new()
}
