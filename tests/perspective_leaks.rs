//! Secrets stay secret, as a property: computer-only games of both bundled
//! scenarios, and after every turn, for every observer, every
//! [`TurnReport`] it may read (and the news made from it) and its
//! [`PlayerView`] are checked against the truth the referee keeps.
//!
//! A report must not hold another actor's covert order, covert shipment or
//! factory, or a change explained by one, before the observer discovered it
//! (the game log says who found out when); nor others' chances, costs,
//! refused orders or the computer's reasons. A view must carry exact values
//! only where the observer may know them (its own, the public ones, the
//! secret tracks it is told) and estimates elsewhere; its shipments and
//! factories are exactly those it may know of; and what its history
//! charts keep of each turn holds estimates, never the true past values.
//!
//! The checker is written from the log and the scenario, not from the
//! perspective module's own rules, and the tests at the bottom show it
//! flags a report or a view that does leak.
//!
//! 200 games of the default scenario and 50 of the strait scenario: about
//! 45 s in a debug build on two cores (`cargo test --test perspective_leaks`).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use flashpoint::ai::Policy;
use flashpoint::engine::intel;
use flashpoint::engine::ledger::{Cause, Meter};
use flashpoint::engine::log::GameLog;
use flashpoint::engine::turn::{Keep, TurnRecord};
use flashpoint::engine::{Event, State};
use flashpoint::perspective::{
    PlayerView, SeenCause, SeenOrder, SeenOutcome, SeenTurn, TurnReport,
};
use flashpoint::referee::Match;
use flashpoint::scenario::{ActorId, MoveId, Scenario, Scope, Stat};

// ------------------------------------------------------------ the truth

/// The truth at one moment, as the referee keeps it.
struct Truth<'a> {
    scn: &'a Scenario,
    state: &'a State,
    log: &'a GameLog,
    turns: &'a [TurnRecord],
    /// Turns resolved so far.
    now: u32,
}

impl Truth<'_> {
    /// Does `o` know the covert act with this id by now (parties always)?
    fn knows_act(&self, o: ActorId, id: u32) -> bool {
        self.log
            .act(id)
            .is_none_or(|a| a.known_since(o).is_some_and(|t| t <= self.now))
    }

    /// The turn `o` found out about the act made by order `index` of
    /// `turn`: `None` if it has not by now (or the order made no act).
    fn order_found(&self, o: ActorId, turn: u32, index: usize) -> Option<u32> {
        self.log
            .act_of_order(turn, index as u16)
            .and_then(|a| a.known_since(o))
            .filter(|t| *t <= self.now)
    }

    /// Is `o` a party to an order of `actor`'s with move `mv` aimed at
    /// `target`: it gave it, or it is the target of a move whose target
    /// is a party (`target_is_party`: its side of secret talks)?
    fn party(&self, o: ActorId, actor: ActorId, mv: MoveId, target: Option<ActorId>) -> bool {
        actor == o || (self.scn.mv(mv).target_is_party && target == Some(o))
    }

    /// Is order `index` of `record` a covert order that `o` is no party
    /// to and has not discovered?
    fn hidden_order(&self, o: ActorId, record: &TurnRecord, index: usize) -> bool {
        let order = &record.orders.list[index];
        !self.party(o, order.actor, order.mv, order.target)
            && self.scn.mv(order.mv).covert
            && self.order_found(o, record.turn, index).is_none()
    }

    /// May `o` know this cause of a change in `record`'s turn?
    fn cause_known(&self, o: ActorId, record: &TurnRecord, cause: Cause) -> Result<(), String> {
        match cause {
            Cause::Order {
                actor, mv, target, ..
            } => {
                if self.party(o, actor, mv, target) || !self.scn.mv(mv).covert {
                    return Ok(());
                }
                let index = record
                    .orders
                    .list
                    .iter()
                    .position(|x| x.actor == actor && x.mv == mv && x.target == target)
                    .ok_or_else(|| format!("a cause names an order not given: {cause:?}"))?;
                if self.hidden_order(o, record, index) {
                    Err(format!(
                        "a change is explained by a hidden covert order {cause:?}"
                    ))
                } else {
                    Ok(())
                }
            }
            Cause::Shipment { id } | Cause::Factory { id } | Cause::Revelation { id } => {
                if self.knows_act(o, id) {
                    Ok(())
                } else {
                    Err(format!(
                        "a change is explained by a hidden covert act {cause:?}"
                    ))
                }
            }
            _ => Ok(()),
        }
    }

    /// May `o` see this event of `record`'s turn?
    fn event_seen(&self, o: ActorId, record: &TurnRecord, e: &Event) -> Result<(), String> {
        let act = |id: u32| {
            if self.knows_act(o, id) {
                Ok(())
            } else {
                Err(format!("a hidden covert act is in the events: {e:?}"))
            }
        };
        match e {
            Event::OrderResolved { .. } | Event::OrderRejected { .. } => {
                Err(format!("an order result among the events: {e:?}"))
            }
            Event::ShipmentSent { id, cause, .. } | Event::FactoryBuilt { id, cause, .. } => {
                act(*id)?;
                self.cause_known(o, record, *cause)
            }
            Event::ShipmentArrived { id, .. } => act(*id),
            Event::ShipmentSeized { id, by, .. } | Event::FactoryDismantled { id, by, .. } => {
                if *by == o { Ok(()) } else { act(*id) }
            }
            Event::Stage {
                track,
                actor,
                secret: true,
                ..
            } if !intel::knows_track(self.scn, o, track.index(), *actor) => {
                Err(format!("a secret stage it is not told of: {e:?}"))
            }
            Event::Revealed {
                to, by, culprit, ..
            } => {
                if by.is_some() || to.contains(&o) || *culprit == o {
                    Ok(())
                } else {
                    Err(format!("another's discovery: {e:?}"))
                }
            }
            _ => Ok(()),
        }
    }
}

