//! Issue 10's rules as a player meets them: one order per move and target,
//! unavailable moves explained with the current value, and a crisis ladder
//! that two determined players can climb within six turns — and come down
//! from by backing down.

mod engine_common;

use std::sync::Arc;

use engine_common::{korea, order};
use flashpoint::ai::{self, Policy};
use flashpoint::engine::orders::{self, OrderError};
use flashpoint::engine::state::Outcome;
use flashpoint::engine::turn::Keep;
use flashpoint::engine::{Event, Orders, initial_state, resolve_turn};
use flashpoint::narrate;
use flashpoint::referee::{Match, Seat, SubmitError};
use flashpoint::scenario::{ActorId, Scenario};

#[test]
fn a_repeated_move_and_target_in_one_turn_is_rejected_with_its_reason() {
    let scn = korea();
    let s = initial_state(&scn);
    let once = order(&scn, "us", "stand_down", Some("dprk"), 1);
    let list = Orders {
        list: vec![once.clone(), once.clone()],
    };
    let r = resolve_turn(&scn, &s, &list, 3);
    let rejected: Vec<&OrderError> = r
        .events
        .iter()
        .filter_map(|e| match e {
            Event::OrderRejected { reason, .. } => Some(reason),
            _ => None,
        })
        .collect();
    assert_eq!(rejected, vec![&OrderError::Repeated], "{:?}", r.events);
    let words = narrate::order_error(&scn, rejected[0]);
    assert!(words.contains("already ordered"), "{words}");
    // The same move against another target is a different order.
    let other = order(&scn, "us", "stand_down", Some("russia"), 1);
    let r = resolve_turn(
        &scn,
        &s,
        &Orders {
            list: vec![once, other],
        },
        3,
    );
    assert!(
        !r.events
            .iter()
            .any(|e| matches!(e, Event::OrderRejected { .. })),
        "{:?}",
        r.events
    );
}

#[test]
fn an_unavailable_move_names_its_condition_and_the_current_value() {
    let scn = korea();
    let s = initial_state(&scn);
    // Publishing intelligence on Russia needs its exposure at 30; it starts at 10.
    let o = order(&scn, "us", "publish_intelligence", Some("russia"), 1);
    let err = orders::check(&scn, &s, &o, 0.0).expect_err("exposure is too low");
    let words = narrate::order_error(&scn, &err);
    assert!(words.starts_with("not available now: needs"), "{words}");
    assert!(words.contains("≥ 30"), "{words}");
    assert!(words.contains("(now 10)"), "{words}");
    assert!(words.to_lowercase().contains("exposure"), "{words}");
}

/// A hotseat game of the default scenario: the US and the DPRK are people,
/// the rest computer players.
fn hotseat(scn: &Arc<Scenario>, seed: u64) -> (Match, ActorId, ActorId) {
    let us = scn.actor_by_id("us").expect("us");
    let dprk = scn.actor_by_id("dprk").expect("dprk");
    let mut seats = vec![Seat::Ai(Policy::Utility); scn.n()];
    seats[us.index()] = Seat::Human;
    seats[dprk.index()] = Seat::Human;
    (
        Match::new(scn.clone(), seed, seats, Keep::Everything),
        us,
        dprk,
    )
}

/// Each person submits what the given fixed strategy would order from
/// their own view, through the referee like the terminal does.
fn play_as(m: &mut Match, people: &[ActorId], lean: Policy) {
    for &p in people {
        let view = m.view(p);
        let d = ai::decide(m.scenario(), &view, m.seed(), lean);
        match m.submit(p, d.orders) {
            Ok(()) | Err(SubmitError::GameOver) => {}
            Err(e) => panic!("{e}"),
        }
    }
    m.play_turn();
}

#[test]
fn two_hostile_players_reach_crisis_within_six_turns_and_backing_down_cools_it() {
    let scn = Arc::new(korea());
    let crisis = scn
        .levels
        .iter()
        .position(|l| l.name == "Crisis")
        .expect("a Crisis level");
    let confrontation = scn.levels[crisis].from - 20.0;
    let mut cooled = 0;
    for seed in 1..=10 {
        let (mut m, us, dprk) = hotseat(&scn, seed);
        let mut reached = None;
        for turn in 1..=6 {
            play_as(&mut m, &[us, dprk], Policy::Hawk);
            if m.truth().state.regional >= scn.levels[crisis].from {
                reached = Some(turn);
                break;
            }
        }
        assert!(
            reached.is_some(),
            "seed {seed}: regional tension only {:.1} after six hostile turns",
            m.truth().state.regional
        );
        if m.is_over() {
            // The edge is real: at the brink a clash can end the game.
            continue;
        }
        // Both back down (the most conciliatory moves) from here on.
        let mut lowest = f64::MAX;
        let mut calm_turns = 0;
        for _ in 0..12 {
            if m.is_over() {
                break;
            }
            calm_turns += 1;
            play_as(&mut m, &[us, dprk], Policy::Dove);
            lowest = lowest.min(m.truth().state.regional);
        }
        if m.outcome() == Some(&Outcome::Clash) {
            // Backing down came a turn too late: the brink's risk struck.
            continue;
        }
        if m.is_over() && calm_turns < 12 && lowest >= confrontation {
            // Another ending (a deal, a collapse) came before calm could.
            continue;
        }
        assert!(
            lowest < confrontation,
            "seed {seed}: {calm_turns} turns of backing down left regional tension at {lowest:.1}, not below {confrontation} ({:?})",
            m.outcome()
        );
        cooled += 1;
    }
    assert!(
        cooled >= 3,
        "only {cooled} of 10 games survived the climb to try backing down"
    );
}
