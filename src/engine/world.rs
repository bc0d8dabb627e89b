//! The state while a turn resolves: every change goes through
//! [`World::adjust`], which clamps the value to its range, hands the change
//! with its cause to the recorder, and keeps regional tension in step (so
//! each cause's share of a regional change is exact). When the recorder
//! keeps no ledger (the AI's what-if turns), regional tension is only
//! brought up to date when something reads it.

use super::dice::Dice;
use super::events::Event;
use super::ledger::{Cause, Change, Meter, Rule};
use super::record::Recorder;
use super::state::{Delta, State};
use super::tension;
use crate::scenario::{ActorId, Op, Scenario, Stat};

/// Largest single change applied; keeps absurd scenario amounts finite.
const MAX_AMOUNT: f64 = 1e6;

/// A turn in progress.
pub struct World<'a, R: Recorder> {
    pub scn: &'a Scenario,
    /// The state at the start of the turn: orders read their amounts here.
    pub start: &'a State,
    /// The state being changed.
    pub s: State,
    /// How chance is decided.
    pub dice: Dice<'a>,
    /// The number of the turn being resolved.
    pub turn: u32,
    /// What is kept of the changes and events.
    pub rec: &'a mut R,
    /// Votes cast this turn: (voter, resolution target, yes).
    pub votes: Vec<(ActorId, ActorId, bool)>,
    /// Offers accepted this turn: (receiver, offerer, only this deal).
    pub accepts: Vec<(ActorId, ActorId, Option<usize>)>,
    /// Offers turned down this turn: (receiver, offerer, only this deal).
    pub refusals: Vec<(ActorId, ActorId, Option<usize>)>,
    /// The alarm of the order being carried out, handed to the covert
    /// shipments and factories it makes (they alarm rivals when revealed).
    pub alarm: f64,
    /// A pair that came to blows this turn.
    pub clash: Option<(ActorId, ActorId)>,
    /// Regional tension is behind the pair tensions and threats (only
    /// when the recorder keeps no ledger; see [`World::settle`]).
    stale: bool,
}

fn pair(a: ActorId, b: ActorId) -> (ActorId, ActorId) {
    if a <= b { (a, b) } else { (b, a) }
}

impl<'a, R: Recorder> World<'a, R> {
    /// Starts resolving the turn after `start`.
    pub fn new(scn: &'a Scenario, start: &'a State, dice: Dice<'a>, rec: &'a mut R) -> Self {
        World {
            scn,
            start,
            s: start.clone(),
            dice,
            turn: start.turn + 1,
            rec,
            votes: Vec::new(),
            accepts: Vec::new(),
            refusals: Vec::new(),
            alarm: 0.0,
            clash: None,
            stale: false,
        }
    }

    /// Records an event, if the recorder keeps events. The closure is only
    /// called then, so a what-if turn never builds one.
    pub fn event(&mut self, make: impl FnOnce() -> Event) {
        if R::EVENTS {
            self.rec.event(make());
        }
    }

    /// Brings regional tension up to date before anything reads it.
    pub fn settle(&mut self) {
        if self.stale {
            self.s.regional = tension::regional(self.scn, &self.s);
            self.stale = false;
        }
    }

    /// The current value of a meter (regional tension: call
    /// [`World::settle`] first).
    pub fn get(&self, m: Meter) -> f64 {
        let s = &self.s;
        match m {
            Meter::Stat { actor, stat } => s.actor(actor).stat(stat),
            Meter::Capital { actor } => s.actor(actor).capital,
            Meter::Threat { actor } => s.actor(actor).threat,
            Meter::Relation { from, to } => s.relations.get(from, to),
            Meter::Tension { a, b } => s.tension.get(a, b),
            Meter::Sanction { from, to } => f64::from(s.sanctions.get(from, to)),
            Meter::Track { track, actor } => s.track(track, actor),
            Meter::Regional => s.regional,
            Meter::Surveillance { observer, target } => s.surveillance.get(observer, target),
            Meter::CouncilSanction { on } => f64::from(s.council_sanctions[on.index()]),
        }
    }

    fn range(&self, m: Meter) -> (f64, f64) {
        match m {
            Meter::Relation { .. } => (-100.0, 100.0),
            Meter::Sanction { .. } | Meter::CouncilSanction { .. } => (0.0, 5.0),
            Meter::Surveillance { .. } => (0.0, 1.0),
            Meter::Capital { actor } => (0.0, self.scn.actor(actor).capital.max),
            Meter::Track { track, .. } => {
                let t = &self.scn.tracks[track.index()];
                (t.min, t.max)
            }
            _ => (0.0, 100.0),
        }
    }

    fn put(&mut self, m: Meter, v: f64) {
        let s = &mut self.s;
        match m {
            Meter::Stat { actor, stat } => s.actors[actor.index()].stats[stat.index()] = v,
            Meter::Capital { actor } => s.actors[actor.index()].capital = v,
            Meter::Threat { actor } => s.actors[actor.index()].threat = v,
            Meter::Relation { from, to } => s.relations.set(from, to, v),
            Meter::Tension { a, b } => {
                s.tension.set(a, b, v);
                s.tension.set(b, a, v);
            }
            Meter::Sanction { from, to } => s.sanctions.set(from, to, v as u8),
            Meter::Track { track, actor } => {
                let vals = &mut s.tracks[track.index()];
                if vals.len() == 1 {
                    vals[0] = v;
                } else if let Some(a) = actor {
                    vals[a.index()] = v;
                }
            }
            Meter::Regional => s.regional = v,
            Meter::Surveillance { observer, target } => s.surveillance.set(observer, target, v),
            Meter::CouncilSanction { on } => s.council_sanctions[on.index()] = v as u8,
        }
    }

