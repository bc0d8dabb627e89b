//! One resolved turn, and the one place that makes it: the terminal game,
//! headless simulation, loading a save and replaying one all resolve a
//! turn through [`TurnRecord::play`], so orders are always put in the same
//! canonical order and recorded the same way.
//!
//! It lives in the engine because it is pure: it only sorts the orders and
//! calls [`engine::resolve()`] with a recorder, and it needs nothing above the
//! engine and the scenario. Perspectives build their reports from a
//! [`TurnRecord`], and the referee above them plays turns through it.

use serde::{Deserialize, Serialize};

use crate::engine::{self, Change, Dice, Event, EventsOnly, Inject, Ledger, Order, Orders, State};
use crate::scenario::Scenario;

/// How much of a turn to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Keep {
    /// Events and the full ledger of changes: games people play, saves.
    #[default]
    Everything,
    /// Events only: batches of games that count what happened.
    Events,
}

/// One resolved turn with everything needed to report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    /// The number of the turn (1-based).
    pub turn: u32,
    /// Everyone's orders, in canonical order.
    pub orders: Orders,
    /// Per order: why the computer chose it (`None`: a person's order).
    pub reasons: Vec<Option<String>>,
    /// The instructor's injects applied this turn.
    pub injects: Vec<Inject>,
    pub events: Vec<Event>,
    /// Every change with its cause (empty when kept with [`Keep::Events`]).
    pub changes: Vec<Change>,
    /// Regional tension before and after the turn.
    pub regional_before: f64,
    pub regional_after: f64,
}

/// Puts orders in canonical order — by actor, then move, target and level —
/// carrying each order's reason along. The order in which seats submit, or
/// in which a player drafted, never changes a result.
pub fn canonical(mut orders: Vec<(Order, Option<String>)>) -> (Orders, Vec<Option<String>>) {
    orders.sort_by(|(a, _), (b, _)| {
        (a.actor, a.mv, a.target, a.level).cmp(&(b.actor, b.mv, b.target, b.level))
    });
    let (list, reasons) = orders.into_iter().unzip();
    (Orders { list }, reasons)
}

impl TurnRecord {
    /// Resolves the turn after `before` with these orders (each with its
    /// reason) and injects, and records it: the one constructor of a turn
    /// record. Returns the new state with the record.
    pub fn play(
        scn: &Scenario,
        before: &State,
        orders: Vec<(Order, Option<String>)>,
        injects: Vec<Inject>,
        seed: u64,
        keep: Keep,
    ) -> (State, TurnRecord) {
        let (orders, reasons) = canonical(orders);
        let dice = Dice::seeded(seed);
        let (after, events, changes) = match keep {
            Keep::Everything => {
                let mut rec = Ledger::default();
                let s = engine::resolve(scn, before, &orders, &injects, dice, &mut rec);
                (s, rec.events, rec.changes)
            }
            Keep::Events => {
                let mut rec = EventsOnly::default();
                let s = engine::resolve(scn, before, &orders, &injects, dice, &mut rec);
                (s, rec.events, Vec::new())
            }
        };
        let record = TurnRecord {
            turn: before.turn + 1,
            orders,
            reasons,
            injects,
            events,
            changes,
            regional_before: before.regional,
            regional_after: after.regional,
        };
        (after, record)
    }
}