/// How `o` may know a meter, from the scenario alone.
fn exact(scn: &Scenario, o: ActorId, meter: Meter) -> bool {
    match meter {
        Meter::Stat { actor, stat } => actor == o || stat == Stat::Prestige,
        Meter::Capital { actor } | Meter::Threat { actor } => actor == o,
        Meter::Surveillance { observer, .. } => observer == o,
        Meter::Track { track, actor } => intel::knows_track(scn, o, track.index(), actor),
        _ => true,
    }
}

// ------------------------------------------------------------ the checks

/// Everything in `report` (as `o` reads it now) that `o` may not know.
fn report_leaks(t: &Truth, o: ActorId, report: &TurnReport) -> Vec<String> {
    let mut out = Vec::new();
    let Some(record) = t.turns.get((report.turn as usize).wrapping_sub(1)) else {
        return vec![format!("a report of turn {} never played", report.turn)];
    };
    if report.observer != o {
        out.push(format!("the report is {:?}'s", report.observer));
    }
    for so in &report.orders {
        out.extend(order_leak(t, o, record, so));
    }
    for e in &report.events {
        if let Err(why) = t.event_seen(o, record, e) {
            out.push(why);
        }
        for c in causes_in(e) {
            if let Err(why) = t.cause_known(o, record, c) {
                out.push(why);
            }
            out.extend(unblurred(c));
        }
    }
    for c in &report.changes {
        if !exact(t.scn, o, c.meter) {
            out.push(format!("a change to a meter it may not see: {:?}", c.meter));
        }
        if let SeenCause::Known { cause } = c.cause {
            if let Err(why) = t.cause_known(o, record, cause) {
                out.push(why);
            }
            out.extend(unblurred(cause));
        }
    }
    // Not a leak but the other half of the rule: another's covert order
    // that came to light is shown, marked with the turn.
    for (i, order) in record.orders.list.iter().enumerate() {
        let resolved = record
            .events
            .iter()
            .any(|e| matches!(e, Event::OrderResolved { index, .. } if *index as usize == i));
        if order.actor != o
            && resolved
            && t.scn.mv(order.mv).covert
            && t.order_found(o, record.turn, i).is_some()
            && !report.orders.iter().any(|so| so.order == *order)
        {
            out.push(format!("a discovered covert order is missing: {order:?}"));
        }
    }
    // The news, in words: no hidden order's or event's headline.
    let news = report.news(t.scn);
    for (i, order) in record.orders.list.iter().enumerate() {
        if !t.hidden_order(o, record, i) {
            continue;
        }
        for success in [true, false] {
            let h = flashpoint::narrate::order_headline(t.scn, order, success);
            if news.contains(&h) {
                out.push(format!("the news reads a hidden covert order: {h}"));
            }
        }
    }
    let seen_headlines: BTreeSet<String> = record
        .events
        .iter()
        .filter(|e| t.event_seen(o, record, e).is_ok())
        .map(|e| flashpoint::narrate::headline(t.scn, record.turn, e))
        .collect();
    for e in &record.events {
        if matches!(e, Event::OrderResolved { .. } | Event::OrderRejected { .. })
            || t.event_seen(o, record, e).is_ok()
        {
            continue;
        }
        let h = flashpoint::narrate::headline(t.scn, record.turn, e);
        if news.contains(&h) && !seen_headlines.contains(&h) {
            out.push(format!("the news reads a hidden event: {h}"));
        }
    }
    out
}

