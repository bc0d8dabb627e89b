//! A game in progress: the scenario, who plays what, the seed, the state and
//! the log of every turn's orders. The terminal UI plays through it, saves
//! store it, replays re-run its log through the engine.

use crate::ai::Policy;
use crate::engine::{self, GameLog, Orders, State};
use crate::scenario::{ActorId, Scenario};
use crate::sim::{self, TurnRecord};

/// One game session.
#[derive(Debug, Clone)]
pub struct Game {
    pub scenario: Scenario,
    pub seed: u64,
    /// Per actor: played by a person (otherwise by the AI).
    pub humans: Vec<bool>,
    pub state: State,
    /// The meters after every turn (for history charts and the debrief).
    pub history: GameLog,
    /// Every resolved turn's full orders (humans' and AI's), in turn order.
    pub log: Vec<Orders>,
    /// The last resolved turn, for the turn report.
    pub last: Option<TurnRecord>,
}

impl Game {
    /// A new game at turn 0.
    pub fn new(scenario: Scenario, seed: u64, humans: Vec<bool>) -> Self {
        let state = engine::initial_state(&scenario);
        let mut humans = humans;
        humans.resize(scenario.n(), false);
        Game {
            history: GameLog::new(&state),
            scenario,
            seed,
            humans,
            state,
            log: Vec::new(),
            last: None,
        }
    }

    /// The human actors, in scenario order.
    pub fn human_actors(&self) -> Vec<ActorId> {
        self.scenario
            .actor_ids()
            .filter(|a| self.humans[a.index()])
            .collect()
    }

    /// Resolves the next turn: the humans' orders plus the AI's for every
    /// other actor. Orders in `human_orders` from AI actors are ignored.
    pub fn play_turn(&mut self, human_orders: &Orders) -> &TurnRecord {
        let policies: Vec<Policy> = vec![Policy::Utility; self.scenario.n()];
        let (ai_orders, ai_reasons) =
            sim::decide_all(&self.scenario, &self.state, self.seed, &policies);
        let mut orders = Orders::default();
        let mut reasons = Vec::new();
        for a in self.scenario.actor_ids() {
            if self.humans[a.index()] {
                for o in human_orders.of(a) {
                    orders.list.push(o.clone());
                    reasons.push("player's order".to_string());
                }
            } else {
                for (o, r) in ai_orders
                    .list
                    .iter()
                    .zip(&ai_reasons)
                    .filter(|(o, _)| o.actor == a)
                {
                    orders.list.push(o.clone());
                    reasons.push(r.clone());
                }
            }
        }
        let r = engine::resolve_turn(&self.scenario, &self.state, &orders, self.seed);
        let rec = TurnRecord {
            turn: self.state.turn + 1,
            orders: orders.clone(),
            reasons,
            events: r.events,
            changes: r.changes,
            regional_before: self.state.regional,
        };
        self.state = r.state;
        self.history.observe(&self.scenario, &self.state, self.seed);
        self.log.push(orders);
        self.last.insert(rec)
    }

    /// Re-runs a log of orders from the start: the state a save must match.
    pub fn replay(scenario: &Scenario, seed: u64, log: &[Orders]) -> Vec<State> {
        let mut states = vec![engine::initial_state(scenario)];
        for orders in log {
            let prev = states
                .last()
                .cloned()
                .unwrap_or_else(|| engine::initial_state(scenario));
            states.push(engine::resolve_turn(scenario, &prev, orders, seed).state);
        }
        states
    }
}
