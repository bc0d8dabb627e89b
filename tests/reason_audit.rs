//! The reason audit of issue 11: no computer order whose own one-turn
//! effect moves the objective its reason names in the wrong direction,
//! unless the reason says it is a step of a multi-turn plan.
//!
//! Games are played through the referee turn by turn, every actor the AI
//! at one strength (normal, and in the long run hard: the planner). Before each turn the audit keeps each actor's
//! believed state (what it decided on). After the turn, for every AI order
//! whose reason reads `advances "OBJECTIVE"`, it plays the one-turn
//! what-if on that believed state twice with the same seed — the order
//! alone, forced to succeed, and no orders at all — and grades the named
//! objective after each (`ai::objective_grades`): the grade with the order
//! must not be lower. Reasons `plan step toward "…"` are exempt.
//!
//! `cargo test --test reason_audit` audits 10 games; the 100 games of the
//! issue, at normal and at hard, are `cargo test --release --test
//! reason_audit -- --ignored --nocapture`. None allows a violation.
//!
//! The what-ifs use seeds derived from the game's seed and the turn, not
//! the AI's own lookahead seed: with that one the check would only repeat
//! the AI's arithmetic. An order's one-turn effect is its effect over the
//! turn's luck, so each pair of what-ifs is played on [`LUCK`] seeds and the
//! mean grades are compared; on a single seed a random event can tip an
//! order whose effect is small (the audit counts those too, and prints
//! them, but does not fail on them).

use std::sync::Arc;

use flashpoint::ai::{self, Policy};
use flashpoint::engine::turn::Keep;
use flashpoint::engine::{Order, Orders, State, resolve_forced, rng};
use flashpoint::referee::{Match, Seat};
use flashpoint::scenario::{ActorId, Scenario, load_bundled};

/// Seeds (rolls of the turn's events and dice) each what-if is played on.
const LUCK: u64 = 32;
/// Grades may differ by rounding only.
const TOLERANCE: f64 = 1e-9;

/// One order whose reason names an objective its effect works against.
#[derive(Debug)]
struct Violation {
    game: u64,
    turn: u32,
    actor: String,
    order: String,
    objective: String,
    without: f64,
    with: f64,
}

/// What the audit found over some games.
#[derive(Debug, Default)]
struct Audit {
    /// Orders whose reason names an objective, checked.
    checked: usize,
    /// Orders exempt as multi-turn plan steps.
    plan_steps: usize,
    violations: Vec<Violation>,
    /// Orders that moved their objective the wrong way on the first seed
    /// alone (luck; reported, not failed).
    single_seed: usize,
    /// Reasons that name an objective the actor does not have.
    unknown: Vec<String>,
}

fn scenario() -> Arc<Scenario> {
    Arc::new(
        load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid"),
    )
}

/// The objective text a reason says the order advances, if it says so.
fn named_objective(reason: &str) -> Option<&str> {
    const MARK: &str = "advances \"";
    let start = reason.find(MARK)? + MARK.len();
    let rest = &reason[start..];
    // The text ends at the closing quote before `;` (or at the last quote).
    let end = rest.find("\";").or_else(|| rest.rfind('"'))?;
    Some(&rest[..end])
}

/// The named objective's grade one turn after `state`, with `orders`
/// forced to succeed.
fn grade(
    scn: &Scenario,
    state: &State,
    orders: Vec<Order>,
    seed: u64,
    who: (ActorId, usize),
) -> f64 {
    let after = resolve_forced(scn, state, &Orders { list: orders }, seed, true);
    ai::objective_grades(scn, &after, who.0)[who.1]
}

