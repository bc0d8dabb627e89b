//! The cause ledger: every change to a meter, with what caused it and
//! through which rule, so reports can answer "why did tension rise 7 points?".

use serde::{Deserialize, Serialize};

use crate::scenario::{ActorId, EventId, MoveId, Stat, TrackId};

/// A value of the state that can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "meter", rename_all = "snake_case")]
pub enum Meter {
    Stat {
        actor: ActorId,
        stat: Stat,
    },
    Capital {
        actor: ActorId,
    },
    Threat {
        actor: ActorId,
    },
    Relation {
        from: ActorId,
        to: ActorId,
    },
    /// Pair tension; `a` is always the lower actor index.
    Tension {
        a: ActorId,
        b: ActorId,
    },
    Sanction {
        from: ActorId,
        to: ActorId,
    },
    Track {
        track: TrackId,
        actor: Option<ActorId>,
    },
    Regional,
    /// How closely `observer` watches `target`, 0–1.
    Surveillance {
        observer: ActorId,
        target: ActorId,
    },
    /// Council sanctions on an actor, 0–5.
    CouncilSanction {
        on: ActorId,
    },
}

/// What set a change in motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Cause {
    /// An order: who gave it, which move, against whom, its place in the turn's orders.
    Order {
        actor: ActorId,
        mv: MoveId,
        target: Option<ActorId>,
        index: u16,
    },
    /// A scripted event.
    Event { event: EventId },
    /// A shipment arriving (by shipment id).
    Shipment { id: u32 },
    /// A factory producing (by factory id).
    Factory { id: u32 },
    /// Sanctions in force from one actor on another.
    Sanctions { from: ActorId, to: ActorId },
    /// The passing of time (decay, income, arms race).
    Time,
    /// A council vote on a resolution against an actor.
    Council { on: ActorId },
    /// A deal (index in the scenario) between two actors.
    Deal {
        deal: u16,
        giver: ActorId,
        taker: ActorId,
    },
    /// A covert act coming to light (shipment or factory id).
    Revelation { id: u32 },
    /// An instructor's inject (its place in the turn's injects).
    Inject { index: u16 },
}

/// The rule through which a cause changed a meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// An effect written in the scenario.
    Effect,
    /// The cost of an order.
    Cost,
    /// Income at the start of a turn.
    Income,
    /// An act's Goldstein value moving pair tension.
    Goldstein,
    /// An act's Goldstein value moving the target's regard for the actor.
    Regard,
    /// A hostile actor gaining military strength.
    Buildup,
    /// A show of force felt by actors hostile to the one showing it.
    ShowOfForce,
    /// Sanctions draining the target's economy.
    SanctionDrain,
    /// Sanctions costing the sender.
    SanctionCost,
    /// Values relaxing toward their baselines.
    Decay,
    /// The Richardson arms race.
    ArmsRace,
    /// Pair tensions and threat perceptions adding up to regional tension.
    Aggregation,
    /// A veto in the council.
    Veto,
    /// A deal broken.
    Breach,
    /// A covert act revealed.
    Exposure,
    /// An instructor's inject.
    Inject,
    /// A third party alarmed by military cooperation between others.
    Alarm,
    /// The crisis ladder (a clash, a stage's consequences).
    Crisis,
}

impl Rule {
    /// Plain words for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Effect => "effect",
            Rule::Cost => "cost",
            Rule::Income => "income",
            Rule::Goldstein => "act",
            Rule::Regard => "reaction",
            Rule::Buildup => "build-up seen",
            Rule::ShowOfForce => "show of force",
            Rule::SanctionDrain => "sanctions",
            Rule::SanctionCost => "sanction cost",
            Rule::Decay => "decay",
            Rule::ArmsRace => "arms race",
            Rule::Aggregation => "regional weight",
            Rule::Veto => "veto",
            Rule::Breach => "broken deal",
            Rule::Exposure => "exposed",
            Rule::Inject => "instructor's inject",
            Rule::Alarm => "alarmed rival",
            Rule::Crisis => "crisis",
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub meter: Meter,
    /// After clamping: the change that really happened.
    pub delta: f64,
    pub cause: Cause,
    pub rule: Rule,
}

/// A cause's total effect on one meter this turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub cause: Cause,
    pub rule: Rule,
    pub delta: f64,
}

/// Sums the changes of one meter by cause and rule, largest first; ties
/// keep a fixed order so reports are deterministic.
pub fn explain(changes: &[Change], meter: Meter) -> Vec<Contribution> {
    let mut out: Vec<Contribution> = Vec::new();
    for c in changes.iter().filter(|c| c.meter == meter) {
        match out
            .iter_mut()
            .find(|o| o.cause == c.cause && o.rule == c.rule)
        {
            Some(o) => o.delta += c.delta,
            None => out.push(Contribution {
                cause: c.cause,
                rule: c.rule,
                delta: c.delta,
            }),
        }
    }
    out.retain(|c| c.delta.abs() >= 0.005);
    out.sort_by(|a, b| {
        b.delta
            .abs()
            .total_cmp(&a.delta.abs())
            .then(a.cause.cmp(&b.cause))
            .then(a.rule.cmp(&b.rule))
    });
    out
}
