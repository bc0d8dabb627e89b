//! Perspectives: everything a player may see, built by whitelist from the
//! referee's true game. Screens, clients, exports and JSON meant for one
//! player are made only from that player's [`PlayerView`] and
//! [`TurnReport`]s; only the [`crate::referee::Debrief`], once the game is
//! over, sees all.
//!
//! The rules of what is public live here, in [`sight`] (meters),
//! [`sees_cause`] (why something changed) and [`sees_event`] (what
//! happened), and nowhere else: no screen decides it again.
//!
//! * Public: regional tension and its level, pair tensions, relations,
//!   unilateral and council sanctions, prestige, non-secret tracks, council
//!   proposals, offers and deals, scripted events, overt moves and their
//!   outcomes, and each actor's recent conduct (made of overt moves only).
//! * Own: one's own stats, capital, threat perception, surveillance,
//!   objectives, orders (with chance, cost and outcome) and the secret
//!   tracks one is told.
//! * Estimated: others' stats (but prestige) and threat perception, secret
//!   tracks one is not told — as the fog-of-war rule ([`crate::engine::intel`]) draws them.
//! * Hidden until discovered: others' covert moves and what they made; once
//!   discovered, shown as covert with the turn of discovery.
//! * Never shown to another player: others' capital, surveillance,
//!   objectives, briefings and the computer players' reasons.

mod public;
mod report;
mod view;

pub use public::PublicView;
pub use report::{SeenCause, SeenChange, SeenOrder, SeenOutcome, TurnReport};
pub use view::{PlayerView, SeenFactory, SeenShipment, SeenTurn, history};

use crate::engine::ledger::{Cause, Meter};
use crate::engine::log::GameLog;
use crate::engine::{Event, intel};
use crate::scenario::{ActorId, MoveId, Scenario, Stat};

/// How an observer may know a meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    /// Its true value.
    Exact,
    /// An estimate (fog of war).
    Estimated,
    /// Nothing at all.
    Hidden,
}

/// How `observer` may know `meter`: the one rule of what is public.
pub fn sight(scn: &Scenario, observer: ActorId, meter: Meter) -> Sight {
    match meter {
        Meter::Stat { actor, stat } => {
            if actor == observer || stat == Stat::Prestige {
                Sight::Exact
            } else {
                Sight::Estimated
            }
        }
        Meter::Capital { actor } => {
            if actor == observer {
                Sight::Exact
            } else {
                Sight::Hidden
            }
        }
        Meter::Threat { actor } => {
            if actor == observer {
                Sight::Exact
            } else {
                Sight::Estimated
            }
        }
        Meter::Surveillance { observer: o, .. } => {
            if o == observer {
                Sight::Exact
            } else {
                Sight::Hidden
            }
        }
        Meter::Track { track, actor } => {
            if intel::knows_track(scn, observer, track.index(), actor) {
                Sight::Exact
            } else {
                Sight::Estimated
            }
        }
        Meter::Relation { .. }
        | Meter::Tension { .. }
        | Meter::Sanction { .. }
        | Meter::CouncilSanction { .. }
        | Meter::Regional => Sight::Exact,
    }
}

/// Whether `observer` is a party to an order of `actor`'s: it gave it, or
/// it is the target of a move whose target is a party (talks, a handover:
/// the scenario's `target_is_party`). A party knows the order even when it
/// is covert.
pub fn is_party(
    scn: &Scenario,
    actor: ActorId,
    mv: MoveId,
    target: Option<ActorId>,
    observer: ActorId,
) -> bool {
    actor == observer || (scn.mv(mv).target_is_party && target == Some(observer))
}

/// Whether `observer` may know a cause of a change of turn `turn`, as of
/// turn `now` (covert acts become visible once discovered).
pub fn sees_cause(
    scn: &Scenario,
    log: &GameLog,
    observer: ActorId,
    turn: u32,
    cause: Cause,
    now: u32,
) -> bool {
    let knows = |id: u32| {
        log.act(id)
            .is_none_or(|a| a.known_since(observer).is_some_and(|t| t <= now))
    };
    match cause {
        Cause::Order {
            actor,
            mv,
            target,
            index,
        } => {
            is_party(scn, actor, mv, target, observer)
                || !scn.mv(mv).covert
                || log
                    .act_of_order(turn, index)
                    .and_then(|a| a.known_since(observer))
                    .is_some_and(|t| t <= now)
        }
        Cause::Shipment { id } | Cause::Factory { id } => knows(id),
        Cause::Revelation { id } => log.act(id).is_none_or(|a| {
            a.known_since(observer).is_some_and(|t| t <= now)
                || matches!(a.cause, Cause::Order { actor, .. } if actor == observer)
        }),
        Cause::Event { .. }
        | Cause::Sanctions { .. }
        | Cause::Time
        | Cause::Council { .. }
        | Cause::Deal { .. }
        | Cause::Inject { .. } => true,
    }
}

/// Whether `observer` may see an event of turn `turn`, as of turn `now`.
pub fn sees_event(
    scn: &Scenario,
    log: &GameLog,
    observer: ActorId,
    turn: u32,
    e: &Event,
    now: u32,
) -> bool {
    let knows = |id: u32| {
        log.act(id)
            .is_none_or(|a| a.known_since(observer).is_some_and(|t| t <= now))
    };
    match e {
        Event::OrderRejected { order, .. } => order.actor == observer,
        Event::OrderResolved { order, index, .. } => sees_cause(
            scn,
            log,
            observer,
            turn,
            Cause::Order {
                actor: order.actor,
                mv: order.mv,
                target: order.target,
                index: *index,
            },
            now,
        ),
        Event::ShipmentSent { id, .. }
        | Event::ShipmentArrived { id, .. }
        | Event::FactoryBuilt { id, .. } => knows(*id),
        Event::Stage { track, actor, .. } => {
            intel::knows_track(scn, observer, track.index(), *actor)
        }
        Event::Revealed {
            to, by, culprit, ..
        } => by.is_some() || to.contains(&observer) || *culprit == observer,
        // Seizing a covert shipment or dismantling a covert factory does
        // not tell the world it existed: only its parties, those who had
        // found it out, and the one who seized it see it go.
        Event::ShipmentSeized { id, by, .. } | Event::FactoryDismantled { id, by, .. } => {
            *by == observer || knows(*id)
        }
        Event::Scripted { .. }
        | Event::Injected { .. }
        | Event::CrisisStage { .. }
        | Event::ArmedClash { .. }
        | Event::Escalation { .. }
        | Event::GameOver { .. }
        | Event::Vote { .. }
        | Event::DealOffered { .. }
        | Event::DealAccepted { .. }
        | Event::DealRejected { .. }
        | Event::DealBroken { .. } => true,
    }
}

/// A cause with the order's place in the turn removed: how many orders
/// were given that turn is not for a player to count.
pub fn blur(cause: Cause) -> Cause {
    match cause {
        Cause::Order {
            actor, mv, target, ..
        } => Cause::Order {
            actor,
            mv,
            target,
            index: 0,
        },
        Cause::Inject { .. } => Cause::Inject { index: 0 },
        c => c,
    }
}
