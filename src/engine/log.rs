//! The game log: what the state no longer carries. After each real turn an
//! observer appends the meters (for history charts and the debrief) and
//! each actor's assessment error; the AI's lookahead never touches it, so
//! a state stays small and cheap to clone.

use serde::{Deserialize, Serialize};

use super::state::{Snapshot, State};
use super::view;
use crate::scenario::Scenario;

/// Per-game records kept beside the state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GameLog {
    /// The meters after each turn; entry 0 is the start of the game.
    pub snapshots: Vec<Snapshot>,
    /// Per turn (index = turn; entry 0 empty), per actor: mean error of its
    /// estimates of hidden values, as a share of their ranges.
    pub assessment: Vec<Vec<f64>>,
}

impl GameLog {
    /// A log for a game that starts at `start`.
    pub fn new(start: &State) -> Self {
        GameLog {
            snapshots: vec![start.snapshot()],
            assessment: vec![Vec::new()],
        }
    }

    /// Records the state after a turn (`after.turn` is the turn just played).
    pub fn observe(&mut self, scn: &Scenario, after: &State, seed: u64) {
        self.snapshots.push(after.snapshot());
        let errors = scn
            .actor_ids()
            .map(|a| view::assessment_error(scn, after, a, seed))
            .collect();
        while self.assessment.len() < after.turn as usize {
            self.assessment.push(Vec::new());
        }
        self.assessment.push(errors);
    }

    /// The log of a game replayed from its states (the start, then the
    /// state after each turn).
    pub fn from_states(scn: &Scenario, seed: u64, states: &[State]) -> Self {
        let mut log = match states.first() {
            Some(s) => GameLog::new(s),
            None => return GameLog::default(),
        };
        for s in &states[1..] {
            log.observe(scn, s, seed);
        }
        log
    }

    /// The meters after turn `turn` (0: the start), if recorded.
    pub fn snapshot(&self, turn: u32) -> Option<&Snapshot> {
        self.snapshots.get(turn as usize)
    }

    /// The highest escalation level regional tension reached.
    pub fn peak_level(&self) -> usize {
        self.snapshots.iter().map(|s| s.level).max().unwrap_or(0)
    }
}
