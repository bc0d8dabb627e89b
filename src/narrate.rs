//! Words for what the engine records with ids only: headlines of events
//! (from the scenario's templates), reasons orders were rejected, and causes
//! of changes. The engine never writes English; reports, the news feed,
//! `simulate` and the debrief all come through here, so one event always
//! reads the same everywhere.

use serde_json::{Value, json};

use crate::engine::ledger::{Cause, Contribution, Rule};
use crate::engine::{Covert, Event, OrderError, Outcome};
use crate::scenario::expr::{End, Var, Who};
use crate::scenario::names::capitalise;
use crate::scenario::{ActorId, Piece, Scenario, Template};

/// Fills a headline template with names and the level.
pub fn render(
    scn: &Scenario,
    t: &Template,
    me: Option<ActorId>,
    target: Option<ActorId>,
    level: i32,
    label: &str,
) -> String {
    let name = |a: Option<ActorId>| {
        a.map_or_else(|| "?".to_string(), |a| scn.actor(a).in_sentence.clone())
    };
    let mut out = String::new();
    let mut after_name: Option<String> = None;
    for p in &t.0 {
        let (text, is_name) = match p {
            Piece::Text(s) => (s.clone(), false),
            Piece::Actor => (name(me), true),
            Piece::Target => (name(target), true),
            Piece::Level => (level.to_string(), false),
            Piece::Label => (label.to_string(), false),
            Piece::Name(a) => (scn.actor(*a).in_sentence.clone(), true),
        };
        // "{target}'s" after a name ending in s reads "United States'".
        let text = match (after_name.take(), possessive_tail(&text)) {
            (Some(n), Some(rest)) if !is_name && n.ends_with(['s', 'S']) => format!("'{rest}"),
            _ => text,
        };
        if is_name {
            after_name = Some(text.clone());
        }
        out.push_str(&text);
    }
    // "the United States Signals…" starts a headline: "The United States".
    match t.0.first() {
        Some(Piece::Actor | Piece::Target | Piece::Name(_)) => capitalise(&out),
        _ => out,
    }
}

