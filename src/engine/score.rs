//! Objectives and scores: how well each actor did, 0–100.

use serde::Serialize;

use super::env::Bound;
use super::state::{Outcome, State};
use crate::scenario::{ActorId, Over, Scenario};

/// One actor's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorScore {
    pub actor: ActorId,
    /// 0–100: weighted share of objectives met (0 for everyone after a clash).
    pub score: f64,
    /// Per objective, how far it was met (0–1).
    pub objectives: Vec<f64>,
}

/// How far each of an actor's objectives is met in `state` (0–1 each):
/// `end` objectives on the state as it is, `game` ones by share of turns held.
pub fn objective_progress(scn: &Scenario, state: &State, a: ActorId) -> Vec<f64> {
    let env = Bound::actor(scn, state, a);
    let played = state.turn.max(1);
    scn.actor(a)
        .objectives
        .iter()
        .enumerate()
        .map(|(k, o)| match o.over {
            Over::End => f64::from(u8::from(o.condition.holds(&env))),
            Over::Game => f64::from(state.held[a.index()][k]) / f64::from(played),
        })
        .collect()
}

/// Scores every actor on a (finished or unfinished) game.
pub fn score(scn: &Scenario, state: &State) -> Vec<ActorScore> {
    let clash = state.outcome == Some(Outcome::Clash);
    scn.actor_ids()
        .map(|a| {
            let objectives = objective_progress(scn, state, a);
            let weights: f64 = scn.actor(a).objectives.iter().map(|o| o.weight).sum();
            let met: f64 = scn
                .actor(a)
                .objectives
                .iter()
                .zip(&objectives)
                .map(|(o, m)| o.weight * m)
                .sum();
            let score = if clash || weights <= 0.0 {
                0.0
            } else {
                100.0 * met / weights
            };
            ActorScore {
                actor: a,
                score,
                objectives,
            }
        })
        .collect()
}
