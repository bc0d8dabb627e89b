//! What everyone may know: the classroom wall's perspective (the SSH
//! host's `projector` seat). Built by whitelist like a [`super::PlayerView`]:
//! only meters every actor sees exactly, and only the events every actor
//! may see ([`super::sees_event`] for each of them), so a private
//! discovery or a covert act never reaches the wall.

use serde::{Deserialize, Serialize};

use super::sees_event;
use crate::engine::Event;
use crate::engine::log::GameLog;
use crate::engine::state::{Grid, Outcome, State};
use crate::engine::turn::TurnRecord;
use crate::scenario::{ActorId, Scenario};

/// The public picture of the game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicView {
    /// Turns resolved so far.
    pub turn: u32,
    /// How the game ended, once it has (public news).
    pub outcome: Option<Outcome>,
    pub regional: f64,
    pub level: usize,
    /// Pair tensions (public to all).
    pub tension: Grid<f64>,
    /// Relations (public to all).
    pub relations: Grid<f64>,
    /// The events of recent turns every actor may see, newest turn last.
    pub news: Vec<(u32, Vec<Event>)>,
}

impl PublicView {
    /// The public picture of `s`, with the events of the last `recent`
    /// turns of `turns` as every actor may know them now.
    pub fn build(
        scn: &Scenario,
        s: &State,
        log: &GameLog,
        turns: &[TurnRecord],
        recent: usize,
    ) -> Self {
        let now = s.turn;
        let news = turns
            .iter()
            .rev()
            .take(recent)
            .rev()
            .map(|r| {
                let seen = r
                    .events
                    .iter()
                    .filter(|e| {
                        scn.actor_ids()
                            .all(|a: ActorId| sees_event(scn, log, a, r.turn, e, now))
                    })
                    .cloned()
                    .collect();
                (r.turn, seen)
            })
            .collect();
        PublicView {
            turn: s.turn,
            outcome: s.outcome.clone(),
            regional: s.regional,
            level: s.level,
            tension: s.tension.clone(),
            relations: s.relations.clone(),
            news,
        }
    }
}
