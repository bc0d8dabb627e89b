//! The game log: what the state no longer carries. After each real turn an
//! observer appends the meters (for history charts and the debrief), each
//! actor's picture of the hidden values and its assessment error, and what
//! became of every covert act (who found out, and when). The AI's lookahead
//! never touches it, so a state stays small and cheap to clone. Players'
//! perspectives ([`crate::perspective`]) read their share of it; only the
//! debrief reads all of it.

use serde::{Deserialize, Serialize};

use super::events::{Covert, Event};
use super::intel::{self, Picture};
use super::ledger::Cause;
use super::state::{ActorSet, Snapshot, State};
use crate::scenario::{ActorId, Scenario};

/// A covert shipment or factory, and who learnt of it when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CovertAct {
    /// The shipment's or factory's id in the game.
    pub id: u32,
    pub what: Covert,
    /// The turn it was ordered.
    pub turn: u32,
    /// The order (or event) that made it.
    pub cause: Cause,
    /// The actors party to it, who always knew.
    pub parties: ActorSet,
    /// Others who found out, with the turn each did (in order).
    pub found: Vec<(ActorId, u32)>,
    /// The turn it was published to the world, if it was.
    pub published: Option<u32>,
}

impl CovertAct {
    /// The turn `observer` learnt of it: 0 for a party, `None` if it has
    /// not (yet).
    pub fn known_since(&self, observer: ActorId) -> Option<u32> {
        if self.parties.contains(observer) {
            return Some(0);
        }
        let found = self
            .found
            .iter()
            .find(|(a, _)| *a == observer)
            .map(|(_, t)| *t);
        match (found, self.published) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Per-game records kept beside the state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GameLog {
    /// The meters after each turn; entry 0 is the start of the game.
    pub snapshots: Vec<Snapshot>,
    /// Per turn (index = turn; entry 0 is the start), per actor: mean error
    /// of its estimates of hidden values, as a share of their ranges.
    pub assessment: Vec<Vec<f64>>,
    /// Per turn (index = turn), per actor: what it believed of the hidden
    /// values. Empty when the log was made without pictures (batch runs).
    pub pictures: Vec<Vec<Picture>>,
    /// Every covert shipment and factory of the game.
    pub covert: Vec<CovertAct>,
    /// Keep every actor's picture each turn.
    pub keep_pictures: bool,
}

impl GameLog {
    /// A log for a game that starts at `start`; `pictures`: keep every
    /// actor's picture of the hidden values each turn (for history charts
    /// and the debrief), not only its assessment error.
    pub fn new(scn: &Scenario, start: &State, seed: u64, pictures: bool) -> Self {
        let mut log = GameLog {
            keep_pictures: pictures,
            ..GameLog::default()
        };
        log.record_meters(scn, start, seed);
        log
    }

    fn record_meters(&mut self, scn: &Scenario, s: &State, seed: u64) {
        self.snapshots.push(s.snapshot());
        let pictures: Vec<Picture> = scn
            .actor_ids()
            .map(|a| intel::picture(scn, s, a, seed))
            .collect();
        let errors = if s.turn == 0 {
            Vec::new()
        } else {
            pictures
                .iter()
                .map(|p| intel::assessment_error(scn, s, p))
                .collect()
        };
        self.assessment.push(errors);
        if self.keep_pictures {
            self.pictures.push(pictures);
        }
    }

    /// Records a turn: `after` is the state it left (`after.turn` the turn
    /// just played) and `events` what happened in it.
    pub fn observe(&mut self, scn: &Scenario, after: &State, events: &[Event], seed: u64) {
        let turn = after.turn;
        for e in events {
            match e {
                Event::ShipmentSent {
                    id,
                    system,
                    from,
                    to,
                    covert: true,
                    cause,
                    ..
                } => self.covert.push(CovertAct {
                    id: *id,
                    what: Covert::Shipment {
                        system: *system,
                        to: *to,
                    },
                    turn,
                    cause: *cause,
                    parties: ActorSet::of(&[*from, *to]),
                    found: Vec::new(),
                    published: None,
                }),
                Event::FactoryBuilt {
                    id,
                    system,
                    at,
                    owner,
                    covert: true,
                    cause,
                } => self.covert.push(CovertAct {
                    id: *id,
                    what: Covert::Factory {
                        system: *system,
                        at: *at,
                    },
                    turn,
                    cause: *cause,
                    parties: ActorSet::of(&[*owner, *at]),
                    found: Vec::new(),
                    published: None,
                }),
                Event::Revealed { id, to, by, .. } => {
                    if let Some(act) = self.covert.iter_mut().find(|a| a.id == *id) {
                        if by.is_some() {
                            act.published.get_or_insert(turn);
                        } else {
                            for x in to {
                                if !act.parties.contains(*x) && !act.found.iter().any(|f| f.0 == *x)
                                {
                                    act.found.push((*x, turn));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        while self.snapshots.len() < turn as usize {
            // A gap (impossible in a real game): keep indices equal to turns.
            self.snapshots.push(after.snapshot());
            self.assessment.push(Vec::new());
            if self.keep_pictures {
                self.pictures.push(Vec::new());
            }
        }
        self.record_meters(scn, after, seed);
    }

    /// The meters after turn `turn` (0: the start), if recorded.
    pub fn snapshot(&self, turn: u32) -> Option<&Snapshot> {
        self.snapshots.get(turn as usize)
    }

    /// `observer`'s picture of the hidden values after turn `turn`, if kept.
    pub fn picture(&self, turn: u32, observer: ActorId) -> Option<&Picture> {
        self.pictures.get(turn as usize)?.get(observer.index())
    }

    /// The highest escalation level regional tension reached.
    pub fn peak_level(&self) -> usize {
        self.snapshots.iter().map(|s| s.level).max().unwrap_or(0)
    }

    /// The covert act behind a shipment or factory id, if it was covert.
    pub fn act(&self, id: u32) -> Option<&CovertAct> {
        self.covert.iter().find(|a| a.id == id)
    }

    /// The covert act an order of turn `turn` made (its place `index`).
    pub fn act_of_order(&self, turn: u32, index: u16) -> Option<&CovertAct> {
        self.covert.iter().find(|a| {
            a.turn == turn && matches!(a.cause, Cause::Order { index: i, .. } if i == index)
        })
    }
}
