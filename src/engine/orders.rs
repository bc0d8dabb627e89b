//! Orders: what an actor asks for this turn, and the rules of what it may ask.

use serde::{Deserialize, Serialize};

use super::env::Bound;
use super::state::State;
use crate::scenario::{ActorId, MoveId, Scenario};

/// One move ordered by one actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub actor: ActorId,
    pub mv: MoveId,
    /// The actor it is aimed at (for moves with a target).
    pub target: Option<ActorId>,
    /// The tuned strength, within the move's level range.
    pub level: i32,
}

/// Every actor's orders for one turn, in the order they were given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orders {
    pub list: Vec<Order>,
}

impl Orders {
    /// The orders of one actor.
    pub fn of(&self, actor: ActorId) -> impl Iterator<Item = &Order> {
        self.list.iter().filter(move |o| o.actor == actor)
    }
}

/// Why an order cannot be carried out. Ids only: [`crate::narrate`] puts
/// it into words with the scenario's names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrderError {
    /// The actor may not use this move at all.
    NotAllowed { actor: ActorId },
    /// The move is aimed at someone, and no target was given.
    NeedsTarget,
    /// The move has no target, and one was given.
    TakesNoTarget,
    /// This actor may not be the move's target.
    BadTarget { target: ActorId },
    /// An actor aimed a move at itself.
    SelfTarget,
    /// The level is outside the move's range.
    Level { level: i32, min: i32, max: i32 },
    /// The move's condition does not hold now: the parts of it that fail
    /// (see [`Unmet`]); empty when the condition is not a plain list of
    /// comparisons.
    Unavailable {
        mv: MoveId,
        actor: ActorId,
        target: Option<ActorId>,
        unmet: Vec<Unmet>,
    },
    /// The actor already gave this move against this target this turn.
    Repeated,
    /// Not enough capital left this turn.
    TooExpensive { cost: f64, left: f64 },
    /// The move or an actor does not exist in this scenario.
    Unknown,
    /// The game is over.
    GameOver,
}

/// One failing part of a move's condition: comparison number `term` of
/// the condition's top-level `and` list (see `Expr::terms`), with the value
/// its left side has now and the value its right side asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unmet {
    pub term: u16,
    pub now: f64,
    pub needed: f64,
}

/// The chance an order succeeds as `state` stands (0–1): what resolution
/// rolls against, what the preview shows and what the AI weighs.
pub fn chance(scn: &Scenario, state: &State, o: &Order) -> f64 {
    let m = scn.mv(o.mv);
    let env = Bound::new(scn, state, Some(o.actor), o.target, o.level);
    m.chance.eval(&env).clamp(0.0, 1.0)
}

/// The capital an order would cost.
pub fn cost(scn: &Scenario, state: &State, o: &Order) -> f64 {
    let m = scn.mv(o.mv);
    let env = Bound::new(scn, state, Some(o.actor), o.target, o.level);
    m.cost.eval(&env).max(0.0)
}

/// Whether `o` repeats a move against the same target that `earlier`
/// (the actor's orders already accepted this turn) already holds: an actor
/// orders each move against each target at most once a turn.
pub fn repeats<'a>(earlier: impl IntoIterator<Item = &'a Order>, o: &Order) -> bool {
    earlier
        .into_iter()
        .any(|x| x.actor == o.actor && x.mv == o.mv && x.target == o.target)
}

/// Checks `o` as one more order after `earlier` (already accepted this
/// turn, whose costs are `committed`): the one-order-per-move-and-target
/// rule, then [`check`]. The engine, the referee and the order screen all
/// ask this, so they never disagree.
pub fn check_after<'a>(
    scn: &Scenario,
    state: &State,
    earlier: impl IntoIterator<Item = &'a Order>,
    o: &Order,
    committed: f64,
) -> Result<f64, OrderError> {
    if repeats(earlier, o) {
        return Err(OrderError::Repeated);
    }
    check(scn, state, o, committed)
}

/// Checks an order against the rules, given capital already committed
/// this turn; returns its cost.
pub fn check(scn: &Scenario, state: &State, o: &Order, committed: f64) -> Result<f64, OrderError> {
    if state.is_over() {
        return Err(OrderError::GameOver);
    }
    if o.actor.index() >= scn.n() || o.mv.index() >= scn.moves.len() {
        return Err(OrderError::Unknown);
    }
    let m = scn.mv(o.mv);
    if !m.usable_by(o.actor) {
        return Err(OrderError::NotAllowed { actor: o.actor });
    }
    match (m.targeted, o.target) {
        (true, None) => return Err(OrderError::NeedsTarget),
        (false, Some(_)) => return Err(OrderError::TakesNoTarget),
        (true, Some(t)) => {
            if t.index() >= scn.n() {
                return Err(OrderError::Unknown);
            }
            if t == o.actor {
                return Err(OrderError::SelfTarget);
            }
            if !m.targets[t.index()] {
                return Err(OrderError::BadTarget { target: t });
            }
        }
        (false, None) => {}
    }
    if o.level < m.level.min || o.level > m.level.max {
        return Err(OrderError::Level {
            level: o.level,
            min: m.level.min,
            max: m.level.max,
        });
    }
    let env = Bound::new(scn, state, Some(o.actor), o.target, o.level);
    if let Some(req) = &m.requires
        && !req.holds(&env)
    {
        let unmet = req
            .failing(&env)
            .into_iter()
            .map(|(term, now, needed)| Unmet {
                term: term as u16,
                now,
                needed,
            })
            .collect();
        return Err(OrderError::Unavailable {
            mv: o.mv,
            actor: o.actor,
            target: o.target,
            unmet,
        });
    }
    let c = m.cost.eval(&env).max(0.0);
    let left = state.actor(o.actor).capital - committed;
    if c > left + 1e-9 {
        return Err(OrderError::TooExpensive {
            cost: c,
            left: left.max(0.0),
        });
    }
    Ok(c)
}

/// Every order `actor` could give now (each move, target and level) that
/// passes [`check`] with nothing else committed. The AI and the UI start here.
pub fn options(scn: &Scenario, state: &State, actor: ActorId) -> Vec<Order> {
    options_at(scn, state, actor, |spec| (spec.min..=spec.max).collect())
}

/// Like [`options`], trying only the levels `levels` picks for each move.
pub fn options_at(
    scn: &Scenario,
    state: &State,
    actor: ActorId,
    levels: impl Fn(&crate::scenario::LevelSpec) -> Vec<i32>,
) -> Vec<Order> {
    let mut out = Vec::new();
    for (i, m) in scn.moves.iter().enumerate() {
        if !m.usable_by(actor) {
            continue;
        }
        let targets: Vec<Option<ActorId>> = if m.targeted {
            scn.actor_ids()
                .filter(|t| *t != actor && m.targets[t.index()])
                .map(Some)
                .collect()
        } else {
            vec![None]
        };
        for target in targets {
            for level in levels(&m.level) {
                let o = Order {
                    actor,
                    mv: MoveId(i as u16),
                    target,
                    level,
                };
                if check(scn, state, &o, 0.0).is_ok() {
                    out.push(o);
                }
            }
        }
    }
    out
}
