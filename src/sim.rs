//! Playing whole games without a screen: every actor run by a policy.
//! Pure like the engine: the same scenario and seed give the same record.

use crate::ai::{self, Policy};
use crate::engine::{self, ActorScore, Change, Event, Orders, State};
use crate::scenario::Scenario;

/// One resolved turn with everything needed to report it.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnRecord {
    /// The number of the turn (1-based).
    pub turn: u32,
    /// Everyone's orders.
    pub orders: Orders,
    /// One reason per order, in the same order.
    pub reasons: Vec<String>,
    pub events: Vec<Event>,
    pub changes: Vec<Change>,
    /// Regional tension before the turn.
    pub regional_before: f64,
}

/// A whole game.
#[derive(Debug, Clone, PartialEq)]
pub struct GameRecord {
    pub seed: u64,
    pub turns: Vec<TurnRecord>,
    /// The final state.
    pub state: State,
    pub scores: Vec<ActorScore>,
}

/// Orders of every actor for the next turn, decided by their policies.
pub fn decide_all(
    scn: &Scenario,
    state: &State,
    seed: u64,
    policies: &[Policy],
) -> (Orders, Vec<String>) {
    let mut orders = Orders::default();
    let mut reasons = Vec::new();
    for a in scn.actor_ids() {
        let policy = policies.get(a.index()).copied().unwrap_or(Policy::Utility);
        let d = ai::decide(scn, state, a, seed, policy);
        orders.list.extend(d.orders);
        reasons.extend(d.reasons);
    }
    (orders, reasons)
}

/// Plays one turn with every actor run by its policy.
pub fn play_turn(
    scn: &Scenario,
    state: &State,
    seed: u64,
    policies: &[Policy],
) -> (State, TurnRecord) {
    let (orders, reasons) = decide_all(scn, state, seed, policies);
    let r = engine::resolve_turn(scn, state, &orders, seed);
    let rec = TurnRecord {
        turn: state.turn + 1,
        orders,
        reasons,
        events: r.events,
        changes: r.changes,
        regional_before: state.regional,
    };
    (r.state, rec)
}

/// Plays a game to its end (or `max_turns` turns).
pub fn play_game(
    scn: &Scenario,
    seed: u64,
    policies: &[Policy],
    max_turns: Option<u32>,
) -> GameRecord {
    let mut state = engine::initial_state(scn);
    let mut turns = Vec::new();
    let limit = max_turns.unwrap_or(u32::MAX);
    while !state.is_over() && state.turn < limit {
        let (next, rec) = play_turn(scn, &state, seed, policies);
        state = next;
        turns.push(rec);
    }
    let scores = engine::score(scn, &state);
    GameRecord {
        seed,
        turns,
        state,
        scores,
    }
}
