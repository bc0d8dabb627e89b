//! What happened in a turn, in the order it happened: the raw material of
//! the turn report, the news feed and the debrief. Events are typed and
//! carry ids only; [`crate::narrate`] turns them into words.

use serde::{Deserialize, Serialize};

use super::ledger::Cause;
use super::orders::{Order, OrderError};
use super::state::Outcome;
use crate::scenario::{ActorId, EventId, SystemId, TrackId};

/// A covert shipment or factory, as a revelation names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Covert {
    /// Arms in transit to `to`.
    Shipment { system: SystemId, to: ActorId },
    /// A plant standing in `at`.
    Factory { system: SystemId, at: ActorId },
}

/// One thing that happened during resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// An order broke a rule and was not carried out (nothing was paid).
    OrderRejected {
        order: Order,
        index: u16,
        reason: OrderError,
    },
    /// An order was carried out; `success` tells whether its roll succeeded.
    OrderResolved {
        order: Order,
        index: u16,
        success: bool,
        chance: f64,
        cost: f64,
        /// Known only to the parties (a covert move).
        covert: bool,
    },
    /// Arms were sent on their way (`cause`: the order or event that sent them).
    ShipmentSent {
        id: u32,
        system: SystemId,
        from: ActorId,
        to: ActorId,
        covert: bool,
        /// Turns in transit (0: arrives at the end of this turn).
        turns: u32,
        cause: Cause,
    },
    /// Arms arrived.
    ShipmentArrived {
        id: u32,
        system: SystemId,
        from: ActorId,
        to: ActorId,
        covert: bool,
    },
    /// Arms in transit were seized.
    ShipmentSeized {
        id: u32,
        system: SystemId,
        from: ActorId,
        to: ActorId,
        by: ActorId,
    },
    /// A factory began producing (`cause`: the order or event that built it).
    FactoryBuilt {
        id: u32,
        system: SystemId,
        at: ActorId,
        owner: ActorId,
        covert: bool,
        cause: Cause,
    },
    /// A factory was dismantled.
    FactoryDismantled {
        id: u32,
        system: SystemId,
        at: ActorId,
        by: ActorId,
    },
    /// A scripted event fired.
    Scripted { event: EventId },
    /// A track reached a named stage.
    Stage {
        track: TrackId,
        actor: Option<ActorId>,
        stage: usize,
        secret: bool,
    },
    /// A pair moved up or down the crisis ladder (stage 0: no crisis).
    CrisisStage {
        a: ActorId,
        b: ActorId,
        from: u8,
        to: u8,
    },
    /// A pair at the top of the crisis ladder came to blows: the game ends.
    ArmedClash { a: ActorId, b: ActorId },
    /// Regional tension moved into another escalation level.
    Escalation { from: usize, to: usize },
    /// The game ended.
    GameOver { outcome: Outcome },
    /// A council resolution was put to the vote.
    Vote {
        proposer: ActorId,
        on: ActorId,
        level: u8,
        yes: Vec<ActorId>,
        no: Vec<ActorId>,
        vetoed_by: Vec<ActorId>,
        passed: bool,
    },
    /// A deal was offered (answered next turn).
    DealOffered {
        deal: usize,
        from: ActorId,
        to: ActorId,
    },
    /// A deal was accepted: both sides applied.
    DealAccepted {
        deal: usize,
        from: ActorId,
        to: ActorId,
        /// The level of the move that made the offer.
        level: i32,
    },
    /// A deal was not accepted in time.
    DealRejected {
        deal: usize,
        from: ActorId,
        to: ActorId,
    },
    /// A side broke an accepted deal.
    DealBroken {
        deal: usize,
        breaker: ActorId,
        other: ActorId,
    },
    /// An instructor's inject took effect (`event`: the scenario event it
    /// applied, if it was one; else the instructor's own news item).
    Injected {
        index: u16,
        event: Option<EventId>,
        /// The instructor's own headline (news items only).
        news: Option<String>,
    },
    /// A covert shipment or factory came to light for `to`: discovered by
    /// `to`'s own intelligence (`by` is `None`), or published by `by` to all.
    Revealed {
        id: u32,
        what: Covert,
        culprit: ActorId,
        to: Vec<ActorId>,
        by: Option<ActorId>,
    },
}

impl Event {
    /// Does this event make the news for everyone? Covert orders and
    /// shipments, secret stages, rejected orders and factory construction
    /// (always learnt through discovery) do not.
    pub fn is_public(&self) -> bool {
        !matches!(
            self,
            Event::OrderRejected { .. }
                | Event::FactoryBuilt { covert: true, .. }
                | Event::ShipmentSent { covert: true, .. }
                | Event::OrderResolved { covert: true, .. }
                | Event::ShipmentArrived { covert: true, .. }
                | Event::Stage { secret: true, .. }
        )
    }
}