/// What is wrong with one order shown to `o`.
fn order_leak(t: &Truth, o: ActorId, record: &TurnRecord, so: &SeenOrder) -> Vec<String> {
    let mut out = Vec::new();
    let Some(index) = record.orders.list.iter().position(|x| *x == so.order) else {
        return vec![format!("an order that was not given: {:?}", so.order)];
    };
    if so.order.actor == o {
        return out;
    }
    let covert = t.scn.mv(so.order.mv).covert;
    if t.hidden_order(o, record, index) {
        out.push(format!(
            "another's covert order before it was discovered: {:?}",
            so.order
        ));
    }
    // A party knows the order from the start; others from its discovery.
    let found = if t.party(o, so.order.actor, so.order.mv, so.order.target) {
        None
    } else {
        t.order_found(o, record.turn, index)
    };
    if covert && (!so.covert || so.discovered != found) {
        out.push(format!(
            "a covert order not marked as discovered when it was: {so:?}"
        ));
    }
    if so.reason.is_some() {
        out.push(format!("the computer's reason for another's order: {so:?}"));
    }
    if so.chance.is_some() || so.cost.is_some() {
        out.push(format!("another's chance or cost: {so:?}"));
    }
    if matches!(so.outcome, SeenOutcome::Rejected { .. }) {
        out.push(format!("another's refused order: {so:?}"));
    }
    out
}

/// The causes an event carries.
fn causes_in(e: &Event) -> Vec<Cause> {
    match e {
        Event::ShipmentSent { cause, .. } | Event::FactoryBuilt { cause, .. } => vec![*cause],
        _ => Vec::new(),
    }
}

/// A cause that still says where in the turn's orders (or injects) it
/// was: how many orders were given is not for a player to count.
fn unblurred(c: Cause) -> Option<String> {
    match c {
        Cause::Order { index, .. } | Cause::Inject { index } if index != 0 => {
            Some(format!("a cause with its place in the turn: {c:?}"))
        }
        _ => None,
    }
}

/// The fields a view has: a new one must be added here, after asking
/// whether a player may know it.
const VIEW_FIELDS: &[&str] = &[
    "baseline",
    "capital",
    "conduct",
    "council_sanctions",
    "deals",
    "factories",
    "fired",
    "held",
    "level",
    "observer",
    "offers",
    "outcome",
    "picture",
    "proposals",
    "regional",
    "relations",
    "sanctions",
    "shipments",
    "stage",
    "surveillance",
    "tension",
    "turn",
];

/// An estimate of a hidden value: it must not be the truth, exactly and
/// with no spread (the truth at the edge of its range, where the estimate
/// is clamped, excepted).
fn estimate_leak(
    what: String,
    est: intel::Estimate,
    truth: f64,
    range: (f64, f64),
) -> Option<String> {
    let at_edge = truth <= range.0 || truth >= range.1;
    if est.spread <= 0.0 || (est.value == truth && !at_edge) {
        Some(format!("{what}: the true value {truth} as {est:?}"))
    } else {
        None
    }
}

/// A known value: it must be the truth.
fn exact_wrong(what: String, est: intel::Estimate, truth: f64) -> Option<String> {
    (est.value != truth || est.spread != 0.0).then(|| format!("{what}: {est:?}, truly {truth}"))
}

