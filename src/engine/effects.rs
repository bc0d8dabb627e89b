//! Turning a scenario's effects into changes, in two steps: every amount
//! is first computed against a state read by reference (the start of the
//! turn for orders, which are simultaneous; the current state for scripted
//! events) into a [`Planned`] effect, which is then applied. No state is
//! ever cloned to read it while it changes.

use super::env::Bound;
use super::events::{Covert, Event};
use super::ledger::Meter;
use super::ledger::{Cause, Rule};
use super::record::Recorder;
use super::state::{ActorSet, Delta, Factory, Offer, Proposal, Shipment};
use super::world::World;
use crate::scenario::{ActorId, Effect, SystemId};

/// An effect with every amount and actor worked out, ready to apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Planned {
    /// A plain change.
    Delta(Delta),
    Ship {
        system: SystemId,
        from: ActorId,
        to: ActorId,
        turns: u32,
        arrive: Vec<Delta>,
    },
    Factory {
        system: SystemId,
        at: ActorId,
        owner: ActorId,
        each_turn: Vec<Delta>,
    },
    Interdict {
        by: ActorId,
        target: ActorId,
        count: usize,
    },
    Dismantle {
        at: ActorId,
        by: ActorId,
        count: usize,
    },
    Surveil {
        observer: ActorId,
        target: ActorId,
        amount: f64,
    },
    Publish {
        by: ActorId,
        culprit: ActorId,
    },
    Resolution {
        proposer: ActorId,
        on: ActorId,
        level: u8,
    },
    Vote {
        voter: ActorId,
        on: ActorId,
        yes: bool,
    },
    Offer {
        deal: usize,
        from: ActorId,
        to: ActorId,
        level: i32,
    },
    Accept {
        by: ActorId,
        from: ActorId,
        deal: Option<usize>,
    },
    Refuse {
        by: ActorId,
        from: ActorId,
        deal: Option<usize>,
    },
}

/// Works out one effect against `env`, appending what it will do to `out`
/// (nothing when an actor it names is unbound; two deltas for a mutual
/// relation change).
pub fn plan(scn: &crate::scenario::Scenario, e: &Effect, env: &Bound, out: &mut Vec<Planned>) {
    let p = match e {
        Effect::Ship {
            system,
            from,
            to,
            turns,
            arrive,
        } => {
            let (Some(from), Some(to)) = (env.who(*from), env.who(*to)) else {
                return;
            };
            Planned::Ship {
                system: scn.system_id(system),
                from,
                to,
                turns: turns.eval(env).round().clamp(0.0, 100.0) as u32,
                arrive: concretize_all(arrive, env),
            }
        }
        Effect::Factory {
            name,
            at,
            owner,
            each_turn,
        } => {
            let (Some(at), Some(owner)) = (env.who(*at), env.who(*owner)) else {
                return;
            };
            Planned::Factory {
                system: scn.system_id(name),
                at,
                owner,
                each_turn: concretize_all(each_turn, env),
            }
        }
        Effect::Interdict { target, count } => {
            let (Some(by), Some(target)) = (env.me, env.who(*target)) else {
                return;
            };
            Planned::Interdict {
                by,
                target,
                count: count.eval(env).round().clamp(0.0, 1000.0) as usize,
            }
        }
        Effect::Dismantle { at, count } => {
            let Some(at) = env.who(*at) else { return };
            Planned::Dismantle {
                at,
                by: env.me.unwrap_or(at),
                count: count.eval(env).round().clamp(0.0, 1000.0) as usize,
            }
        }
        Effect::Surveil { target, amount } => {
            let (Some(observer), Some(target)) = (env.me, env.who(*target)) else {
                return;
            };
            Planned::Surveil {
                observer,
                target,
                amount: amount.eval(env),
            }
        }
        Effect::Publish { target } => {
            let (Some(by), Some(culprit)) = (env.me, env.who(*target)) else {
                return;
            };
            Planned::Publish { by, culprit }
        }
        Effect::Resolution { on, level } => {
            let (Some(proposer), Some(on)) = (env.me, env.who(*on)) else {
                return;
            };
            Planned::Resolution {
                proposer,
                on,
                level: level.eval(env).round().clamp(0.0, 5.0) as u8,
            }
        }
        Effect::Vote { on, yes } => {
            let (Some(voter), Some(on)) = (env.me, env.who(*on)) else {
                return;
            };
            Planned::Vote {
                voter,
                on,
                yes: *yes,
            }
        }
        Effect::Offer { deal, to } => {
            let (Some(from), Some(to)) = (env.me, env.who(*to)) else {
                return;
            };
            if from == to {
                return;
            }
            Planned::Offer {
                deal: *deal,
                from,
                to,
                level: env.level,
            }
        }
        Effect::Accept { from, deal } => {
            let (Some(by), Some(from)) = (env.me, env.who(*from)) else {
                return;
            };
            Planned::Accept {
                by,
                from,
                deal: *deal,
            }
        }
        Effect::Refuse { from, deal } => {
            let (Some(by), Some(from)) = (env.me, env.who(*from)) else {
                return;
            };
            Planned::Refuse {
                by,
                from,
                deal: *deal,
            }
        }
        simple => {
            let Some(d) = concretize(simple, env) else {
                return;
            };
            if let (Effect::Relation { mutual: true, .. }, Delta::Relation { from, to, amount }) =
                (simple, &d)
            {
                out.push(Planned::Delta(Delta::Relation {
                    from: *to,
                    to: *from,
                    amount: *amount,
                }));
            }
            Planned::Delta(d)
        }
    };
    out.push(p);
}

