//! One turn, start to finish. The phases, in order:
//!
//! 1. **Orders** are checked against the rules and paid for; broken ones are
//!    rejected (and cost nothing).
//!    Last turn's public conduct fades ([`conduct`]).
//! 2. **Moves** resolve by category — diplomacy, economic, sanction, arms,
//!    military, intelligence — and within a category by actor order, then by
//!    the order in which each actor gave them. Every amount, chance and
//!    condition reads the state at the *start* of the turn, so orders are
//!    simultaneous: the phase order only decides how clamping interleaves.
//!    Each overt order that takes effect joins the actors' conduct.
//! 3. **Persistent effects** tick: sanctions drain, shipments travel and
//!    arrive, factories produce.
//! 4. **Time**: the arms race steps, tensions, threats and relations relax
//!    toward their baselines.
//! 5. **Scripted events** whose condition holds roll their chance.
//! 6. **Endings**: armed clash, scenario endings, the turn limit.
//! 7. **Bookkeeping**: income for the next turn, objectives held, history.

use super::conduct;
use super::council;
use super::dice::Dice;
use super::effects::plan_all;
use super::env::Bound;
use super::events::{Covert, Event};
use super::inject::Inject;
use super::ledger::{Cause, Change, Meter, Rule};
use super::orders::{self, Order, Orders};
use super::record::{Ledger, Recorder};
use super::state::{ActiveDeal, ActorState, Grid, Offer, Outcome, State};
use super::tension;
use super::world::World;
use crate::scenario::{ActorId, Category, EventId, Over, Scenario, Stat};

/// What one turn produced, with the full ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// The state after the turn.
    pub state: State,
    /// What happened, in order.
    pub events: Vec<Event>,
    /// Every change to every meter, with its cause.
    pub changes: Vec<Change>,
}

/// The state before the first turn.
pub fn initial_state(scn: &Scenario) -> State {
    let n = scn.n();
    let actors = scn
        .actors
        .iter()
        .map(|a| ActorState {
            stats: a.stats,
            capital: a.capital.start,
            threat: a.threat,
        })
        .collect();
    let mut s = State {
        turn: 0,
        actors,
        relations: Grid::from_cells(n, scn.relations.clone()),
        sanctions: Grid::from_cells(n, scn.sanctions.clone()),
        tension: Grid::from_cells(n, vec![0.0; n * n]),
        regional: 0.0,
        level: 0,
        tracks: scn.tracks.iter().map(|t| t.initial.clone()).collect(),
        shipments: Vec::new(),
        factories: Vec::new(),
        next_id: 1,
        fired: vec![false; scn.events.len()],
        held: scn
            .actors
            .iter()
            .map(|a| vec![0; a.objectives.len()])
            .collect(),
        baseline: Grid::from_cells(n, vec![0.0; n * n]),
        stage: Grid::from_cells(n, vec![0; n * n]),
        outcome: None,
        surveillance: Grid::from_cells(n, vec![0.0; n * n]),
        council_sanctions: vec![0; n],
        proposals: Vec::new(),
        offers: Vec::new(),
        deals: Vec::new(),
        conduct: Grid::from_cells(n, vec![0.0; n * n]),
    };
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            if a != b {
                let t = scn.pair_tension[a.index() * n + b.index()]
                    .unwrap_or_else(|| tension::baseline(scn, &s, a, b));
                s.tension.set(a, b, t);
            }
        }
    }
    for a in scn.actor_ids() {
        for b in scn.actor_ids().filter(|b| *b != a) {
            let t = s.tension.get(a, b);
            s.baseline.set(a, b, t);
            s.stage.set(a, b, tension::crisis_stage(scn, t, 0));
        }
    }
    s.regional = tension::regional(scn, &s);
    s.level = scn.level_index(s.regional);
    s
}

/// Resolves one turn: `(scenario, state, orders, seed) → (new state, events)`.
/// Pure and deterministic, with fair dice and the full ledger. A finished
/// game is returned unchanged.
pub fn resolve_turn(scn: &Scenario, state: &State, orders: &Orders, seed: u64) -> Resolution {
    let mut ledger = Ledger::default();
    let state = resolve(scn, state, orders, &[], Dice::seeded(seed), &mut ledger);
    Resolution {
        state,
        events: ledger.events,
        changes: ledger.changes,
    }
}

