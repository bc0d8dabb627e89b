//! What happened in a turn, in the order it happened: the raw material of
//! the turn report, the news feed and the debrief.

use serde::{Deserialize, Serialize};

use super::orders::Order;
use super::state::Outcome;
use crate::scenario::{ActorId, EventId, TrackId};

/// One thing that happened during resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// An order broke a rule and was not carried out (nothing was paid).
    OrderRejected {
        order: Order,
        index: u16,
        reason: String,
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
        headline: String,
    },
    /// Arms arrived.
    ShipmentArrived {
        id: u32,
        system: String,
        from: ActorId,
        to: ActorId,
        covert: bool,
        headline: String,
    },
    /// Arms in transit were seized.
    ShipmentSeized {
        id: u32,
        system: String,
        from: ActorId,
        to: ActorId,
        by: ActorId,
        headline: String,
    },
    /// A factory began producing.
    FactoryBuilt {
        id: u32,
        name: String,
        at: ActorId,
        owner: ActorId,
        covert: bool,
    },
    /// A factory was dismantled.
    FactoryDismantled {
        id: u32,
        name: String,
        at: ActorId,
        by: ActorId,
        headline: String,
    },
    /// A scripted event fired.
    Scripted { event: EventId, headline: String },
    /// A track reached a named stage.
    Stage {
        track: TrackId,
        actor: Option<ActorId>,
        stage: usize,
        secret: bool,
        headline: String,
    },
    /// Regional tension moved into another escalation level.
    Escalation {
        from: usize,
        to: usize,
        headline: String,
    },
    /// The game ended.
    GameOver { outcome: Outcome, headline: String },
    /// A council resolution was put to the vote.
    Vote {
        proposer: ActorId,
        on: ActorId,
        level: u8,
        yes: Vec<ActorId>,
        no: Vec<ActorId>,
        vetoed_by: Vec<ActorId>,
        passed: bool,
        headline: String,
    },
    /// A deal was offered (answered next turn).
    DealOffered {
        deal: usize,
        from: ActorId,
        to: ActorId,
        headline: String,
    },
    /// A deal was accepted: both sides applied.
    DealAccepted {
        deal: usize,
        from: ActorId,
        to: ActorId,
        headline: String,
    },
    /// A deal was not accepted in time.
    DealRejected {
        deal: usize,
        from: ActorId,
        to: ActorId,
        headline: String,
    },
    /// A side broke an accepted deal.
    DealBroken {
        deal: usize,
        breaker: ActorId,
        other: ActorId,
        headline: String,
    },
    /// A covert shipment or factory came to light for `to` (everyone when published).
    Revealed {
        id: u32,
        what: String,
        culprit: ActorId,
        to: Vec<ActorId>,
        headline: String,
    },
}

impl Event {
    /// The headline, if this event makes the news for everyone.
    pub fn public_headline(&self) -> Option<&str> {
        match self {
            Event::OrderRejected { .. } | Event::FactoryBuilt { .. } => None,
            Event::OrderResolved { covert: true, .. }
            | Event::ShipmentArrived { covert: true, .. }
            | Event::Stage { secret: true, .. } => None,
            Event::OrderResolved { headline, .. }
            | Event::ShipmentArrived { headline, .. }
            | Event::ShipmentSeized { headline, .. }
            | Event::FactoryDismantled { headline, .. }
            | Event::Scripted { headline, .. }
            | Event::Stage { headline, .. }
            | Event::Escalation { headline, .. }
            | Event::GameOver { headline, .. }
            | Event::Vote { headline, .. }
            | Event::DealOffered { headline, .. }
            | Event::DealAccepted { headline, .. }
            | Event::DealRejected { headline, .. }
            | Event::DealBroken { headline, .. }
            | Event::Revealed { headline, .. } => Some(headline),
        }
    }
}