/// Everything in `view` that `o` may not know, or that is not the truth
/// where it should be.
fn view_leaks(t: &Truth, o: ActorId, view: &PlayerView) -> Vec<String> {
    let scn = t.scn;
    let s = t.state;
    let mut out = Vec::new();
    match serde_json::to_value(view) {
        Ok(serde_json::Value::Object(map)) => {
            let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
            keys.sort_unstable();
            if keys != VIEW_FIELDS {
                out.push(format!("the view's fields changed: {keys:?}"));
            }
        }
        other => out.push(format!("the view is not a JSON object: {other:?}")),
    }
    if view.observer != o || view.turn != s.turn {
        out.push(format!(
            "a view of {:?} at turn {}",
            view.observer, view.turn
        ));
    }
    if view.capital != s.actor(o).capital {
        out.push(format!("capital {} is not its own", view.capital));
    }
    let surveillance: Vec<f64> = scn.actor_ids().map(|a| s.surveillance.get(o, a)).collect();
    if view.surveillance != surveillance {
        out.push("surveillance is not its own".into());
    }
    if view.held != s.held[o.index()] {
        out.push("objectives held are not its own".into());
    }
    // Conduct is public (made of overt orders only): the truth, verbatim.
    if view.conduct != s.conduct {
        out.push("conduct is not the public record".into());
    }
    let p = &view.picture;
    for a in scn.actor_ids() {
        for stat in Stat::ALL {
            let est = p.stats[a.index()][stat.index()];
            let truth = s.actor(a).stat(stat);
            let what = format!("{a:?}'s {stat:?}");
            out.extend(if a == o || stat == Stat::Prestige {
                exact_wrong(what, est, truth)
            } else {
                estimate_leak(what, est, truth, (0.0, 100.0))
            });
        }
        let est = p.threat[a.index()];
        let truth = s.actor(a).threat;
        let what = format!("{a:?}'s threat");
        out.extend(if a == o {
            exact_wrong(what, est, truth)
        } else {
            estimate_leak(what, est, truth, (0.0, 100.0))
        });
    }
    for (ti, track) in scn.tracks.iter().enumerate() {
        for (k, truth) in s.tracks[ti].iter().enumerate() {
            let owner = (track.scope == Scope::PerActor).then_some(ActorId(k as u16));
            let est = p.tracks[ti][k];
            let what = format!("track {} ({owner:?})", track.id);
            out.extend(if intel::knows_track(scn, o, ti, owner) {
                exact_wrong(what, est, *truth)
            } else {
                estimate_leak(what, est, *truth, (track.min, track.max))
            });
        }
    }
    // Shipments and factories: exactly those it may know of, another's
    // covert one marked with the turn it came to light.
    let found = |id: u32, covert: bool, parties: &[ActorId]| -> Option<Option<u32>> {
        if !covert || parties.contains(&o) {
            return Some(None);
        }
        let act = t.log.act(id)?;
        let when = act.known_since(o).filter(|w| *w <= t.now)?;
        Some(Some(when).filter(|w| *w > 0))
    };
    let mut want: Vec<String> = s
        .shipments
        .iter()
        .filter_map(|x| {
            let d = found(x.id, x.covert, &[x.from, x.to])?;
            Some(format!(
                "{:?} {:?}→{:?} sent {} left {} covert {} found {d:?}",
                x.system, x.from, x.to, x.sent_turn, x.turns_left, x.covert
            ))
        })
        .collect();
    let mut got: Vec<String> = view
        .shipments
        .iter()
        .map(|x| {
            format!(
                "{:?} {:?}→{:?} sent {} left {} covert {} found {:?}",
                x.system, x.from, x.to, x.sent_turn, x.turns_left, x.covert, x.discovered
            )
        })
        .collect();
    want.sort();
    got.sort();
    if want != got {
        out.push(format!("shipments: shown {got:?}, may know {want:?}"));
    }
    let mut want: Vec<String> = s
        .factories
        .iter()
        .filter_map(|f| {
            let d = found(f.id, f.covert, &[f.owner, f.at])?;
            Some(format!(
                "{:?} at {:?} of {:?} built {} covert {} found {d:?}",
                f.system, f.at, f.owner, f.built_turn, f.covert
            ))
        })
        .collect();
    let mut got: Vec<String> = view
        .factories
        .iter()
        .map(|f| {
            format!(
                "{:?} at {:?} of {:?} built {} covert {} found {:?}",
                f.system, f.at, f.owner, f.built_turn, f.covert, f.discovered
            )
        })
        .collect();
    want.sort();
    got.sort();
    if want != got {
        out.push(format!("factories: shown {got:?}, may know {want:?}"));
    }
    out
}