    /// Changes a meter by `delta` (clamped to its range) and records why.
    /// Returns the change that really happened.
    pub fn adjust(&mut self, meter: Meter, delta: f64, cause: Cause, rule: Rule) -> f64 {
        let meter = match meter {
            Meter::Tension { a, b } => {
                let (a, b) = pair(a, b);
                Meter::Tension { a, b }
            }
            m => m,
        };
        if let Meter::Tension { a, b } = meter
            && a == b
        {
            return 0.0;
        }
        let delta = if delta.is_finite() {
            delta.clamp(-MAX_AMOUNT, MAX_AMOUNT)
        } else {
            0.0
        };
        let old = self.get(meter);
        let (lo, hi) = self.range(meter);
        let mut new = (old + delta).clamp(lo, hi);
        if let Meter::Sanction { .. } | Meter::CouncilSanction { .. } = meter {
            new = new.round();
        }
        let real = new - old;
        if real.abs() < 1e-12 {
            return 0.0;
        }
        self.put(meter, new);
        if R::CHANGES {
            self.rec.change(Change {
                meter,
                delta: real,
                cause,
                rule,
            });
        }
        match meter {
            Meter::Tension { .. } | Meter::Threat { .. } => {
                if R::CHANGES {
                    self.update_regional(cause, rule);
                } else {
                    self.stale = true;
                }
            }
            Meter::Stat {
                actor,
                stat: Stat::Military,
            } if real > 0.0 => self.buildup(actor, real, cause),
            _ => {}
        }
        real
    }

    /// Sets a meter to `value` (clamped), recording the change.
    pub fn set_to(&mut self, meter: Meter, value: f64, cause: Cause, rule: Rule) -> f64 {
        let cur = self.get(meter);
        self.adjust(meter, value - cur, cause, rule)
    }

    fn update_regional(&mut self, cause: Cause, rule: Rule) {
        let r = tension::regional(self.scn, &self.s);
        let d = r - self.s.regional;
        if d.abs() >= 1e-12 {
            self.s.regional = r;
            self.rec.change(Change {
                meter: Meter::Regional,
                delta: d,
                cause,
                rule,
            });
        }
    }

    /// Military cooperation between `a` and `b` alarms their rivals: pair
    /// tension rises between `a` and every third party hostile to `b`, and
    /// between `b` and every third party hostile to `a`, scaled by that
    /// hostility. `only`: just these third parties (those who learn of a
    /// covert act).
    pub fn alarm_rivals(
        &mut self,
        a: ActorId,
        b: ActorId,
        amount: f64,
        only: super::state::ActorSet,
        cause: Cause,
    ) {
        if amount <= 0.0 {
            return;
        }
        for c in self.scn.actor_ids() {
            if c == a || c == b || !only.contains(c) {
                continue;
            }
            let h_cb = tension::hostility(&self.s, c, b);
            let h_ca = tension::hostility(&self.s, c, a);
            if h_cb > 0.0 {
                self.adjust(
                    Meter::Tension { a, b: c },
                    amount * h_cb,
                    cause,
                    Rule::Alarm,
                );
            }
            if h_ca > 0.0 {
                self.adjust(
                    Meter::Tension { a: b, b: c },
                    amount * h_ca,
                    cause,
                    Rule::Alarm,
                );
            }
        }
    }

    /// A military gain by `actor` alarms every actor hostile to it.
    fn buildup(&mut self, actor: ActorId, gain: f64, cause: Cause) {
        let k = self.scn.tension.buildup_threat;
        for b in self.scn.actor_ids() {
            let h = tension::hostility(&self.s, b, actor);
            if h > 0.0 {
                self.adjust(
                    Meter::Threat { actor: b },
                    gain * k * h,
                    cause,
                    Rule::Buildup,
                );
            }
        }
    }

    /// Applies a computed effect.
    pub fn apply(&mut self, d: &Delta, cause: Cause, rule: Rule) {
        let op_adjust = |w: &mut Self, m: Meter, op: Op, amount: f64| match op {
            Op::Add => {
                w.adjust(m, amount, cause, rule);
            }
            Op::Set => {
                w.set_to(m, amount, cause, rule);
            }
        };
        match *d {
            Delta::Stat {
                actor,
                stat,
                op,
                amount,
            } => op_adjust(self, Meter::Stat { actor, stat }, op, amount),
            Delta::Track {
                track,
                actor,
                op,
                amount,
            } => op_adjust(self, Meter::Track { track, actor }, op, amount),
            Delta::Sanction {
                from,
                to,
                op,
                amount,
            } if from != to => op_adjust(self, Meter::Sanction { from, to }, op, amount.round()),
            Delta::Sanction { .. } => {}
            Delta::Capital { actor, amount } => {
                self.adjust(Meter::Capital { actor }, amount, cause, rule);
            }
            Delta::Threat { actor, amount } => {
                self.adjust(Meter::Threat { actor }, amount, cause, rule);
            }
            Delta::Relation { from, to, amount } if from != to => {
                self.adjust(Meter::Relation { from, to }, amount, cause, rule);
            }
            Delta::Relation { .. } => {}
            Delta::Tension { a, b, amount } => {
                self.adjust(Meter::Tension { a, b }, amount, cause, rule);
            }
            Delta::ShowOfForce { actor, amount } => {
                for b in self.scn.actor_ids() {
                    let h = tension::hostility(&self.s, b, actor);
                    if h > 0.0 {
                        self.adjust(
                            Meter::Threat { actor: b },
                            amount * h,
                            cause,
                            Rule::ShowOfForce,
                        );
                        self.adjust(
                            Meter::Tension { a: actor, b },
                            amount * h * 0.5,
                            cause,
                            Rule::ShowOfForce,
                        );
                    }
                }
            }
        }
    }
}
