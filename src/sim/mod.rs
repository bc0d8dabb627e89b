//! Playing whole games without a screen: every actor run by a policy.
//! Pure like the engine: the same scenario and seed give the same record.

pub mod synthetic;

use crate::ai::{self, Policy};
use crate::engine::{self, ActorScore, Change, Event, GameLog, Orders, State};
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
    /// The meters after every turn and each actor's assessment error.
    pub log: GameLog,
    pub scores: Vec<ActorScore>,
    /// Counts of what happened, for batch statistics.
    pub facts: Facts,
}

/// Counts of the article's mechanics in one game.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub resolutions: u32,
    pub vetoed: u32,
    pub passed: u32,
    pub offers: u32,
    pub deals_struck: u32,
    pub deals_broken: u32,
    pub covert_factories: u32,
    /// Covert factories some non-party actor discovered (or saw published) before the end.
    pub factories_revealed: u32,
    pub revelations: u32,
}

impl Facts {
    /// Counts the events of a game.
    pub fn of(state: &State, turns: &[TurnRecord]) -> Facts {
        let mut f = Facts::default();
        for e in turns.iter().flat_map(|t| &t.events) {
            match e {
                Event::Vote {
                    passed, vetoed_by, ..
                } => {
                    f.resolutions += 1;
                    f.vetoed += u32::from(!vetoed_by.is_empty());
                    f.passed += u32::from(*passed);
                }
                Event::DealOffered { .. } => f.offers += 1,
                Event::DealAccepted { .. } => f.deals_struck += 1,
                Event::DealBroken { .. } => f.deals_broken += 1,
                Event::FactoryBuilt { covert: true, .. } => f.covert_factories += 1,
                Event::Revealed { .. } => f.revelations += 1,
                _ => {}
            }
        }
        f.factories_revealed = state
            .factories
            .iter()
            .filter(|x| x.covert && x.known.len() > 2)
            .count() as u32;
        f
    }
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
        // Each actor decides from the game as it believes it to be.
        let believed = crate::engine::view(scn, state, a, seed).state;
        let d = ai::decide(scn, &believed, a, seed, policy);
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
    let mut log = GameLog::new(&state);
    let mut turns = Vec::new();
    let limit = max_turns.unwrap_or(u32::MAX);
    while !state.is_over() && state.turn < limit {
        let (next, rec) = play_turn(scn, &state, seed, policies);
        state = next;
        log.observe(scn, &state, seed);
        turns.push(rec);
    }
    let scores = engine::score(scn, &state);
    let facts = Facts::of(&state, &turns);
    GameRecord {
        seed,
        turns,
        state,
        log,
        scores,
        facts,
    }
}