/// Like [`resolve_turn`], but with every order's roll forced to succeed or
/// fail, and keeping no ledger: the AI's what-if lookahead and the order
/// preview.
pub fn resolve_forced(
    scn: &Scenario,
    state: &State,
    orders: &Orders,
    seed: u64,
    success: bool,
) -> State {
    resolve(
        scn,
        state,
        orders,
        &[],
        Dice::forced(seed, success),
        &mut super::record::Silent,
    )
}

/// Resolves one turn with the given dice, keeping what `rec` keeps: the
/// turn's orders, and the instructor's injects (applied after the orders
/// are paid for, before any move resolves). The general form behind
/// [`resolve_turn`] and [`resolve_forced`].
pub fn resolve<R: Recorder>(
    scn: &Scenario,
    state: &State,
    orders: &Orders,
    injects: &[Inject],
    dice: Dice,
    rec: &mut R,
) -> State {
    if state.is_over() {
        return state.clone();
    }
    let mut w = World::new(scn, state, dice, rec);
    conduct::fade(scn, &mut w.s.conduct);
    let accepted = accept(&mut w, orders);
    apply_injects(&mut w, injects);
    breaches(&mut w, &accepted);
    for cat in Category::ALL {
        if cat == Category::Sanction {
            // After diplomacy (offers, votes, acceptances) and economic moves.
            answer_offers(&mut w);
            council::vote(&mut w);
        }
        for actor in scn.actor_ids() {
            for (index, order) in accepted
                .iter()
                .filter(|(_, o)| o.actor == actor && scn.mv(o.mv).category == cat)
            {
                execute(&mut w, *index, order);
            }
        }
    }
    tick_sanctions(&mut w);
    council::tick(&mut w);
    discover(&mut w);
    tick_shipments(&mut w);
    tick_factories(&mut w);
    pass_time(&mut w);
    scripted_events(&mut w);
    crisis(&mut w);
    stages(&mut w);
    finish(&mut w);
    w.s
}

fn accept<R: Recorder>(w: &mut World<R>, orders: &Orders) -> Vec<(u16, Order)> {
    let mut committed = vec![0.0; w.scn.n()];
    let mut out: Vec<(u16, Order)> = Vec::new();
    for (i, o) in orders.list.iter().enumerate().take(u16::MAX as usize) {
        let index = i as u16;
        let spent = committed.get(o.actor.index()).copied().unwrap_or(0.0);
        match orders::check_after(w.scn, w.start, out.iter().map(|(_, x)| x), o, spent) {
            Ok(cost) => {
                committed[o.actor.index()] += cost;
                let cause = Cause::Order {
                    actor: o.actor,
                    mv: o.mv,
                    target: o.target,
                    index,
                };
                w.adjust(Meter::Capital { actor: o.actor }, -cost, cause, Rule::Cost);
                out.push((index, o.clone()));
            }
            Err(reason) => w.event(|| Event::OrderRejected {
                order: o.clone(),
                index,
                reason,
            }),
        }
    }
    out
}

fn apply_injects<R: Recorder>(w: &mut World<R>, injects: &[Inject]) {
    let scn = w.scn;
    for (i, inject) in injects.iter().enumerate().take(u16::MAX as usize) {
        let index = i as u16;
        let cause = Cause::Inject { index };
        match inject {
            Inject::Event { event } => {
                let Some(ev) = scn.events.get(event.index()) else {
                    continue;
                };
                let start = w.start;
                w.run_effects(&ev.effects, &Bound::world(scn, start), cause, false);
                w.s.fired[event.index()] = true;
            }
            Inject::News { effects, .. } => {
                for d in effects {
                    w.apply(d, cause, Rule::Inject);
                }
            }
        }
        w.event(|| match inject {
            Inject::Event { event } => Event::Injected {
                index,
                event: Some(*event),
                news: None,
            },
            Inject::News { headline, .. } => Event::Injected {
                index,
                event: None,
                news: Some(headline.clone()),
            },
        });
    }
}