/// The possessive of a name: "Russia's", "United States'" (a name ending
/// in s takes the apostrophe alone). Every possessive of a name in the
/// game's words comes through here, so no actor is special-cased.
pub fn possessive(name: &str) -> String {
    if name.ends_with(['s', 'S']) {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The rest of a template's text after a leading "'s" (or "\u{2019}s")
/// that ends a word, if it starts with one.
fn possessive_tail(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix("'s")
        .or_else(|| text.strip_prefix("\u{2019}s"))?;
    rest.chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
        .then_some(rest)
}

/// A template rendered for the world at large (no actor, level 0).
fn render_world(scn: &Scenario, t: &Template) -> String {
    render(scn, t, None, None, 0, "")
}

/// Plain words for why an order was rejected.
pub fn order_error(scn: &Scenario, e: &OrderError) -> String {
    match e {
        OrderError::NotAllowed { actor } => {
            format!("{} cannot use this move", scn.actor(*actor).in_sentence)
        }
        OrderError::NeedsTarget => "this move needs a target".into(),
        OrderError::TakesNoTarget => "this move takes no target".into(),
        OrderError::BadTarget { target } => format!(
            "{} cannot be targeted by this move",
            scn.actor(*target).in_sentence
        ),
        OrderError::SelfTarget => "an actor cannot target itself".into(),
        OrderError::Level { level, min, max } => {
            format!("level {level} is outside {min}–{max}")
        }
        OrderError::Unavailable {
            mv,
            actor,
            target,
            unmet,
        } => unavailable(scn, *mv, *actor, *target, unmet),
        OrderError::Repeated => {
            "already ordered against this target this turn (one order per move and target)".into()
        }
        OrderError::TooExpensive { cost, left } => {
            format!(
                "costs {} but only {} capital is left",
                amount((*cost * 10.0 - 1e-6).ceil() / 10.0),
                amount((*left * 10.0 + 1e-6).floor() / 10.0)
            )
        }
        OrderError::Unknown => "the move or actor does not exist in this scenario".into(),
        OrderError::GameOver => "the game is over".into(),
    }
}

/// An amount of capital as a player reads it: whole numbers without a
/// decimal, others with one ("1.5"). The refusal rounds the cost up and
/// what is left down, so it never reads "costs 2 but only 2 is left".
pub fn amount(x: f64) -> String {
    let tenths = (x * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// Words for one value an expression reads, as seen by `me` aiming at
/// `target`: "Russia's Exposure", "tension US–DPRK", "the US's sanctions
/// on North Korea".
pub fn var_words(scn: &Scenario, v: Var, me: Option<ActorId>, target: Option<ActorId>) -> String {
    let who = |w: Who| -> String {
        let a = match w {
            Who::Actor(a) => Some(a),
            Who::Me => me,
            Who::Target => target,
        };
        a.map_or_else(
            || match w {
                Who::Target => "the target".to_string(),
                _ => "you".to_string(),
            },
            |a| scn.actor(a).in_sentence.clone(),
        )
    };
    let poss = |w: Who| possessive(&who(w));
    let short = |w: Who| -> String {
        let a = match w {
            Who::Actor(a) => Some(a),
            Who::Me => me,
            Who::Target => target,
        };
        a.map_or_else(|| "?".to_string(), |a| scn.actor(a).short.clone())
    };
    match v {
        Var::Turn => "turn".into(),
        Var::TurnsLeft => "turns left".into(),
        Var::Regional => "regional tension".into(),
        Var::Level => "the level".into(),
        Var::Stat(w, s) => format!("{} {}", poss(w), s.name()),
        Var::Capital(w) => format!("{} capital", poss(w)),
        Var::Threat(w) => format!("{} threat perception", poss(w)),
        Var::Factories(w) => format!("factories in {}", who(w)),
        Var::Incoming(w) => format!("shipments on their way to {}", who(w)),
        Var::Track(t, None) => scn.tracks[t.index()].name.clone(),
        Var::Track(t, Some(w)) => format!("{} {}", poss(w), scn.tracks[t.index()].name),
        Var::Relation(a, b) => format!("{} regard for {}", poss(a), who(b)),
        Var::PairTension(a, b) => format!("tension {}–{}", short(a), short(b)),
        Var::Stage(a, b) => format!("crisis stage {}–{}", short(a), short(b)),
        Var::Sanction(a, b) => format!("{} sanctions on {}", poss(a), who(b)),
        Var::Offered(a, b) => format!("offers from {} to {}", who(a), who(b)),
        Var::Demanded(a, b) => format!("demands from {} to {}", who(a), who(b)),
        Var::Proposed(a) => format!("resolutions against {} awaiting a vote", who(a)),
        Var::CouncilSanction(a) => format!("council sanctions on {}", who(a)),
        Var::TrackStage(t, None) => format!("{} stage", scn.tracks[t.index()].name),
        Var::TrackStage(t, Some(w)) => {
            format!("{} {} stage", poss(w), scn.tracks[t.index()].name)
        }
        Var::Ended(e) => match e {
            End::Any => "the game has ended".into(),
            End::TurnLimit => "the game ended on the turn limit".into(),
            End::Clash => "the game ended in an armed clash".into(),
            End::Ending(i) => format!(
                "the game ended with `{}`",
                scn.endings
                    .get(usize::from(i))
                    .map_or("?", |e| e.id.as_str())
            ),
        },
    }
}

/// A condition's part in words: "Russia's Exposure ≥ 30".
pub fn term_words(
    scn: &Scenario,
    term: &crate::scenario::expr::Expr,
    me: Option<ActorId>,
    target: Option<ActorId>,
) -> String {
    term.render(&|v| var_words(scn, v, me, target))
}

/// A number as players read it: whole when it is, else one decimal.
fn num(x: f64) -> String {
    if (x - x.round()).abs() < 0.05 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// Why a move is not available: "needs Russia's Exposure ≥ 30 (now 27)",
/// one clause per failing part of its condition.
fn unavailable(
    scn: &Scenario,
    mv: crate::scenario::MoveId,
    me: ActorId,
    target: Option<ActorId>,
    unmet: &[crate::engine::orders::Unmet],
) -> String {
    use crate::scenario::expr::Expr;
    let Some(req) = scn.moves.get(mv.index()).and_then(|m| m.requires.as_ref()) else {
        return "not available now".into();
    };
    let terms = req.terms();
    let parts: Vec<String> = unmet
        .iter()
        .filter_map(|u| {
            let t = terms.get(usize::from(u.term))?;
            Some(match t {
                Expr::Bin(op, l, _) if op.is_comparison() && u.now.is_finite() => {
                    let lhs = term_words(scn, l, Some(me), target);
                    let whole = term_words(scn, t, Some(me), target);
                    let sym = whole
                        .strip_prefix(&lhs)
                        .and_then(|rest| rest.split_whitespace().next())
                        .unwrap_or("vs");
                    format!("{lhs} {sym} {} (now {})", num(u.needed), num(u.now))
                }
                other => term_words(scn, other, Some(me), target),
            })
        })
        .collect();
    if parts.is_empty() {
        "not available now (its condition does not hold)".into()
    } else {
        format!("not available now: needs {}", parts.join(" and "))
    }
}

/// What a revelation exposed, e.g. "Cruise missiles shipment to North
/// Korea" (`place`: with where it is going or standing).
pub fn covert_item(scn: &Scenario, what: &Covert, place: bool) -> String {
    match *what {
        Covert::Shipment { system, to } if place => {
            format!(
                "{} shipment to {}",
                scn.system(system),
                scn.actor(to).in_sentence
            )
        }
        Covert::Shipment { system, .. } => format!("{} shipment", scn.system(system)),
        Covert::Factory { system, at } if place => {
            format!("{} in {}", scn.system(system), scn.actor(at).in_sentence)
        }
        Covert::Factory { system, .. } => scn.system(system).to_string(),
    }
}

/// An order in words, without who gives it: "Impose or tighten sanctions
/// → DPRK (severity 3)". The one wording of an order that every screen,
/// report and reason uses.
pub fn order_words(scn: &Scenario, o: &crate::engine::Order) -> String {
    let m = scn.mv(o.mv);
    let mut s = m.name.clone();
    if let Some(t) = o.target {
        s.push_str(" → ");
        s.push_str(&scn.actor(t).short);
    }
    if m.level.max > m.level.min {
        s.push_str(&format!(" ({} {})", m.level.label, o.level));
    }
    s
}

/// The headline of an order that was carried out (succeeded or failed).
pub fn order_headline(scn: &Scenario, order: &crate::engine::Order, success: bool) -> String {
    let m = scn.mv(order.mv);
    let template = if success {
        &m.headline
    } else {
        m.failure_headline.as_ref().unwrap_or(&m.headline)
    };
    let text = render(
        scn,
        template,
        Some(order.actor),
        order.target,
        order.level,
        &m.level.label,
    );
    if !success && m.failure_headline.is_none() {
        format!("{text} — but it fails")
    } else {
        text
    }
}

/// The headline of an event of turn `turn`. Rejected orders read as their
/// reason; a factory's construction has no headline of its own.
pub fn headline(scn: &Scenario, turn: u32, e: &Event) -> String {
    capitalise(&headline_text(scn, turn, e))
}

/// [`headline`] before its first letter is capitalised (a name in a
/// sentence may start with "the").
fn headline_text(scn: &Scenario, turn: u32, e: &Event) -> String {
    let name = |a: ActorId| scn.actor(a).in_sentence.as_str();
    match e {
        Event::OrderRejected { reason, .. } => order_error(scn, reason),
        Event::OrderResolved { order, success, .. } => order_headline(scn, order, *success),
        Event::ShipmentSent {
            system,
            from,
            to,
            turns,
            ..
        } => format!(
            "{} sends {} to {} (arriving in {} turn{})",
            name(*from),
            scn.system(*system),
            name(*to),
            turns,
            if *turns == 1 { "" } else { "s" }
        ),
        Event::ShipmentArrived {
            system, from, to, ..
        } => format!(
            "{} from {} arrive in {}",
            scn.system(*system),
            name(*from),
            name(*to)
        ),
        Event::ShipmentSeized {
            system,
            from,
            to,
            by,
            ..
        } => format!(
            "{} intercepts {} shipment bound from {} to {}",
            name(*by),
            scn.system(*system),
            name(*from),
            name(*to)
        ),
        Event::FactoryBuilt { system, at, .. } => {
            format!("{} built in {}", scn.system(*system), name(*at))
        }
        Event::FactoryDismantled { system, at, .. } => {
            format!("{} dismantled in {}", scn.system(*system), name(*at))
        }
        Event::Scripted { event } => render_world(scn, scn.events[event.index()].headline_on(turn)),
        Event::Injected { event, news, .. } => match (event, news) {
            (Some(e), _) => render_world(scn, scn.events[e.index()].headline_on(turn)),
            (None, Some(text)) => text.clone(),
            (None, None) => "The instructor announces a development".into(),
        },
        Event::Stage { track, stage, .. } => {
            let t = &scn.tracks[track.index()];
            let st = &t.stages[*stage];
            st.headline.as_ref().map_or_else(
                || format!("{}: {}", t.name, st.name),
                |h| render_world(scn, h),
            )
        }
        Event::CrisisStage { a, b, from, to } => {
            // A compound before "crisis" takes the plain names: "The
            // United States–North Korea crisis", not "the the United States…".
            let pair = format!("{}–{}", scn.actor(*a).name, scn.actor(*b).name);
            let stage = |s: u8| {
                scn.crisis
                    .stages
                    .get(usize::from(s).saturating_sub(1))
                    .map_or("?", |x| x.name.as_str())
            };
            if *to == 0 {
                format!("The {pair} crisis subsides")
            } else if to > from {
                format!("The {pair} crisis escalates: {}", stage(*to))
            } else {
                format!("The {pair} crisis eases back to {}", stage(*to))
            }
        }
        Event::ArmedClash { a, b } => format!(
            "Shots fired: armed clash between {} and {}",
            name(*a),
            name(*b)
        ),
        Event::Escalation { from, to } => {
            let verb = if to > from { "rises" } else { "eases" };
            format!("Regional tension {verb} to {}", scn.levels[*to].name)
        }
        Event::GameOver { outcome } => match outcome {
            Outcome::Clash => "Armed clash: the crisis has crossed the threshold of war".into(),
            Outcome::TurnLimit => format!("The crisis stands unresolved after {turn} turns"),
            Outcome::Ending { index } => {
                let e = &scn.endings[*index];
                e.headline
                    .as_ref()
                    .map_or_else(|| e.text.clone(), |h| render_world(scn, h))
            }
        },
        Event::Vote {
            proposer,
            on,
            level,
            yes,
            no,
            vetoed_by,
            passed,
        } => {
            let council = &scn.council.name;
            let target = name(*on);
            let (y, n) = (yes.len(), no.len());
            // Members that voted neither way abstained (where allowed).
            let members = scn.council_members().count();
            let n = match members.saturating_sub(y + n) {
                0 => n.to_string(),
                k => format!("{n}, {k} abstaining"),
            };
            if *passed {
                if *level == 0 {
                    format!("{council} lifts its sanctions on {target} ({y}–{n})")
                } else {
                    format!("{council} imposes level-{level} sanctions on {target} ({y}–{n})")
                }
            } else if !vetoed_by.is_empty() {
                let names: Vec<&str> = vetoed_by.iter().map(|a| name(*a)).collect();
                format!(
                    "{} {} {} resolution on {target} in {council} ({y}–{n})",
                    names.join(" and "),
                    if names.len() == 1 { "vetoes" } else { "veto" },
                    possessive(name(*proposer)),
                )
            } else {
                format!(
                    "{} resolution on {target} fails in {council} ({y}–{n})",
                    possessive(name(*proposer))
                )
            }
        }
        Event::DealOffered { deal, from, to } => format!(
            "{} offers {} a deal: {}",
            name(*from),
            name(*to),
            scn.deals[*deal].name
        ),
        Event::DealAccepted {
            deal,
            from,
            to,
            level,
        } => render(
            scn,
            &scn.deals[*deal].headline,
            Some(*from),
            Some(*to),
            *level,
            "",
        ),
        Event::DealRejected { deal, from, to } => format!(
            "{} turns down {} offer: {}",
            name(*to),
            possessive(name(*from)),
            scn.deals[*deal].name
        ),
        Event::DealBroken {
            deal,
            breaker,
            other,
        } => format!(
            "{} breaks its deal with {}: {}",
            name(*breaker),
            name(*other),
            scn.deals[*deal].name
        ),
        Event::Revealed {
            what,
            culprit,
            to,
            by,
            ..
        } => match by {
            Some(by) => format!(
                "{} publishes intelligence exposing {} covert {}",
                name(*by),
                possessive(name(*culprit)),
                covert_item(scn, what, false)
            ),
            None => format!(
                "{} intelligence uncovers {} covert {}",
                // A name before a noun takes no article.
                to.first().map_or("?", |a| scn.actor(*a).name.as_str()),
                possessive(name(*culprit)),
                covert_item(scn, what, true)
            ),
        },
    }
}

/// The news of one turn in words: the headlines of the orders carried
/// out (`(order, succeeded)`, in turn order), then of the events. One act
/// makes one headline: an offer announced by the order that made it is
/// not announced again as a deal offered, an order that accepts a deal
/// gives way to the deal's own headline, and a refusal given by an order
/// is not repeated as a deal turned down. Identical headlines are told
/// once, with how many times: "China Sends Aid (×3)".
pub fn news(
    scn: &Scenario,
    turn: u32,
    orders: &[(&crate::engine::Order, bool)],
    events: &[Event],
) -> Vec<String> {
    // Which moves answer or make offers to their target.
    let offers = |o: &crate::engine::Order| scn.mv(o.mv).offers_to_target();
    let accepts = |o: &crate::engine::Order| scn.mv(o.mv).accepts_from_target();
    let refuses = |o: &crate::engine::Order| scn.mv(o.mv).refuses_from_target();
    let by_order = |actor: ActorId, target: ActorId, f: &dyn Fn(&crate::engine::Order) -> bool| {
        orders
            .iter()
            .any(|(o, ok)| *ok && o.actor == actor && o.target == Some(target) && f(o))
    };
    let mut heads: Vec<String> = Vec::new();
    for (o, ok) in orders {
        let deal_says_it = *ok
            && accepts(o)
            && events.iter().any(|e| {
                matches!(e, Event::DealAccepted { from, to, .. }
                    if *to == o.actor && Some(*from) == o.target)
            });
        if !deal_says_it {
            heads.push(order_headline(scn, o, *ok));
        }
    }
    for e in events {
        let told = match e {
            Event::DealOffered { from, to, .. } => by_order(*from, *to, &offers),
            Event::DealRejected { from, to, .. } => by_order(*to, *from, &refuses),
            _ => false,
        };
        if !told {
            heads.push(headline(scn, turn, e));
        }
    }
    collapse(heads)
}

/// Identical lines told once, in the order first seen, with a count when
/// there were several: "China Sends Aid (×3)".
pub fn collapse(lines: Vec<String>) -> Vec<String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for l in lines {
        match counted.iter_mut().find(|(x, _)| *x == l) {
            Some((_, n)) => *n += 1,
            None => counted.push((l, 1)),
        }
    }
    counted
        .into_iter()
        .map(|(l, n)| if n > 1 { format!("{l} (×{n})") } else { l })
        .collect()
}

/// The headline, if the event makes the news for everyone.
pub fn public_headline(scn: &Scenario, turn: u32, e: &Event) -> Option<String> {
    e.is_public().then(|| headline(scn, turn, e))
}

/// An event as `simulate --format json` prints it: its fields by id, names
/// where the engine keeps an index (systems, what was revealed, the reason
/// for a rejection), and its headline (see docs/simulate-json.md).
pub fn event_json(scn: &Scenario, turn: u32, e: &Event) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    let Value::Object(map) = &mut v else {
        return v;
    };
    match e {
        Event::OrderRejected { reason, .. } => {
            map.insert("reason".into(), json!(order_error(scn, reason)));
        }
        Event::ShipmentArrived { system, .. } | Event::ShipmentSeized { system, .. } => {
            map.insert("system".into(), json!(scn.system(*system)));
        }
        Event::FactoryBuilt { system, .. } | Event::FactoryDismantled { system, .. } => {
            map.remove("system");
            map.insert("name".into(), json!(scn.system(*system)));
        }
        Event::Revealed { what, by, .. } => {
            map.insert("what".into(), json!(covert_item(scn, what, by.is_none())));
            map.remove("by");
        }
        Event::DealAccepted { .. } => {
            map.remove("level");
        }
        _ => {}
    }
    if !matches!(e, Event::OrderRejected { .. } | Event::FactoryBuilt { .. }) {
        map.insert("headline".into(), json!(headline(scn, turn, e)));
    }
    v
}

/// Words for a cause, e.g. "DPRK Missile test", "delivery #3", "decay".
pub fn describe_cause(scn: &Scenario, cause: Cause, rule: Rule) -> String {
    match cause {
        Cause::Order {
            actor, mv, target, ..
        } => {
            let a = &scn.actor(actor).short;
            let m = &scn.mv(mv).name;
            match (target, rule) {
                (_, Rule::Buildup) => format!("{a} {m} (build-up seen)"),
                (Some(t), _) => format!("{a} {m} → {}", scn.actor(t).short),
                (None, _) => format!("{a} {m}"),
            }
        }
        Cause::Event { event } => format!("event: {}", scn.events[event.index()].name),
        Cause::Shipment { .. } => "arms delivery".to_string(),
        Cause::Factory { .. } => "factory output".to_string(),
        Cause::Sanctions { from, to } => format!(
            "{} sanctions on {}",
            scn.actor(from).short,
            scn.actor(to).short
        ),
        Cause::Time => rule.describe().to_string(),
        Cause::Council { on } => format!("{} vote on {}", scn.council.name, scn.actor(on).short),
        Cause::Deal { deal, giver, taker } => format!(
            "deal \"{}\" {}–{}",
            scn.deals
                .get(usize::from(deal))
                .map_or("?", |d| d.name.as_str()),
            scn.actor(giver).short,
            scn.actor(taker).short
        ),
        Cause::Revelation { .. } => "covert act exposed".to_string(),
        Cause::Inject { .. } => "instructor's inject".to_string(),
    }
}

/// One line such as "+4.0 DPRK Missile test, +3.1 arms delivery #2, −1.2 decay".
/// Causes that read the same (an act's automatic effect and its written
/// effects) are merged, so no cause is listed twice.
pub fn summary_line(scn: &Scenario, contributions: &[Contribution], max: usize) -> String {
    let mut merged: Vec<(String, f64)> = Vec::new();
    for c in contributions {
        let d = describe_cause(scn, c.cause, c.rule);
        match merged.iter_mut().find(|(k, _)| *k == d) {
            Some(m) => m.1 += c.delta,
            None => merged.push((d, c.delta)),
        }
    }
    merged.retain(|(_, d)| d.abs() >= 0.05);
    let mut parts: Vec<String> = merged
        .iter()
        .take(max)
        .map(|(d, v)| format!("{v:+.1} {d}"))
        .collect();
    if merged.len() > max {
        let rest: f64 = merged[max..].iter().map(|(_, v)| v).sum();
        parts.push(format!("{rest:+.1} other"));
    }
    parts.join(", ")
}

/// One of the scenario's endings as a player can follow it: its name (the
/// first sentence of its text) and, for each part of its condition, the
/// value now (as `env` knows it) and what it needs, e.g. "disclosure 22
/// (needs ≥ 50) · sanctions imposed by US on DPRK 4 (needs ≤ 2)". The flag
/// tells whether the part holds.
pub fn ending_progress(
    scn: &Scenario,
    index: usize,
    env: &crate::engine::env::Bound,
    me: ActorId,
) -> Option<(String, Vec<(String, bool)>)> {
    use crate::scenario::expr::Expr;
    let e = scn.endings.get(index)?;
    let name = e
        .text
        .split_terminator(['.', '!', '?'])
        .next()
        .unwrap_or(&e.id)
        .trim()
        .to_string();
    let parts = e
        .when
        .terms()
        .into_iter()
        .map(|t| {
            let holds = t.holds(env);
            let words = match t {
                Expr::Bin(op, l, r) if op.is_comparison() => {
                    let lhs = term_words(scn, l, Some(me), None);
                    let whole = term_words(scn, t, Some(me), None);
                    let sym = whole
                        .strip_prefix(&lhs)
                        .and_then(|rest| rest.split_whitespace().next())
                        .unwrap_or("vs");
                    // A secret the player does not know is an estimate.
                    let guessed = std::cell::Cell::new(false);
                    l.render(&|v| {
                        if let crate::scenario::expr::Var::Track(t, who) = v
                            && !crate::engine::intel::knows_track(
                                scn,
                                me,
                                t.index(),
                                who.and_then(|w| env.who(w)),
                            )
                        {
                            guessed.set(true);
                        }
                        String::new()
                    });
                    let now = if guessed.get() {
                        format!("~{:.0}", l.eval(env))
                    } else {
                        num(l.eval(env))
                    };
                    format!("{lhs} {now} (needs {sym} {})", num(r.eval(env)))
                }
                other => term_words(scn, other, Some(me), None),
            };
            (words, holds)
        })
        .collect();
    Some((name, parts))
}

#[cfg(test)]
mod amount_tests {
    use super::amount;
    use crate::engine::OrderError;

    #[test]
    fn capital_shows_a_decimal_only_when_not_whole() {
        assert_eq!(amount(2.0), "2");
        assert_eq!(amount(1.5), "1.5");
        assert_eq!(amount(0.25), "0.3");
        assert_eq!(amount(-1.0), "-1");
    }

    #[test]
    fn a_refusal_for_capital_never_reads_as_enough() {
        let scn = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let say = |cost, left| super::order_error(&scn, &OrderError::TooExpensive { cost, left });
        assert_eq!(say(2.0, 1.5), "costs 2 but only 1.5 capital is left");
        assert_eq!(say(2.0, 1.96), "costs 2 but only 1.9 capital is left");
        assert_eq!(say(3.0, 2.0), "costs 3 but only 2 capital is left");
    }
}

#[cfg(test)]
mod grammar_tests {
    use super::{collapse, headline, order_error, possessive, render};
    use crate::engine::Event;
    use crate::engine::OrderError;

    fn scn() -> crate::scenario::Scenario {
        crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid")
    }

    #[test]
    fn a_name_ending_in_s_takes_the_apostrophe_alone() {
        assert_eq!(possessive("Russia"), "Russia's");
        assert_eq!(possessive("United States"), "United States'");
        let s = scn();
        let us = s.actor_by_id("us").expect("us");
        let dprk = s.actor_by_id("dprk").expect("dprk");
        let t = crate::scenario::Template(vec![
            crate::scenario::Piece::Actor,
            crate::scenario::Piece::Text(" Accepts ".into()),
            crate::scenario::Piece::Target,
            crate::scenario::Piece::Text("'s Offer".into()),
        ]);
        assert_eq!(
            render(&s, &t, Some(dprk), Some(us), 0, ""),
            "North Korea Accepts the United States' Offer"
        );
        assert_eq!(
            render(&s, &t, Some(us), Some(dprk), 0, ""),
            "The United States Accepts North Korea's Offer"
        );
    }

    /// A name that takes "the" in a sentence keeps it in every headline,
    /// capitalised where it starts one, and a rejected order's reason
    /// reads as a sentence too.
    #[test]
    fn a_name_in_a_sentence_takes_its_article() {
        let s = scn();
        let us = s.actor_by_id("us").expect("us");
        let dprk = s.actor_by_id("dprk").expect("dprk");
        assert_eq!(s.actor(us).in_sentence, "the United States");
        assert_eq!(s.actor(dprk).in_sentence, s.actor(dprk).name);
        let offered = Event::DealOffered {
            deal: 0,
            from: us,
            to: dprk,
        };
        assert!(
            headline(&s, 1, &offered).starts_with("The United States offers North Korea"),
            "{}",
            headline(&s, 1, &offered)
        );
        let turned_down = Event::DealRejected {
            deal: 0,
            from: us,
            to: dprk,
        };
        assert!(
            headline(&s, 1, &turned_down)
                .starts_with("North Korea turns down the United States' offer"),
            "{}",
            headline(&s, 1, &turned_down)
        );
        // A reason follows a colon ("rejected: …"); as a headline it
        // starts the sentence.
        let rejected = OrderError::NotAllowed { actor: us };
        assert_eq!(
            order_error(&s, &rejected),
            "the United States cannot use this move"
        );
        let event = Event::OrderRejected {
            order: crate::engine::Order {
                actor: us,
                mv: crate::scenario::MoveId(0),
                target: None,
                level: 1,
            },
            index: 0,
            reason: rejected,
        };
        assert_eq!(
            headline(&s, 1, &event),
            "The United States cannot use this move"
        );
    }

    #[test]
    fn two_vetoes_take_a_plural_verb() {
        let s = scn();
        let id = |x: &str| s.actor_by_id(x).expect("actor");
        let vote = |vetoed_by: Vec<_>| Event::Vote {
            proposer: id("us"),
            on: id("dprk"),
            level: 2,
            yes: vec![id("us"), id("japan")],
            no: vetoed_by.clone(),
            vetoed_by,
            passed: false,
        };
        let two = headline(&s, 3, &vote(vec![id("russia"), id("china")]));
        assert!(two.contains(" veto "), "{two}");
        assert!(two.contains("States' resolution"), "{two}");
        let one = headline(&s, 3, &vote(vec![id("russia")]));
        assert!(one.contains(" vetoes "), "{one}");
        // Four members: the one that voted neither way is counted apart.
        assert!(one.contains("(2–1, 1 abstaining)"), "{one}");
        assert!(two.contains("(2–2)"), "{two}");
    }

    #[test]
    fn repeated_headlines_are_told_once_with_a_count() {
        let l = |x: &str| x.to_string();
        assert_eq!(
            collapse(vec![l("a"), l("b"), l("a"), l("a")]),
            vec![l("a (×3)"), l("b")]
        );
    }
}

#[cfg(test)]
mod news_tests {
    use crate::engine::{Event, Order};
    use crate::scenario::Effect;
    use crate::scenario::expr::Who;

    #[test]
    fn an_offer_made_by_an_order_is_told_once() {
        let s = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let (i, deal) = s
            .moves
            .iter()
            .enumerate()
            .find_map(|(i, m)| {
                m.effects.iter().find_map(|e| match e {
                    Effect::Offer {
                        deal,
                        to: Who::Target,
                    } => Some((i, *deal)),
                    _ => None,
                })
            })
            .expect("a move that offers a deal");
        let mv = crate::scenario::MoveId(i as u16);
        let m = s.mv(mv);
        let from = s.actor_ids().find(|a| m.usable_by(*a)).expect("a user");
        let to = s
            .actor_ids()
            .find(|t| *t != from && m.targets.get(t.index()) == Some(&true))
            .expect("a target");
        let order = Order {
            actor: from,
            mv,
            target: Some(to),
            level: s.mv(mv).level.default,
        };
        let offered = Event::DealOffered { deal, from, to };
        let news = super::news(&s, 1, &[(&order, true)], &[offered.clone(), offered]);
        assert_eq!(news, vec![super::order_headline(&s, &order, true)]);
        // Without the order, the offer is news (twice: counted once).
        let news = super::news(
            &s,
            1,
            &[],
            &[
                Event::DealOffered { deal, from, to },
                Event::DealOffered { deal, from, to },
            ],
        );
        assert_eq!(news.len(), 1);
        assert!(news[0].ends_with("(×2)"), "{news:?}");
    }
}

#[cfg(test)]
mod variant_tests {
    use super::headline;
    use crate::engine::events::Event;
    use crate::scenario::EventId;

    /// A repeating event with headline variants tells its news a different
    /// way on consecutive turns, the same way on the same turn, and cycles.
    #[test]
    fn a_repeating_event_varies_its_headline_by_turn() {
        let scn = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let k = scn
            .events
            .iter()
            .position(|e| e.id == "sanctions_bite")
            .expect("the event");
        let count = 1 + scn.events[k].more_headlines.len();
        assert!(count >= 3, "the Korea scenario gives it more headlines");
        let e = Event::Scripted {
            event: EventId(k as u16),
        };
        let lines: Vec<String> = (3..3 + count as u32)
            .map(|t| headline(&scn, t, &e))
            .collect();
        for (i, a) in lines.iter().enumerate() {
            assert!(
                lines[i + 1..].iter().all(|b| b != a),
                "repeated within a cycle: {lines:?}"
            );
        }
        assert_eq!(headline(&scn, 3, &e), lines[0]);
        assert_eq!(headline(&scn, 3 + count as u32, &e), lines[0]);
        assert!(
            lines.contains(
                &"Shortages under Sanctions Stir Quiet Unrest in North Korea".to_string()
            )
        );
    }
}