/// Works out a list of effects against `env`.
pub fn plan_all(scn: &crate::scenario::Scenario, list: &[Effect], env: &Bound) -> Vec<Planned> {
    let mut out = Vec::with_capacity(list.len() + 1);
    for e in list {
        plan(scn, e, env, &mut out);
    }
    out
}

/// Computes a simple effect's amount; `None` for effects that are not
/// plain changes (shipments, factories, …) or whose actor is unbound.
pub fn concretize(e: &Effect, env: &Bound) -> Option<Delta> {
    let who = |w| env.who(w);
    Some(match e {
        Effect::Stat {
            who: w,
            stat,
            op,
            amount,
        } => Delta::Stat {
            actor: who(*w)?,
            stat: *stat,
            op: *op,
            amount: amount.eval(env),
        },
        Effect::Track {
            track,
            who: w,
            op,
            amount,
        } => {
            let actor = match w {
                Some(w) => Some(who(*w)?),
                None => None,
            };
            Delta::Track {
                track: *track,
                actor,
                op: *op,
                amount: amount.eval(env),
            }
        }
        Effect::Capital { who: w, amount } => Delta::Capital {
            actor: who(*w)?,
            amount: amount.eval(env),
        },
        Effect::Threat { who: w, amount } => Delta::Threat {
            actor: who(*w)?,
            amount: amount.eval(env),
        },
        Effect::ShowOfForce { who: w, amount } => Delta::ShowOfForce {
            actor: who(*w)?,
            amount: amount.eval(env),
        },
        Effect::Relation {
            who: w,
            toward,
            amount,
            ..
        } => Delta::Relation {
            from: who(*w)?,
            to: who(*toward)?,
            amount: amount.eval(env),
        },
        Effect::Tension {
            who: w,
            with,
            amount,
        } => Delta::Tension {
            a: who(*w)?,
            b: who(*with)?,
            amount: amount.eval(env),
        },
        Effect::Sanction {
            who: w,
            on,
            op,
            amount,
        } => Delta::Sanction {
            from: who(*w)?,
            to: who(*on)?,
            op: *op,
            amount: amount.eval(env),
        },
        Effect::Ship { .. }
        | Effect::Factory { .. }
        | Effect::Interdict { .. }
        | Effect::Dismantle { .. }
        | Effect::Surveil { .. }
        | Effect::Publish { .. }
        | Effect::Resolution { .. }
        | Effect::Vote { .. }
        | Effect::Offer { .. }
        | Effect::Accept { .. }
        | Effect::Refuse { .. } => return None,
    })
}