fn execute<R: Recorder>(w: &mut World<R>, index: u16, o: &Order) {
    let scn = w.scn;
    let m = scn.mv(o.mv);
    let start = w.start;
    let env = Bound::new(scn, start, Some(o.actor), o.target, o.level);
    let chance = super::orders::chance(scn, start, o);
    let success = w.dice.order(w.turn, index, chance);
    let cause = Cause::Order {
        actor: o.actor,
        mv: o.mv,
        target: o.target,
        index,
    };
    let share = if success {
        1.0
    } else {
        scn.tension.failure_share
    };
    act_tension(w, o, share, cause);
    let alarm = m.alarm * m.level.intensity(o.level);
    if success
        && !m.covert
        && let Some(t) = o.target
    {
        // Open military cooperation alarms both parties' rivals at once.
        w.alarm_rivals(
            o.actor,
            t,
            alarm,
            super::state::ActorSet::all(scn.n()),
            cause,
        );
    }
    if success {
        conduct::record(scn, start, &mut w.s.conduct, m, o.actor, o.target);
    }
    let list = if success { &m.effects } else { &m.on_failure };
    // What a covert order makes carries its alarm until it comes to light.
    w.alarm = if success && m.covert { alarm } else { 0.0 };
    w.run_effects(list, &env, cause, m.covert);
    w.alarm = 0.0;
    w.event(|| Event::OrderResolved {
        order: o.clone(),
        index,
        success,
        chance,
        cost: orders::cost(scn, start, o),
        covert: m.covert,
    });
}

/// The automatic effect of an act on tension and regard, from its Goldstein
/// value: hostile acts raise pair tension (up to their category's ceiling)
/// and sour the target's regard; cooperative acts do the opposite. A move
/// without a target is felt by every actor hostile to the actor.
fn act_tension<R: Recorder>(w: &mut World<R>, o: &Order, share: f64, cause: Cause) {
    let scn = w.scn;
    let m = scn.mv(o.mv);
    if m.covert || m.goldstein == 0.0 {
        return;
    }
    let intensity = m.level.intensity(o.level) * share;
    let felt_by: Vec<(ActorId, f64)> = match o.target {
        Some(t) => vec![(t, 1.0)],
        None => scn
            .actor_ids()
            .filter(|b| *b != o.actor)
            .map(|b| (b, tension::hostility(w.start, b, o.actor)))
            .filter(|(_, h)| *h > 0.0)
            .collect(),
    };
    for (b, h) in felt_by {
        let mut dt = tension::act_tension(scn, w.start, m, o.level, o.actor, b) * share * h;
        if dt > 0.0 {
            let room =
                (scn.tension.ceiling[m.category.index()] - w.s.tension.get(o.actor, b)).max(0.0);
            dt = dt.min(room);
        }
        w.adjust(Meter::Tension { a: o.actor, b }, dt, cause, Rule::Goldstein);
        let dr = m.goldstein * scn.tension.relation_scale * intensity * h;
        w.adjust(
            Meter::Relation {
                from: b,
                to: o.actor,
            },
            dr,
            cause,
            Rule::Regard,
        );
    }
}

/// Offers made in an earlier turn are answered now: accepted if the
/// receiver ordered an acceptance, otherwise rejected. An accepted deal
/// applies both sides at once.
fn answer_offers<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    let (due, later): (Vec<Offer>, Vec<Offer>) = std::mem::take(&mut w.s.offers)
        .into_iter()
        .partition(|o| o.turn < w.turn);
    w.s.offers = later;
    let answered = |list: &[(ActorId, ActorId, Option<usize>)], o: &Offer| {
        list.iter().any(|(by, from, deal)| {
            *by == o.to && *from == o.from && deal.is_none_or(|d| d == o.deal)
        })
    };
    for o in due {
        let d = &scn.deals[o.deal];
        let refused = answered(&w.refusals, &o);
        if !refused && answered(&w.accepts, &o) {
            let start = w.start;
            let env = Bound::new(scn, start, Some(o.from), Some(o.to), o.level);
            let cause = Cause::Deal {
                deal: o.deal as u16,
                giver: o.from,
                taker: o.to,
            };
            w.run_effects(&d.give, &env, cause, false);
            w.run_effects(&d.take, &env, cause, false);
            w.s.deals.push(ActiveDeal {
                deal: o.deal,
                giver: o.from,
                taker: o.to,
                until: w.turn + d.lasts,
            });
            w.event(|| Event::DealAccepted {
                deal: o.deal,
                from: o.from,
                to: o.to,
                level: o.level,
            });
        } else {
            // Turned down or left to lapse: the deal's consequences.
            let start = w.start;
            let env = Bound::new(scn, start, Some(o.from), Some(o.to), o.level);
            let cause = Cause::Deal {
                deal: o.deal as u16,
                giver: o.from,
                taker: o.to,
            };
            w.run_effects(&d.on_refuse, &env, cause, false);
            w.event(|| Event::DealRejected {
                deal: o.deal,
                from: o.from,
                to: o.to,
            });
        }
    }
}

