//! A user's own wiring, written as `SIG=PIN` pairs: `BUSY=5,RST=2,DC=D2,CS=P24`.
//!
//! Pins take every form [`crate::pins::labels::resolve`] accepts; each signal's direction comes
//! from its name ([`Direction::for_signal`]), so `BUSY` counts as driven by the peripheral.

use super::labels::{self, LabelError};
use super::model::{Board, Direction, Signal, Wiring};

/// The id given to a wiring built from assignments.
pub const USER_WIRING_ID: &str = "yours";

/// Why an assignment list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    /// An item is not `SIG=PIN`.
    #[error("`{item}` is not SIG=PIN (for example BUSY=5)")]
    Syntax {
        /// The item as given.
        item: String,
    },
    /// A signal is assigned twice.
    #[error("signal `{signal}` is assigned twice")]
    Duplicate {
        /// The signal's name.
        signal: String,
    },
    /// A pin name did not lead to one pin.
    #[error("signal `{signal}`: {error}")]
    Pin {
        /// The signal's name.
        signal: String,
        /// Why the pin was not found.
        error: LabelError,
    },
    /// Nothing was assigned.
    #[error("no assignments given: write SIG=PIN pairs separated by commas")]
    Empty,
}

/// Builds a wiring from comma-separated `SIG=PIN` items (several strings are joined);
/// `level_shifted` marks a peripheral whose inputs sit behind level shifters.
pub fn parse(board: &Board, items: &[&str], level_shifted: bool) -> Result<Wiring, AssignError> {
    let mut signals: Vec<Signal> = Vec::new();
    for item in items
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let Some((name, pin)) = item.split_once('=') else {
            return Err(AssignError::Syntax {
                item: item.to_string(),
            });
        };
        let name = name.trim();
        if name.is_empty() || pin.trim().is_empty() {
            return Err(AssignError::Syntax {
                item: item.to_string(),
            });
        }
        if signals.iter().any(|s| s.name.eq_ignore_ascii_case(name)) {
            return Err(AssignError::Duplicate {
                signal: name.to_string(),
            });
        }
        let index = labels::resolve(board, pin).map_err(|error| AssignError::Pin {
            signal: name.to_string(),
            error,
        })?;
        let name = name.to_ascii_uppercase();
        let direction = Direction::for_signal(&name);
        signals.push(Signal {
            name,
            pin: index,
            direction,
            pull: None,
        });
    }
    if signals.is_empty() {
        return Err(AssignError::Empty);
    }
    Ok(Wiring {
        id: USER_WIRING_ID.to_string(),
        name: "Your wiring".to_string(),
        source: "Given by you.".to_string(),
        signals,
        level_shifted,
        notes: Vec::new(),
    })
}