/// Computes a list of simple effects (mutual relations become two deltas).
pub fn concretize_all(list: &[Effect], env: &Bound) -> Vec<Delta> {
    let mut out = Vec::new();
    for e in list {
        if let Some(d) = concretize(e, env) {
            if let (Effect::Relation { mutual: true, .. }, Delta::Relation { from, to, amount }) =
                (e, &d)
            {
                out.push(Delta::Relation {
                    from: *to,
                    to: *from,
                    amount: *amount,
                });
            }
            out.push(d);
        }
    }
    out
}

impl<R: Recorder> World<'_, R> {
    /// Applies a list of effects worked out against `env`, which must not
    /// read the state being changed (orders read the start of the turn).
    /// `covert` marks what the effects create.
    pub fn run_effects(&mut self, list: &[Effect], env: &Bound, cause: Cause, covert: bool) {
        let scn = self.scn;
        let mut buf = Vec::with_capacity(2);
        for e in list {
            buf.clear();
            plan(scn, e, env, &mut buf);
            for p in buf.drain(..) {
                self.apply_planned(p, cause, covert);
            }
        }
    }

    /// Applies effects already worked out, in order.
    pub fn apply_plan(&mut self, plan: Vec<Planned>, cause: Cause, covert: bool) {
        for p in plan {
            self.apply_planned(p, cause, covert);
        }
    }

    /// Applies one worked-out effect.
    pub fn apply_planned(&mut self, p: Planned, cause: Cause, covert: bool) {
        match p {
            Planned::Delta(d) => self.apply(&d, cause, Rule::Effect),
            Planned::Ship {
                system,
                from,
                to,
                turns,
                arrive,
            } => {
                let id = self.new_id();
                self.s.shipments.push(Shipment {
                    id,
                    system,
                    from,
                    to,
                    turns_left: turns,
                    sent_turn: self.turn,
                    covert,
                    known: self.knowers(covert, &[from, to]),
                    arrive,
                    cause,
                    alarm: if covert { self.alarm } else { 0.0 },
                });
                self.event(|| Event::ShipmentSent {
                    id,
                    system,
                    from,
                    to,
                    covert,
                    turns,
                    cause,
                });
            }
            Planned::Factory {
                system,
                at,
                owner,
                each_turn,
            } => {
                let id = self.new_id();
                self.s.factories.push(Factory {
                    id,
                    system,
                    at,
                    owner,
                    built_turn: self.turn,
                    covert,
                    known: self.knowers(covert, &[at, owner]),
                    each_turn,
                    cause,
                    alarm: if covert { self.alarm } else { 0.0 },
                });
                self.event(|| Event::FactoryBuilt {
                    id,
                    system,
                    at,
                    owner,
                    covert,
                    cause,
                });
            }
            Planned::Interdict { by, target, count } => self.seize(by, target, count),
            Planned::Dismantle { at, by, count } => {
                for _ in 0..count {
                    let Some(i) = self.s.factories.iter().position(|f| f.at == at) else {
                        break;
                    };
                    let f = self.s.factories.remove(i);
                    self.event(|| Event::FactoryDismantled {
                        id: f.id,
                        system: f.system,
                        at,
                        by,
                    });
                }
            }
            Planned::Surveil {
                observer,
                target,
                amount,
            } => {
                self.adjust(
                    Meter::Surveillance { observer, target },
                    amount,
                    cause,
                    Rule::Effect,
                );
            }
            Planned::Publish { by, culprit } => self.publish(by, culprit),
            Planned::Resolution {
                proposer,
                on,
                level,
            } => self.s.proposals.push(Proposal {
                proposer,
                on,
                level,
                turn: self.turn,
            }),
            Planned::Vote { voter, on, yes } => self.votes.push((voter, on, yes)),
            Planned::Offer {
                deal,
                from,
                to,
                level,
            } => {
                self.s.offers.push(Offer {
                    deal,
                    from,
                    to,
                    level,
                    turn: self.turn,
                });
                self.event(|| Event::DealOffered { deal, from, to });
            }
            Planned::Accept { by, from, deal } => self.accepts.push((by, from, deal)),
            Planned::Refuse { by, from, deal } => self.refusals.push((by, from, deal)),
        }
    }

    /// A fresh id for a shipment or factory. Ids are scrambled, not counted
    /// (1, 2, 3…), so an actor that sees shipments #3 and #5 cannot infer
    /// a hidden #4; they are unique among the items in play.
    fn new_id(&mut self) -> u32 {
        loop {
            let n = self.s.next_id;
            self.s.next_id += 1;
            let id = super::rng::handle(self.dice.seed, n);
            let taken = self.s.shipments.iter().any(|x| x.id == id)
                || self.s.factories.iter().any(|f| f.id == id);
            if !taken {
                return id;
            }
        }
    }

    /// Who knows of a new shipment or factory: everyone, or only its parties if covert.
    fn knowers(&self, covert: bool, parties: &[ActorId]) -> ActorSet {
        if covert {
            ActorSet::of(parties)
        } else {
            ActorSet::all(self.scn.n())
        }
    }

    /// Reveals to everyone the covert acts of `culprit` that `by` knows of.
    fn publish(&mut self, by: ActorId, culprit: ActorId) {
        let all = ActorSet::all(self.scn.n());
        let mut found: Vec<(u32, Covert)> = Vec::new();
        let mut newly: Vec<ActorSet> = Vec::new();
        for x in self.s.shipments.iter_mut() {
            if x.covert
                && x.known.contains(by)
                && (x.from == culprit || x.to == culprit)
                && x.known != all
            {
                newly.push(ActorSet(all.0 & !x.known.0));
                x.known = all;
                found.push((
                    x.id,
                    Covert::Shipment {
                        system: x.system,
                        to: x.to,
                    },
                ));
            }
        }
        for f in self.s.factories.iter_mut() {
            if f.covert
                && f.known.contains(by)
                && (f.owner == culprit || f.at == culprit)
                && f.known != all
            {
                newly.push(ActorSet(all.0 & !f.known.0));
                f.known = all;
                found.push((
                    f.id,
                    Covert::Factory {
                        system: f.system,
                        at: f.at,
                    },
                ));
            }
        }
        for ((id, what), newly) in found.into_iter().zip(newly) {
            self.exposed(id, culprit, by);
            self.reveal_alarm(id, newly);
            let scn = self.scn;
            self.event(|| Event::Revealed {
                id,
                what,
                culprit,
                to: scn.actor_ids().collect(),
                by: Some(by),
            });
        }
    }

    /// A covert shipment's or factory's alarm, now that `observers` learn
    /// of it: its rivals react, harder than had it been done openly.
    pub fn reveal_alarm(&mut self, id: u32, observers: ActorSet) {
        let found = self
            .s
            .shipments
            .iter()
            .find(|x| x.id == id)
            .map(|x| (x.from, x.to, x.alarm))
            .or_else(|| {
                self.s
                    .factories
                    .iter()
                    .find(|f| f.id == id)
                    .map(|f| (f.owner, f.at, f.alarm))
            });
        if let Some((a, b, alarm)) = found {
            let amount = alarm * self.scn.intelligence.alarm_jump;
            self.alarm_rivals(a, b, amount, observers, Cause::Revelation { id });
        }
    }

    /// The consequences of a covert act coming to light for `seen_by`.
    pub fn exposed(&mut self, id: u32, culprit: ActorId, seen_by: ActorId) {
        let intel = &self.scn.intelligence;
        let cause = Cause::Revelation { id };
        if seen_by != culprit {
            self.adjust(
                Meter::Tension {
                    a: seen_by,
                    b: culprit,
                },
                intel.reveal_tension,
                cause,
                Rule::Exposure,
            );
        }
        self.adjust(
            Meter::Stat {
                actor: culprit,
                stat: crate::scenario::Stat::Prestige,
            },
            -intel.reveal_prestige,
            cause,
            Rule::Exposure,
        );
    }

    /// Seizes up to `n` shipments in transit to or from `target` that `by`
    /// is not party to, oldest first.
    fn seize(&mut self, by: ActorId, target: ActorId, n: usize) {
        for _ in 0..n {
            let Some(i) =
                self.s.shipments.iter().position(|x| {
                    (x.to == target || x.from == target) && x.from != by && x.to != by
                })
            else {
                break;
            };
            let x = self.s.shipments.remove(i);
            self.event(|| Event::ShipmentSeized {
                id: x.id,
                system: x.system,
                from: x.from,
                to: x.to,
                by,
            });
        }
    }
}
