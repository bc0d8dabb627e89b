//! What an actor wants: a number for how good a state is from its point of
//! view, built from its objectives and personality in the scenario.

use crate::engine::env::Bound;
use crate::engine::state::{Outcome, State};
use crate::scenario::{ActorId, Scenario, Stat};

/// How good `state` is for `me`, roughly 0–1 plus small terms. Objectives
/// are graded softly (how nearly each condition holds), so the AI can tell
/// progress from no progress.
pub fn utility(scn: &Scenario, state: &State, me: ActorId, risk_tolerance: f64) -> f64 {
    if state.outcome == Some(Outcome::Clash) {
        return -1.0;
    }
    let actor = scn.actor(me);
    let env = Bound::actor(scn, state, me);
    let total: f64 = actor.objectives.iter().map(|o| o.weight).sum();
    let goals = if total > 0.0 {
        actor
            .objectives
            .iter()
            .map(|o| o.weight * o.condition.soft(&env))
            .sum::<f64>()
            / total
    } else {
        0.0
    };
    let own = state.actor(me);
    let wellbeing =
        (own.stat(Stat::Economy) + own.stat(Stat::Stability) + own.stat(Stat::Prestige)) / 300.0;
    // Others' fortunes, as the personality cares for them, and how well
    // others regard this actor (more so those it cares about).
    let regard: f64 = scn
        .actor_ids()
        .filter(|b| *b != me)
        .map(|b| {
            let s = state.actor(b);
            let care = actor.ai.regard[b.index()];
            let fortunes = care * (s.stat(Stat::Economy) + s.stat(Stat::Military)) / 200.0;
            let liked = (0.3 + care.max(0.0)) * state.relations.get(b, me) / 100.0;
            fortunes + 0.5 * liked
        })
        .sum();
    // Danger: regional tension near the clash threshold, weighed by caution.
    let clash_at = scn.tension.clash_at;
    let danger = ((state.regional - 0.6 * clash_at) / (0.4 * clash_at)).max(0.0);
    let caution = 1.0 - risk_tolerance;
    goals + 0.1 * wellbeing + 0.03 * regard - caution * 0.4 * danger * danger
}

/// How far each objective is met, softly (0–1 each), for reasons.
pub fn objective_grades(scn: &Scenario, state: &State, me: ActorId) -> Vec<f64> {
    let env = Bound::actor(scn, state, me);
    scn.actor(me)
        .objectives
        .iter()
        .map(|o| o.condition.soft(&env))
        .collect()
}
