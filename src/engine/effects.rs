//! Turning a scenario's effects into changes: amounts are computed against
//! the start of the turn (orders are simultaneous), then applied.

use super::env::Bound;
use super::events::Event;
use super::ledger::Meter;
use super::ledger::{Cause, Rule};
use super::state::{Delta, Factory, Offer, Proposal, Shipment};
use super::world::World;
use crate::scenario::expr::Env;
use crate::scenario::{ActorId, Effect, Piece, Scenario, Template};

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
        | Effect::Accept { .. } => return None,
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

/// Fills a headline template with names and the level.
pub fn render(scn: &Scenario, t: &Template, env: &Bound, label: &str) -> String {
    let name =
        |a: Option<ActorId>| a.map_or_else(|| "?".to_string(), |a| scn.actor(a).name.clone());
    t.0.iter()
        .map(|p| match p {
            Piece::Text(s) => s.clone(),
            Piece::Actor => name(env.me),
            Piece::Target => name(env.target),
            Piece::Level => env.var(crate::scenario::expr::Var::Level).to_string(),
            Piece::Label => label.to_string(),
            Piece::Name(a) => scn.actor(*a).name.clone(),
        })
        .collect()
}

impl World<'_> {
    /// Applies a list of effects for `cause`; `covert` marks what it creates.
    pub fn run_effects(&mut self, list: &[Effect], env: &Bound, cause: Cause, covert: bool) {
        for e in list {
            match e {
                Effect::Ship {
                    system,
                    from,
                    to,
                    turns,
                    arrive,
                } => {
                    let (Some(from), Some(to)) = (env.who(*from), env.who(*to)) else {
                        continue;
                    };
                    let turns = turns.eval(env).round().clamp(0.0, 100.0) as u32;
                    let id = self.s.next_id;
                    self.s.next_id += 1;
                    self.s.shipments.push(Shipment {
                        id,
                        system: system.clone(),
                        from,
                        to,
                        turns_left: turns,
                        sent_turn: self.turn,
                        covert,
                        known: self.knowers(covert, &[from, to]),
                        arrive: concretize_all(arrive, env),
                        cause,
                    });
                }
                Effect::Factory {
                    name,
                    at,
                    owner,
                    each_turn,
                } => {
                    let (Some(at), Some(owner)) = (env.who(*at), env.who(*owner)) else {
                        continue;
                    };
                    let id = self.s.next_id;
                    self.s.next_id += 1;
                    self.s.factories.push(Factory {
                        id,
                        name: name.clone(),
                        at,
                        owner,
                        built_turn: self.turn,
                        covert,
                        known: self.knowers(covert, &[at, owner]),
                        each_turn: concretize_all(each_turn, env),
                    });
                    self.events.push(Event::FactoryBuilt {
                        id,
                        name: name.clone(),
                        at,
                        owner,
                        covert,
                    });
                }
                Effect::Interdict { target, count } => {
                    let (Some(by), Some(target)) = (env.me, env.who(*target)) else {
                        continue;
                    };
                    let n = count.eval(env).round().clamp(0.0, 1000.0) as usize;
                    self.seize(by, target, n);
                }
                Effect::Dismantle { at, count } => {
                    let Some(at) = env.who(*at) else { continue };
                    let by = env.me.unwrap_or(at);
                    let n = count.eval(env).round().clamp(0.0, 1000.0) as usize;
                    for _ in 0..n {
                        let Some(i) = self.s.factories.iter().position(|f| f.at == at) else {
                            break;
                        };
                        let f = self.s.factories.remove(i);
                        let headline =
                            format!("{} dismantled in {}", f.name, self.scn.actor(at).name);
                        self.events.push(Event::FactoryDismantled {
                            id: f.id,
                            name: f.name,
                            at,
                            by,
                            headline,
                        });
                    }
                }
                Effect::Surveil { target, amount } => {
                    let (Some(me), Some(t)) = (env.me, env.who(*target)) else {
                        continue;
                    };
                    self.adjust(
                        Meter::Surveillance {
                            observer: me,
                            target: t,
                        },
                        amount.eval(env),
                        cause,
                        Rule::Effect,
                    );
                }
                Effect::Publish { target } => {
                    let (Some(me), Some(t)) = (env.me, env.who(*target)) else {
                        continue;
                    };
                    self.publish(me, t);
                }
                Effect::Resolution { on, level } => {
                    let (Some(me), Some(on)) = (env.me, env.who(*on)) else {
                        continue;
                    };
                    let level = level.eval(env).round().clamp(0.0, 5.0) as u8;
                    self.s.proposals.push(Proposal {
                        proposer: me,
                        on,
                        level,
                        turn: self.turn,
                    });
                }
                Effect::Vote { on, yes } => {
                    let (Some(me), Some(on)) = (env.me, env.who(*on)) else {
                        continue;
                    };
                    self.votes.push((me, on, *yes));
                }
                Effect::Offer { deal, to } => {
                    let (Some(me), Some(to)) = (env.me, env.who(*to)) else {
                        continue;
                    };
                    if me == to {
                        continue;
                    }
                    let level = env.level;
                    self.s.offers.push(Offer {
                        deal: *deal,
                        from: me,
                        to,
                        level,
                        turn: self.turn,
                    });
                    let d = &self.scn.deals[*deal];
                    let headline = format!(
                        "{} offers {} a deal: {}",
                        self.scn.actor(me).name,
                        self.scn.actor(to).name,
                        d.name
                    );
                    self.events.push(Event::DealOffered {
                        deal: *deal,
                        from: me,
                        to,
                        headline,
                    });
                }
                Effect::Accept { from } => {
                    let (Some(me), Some(from)) = (env.me, env.who(*from)) else {
                        continue;
                    };
                    self.accepts.push((me, from));
                }
                simple => {
                    for d in concretize_all(std::slice::from_ref(simple), env) {
                        self.apply(&d, cause, Rule::Effect);
                    }
                }
            }
        }
    }

    /// Who knows of a new shipment or factory: everyone, or only its parties if covert.
    fn knowers(&self, covert: bool, parties: &[ActorId]) -> Vec<bool> {
        self.scn
            .actor_ids()
            .map(|a| !covert || parties.contains(&a))
            .collect()
    }

    /// Reveals to everyone the covert acts of `culprit` that `by` knows of.
    fn publish(&mut self, by: ActorId, culprit: ActorId) {
        let n = self.scn.n();
        let mut found: Vec<(u32, String)> = Vec::new();
        for x in self.s.shipments.iter_mut() {
            if x.covert
                && x.known[by.index()]
                && (x.from == culprit || x.to == culprit)
                && x.known.iter().any(|k| !k)
            {
                x.known = vec![true; n];
                found.push((x.id, format!("{} shipment", x.system)));
            }
        }
        for f in self.s.factories.iter_mut() {
            if f.covert
                && f.known[by.index()]
                && (f.owner == culprit || f.at == culprit)
                && f.known.iter().any(|k| !k)
            {
                f.known = vec![true; n];
                found.push((f.id, f.name.clone()));
            }
        }
        for (id, what) in found {
            let headline = format!(
                "{} publishes intelligence exposing {}'s covert {what}",
                self.scn.actor(by).name,
                self.scn.actor(culprit).name
            );
            self.exposed(id, culprit, by);
            let to = self.scn.actor_ids().collect();
            self.events.push(Event::Revealed {
                id,
                what,
                culprit,
                to,
                headline,
            });
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
            let headline = format!(
                "{} intercepts {} shipment bound from {} to {}",
                self.scn.actor(by).name,
                x.system,
                self.scn.actor(x.from).name,
                self.scn.actor(x.to).name
            );
            self.events.push(Event::ShipmentSeized {
                id: x.id,
                system: x.system,
                from: x.from,
                to: x.to,
                by,
                headline,
            });
        }
    }
}