/// Everything in the newest entry of `o`'s history (what it saw after the
/// turn just played) that it may not know: true values of others' stats,
/// threat or secret tracks where estimates belong, another's capital.
fn history_leaks(t: &Truth, o: ActorId, seen: &SeenTurn) -> Vec<String> {
    let mut out = Vec::new();
    let Some(snap) = t.log.snapshot(seen.turn) else {
        return vec![format!("history of a turn never played: {}", seen.turn)];
    };
    if seen.turn != t.now {
        out.push(format!("the newest history is of turn {}", seen.turn));
    }
    if seen.capital != snap.capital[o.index()] {
        out.push(format!("history capital {} is not its own", seen.capital));
    }
    let p = &seen.picture;
    for a in t.scn.actor_ids().filter(|a| *a != o) {
        for stat in Stat::ALL.into_iter().filter(|s| *s != Stat::Prestige) {
            let what = format!("history: {a:?}'s {stat:?}");
            let truth = snap.stats[a.index()][stat.index()];
            out.extend(estimate_leak(
                what,
                p.stats[a.index()][stat.index()],
                truth,
                (0.0, 100.0),
            ));
        }
        let what = format!("history: {a:?}'s threat");
        out.extend(estimate_leak(
            what,
            p.threat[a.index()],
            snap.threat[a.index()],
            (0.0, 100.0),
        ));
    }
    for (ti, track) in t.scn.tracks.iter().enumerate() {
        for (k, truth) in snap.tracks[ti].iter().enumerate() {
            let owner = (track.scope == Scope::PerActor).then_some(ActorId(k as u16));
            if !intel::knows_track(t.scn, o, ti, owner) {
                let what = format!("history: track {} ({owner:?})", track.id);
                out.extend(estimate_leak(
                    what,
                    p.tracks[ti][k],
                    *truth,
                    (track.min, track.max),
                ));
            }
        }
    }
    out
}

// ------------------------------------------------------------ the games

fn korea() -> Arc<Scenario> {
    Arc::new(
        flashpoint::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid"),
    )
}

fn strait() -> Arc<Scenario> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/strait-standoff.toml");
    Arc::new(flashpoint::scenario::load_file(&path).expect("valid strait scenario"))
}

/// What the games of a run saw, so a run that never met a covert act (and
/// so proved nothing) fails.
#[derive(Default)]
struct Tally {
    games: u32,
    checks: u64,
    hidden_orders: u64,
    discovered_orders: u64,
}

/// Plays `seeds` computer-only games and checks every observer's view and
/// reports after every turn; panics with the first leaks found.
fn check_games(scn: &Arc<Scenario>, seeds: impl IntoIterator<Item = u64>) -> Tally {
    let mut tally = Tally::default();
    for seed in seeds {
        let seats = flashpoint::sim::seats(&vec![Policy::Utility; scn.n()]);
        let mut m = Match::new(scn.clone(), seed, seats, Keep::Everything);
        while !m.is_over() {
            m.play_turn();
            check_now(&m, &mut tally, seed);
        }
        tally.games += 1;
    }
    tally
}

/// Checks every observer's view and reports of `m` as they are now.
fn check_now(m: &Match, tally: &mut Tally, seed: u64) {
    let scn = m.scenario();
    let truth = m.truth();
    let t = Truth {
        scn,
        state: truth.state,
        log: truth.log,
        turns: truth.turns,
        now: m.turn(),
    };
    for o in scn.actor_ids() {
        let mut leaks = view_leaks(&t, o, &m.view(o));
        match m.history(o).last() {
            Some(seen) => leaks.extend(history_leaks(&t, o, seen)),
            None => leaks.push("no history".into()),
        }
        for report in m.reports(o) {
            leaks.extend(report_leaks(&t, o, &report));
            tally.checks += 1;
        }
        for record in truth.turns {
            for i in 0..record.orders.list.len() {
                let order = &record.orders.list[i];
                if !t.party(o, order.actor, order.mv, order.target) && scn.mv(order.mv).covert {
                    if t.hidden_order(o, record, i) {
                        tally.hidden_orders += 1;
                    } else {
                        tally.discovered_orders += 1;
                    }
                }
            }
        }
        assert!(
            leaks.is_empty(),
            "seed {seed}, turn {}, observer {}: {} leak(s):\n{}",
            m.turn(),
            scn.actor(o).id,
            leaks.len(),
            leaks.join("\n")
        );
    }
}

