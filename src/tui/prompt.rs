//! Editing a one-line text prompt: every printable key is typed, the prompt scope's bindings
//! accept, cancel and delete. Each panel decides what a finished prompt means.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keymap::{Action, KeyMap, Scope};

/// What a key did to a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// The user accepted the text.
    Accepted,
    /// The user dropped the prompt.
    Cancelled,
    /// The key did nothing here.
    Ignored,
}

/// Applies `key` to `text`.
pub fn edit(text: &mut String, keymap: &KeyMap, key: &KeyEvent) -> Edit {
    match keymap.action(Scope::Prompt, key) {
        Some(Action::Accept) => Edit::Accepted,
        Some(Action::Cancel) => Edit::Cancelled,
        Some(Action::DeleteBack) => {
            text.pop();
            Edit::Changed
        }
        _ => match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                text.push(c);
                Edit::Changed
            }
            _ => Edit::Ignored,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_deleting_accepting_and_cancelling() {
        let keymap = KeyMap::defaults();
        let press = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let mut text = String::new();
        assert_eq!(
            edit(&mut text, &keymap, &press(KeyCode::Char('q'))),
            Edit::Changed
        );
        assert_eq!(
            edit(&mut text, &keymap, &press(KeyCode::Char('?'))),
            Edit::Changed
        );
        assert_eq!(text, "q?");
        assert_eq!(
            edit(&mut text, &keymap, &press(KeyCode::Backspace)),
            Edit::Changed
        );
        assert_eq!(text, "q");
        assert_eq!(
            edit(&mut text, &keymap, &press(KeyCode::Enter)),
            Edit::Accepted
        );
        assert_eq!(
            edit(&mut text, &keymap, &press(KeyCode::Esc)),
            Edit::Cancelled
        );
        assert_eq!(
            edit(&mut text, &keymap, &press(KeyCode::F(5))),
            Edit::Ignored
        );
        let ctrl = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(edit(&mut text, &keymap, &ctrl), Edit::Ignored);
    }
}
