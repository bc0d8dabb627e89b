//! The whole truth, for after the game: every order with the computer
//! players' reasons, every covert act and who found out when, the true
//! values beside each actor's estimates, the ledger of every change. Only
//! [`crate::referee::Match::debrief`] makes one, and only once the game is
//! over.

use serde::{Deserialize, Serialize};

use crate::engine::State;
use crate::engine::log::GameLog;
use crate::referee::{Seat, TurnRecord};

/// Everything that happened, seen from nowhere in particular.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    pub seed: u64,
    /// Who played each actor.
    pub seats: Vec<Seat>,
    /// The final, true state.
    pub state: State,
    /// Meters, pictures and covert acts, turn by turn.
    pub log: GameLog,
    /// Every turn as it really was.
    pub turns: Vec<TurnRecord>,
}
