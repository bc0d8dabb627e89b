//! Playing whole games without a screen: every actor run by a policy,
//! through the referee like any other game. Pure like the engine: the same
//! scenario and seed give the same record.

pub mod batch;
pub mod expect;
pub mod lint;
pub mod render;
pub mod script;
pub mod sweep;
pub mod synthetic;
pub mod timing;

use std::sync::Arc;

use crate::ai::Policy;
use crate::engine::turn::{Keep, TurnRecord};
use crate::engine::{self, ActorScore, Event, GameLog, State};
use crate::referee::{Match, Seat};
use crate::scenario::Scenario;

/// A whole game.
#[derive(Debug, Clone, PartialEq)]
pub struct GameRecord {
    pub seed: u64,
    pub turns: Vec<TurnRecord>,
    /// The final state.
    pub state: State,
    /// The meters after every turn, each actor's pictures and assessment
    /// error, and the covert acts.
    pub log: GameLog,
    pub scores: Vec<ActorScore>,
    /// Counts of what happened, for batch statistics.
    pub facts: Facts,
}

/// Counts of the article's mechanics in one game.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub resolutions: u32,
    /// Resolutions tabled (proposed): those put to the vote, and those
    /// still waiting for their vote when the game ended.
    pub tabled: u32,
    pub vetoed: u32,
    pub passed: u32,
    pub offers: u32,
    pub deals_struck: u32,
    pub deals_broken: u32,
    pub covert_factories: u32,
    /// Covert factories some non-party actor discovered (or saw published) before the end.
    pub factories_revealed: u32,
    pub revelations: u32,
    /// Per actor (scenario order): deals another actor offered it.
    pub offered_to: Vec<u32>,
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
                Event::DealOffered { from, to, .. } => {
                    f.offers += 1;
                    if from != to {
                        let k = to.index();
                        if f.offered_to.len() <= k {
                            f.offered_to.resize(k + 1, 0);
                        }
                        f.offered_to[k] += 1;
                    }
                }
                Event::DealAccepted { .. } => f.deals_struck += 1,
                Event::DealBroken { .. } => f.deals_broken += 1,
                Event::FactoryBuilt { covert: true, .. } => f.covert_factories += 1,
                Event::Revealed { .. } => f.revelations += 1,
                _ => {}
            }
        }
        f.tabled = f.resolutions + state.proposals.len() as u32;
        f.factories_revealed = state
            .factories
            .iter()
            .filter(|x| x.covert && x.known.len() > 2)
            .count() as u32;
        f
    }
}

/// Seats for a game every actor of which a policy plays.
pub fn seats(policies: &[Policy]) -> Vec<Seat> {
    policies.iter().map(|p| Seat::Ai(*p)).collect()
}

/// Plays a game to its end (or `max_turns` turns), every actor run by its
/// policy, keeping everything.
pub fn play_game(
    scn: &Arc<Scenario>,
    seed: u64,
    policies: &[Policy],
    max_turns: Option<u32>,
) -> GameRecord {
    play_game_keeping(scn, seed, policies, max_turns, Keep::Everything)
}

/// Like [`play_game`], keeping only what `keep` says.
pub fn play_game_keeping(
    scn: &Arc<Scenario>,
    seed: u64,
    policies: &[Policy],
    max_turns: Option<u32>,
    keep: Keep,
) -> GameRecord {
    let mut m = Match::new(scn.clone(), seed, seats(policies), keep);
    let limit = max_turns.unwrap_or(u32::MAX);
    while !m.is_over() && m.turn() < limit {
        m.play_turn();
    }
    record(&m)
}

/// The record of a game played so far.
pub fn record(m: &Match) -> GameRecord {
    let t = m.truth();
    let scn = m.scenario();
    GameRecord {
        seed: m.seed(),
        turns: t.turns.to_vec(),
        state: t.state.clone(),
        log: t.log.clone(),
        scores: engine::score(scn, t.state),
        facts: Facts::of(t.state, t.turns),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::state::Proposal;
    use crate::scenario::ActorId;

    /// Resolutions tabled are those voted on plus those still waiting at
    /// the end; offers count for the receiver, never an actor's offer to
    /// itself.
    #[test]
    fn facts_count_tabled_resolutions_and_offers_per_receiver() {
        let scn = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let mut state = engine::initial_state(&scn);
        let (a, b, c) = (ActorId(0), ActorId(1), ActorId(2));
        state.proposals.push(Proposal {
            proposer: a,
            on: c,
            level: 1,
            turn: 3,
        });
        let offer = |from, to| Event::DealOffered { deal: 0, from, to };
        let turn = TurnRecord {
            turn: 3,
            orders: engine::Orders::default(),
            reasons: Vec::new(),
            injects: Vec::new(),
            events: vec![
                offer(a, c),
                offer(b, c),
                offer(c, c),
                offer(c, a),
                Event::Vote {
                    proposer: a,
                    on: c,
                    level: 1,
                    yes: vec![a],
                    no: vec![b],
                    vetoed_by: vec![b],
                    passed: false,
                },
            ],
            changes: Vec::new(),
            regional_before: 0.0,
            regional_after: 0.0,
        };
        let f = Facts::of(&state, &[turn]);
        assert_eq!((f.resolutions, f.tabled, f.offers), (1, 2, 4));
        assert_eq!(f.offered_to, vec![1, 0, 2]);
    }
}