/// A side that orders a move its deal forbids against the other side breaks
/// the deal: it loses prestige and the other side's trust.
fn breaches<R: Recorder>(w: &mut World<R>, accepted: &[(u16, Order)]) {
    let scn = w.scn;
    let mut kept = Vec::new();
    for d in std::mem::take(&mut w.s.deals) {
        let terms = &scn.deals[d.deal];
        let broke = |who: ActorId, other: ActorId, moves: &[crate::scenario::MoveId]| {
            accepted
                .iter()
                .any(|(_, o)| o.actor == who && o.target == Some(other) && moves.contains(&o.mv))
        };
        let breaker = if broke(d.giver, d.taker, &terms.giver_breaks_with) {
            Some((d.giver, d.taker))
        } else if broke(d.taker, d.giver, &terms.taker_breaks_with) {
            Some((d.taker, d.giver))
        } else {
            None
        };
        match breaker {
            Some((b, other)) => {
                let cause = Cause::Deal {
                    deal: d.deal as u16,
                    giver: d.giver,
                    taker: d.taker,
                };
                w.adjust(
                    Meter::Stat {
                        actor: b,
                        stat: Stat::Prestige,
                    },
                    -terms.break_prestige,
                    cause,
                    Rule::Breach,
                );
                w.adjust(
                    Meter::Relation { from: other, to: b },
                    -terms.break_trust,
                    cause,
                    Rule::Breach,
                );
                w.event(|| Event::DealBroken {
                    deal: d.deal,
                    breaker: b,
                    other,
                });
            }
            None => kept.push(d),
        }
    }
    w.s.deals = kept;
}

/// Covert shipments and factories may come to light for each actor not yet
/// aware of them, the likelier the better its intelligence and its watch
/// on the parties. Surveillance then fades.
fn discover<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    let intel = &scn.intelligence;
    let all = super::state::ActorSet::all(scn.n());
    let mut found: Vec<(u32, Covert, ActorId, ActorId)> = Vec::new();
    let shipments = w.s.shipments.iter().filter(|x| x.covert).map(|x| {
        (
            x.id,
            Covert::Shipment {
                system: x.system,
                to: x.to,
            },
            [x.from, x.to],
            x.known,
        )
    });
    let factories = w.s.factories.iter().filter(|f| f.covert).map(|f| {
        (
            f.id,
            Covert::Factory {
                system: f.system,
                at: f.at,
            },
            [f.owner, f.at],
            f.known,
        )
    });
    for (id, what, parties, known) in shipments.chain(factories) {
        if known == all {
            continue;
        }
        for x in scn.actor_ids().filter(|x| !known.contains(*x)) {
            let watch = parties
                .iter()
                .map(|p| w.s.surveillance.get(x, *p))
                .fold(0.0, f64::max);
            let chance = intel.reveal * w.s.actor(x).stat(Stat::Intel) / 100.0 + 0.5 * watch;
            if w.dice
                .reveal(w.turn, (u64::from(id) << 8) | u64::from(x.0), chance)
            {
                found.push((id, what, parties[0], x));
            }
        }
    }
    for (id, what, culprit, x) in found {
        for sh in w.s.shipments.iter_mut().filter(|s| s.id == id) {
            sh.known.insert(x);
        }
        for f in w.s.factories.iter_mut().filter(|f| f.id == id) {
            f.known.insert(x);
        }
        w.exposed(id, culprit, x);
        w.reveal_alarm(id, super::state::ActorSet::of(&[x]));
        w.event(|| Event::Revealed {
            id,
            what,
            culprit,
            to: vec![x],
            by: None,
        });
    }
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            let v = w.s.surveillance.get(a, b);
            if a != b && v > 0.0 {
                w.adjust(
                    Meter::Surveillance {
                        observer: a,
                        target: b,
                    },
                    -v * intel.surveillance_decay,
                    Cause::Time,
                    Rule::Decay,
                );
            }
        }
    }
}