fn assert_meaningful(tally: &Tally) {
    assert!(tally.games > 0 && tally.checks > 0);
    assert!(
        tally.hidden_orders > 0,
        "no covert order was ever hidden from anyone: the run proves nothing"
    );
    eprintln!(
        "{} games, {} reports checked; others' covert orders met hidden {} times, discovered {} times",
        tally.games, tally.checks, tally.hidden_orders, tally.discovered_orders
    );
}

#[test]
fn no_leaks_in_200_games_of_the_default_scenario() {
    // Seed 113: the US seizes a covert Russian shipment on turn 20, which
    // once told Japan of a shipment it never discovered.
    assert_meaningful(&check_games(&korea(), 1..201));
}

#[test]
fn no_leaks_in_50_games_of_the_strait_scenario() {
    assert_meaningful(&check_games(&strait(), 1..51));
}

// ------------------------------------------------------------ the checker can fail

/// A default-scenario game up to the first turn after which some actor
/// has another's covert order hidden from it: (game, observer, turn).
fn game_with_a_hidden_covert_order() -> (Match, ActorId, u32) {
    let scn = korea();
    for seed in 1..50 {
        let seats = flashpoint::sim::seats(&vec![Policy::Utility; scn.n()]);
        let mut m = Match::new(scn.clone(), seed, seats, Keep::Everything);
        while !m.is_over() {
            let turn = m.play_turn().turn;
            let truth = m.truth();
            let t = Truth {
                scn: &scn,
                state: truth.state,
                log: truth.log,
                turns: truth.turns,
                now: turn,
            };
            let record = &truth.turns[turn as usize - 1];
            let hidden = scn
                .actor_ids()
                .find(|o| (0..record.orders.list.len()).any(|i| t.hidden_order(*o, record, i)));
            if let Some(o) = hidden {
                return (m, o, turn);
            }
        }
    }
    panic!("no covert order in 49 games");
}

/// The turn as it really was, dressed as `o`'s report: every order with
/// its reason, every event, every change.
fn truth_as_report(record: &TurnRecord, o: ActorId) -> TurnReport {
    let orders = record
        .orders
        .list
        .iter()
        .zip(&record.reasons)
        .map(|(order, reason)| SeenOrder {
            order: order.clone(),
            outcome: SeenOutcome::Succeeded,
            covert: false,
            discovered: None,
            chance: Some(0.5),
            cost: Some(1.0),
            reason: reason.clone(),
        })
        .collect();
    TurnReport {
        turn: record.turn,
        observer: o,
        orders,
        events: record.events.clone(),
        changes: Vec::new(),
        regional_before: record.regional_before,
        regional_after: record.regional_after,
    }
}

#[test]
fn the_checker_flags_the_truth_shown_as_a_report() {
    let (m, o, turn) = game_with_a_hidden_covert_order();
    let truth = m.truth();
    let t = Truth {
        scn: m.scenario(),
        state: truth.state,
        log: truth.log,
        turns: truth.turns,
        now: turn,
    };
    let record = &truth.turns[turn as usize - 1];
    let leaks = report_leaks(&t, o, &truth_as_report(record, o));
    assert!(
        leaks
            .iter()
            .any(|l| l.starts_with("another's covert order before it was discovered")),
        "{leaks:#?}"
    );
    assert!(
        leaks
            .iter()
            .any(|l| l.contains("order result among the events"))
    );
    // Its own honest report is clean.
    let honest = m.report(o, turn).expect("report");
    assert_eq!(report_leaks(&t, o, &honest), Vec::<String>::new());
}