/// Plays game `seed` to its end and audits every reason in it.
fn audit_game(scn: &Arc<Scenario>, seed: u64, policy: Policy, audit: &mut Audit) {
    let seats = vec![Seat::Ai(policy); scn.n()];
    let mut m = Match::new(scn.clone(), seed, seats, Keep::Events);
    while !m.is_over() {
        let believed: Vec<State> = scn
            .actor_ids()
            .map(|a| m.view(a).believed_state(scn))
            .collect();
        let record = m.play_turn().clone();
        // The same seed for both what-ifs of this turn.
        let look = rng::derive_seed(seed, u64::from(record.turn));
        for (o, reason) in record.orders.list.iter().zip(&record.reasons) {
            let Some(reason) = reason else { continue };
            if reason.contains("plan step toward \"") {
                audit.plan_steps += 1;
                continue;
            }
            let Some(text) = named_objective(reason) else {
                continue;
            };
            let actor = scn.actor(o.actor);
            let Some(k) = actor.objectives.iter().position(|x| x.text == text) else {
                audit
                    .unknown
                    .push(format!("game {seed}, turn {}: {reason}", record.turn));
                continue;
            };
            let state = &believed[o.actor.index()];
            let who = (o.actor, k);
            let (mut without, mut with) = (0.0, 0.0);
            for i in 0..LUCK {
                let luck = rng::derive_seed(look, i);
                let w0 = grade(scn, state, Vec::new(), luck, who);
                let w1 = grade(scn, state, vec![o.clone()], luck, who);
                if i == 0 && w1 < w0 - TOLERANCE {
                    audit.single_seed += 1;
                }
                without += w0 / LUCK as f64;
                with += w1 / LUCK as f64;
            }
            audit.checked += 1;
            if with < without - TOLERANCE {
                audit.violations.push(Violation {
                    game: seed,
                    turn: record.turn,
                    actor: actor.id.clone(),
                    order: reason.split(':').next().unwrap_or(reason).to_string(),
                    objective: text.to_string(),
                    without,
                    with,
                });
            }
        }
    }
}

/// Audits games `1..=games` with every actor played by `policy` and
/// fails, listing the first 20 violations, when there is any.
fn audit(games: u64, policy: Policy) {
    let allowed = 0;
    let scn = scenario();
    let mut a = Audit::default();
    for seed in 1..=games {
        audit_game(&scn, seed, policy, &mut a);
    }
    println!(
        "reason audit ({}): {games} games, {} orders naming an objective checked, {} plan steps exempt, {} violations ({} on a single seed's luck)",
        policy.name(),
        a.checked,
        a.plan_steps,
        a.violations.len(),
        a.single_seed
    );
    assert!(
        a.checked > 0,
        "no reason named an objective: the audit checked nothing"
    );
    assert!(
        a.unknown.is_empty(),
        "{} reasons name an objective their actor does not have, e.g. {}",
        a.unknown.len(),
        a.unknown[0]
    );
    if a.violations.len() > allowed {
        let list: Vec<String> = a
            .violations
            .iter()
            .take(20)
            .map(|v| {
                format!(
                    "  game {} turn {} {}: {} — \"{}\" graded {:.4} without the order, {:.4} with it",
                    v.game, v.turn, v.actor, v.order, v.objective, v.without, v.with
                )
            })
            .collect();
        panic!(
            "{} of {} orders move the objective their reason names the wrong way \
             ({allowed} allowed; first 20):\n{}",
            a.violations.len(),
            a.checked,
            list.join("\n")
        );
    }
}

#[test]
fn reasons_parse() {
    assert_eq!(
        named_objective(
            "Summit → DPRK: advances \"Keep \"calm\" below 57\"; relation +12, tension 45"
        ),
        Some("Keep \"calm\" below 57")
    );
    assert_eq!(
        named_objective("Aid: improves its position; tension 40"),
        None
    );
    assert_eq!(
        named_objective("Aid: plan step toward \"X\"; tension 40"),
        None
    );
}

#[test]
fn ten_games_give_no_reason_against_its_order() {
    audit(10, Policy::Utility);
}

/// The audit: 100 games (a few minutes in a release build).
#[test]
#[ignore = "long run: cargo test --release --test reason_audit -- --ignored"]
fn a_hundred_games_give_no_reason_against_its_order() {
    audit(100, Policy::Utility);
    audit(100, Policy::Hard);
}
