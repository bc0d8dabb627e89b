//! A cheap first guess at a candidate order's worth, for scenarios with
//! so many candidates that a full what-if for each would take too long.
//! The move's planned effects (and what its shipments and factories will
//! bring) are applied to the no-orders lookahead state in place, the
//! utility is read, and the touched values are put back: no resolution,
//! no clone. Only the best-guessed candidates then get full what-ifs.

use crate::engine::effects::{Planned, plan_all};
use crate::engine::env::Bound;
use crate::engine::state::{Delta, State};
use crate::engine::tension;
use crate::scenario::{ActorId, Op, Scenario};

/// A value of the state that a delta touches, to put it back afterwards.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Stat(usize, usize),
    Track(usize, usize),
    Capital(usize),
    Threat(usize),
    Relation(ActorId, ActorId),
    Tension(ActorId, ActorId),
    Sanction(ActorId, ActorId),
}

/// A scratch copy of the lookahead state that estimates change and undo.
pub struct Scratch {
    state: State,
    undo: Vec<(Slot, f64)>,
    regional: f64,
}

impl Scratch {
    /// A scratch copy of `base`.
    pub fn new(base: &State) -> Self {
        Scratch {
            regional: base.regional,
            state: base.clone(),
            undo: Vec::new(),
        }
    }

    fn get(&self, slot: Slot) -> f64 {
        let s = &self.state;
        match slot {
            Slot::Stat(a, k) => s.actors[a].stats[k],
            Slot::Track(t, k) => s.tracks[t][k],
            Slot::Capital(a) => s.actors[a].capital,
            Slot::Threat(a) => s.actors[a].threat,
            Slot::Relation(a, b) => s.relations.get(a, b),
            Slot::Tension(a, b) => s.tension.get(a, b),
            Slot::Sanction(a, b) => f64::from(s.sanctions.get(a, b)),
        }
    }

    fn put(&mut self, slot: Slot, v: f64) {
        let s = &mut self.state;
        match slot {
            Slot::Stat(a, k) => s.actors[a].stats[k] = v,
            Slot::Track(t, k) => s.tracks[t][k] = v,
            Slot::Capital(a) => s.actors[a].capital = v,
            Slot::Threat(a) => s.actors[a].threat = v,
            Slot::Relation(a, b) => s.relations.set(a, b, v),
            Slot::Tension(a, b) => {
                s.tension.set(a, b, v);
                s.tension.set(b, a, v);
            }
            Slot::Sanction(a, b) => s.sanctions.set(a, b, v as u8),
        }
    }

    fn change(&mut self, slot: Slot, op: Op, amount: f64, lo: f64, hi: f64) {
        let old = self.get(slot);
        self.undo.push((slot, old));
        let v = match op {
            Op::Add => old + amount,
            Op::Set => amount,
        };
        self.put(slot, v.clamp(lo, hi));
    }

    /// Counts on `d` for good (what is on its way): an added amount of a
    /// stat, track or relation, scaled by `share`. Other changes are left
    /// out (they are not counted on in advance).
    pub fn count_on(&mut self, scn: &Scenario, d: &Delta, share: f64) {
        let scaled = match *d {
            Delta::Stat {
                actor,
                stat,
                op: Op::Add,
                amount,
            } => Delta::Stat {
                actor,
                stat,
                op: Op::Add,
                amount: share * amount,
            },
            Delta::Track {
                track,
                actor,
                op: Op::Add,
                amount,
            } => Delta::Track {
                track,
                actor,
                op: Op::Add,
                amount: share * amount,
            },
            Delta::Relation { from, to, amount } => Delta::Relation {
                from,
                to,
                amount: share * amount,
            },
            _ => return,
        };
        self.apply(scn, &scaled);
    }

    /// The changed state, the changes kept.
    pub fn into_state(self) -> State {
        self.state
    }

    fn apply(&mut self, scn: &Scenario, d: &Delta) {
        match *d {
            Delta::Stat {
                actor,
                stat,
                op,
                amount,
            } => self.change(
                Slot::Stat(actor.index(), stat.index()),
                op,
                amount,
                0.0,
                100.0,
            ),
            Delta::Track {
                track,
                actor,
                op,
                amount,
            } => {
                let t = &scn.tracks[track.index()];
                let k = if self.state.tracks[track.index()].len() == 1 {
                    0
                } else {
                    match actor {
                        Some(a) => a.index(),
                        None => return,
                    }
                };
                self.change(Slot::Track(track.index(), k), op, amount, t.min, t.max);
            }
            Delta::Capital { actor, amount } => self.change(
                Slot::Capital(actor.index()),
                Op::Add,
                amount,
                0.0,
                scn.actor(actor).capital.max,
            ),
            Delta::Threat { actor, amount } => {
                self.change(Slot::Threat(actor.index()), Op::Add, amount, 0.0, 100.0)
            }
            Delta::Relation { from, to, amount } if from != to => {
                self.change(Slot::Relation(from, to), Op::Add, amount, -100.0, 100.0)
            }
            Delta::Tension { a, b, amount } if a != b => {
                self.change(Slot::Tension(a, b), Op::Add, amount, 0.0, 100.0)
            }
            Delta::Sanction {
                from,
                to,
                op,
                amount,
            } if from != to => self.change(Slot::Sanction(from, to), op, amount.round(), 0.0, 5.0),
            _ => {}
        }
    }

    /// What `value` reads from the state with the effects of `effects`
    /// (worked out against `env`) applied, the state then restored.
    pub fn try_effects<T>(
        &mut self,
        scn: &Scenario,
        effects: &[crate::scenario::Effect],
        env: &Bound,
        value: impl Fn(&State) -> T,
    ) -> T {
        for p in plan_all(scn, effects, env) {
            match p {
                Planned::Delta(d) => self.apply(scn, &d),
                Planned::Ship { arrive, .. } => arrive.iter().for_each(|d| self.apply(scn, d)),
                Planned::Factory { each_turn, .. } => {
                    each_turn.iter().for_each(|d| self.apply(scn, d))
                }
                _ => {}
            }
        }
        let tense = self
            .undo
            .iter()
            .any(|(s, _)| matches!(s, Slot::Tension(..) | Slot::Threat(_)));
        if tense {
            self.state.regional = tension::regional(scn, &self.state);
        }
        let u = value(&self.state);
        while let Some((slot, old)) = self.undo.pop() {
            self.put(slot, old);
        }
        self.state.regional = self.regional;
        u
    }
}