fn tick_sanctions<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            let level = f64::from(w.s.sanctions.get(a, b));
            if a == b || level == 0.0 {
                continue;
            }
            let cause = Cause::Sanctions { from: a, to: b };
            let drain =
                scn.tension.sanction_drain * level * w.start.actor(a).stat(Stat::Economy) / 100.0;
            w.adjust(
                Meter::Stat {
                    actor: b,
                    stat: Stat::Economy,
                },
                -drain,
                cause,
                Rule::SanctionDrain,
            );
            w.adjust(
                Meter::Stat {
                    actor: a,
                    stat: Stat::Economy,
                },
                -scn.tension.sanction_cost * level,
                cause,
                Rule::SanctionCost,
            );
        }
    }
}

fn tick_shipments<R: Recorder>(w: &mut World<R>) {
    let mut arrived = Vec::new();
    let mut waiting = Vec::new();
    for mut x in std::mem::take(&mut w.s.shipments) {
        // Sent this turn: in transit from now on. A shipment of `turns = 2`
        // sent in turn 3 arrives at the end of turn 5; `turns = 0` at once.
        if x.sent_turn < w.turn {
            x.turns_left = x.turns_left.saturating_sub(1);
        }
        if x.turns_left == 0 {
            arrived.push(x);
        } else {
            waiting.push(x);
        }
    }
    w.s.shipments = waiting;
    for x in arrived {
        let cause = Cause::Shipment { id: x.id };
        for d in &x.arrive {
            w.apply(d, cause, Rule::Effect);
        }
        w.event(|| Event::ShipmentArrived {
            id: x.id,
            system: x.system,
            from: x.from,
            to: x.to,
            covert: x.covert,
        });
    }
}

fn tick_factories<R: Recorder>(w: &mut World<R>) {
    // Production changes meters only, never the list of factories, so the
    // list is taken out while it runs and put back.
    let factories = std::mem::take(&mut w.s.factories);
    let turn = w.turn;
    for f in factories.iter().filter(|f| f.built_turn < turn) {
        for d in &f.each_turn {
            w.apply(d, Cause::Factory { id: f.id }, Rule::Effect);
        }
    }
    w.s.factories = factories;
}

fn pass_time<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    let ids: Vec<ActorId> = scn.actor_ids().collect();
    // The arms race reads one consistent state, then applies.
    let steps: Vec<f64> = ids
        .iter()
        .map(|a| tension::arms_race_step(scn, &w.s, *a))
        .collect();
    for (a, step) in ids.iter().zip(steps) {
        w.adjust(
            Meter::Stat {
                actor: *a,
                stat: Stat::Military,
            },
            step,
            Cause::Time,
            Rule::ArmsRace,
        );
    }
    let t = &scn.tension;
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let now = w.s.tension.get(*a, *b);
            let base = if t.memory > 0.0 {
                // The baseline remembers: it follows the pair's tension
                // slowly, and moves with how much worse (or better) the
                // two regard each other than at the start.
                let old = w.s.baseline.get(*a, *b);
                let bl = (old + t.memory * (now - old)).clamp(0.0, 100.0);
                w.s.baseline.set(*a, *b, bl);
                w.s.baseline.set(*b, *a, bl);
                let h = |s: &State| {
                    let mean = (s.relations.get(*a, *b) + s.relations.get(*b, *a)) / 2.0;
                    (-mean).max(0.0)
                };
                let n = scn.n();
                let start_mean = (scn.relations[a.index() * n + b.index()]
                    + scn.relations[b.index() * n + a.index()])
                    / 2.0;
                (bl + t.hostility * (h(&w.s) - (-start_mean).max(0.0))).clamp(0.0, 100.0)
            } else {
                tension::baseline(scn, &w.s, *a, *b)
            };
            let d = t.decay * (base - now);
            w.adjust(Meter::Tension { a: *a, b: *b }, d, Cause::Time, Rule::Decay);
        }
    }
    for a in &ids {
        let d = t.threat_decay * (scn.actor(*a).threat - w.s.actor(*a).threat);
        w.adjust(Meter::Threat { actor: *a }, d, Cause::Time, Rule::Decay);
        for b in &ids {
            if a != b {
                let initial = scn.relations[a.index() * scn.n() + b.index()];
                let d = t.decay * 0.25 * (initial - w.s.relations.get(*a, *b));
                w.adjust(
                    Meter::Relation { from: *a, to: *b },
                    d,
                    Cause::Time,
                    Rule::Decay,
                );
            }
        }
    }
}