#[test]
fn the_checker_flags_another_players_report_and_the_debrief() {
    let (m, o, turn) = game_with_a_hidden_covert_order();
    let truth = m.truth();
    let scn = m.scenario();
    let t = Truth {
        scn,
        state: truth.state,
        log: truth.log,
        turns: truth.turns,
        now: turn,
    };
    let record = &truth.turns[turn as usize - 1];
    // The culprit's own report, handed to `o`, shows the covert order.
    let culprit = (0..record.orders.list.len())
        .find(|i| t.hidden_order(o, record, *i))
        .map(|i| record.orders.list[i].actor)
        .expect("a hidden order");
    let mut theirs = m.report(culprit, turn).expect("report");
    theirs.observer = o;
    let leaks = report_leaks(&t, o, &theirs);
    assert!(
        leaks.iter().any(|l| l.contains("covert order before")),
        "{leaks:#?}"
    );
    // The news made from it reads the covert order as well... unless it
    // is covert-only news; the headline check is then made on a report
    // that marks it overt.
    let mut overt = theirs.clone();
    for so in &mut overt.orders {
        so.covert = false;
    }
    assert!(
        report_leaks(&t, o, &overt)
            .iter()
            .any(|l| l.starts_with("the news reads a hidden covert order")),
    );
    // A view with the truth where an estimate belongs is flagged.
    let mut view = m.view(o);
    let other = scn.actor_ids().find(|a| *a != o).expect("two actors");
    let truth_stat = truth.state.actor(other).stat(Stat::Military);
    view.picture.stats[other.index()][Stat::Military.index()] = intel::Estimate::exact(truth_stat);
    let leaks = view_leaks(&t, o, &view);
    assert!(leaks.iter().any(|l| l.contains("Military")), "{leaks:#?}");
    // Another's view (its capital) is flagged, and so is its history.
    let leaks = view_leaks(&t, o, &m.view(culprit));
    assert!(!leaks.is_empty());
    let theirs = m.history(culprit);
    let leaks = history_leaks(&t, o, theirs.last().expect("history"));
    assert!(leaks.iter().any(|l| l.contains("capital")), "{leaks:#?}");
}

// ------------------------------------------------------------ parties to secret talks

/// The partner sits at the table: when Russia pushes the secret arms talks
/// forward with the DPRK (`negotiate_deal`, `target_is_party = true`), the
/// DPRK's report shows Russia's order and names it as the cause of the
/// deal's rise, while the US, no party, sees neither.
#[test]
fn the_target_of_secret_talks_sees_them_and_no_one_else_does() {
    let scn = korea();
    let talks = scn.move_by_id("negotiate_deal").expect("the talks move");
    assert!(scn.mv(talks).covert && scn.mv(talks).target_is_party);
    let us = scn.actor_by_id("us").expect("us");
    for seed in 1..30 {
        let seats = flashpoint::sim::seats(&vec![Policy::Utility; scn.n()]);
        let mut m = Match::new(scn.clone(), seed, seats, Keep::Everything);
        while !m.is_over() {
            let turn = m.play_turn().turn;
            let record = &m.truth().turns[turn as usize - 1];
            let Some(order) = record.orders.list.iter().find(|o| o.mv == talks) else {
                continue;
            };
            let partner = order.target.expect("talks have a partner");
            let theirs = m.report(partner, turn).expect("report");
            let seen = theirs
                .orders
                .iter()
                .find(|s| s.order == *order)
                .expect("the partner sees the talks");
            assert!(seen.covert && seen.discovered.is_none(), "{seen:?}");
            assert!(seen.reason.is_none() && seen.chance.is_none(), "{seen:?}");
            if seen.outcome == SeenOutcome::Succeeded {
                assert!(
                    theirs.changes.iter().any(|c| matches!(
                        c.cause,
                        SeenCause::Known { cause: Cause::Order { actor, mv, .. } }
                            if actor == order.actor && mv == talks
                    )),
                    "the deal's rise is explained to the partner: {:#?}",
                    theirs.changes
                );
            }
            let outsider = m.report(us, turn).expect("report");
            assert!(outsider.orders.iter().all(|s| s.order.mv != talks));
            assert!(outsider.changes.iter().all(|c| !matches!(
                c.cause,
                SeenCause::Known { cause: Cause::Order { mv, .. } } if mv == talks
            )));
            return;
        }
    }
    panic!("no arms talks in 29 games");
}
