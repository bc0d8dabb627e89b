//! Reading the state from scenario expressions.

use super::state::Outcome;
use super::state::State;
use crate::scenario::expr::{End, Env, Var, Who};
use crate::scenario::{ActorId, DealKind, Scenario};

/// The state seen from one order (who gives it, at whom, at what level),
/// or from the world at large when `me` and `target` are `None`.
pub struct Bound<'a> {
    pub scn: &'a Scenario,
    pub state: &'a State,
    pub me: Option<ActorId>,
    pub target: Option<ActorId>,
    pub level: i32,
    /// What `turn` reads: the turn being played (the state's turn + 1),
    /// unless set otherwise by [`Bound::at_turn`].
    pub turn: u32,
}

impl<'a> Bound<'a> {
    /// A view bound to an order's actor, target and level.
    pub fn new(
        scn: &'a Scenario,
        state: &'a State,
        me: Option<ActorId>,
        target: Option<ActorId>,
        level: i32,
    ) -> Self {
        Bound {
            scn,
            state,
            me,
            target,
            level,
            turn: state.turn + 1,
        }
    }

    /// A view with no acting actor (events, endings).
    pub fn world(scn: &'a Scenario, state: &'a State) -> Self {
        Bound {
            scn,
            state,
            me: None,
            target: None,
            level: 0,
            turn: state.turn + 1,
        }
    }

    /// A view from an actor (objectives).
    pub fn actor(scn: &'a Scenario, state: &'a State, me: ActorId) -> Self {
        Bound {
            scn,
            state,
            me: Some(me),
            target: None,
            level: 0,
            turn: state.turn + 1,
        }
    }

    /// The same view, reading `turn` as `turn` (endings and objectives are
    /// judged on the turn just played, after the state's counter moved on).
    pub fn at_turn(mut self, turn: u32) -> Self {
        self.turn = turn;
        self
    }

    /// The actor a reference names, if it is bound.
    pub fn who(&self, w: Who) -> Option<ActorId> {
        match w {
            Who::Actor(a) => Some(a),
            Who::Me => self.me,
            Who::Target => self.target,
        }
    }
}

impl Env for Bound<'_> {
    fn var(&self, v: Var) -> f64 {
        let s = self.state;
        let who = |w| self.who(w);
        match v {
            Var::Turn => f64::from(self.turn),
            Var::TurnsLeft => f64::from(self.scn.meta.turns.saturating_sub(self.turn)),
            Var::Regional => s.regional,
            Var::Level => f64::from(self.level),
            Var::Stat(w, stat) => who(w).map_or(0.0, |a| s.actor(a).stat(stat)),
            Var::Capital(w) => who(w).map_or(0.0, |a| s.actor(a).capital),
            Var::Threat(w) => who(w).map_or(0.0, |a| s.actor(a).threat),
            Var::Factories(w) => who(w).map_or(0.0, |a| {
                s.factories.iter().filter(|f| f.at == a).count() as f64
            }),
            Var::Incoming(w) => who(w).map_or(0.0, |a| {
                s.shipments.iter().filter(|x| x.to == a).count() as f64
            }),
            Var::Track(t, w) => s.track(t, w.and_then(who)),
            Var::Relation(a, b) => match (who(a), who(b)) {
                (Some(a), Some(b)) if a != b => s.relations.get(a, b),
                _ => 0.0,
            },
            Var::PairTension(a, b) => match (who(a), who(b)) {
                (Some(a), Some(b)) if a != b => s.tension.get(a, b),
                _ => 0.0,
            },
            Var::Offered(a, b) | Var::Demanded(a, b) => match (who(a), who(b)) {
                (Some(a), Some(b)) => {
                    let want = if matches!(v, Var::Demanded(..)) {
                        DealKind::Demand
                    } else {
                        DealKind::Offer
                    };
                    s.offers
                        .iter()
                        .filter(|o| {
                            o.from == a
                                && o.to == b
                                && self.scn.deals.get(o.deal).map(|d| d.kind) == Some(want)
                        })
                        .count() as f64
                }
                _ => 0.0,
            },
            Var::Proposed(a) => who(a).map_or(0.0, |a| {
                s.proposals.iter().filter(|p| p.on == a).count() as f64
            }),
            Var::CouncilSanction(a) => {
                who(a).map_or(0.0, |a| f64::from(s.council_sanctions[a.index()]))
            }
            Var::Stage(a, b) => match (who(a), who(b)) {
                (Some(a), Some(b)) if a != b => f64::from(s.stage.get(a, b)),
                _ => 0.0,
            },
            Var::Sanction(a, b) => match (who(a), who(b)) {
                (Some(a), Some(b)) if a != b => f64::from(s.sanctions.get(a, b)),
                _ => 0.0,
            },
            Var::TrackStage(t, w) => {
                let value = s.track(t, w.and_then(who));
                self.scn.tracks[t.index()]
                    .stages
                    .iter()
                    .filter(|st| value >= st.at)
                    .count() as f64
            }
            Var::Ended(e) => {
                let hit = match (&s.outcome, e) {
                    (None, _) => false,
                    (Some(_), End::Any) => true,
                    (Some(Outcome::TurnLimit), End::TurnLimit) => true,
                    (Some(Outcome::Clash), End::Clash) => true,
                    (Some(Outcome::Ending { index }), End::Ending(i)) => *index == usize::from(i),
                    _ => false,
                };
                if hit { 1.0 } else { 0.0 }
            }
        }
    }
}