fn scripted_events<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    for (i, ev) in scn.events.iter().enumerate() {
        if w.s.fired[i] && !ev.repeat {
            continue;
        }
        w.settle();
        // Condition, chance and amounts read the state as it is now, by
        // reference; the effects apply after.
        let plan = {
            let env = Bound::world(scn, &w.s);
            if !ev.when.holds(&env) {
                continue;
            }
            let chance = ev.chance.eval(&env);
            if !w.dice.event(w.turn, i, chance) {
                continue;
            }
            plan_all(scn, &ev.effects, &env)
        };
        w.s.fired[i] = true;
        let event = EventId(i as u16);
        w.apply_plan(plan, Cause::Event { event }, false);
        w.event(|| Event::Scripted { event });
    }
}

/// The crisis ladder: each pair climbs a stage when its tension reaches the
/// stage's threshold, and comes down one once its tension has fallen
/// `hysteresis` below it. At the top, each turn carries the scenario's risk
/// of an armed clash, which ends the game.
fn crisis<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    let c = &scn.crisis;
    if c.stages.is_empty() {
        return;
    }
    let top = c.stages.len() as u8;
    let n = scn.n() as u16;
    for a in 0..n {
        for b in a + 1..n {
            let (a, b) = (ActorId(a), ActorId(b));
            let from = w.s.stage.get(a, b);
            let to = tension::crisis_stage(scn, w.s.tension.get(a, b), from);
            if to != from {
                w.s.stage.set(a, b, to);
                w.s.stage.set(b, a, to);
                w.event(|| Event::CrisisStage { a, b, from, to });
            }
            if to == top && w.clash.is_none() {
                let chance = c
                    .clash
                    .eval(&Bound::new(scn, &w.s, Some(a), Some(b), 0))
                    .clamp(0.0, 1.0);
                let pair = u64::from(a.0) * 64 + u64::from(b.0);
                if w.dice.clash(w.turn, pair, chance) {
                    w.clash = Some((a, b));
                    w.event(|| Event::ArmedClash { a, b });
                }
            }
        }
    }
}

fn stages<R: Recorder>(w: &mut World<R>) {
    if !R::EVENTS {
        return;
    }
    let scn = w.scn;
    for (ti, t) in scn.tracks.iter().enumerate() {
        for (k, (before, after)) in w.start.tracks[ti].iter().zip(&w.s.tracks[ti]).enumerate() {
            for (si, st) in t.stages.iter().enumerate() {
                if *before < st.at && *after >= st.at {
                    let actor = (w.s.tracks[ti].len() > 1).then_some(ActorId(k as u16));
                    w.rec.event(Event::Stage {
                        track: crate::scenario::TrackId(ti as u16),
                        actor,
                        stage: si,
                        secret: t.secret,
                    });
                }
            }
        }
    }
}

fn finish<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    w.settle();
    let new_level = scn.level_index(w.s.regional);
    if new_level != w.s.level {
        let (from, to) = (w.s.level, new_level);
        w.event(|| Event::Escalation { from, to });
        w.s.level = new_level;
    }
    // Endings and objectives read `turn` as the turn just played, and the
    // state as it stands before income.
    let outcome = if w.s.regional >= scn.tension.clash_at || w.clash.is_some() {
        Some(Outcome::Clash)
    } else if let Some(i) = scn
        .endings
        .iter()
        .position(|e| e.when.holds(&Bound::world(scn, &w.s).at_turn(w.turn)))
    {
        Some(Outcome::Ending { index: i })
    } else if w.turn >= scn.meta.turns {
        Some(Outcome::TurnLimit)
    } else {
        None
    };
    w.s.deals.retain(|d| d.until > w.turn);
    for a in scn.actor_ids() {
        for (k, o) in scn.actor(a).objectives.iter().enumerate() {
            if o.over == Over::Game
                && o.condition
                    .holds(&Bound::actor(scn, &w.s, a).at_turn(w.turn))
            {
                w.s.held[a.index()][k] += 1;
            }
        }
    }
    w.s.turn = w.turn;
    match outcome {
        Some(outcome) => {
            w.event(|| Event::GameOver {
                outcome: outcome.clone(),
            });
            w.s.outcome = Some(outcome);
        }
        None => {
            for a in scn.actor_ids() {
                w.adjust(
                    Meter::Capital { actor: a },
                    scn.actor(a).capital.income,
                    Cause::Time,
                    Rule::Income,
                );
            }
        }
    }
}
