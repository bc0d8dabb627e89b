//! One turn as one player may know it: its own orders with their chance,
//! cost and outcome; others' overt orders and their outcomes; others'
//! covert orders only once discovered (marked, with the turn); the events
//! it may see; and every change to a meter it may see, with the cause when
//! it may know the cause ("cause unknown" otherwise).

use serde::{Deserialize, Serialize};

use super::{Sight, blur, is_party, sees_cause, sees_event, sight};
use crate::engine::ledger::{Cause, Meter, Rule};
use crate::engine::log::GameLog;
use crate::engine::turn::TurnRecord;
use crate::engine::{Event, Order, OrderError};
use crate::scenario::{ActorId, Scenario};

/// How an order turned out, as far as the observer may know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SeenOutcome {
    Succeeded,
    Failed,
    /// Refused by the rules (only one's own orders are shown so).
    Rejected {
        reason: OrderError,
    },
}

/// One order of the turn as the observer may know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenOrder {
    pub order: Order,
    pub outcome: SeenOutcome,
    pub covert: bool,
    /// For another's covert order: the turn the observer found out.
    pub discovered: Option<u32>,
    /// Its success chance (own orders only: others' chances depend on
    /// values the observer may not know).
    pub chance: Option<f64>,
    /// Its cost (own orders only).
    pub cost: Option<f64>,
    /// Why the computer chose it (only for the observer's own seat when
    /// the computer played it).
    pub reason: Option<String>,
}

/// A cause as the observer may know it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "known", rename_all = "snake_case")]
pub enum SeenCause {
    /// The cause, with the order's place in the turn removed.
    Known { cause: Cause },
    /// Something the observer may not know of.
    Unknown,
}

/// One change to a meter the observer may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenChange {
    pub meter: Meter,
    pub delta: f64,
    pub cause: SeenCause,
    pub rule: Rule,
}

/// A turn as one player may know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnReport {
    pub turn: u32,
    pub observer: ActorId,
    pub orders: Vec<SeenOrder>,
    /// The events the observer may see, order results excepted (they are
    /// in `orders`).
    pub events: Vec<Event>,
    /// Changes to meters it sees exactly.
    pub changes: Vec<SeenChange>,
    pub regional_before: f64,
    pub regional_after: f64,
}

impl TurnReport {
    /// The news of the turn as the observer reads it: the overt orders it
    /// saw carried out, then the events it may see, in words, each act
    /// told once ([`crate::narrate::news`]).
    pub fn news(&self, scn: &Scenario) -> Vec<String> {
        let orders: Vec<(&Order, bool)> = self
            .orders
            .iter()
            .filter(|o| !o.covert)
            .filter_map(|o| match o.outcome {
                SeenOutcome::Succeeded => Some((&o.order, true)),
                SeenOutcome::Failed => Some((&o.order, false)),
                SeenOutcome::Rejected { .. } => None,
            })
            .collect();
        crate::narrate::news(scn, self.turn, &orders, &self.events)
    }

    /// The report of `record` for `observer`, as of turn `now` (covert
    /// acts discovered by then are shown).
    pub fn build(
        scn: &Scenario,
        log: &GameLog,
        record: &TurnRecord,
        observer: ActorId,
        now: u32,
    ) -> Self {
        let turn = record.turn;
        let mut orders = Vec::new();
        for (i, o) in record.orders.list.iter().enumerate() {
            let index = i as u16;
            let m = scn.mv(o.mv);
            let mine = o.actor == observer;
            let result = record.events.iter().find_map(|e| match e {
                Event::OrderResolved {
                    index: x,
                    success,
                    chance,
                    cost,
                    ..
                } if *x == index => Some((
                    if *success {
                        SeenOutcome::Succeeded
                    } else {
                        SeenOutcome::Failed
                    },
                    Some(*chance),
                    Some(*cost),
                )),
                Event::OrderRejected {
                    index: x, reason, ..
                } if *x == index => Some((
                    SeenOutcome::Rejected {
                        reason: reason.clone(),
                    },
                    None,
                    None,
                )),
                _ => None,
            });
            let Some((outcome, chance, cost)) = result else {
                continue;
            };
            let party = is_party(scn, o.actor, o.mv, o.target, observer);
            let discovered = if party || !m.covert {
                None
            } else {
                match log
                    .act_of_order(turn, index)
                    .and_then(|a| a.known_since(observer))
                {
                    Some(t) if t <= now => Some(t),
                    _ => continue,
                }
            };
            if !mine && matches!(outcome, SeenOutcome::Rejected { .. }) {
                continue;
            }
            orders.push(SeenOrder {
                order: o.clone(),
                outcome,
                covert: m.covert,
                discovered,
                chance: chance.filter(|_| mine),
                cost: cost.filter(|_| mine),
                reason: if mine {
                    record.reasons.get(i).cloned().flatten()
                } else {
                    None
                },
            });
        }
        let events = record
            .events
            .iter()
            .filter(|e| !matches!(e, Event::OrderResolved { .. } | Event::OrderRejected { .. }))
            .filter(|e| sees_event(scn, log, observer, turn, e, now))
            .map(|e| blur_event(e.clone()))
            .collect();
        let changes = record
            .changes
            .iter()
            .filter(|c| sight(scn, observer, c.meter) == Sight::Exact)
            .map(|c| SeenChange {
                meter: c.meter,
                delta: c.delta,
                cause: if sees_cause(scn, log, observer, turn, c.cause, now) {
                    SeenCause::Known {
                        cause: blur(c.cause),
                    }
                } else {
                    SeenCause::Unknown
                },
                rule: if sees_cause(scn, log, observer, turn, c.cause, now) {
                    c.rule
                } else {
                    Rule::Effect
                },
            })
            .collect();
        TurnReport {
            turn,
            observer,
            orders,
            events,
            changes,
            regional_before: record.regional_before,
            regional_after: record.regional_after,
        }
    }
}

/// An event with the causes inside it blurred (no order indices).
fn blur_event(e: Event) -> Event {
    match e {
        Event::ShipmentSent {
            id,
            system,
            from,
            to,
            covert,
            turns,
            cause,
        } => Event::ShipmentSent {
            id,
            system,
            from,
            to,
            covert,
            turns,
            cause: blur(cause),
        },
        Event::FactoryBuilt {
            id,
            system,
            at,
            owner,
            covert,
            cause,
        } => Event::FactoryBuilt {
            id,
            system,
            at,
            owner,
            covert,
            cause: blur(cause),
        },
        Event::Injected { event, news, .. } => Event::Injected {
            index: 0,
            event,
            news,
        },
        e => e,
    }
}
