//! The article's mechanics: fog of war, covert acts, the council, deals.

mod engine_common;

use engine_common::{mini, order};
use flashpoint::engine::intel::{assessment_error, knows_track, picture};
use flashpoint::engine::log::GameLog;
use flashpoint::engine::orders::Orders;
use flashpoint::engine::{Event, State, initial_state, resolve_turn};
use flashpoint::perspective::PlayerView;
use flashpoint::scenario::{ActorId, Stat};

fn rich(s: &mut State) {
    for a in &mut s.actors {
        a.capital = 10.0;
    }
}

#[test]
fn better_intelligence_gives_smaller_errors() {
    let scn = mini();
    let (red, blue, green) = (ActorId(0), ActorId(1), ActorId(2));
    let (mut low, mut high, mut watched) = (0.0, 0.0, 0.0);
    for seed in 0..300u64 {
        let mut s = initial_state(&scn);
        s.turn = (seed % 7) as u32;
        s.actors[red.index()].stats[Stat::Intel.index()] = 10.0;
        s.actors[blue.index()].stats[Stat::Intel.index()] = 90.0;
        let truth = s.actor(green).stat(Stat::Military);
        low += (picture(&scn, &s, red, seed).stats[green.index()][0].value - truth).abs();
        high += (picture(&scn, &s, blue, seed).stats[green.index()][0].value - truth).abs();
        s.surveillance.set(blue, green, 1.0);
        watched += (picture(&scn, &s, blue, seed).stats[green.index()][0].value - truth).abs();
    }
    assert!(high < 0.75 * low, "high intel error {high} vs low {low}");
    assert!(
        watched < 0.5 * high,
        "surveillance error {watched} vs {high}"
    );
    // Own values are exact.
    let s = initial_state(&scn);
    assert_eq!(picture(&scn, &s, red, 1).stats[0][0].spread, 0.0);
    assert!(assessment_error(&scn, &s, &picture(&scn, &s, blue, 1)) > 0.0);
}

#[test]
fn views_never_show_what_an_actor_cannot_know() {
    let scn = mini();
    let deal = scn
        .tracks
        .iter()
        .position(|t| t.id == "deal")
        .expect("deal track");
    for seed in 0..40u64 {
        let mut s = initial_state(&scn);
        rich(&mut s);
        s.tracks[deal][0] = 65.0 + (seed % 30) as f64;
        let r = resolve_turn(
            &scn,
            &s,
            &Orders {
                list: vec![order(&scn, "red", "plant", Some("green"), 1)],
            },
            seed,
        );
        let s = r.state;
        for o in scn.actor_ids() {
            let v = PlayerView::build(&scn, &s, &GameLog::default(), o, seed);
            let believed = v.believed_state(&scn);
            let knows = knows_track(&scn, o, deal, None);
            if knows {
                assert_eq!(believed.tracks[deal][0], s.tracks[deal][0]);
            } else {
                assert_ne!(
                    believed.tracks[deal][0],
                    s.tracks[deal][0],
                    "secret value leaked to {}",
                    scn.actor(o).id
                );
                assert!(v.picture.tracks[deal][0].spread > 0.0);
            }
            let known = s.factories.iter().filter(|f| f.known.contains(o)).count();
            assert_eq!(
                v.factories.len(),
                known,
                "an undiscovered covert factory is in {}'s view",
                scn.actor(o).id
            );
            let party = o == ActorId(0) || o == ActorId(2);
            if party {
                assert_eq!(v.factories.len(), 1);
            }
        }
    }
}

#[test]
fn covert_acts_come_to_light_at_the_declared_rate() {
    // Blue (intel 70) discovers a covert plant with chance reveal × 0.7 = 0.21
    // per turn (no surveillance); measure the first-turn discovery rate.
    let scn = mini();
    let blue = ActorId(1);
    let n = 600u64;
    let mut found = 0;
    for seed in 0..n {
        let mut s = initial_state(&scn);
        rich(&mut s);
        s.tracks[0][0] = 70.0;
        let r = resolve_turn(
            &scn,
            &s,
            &Orders {
                list: vec![order(&scn, "red", "plant", Some("green"), 1)],
            },
            seed,
        );
        if r.state.factories[0].known.contains(blue) {
            found += 1;
            assert!(r.events.iter().any(|e| matches!(e, Event::Revealed { .. })));
        }
    }
    let rate = f64::from(found) / n as f64;
    let expected = scn.intelligence.reveal * 0.7;
    assert!(
        (rate - expected).abs() < 0.05,
        "revealed in {rate:.3} of turns, expected {expected:.3}"
    );
}

#[test]
fn publishing_reveals_to_everyone() {
    let scn = mini();
    let mut s = initial_state(&scn);
    rich(&mut s);
    s.tracks[0][0] = 70.0;
    let r = resolve_turn(
        &scn,
        &s,
        &Orders {
            list: vec![order(&scn, "red", "plant", Some("green"), 1)],
        },
        3,
    );
    let mut s2 = r.state;
    s2.factories[0]
        .known
        .insert(flashpoint::scenario::ActorId(1)); // blue has found it
    let r2 = resolve_turn(
        &scn,
        &s2,
        &Orders {
            list: vec![order(&scn, "blue", "expose", Some("red"), 1)],
        },
        3,
    );
    assert_eq!(r2.state.factories[0].known.len(), scn.n());
}

/// `proposer` tables a resolution at `level` against `target` on turn 1;
/// turn 2 is played with `answer` (orders by name: actor, move, target).
/// The second turn's resolution, with its vote.
fn propose_then_vote(
    scn: &flashpoint::scenario::Scenario,
    (proposer, target, level): (&str, &str, i32),
    answer: &[(&str, &str, &str)],
    seed: u64,
) -> flashpoint::engine::Resolution {
    let mut s = initial_state(scn);
    rich(&mut s);
    let table = vec![order(scn, proposer, "propose", Some(target), level)];
    let r1 = resolve_turn(scn, &s, &Orders { list: table }, seed);
    let list = answer
        .iter()
        .map(|(a, m, t)| order(scn, a, m, Some(t), 1))
        .collect();
    resolve_turn(scn, &r1.state, &Orders { list }, seed)
}

/// The vote of a turn: (yes votes, no votes, vetoed, passed).
fn the_vote(events: &[Event]) -> (usize, usize, bool, bool) {
    events
        .iter()
        .find_map(|e| match e {
            Event::Vote {
                yes,
                no,
                vetoed_by,
                passed,
                ..
            } => Some((yes.len(), no.len(), !vetoed_by.is_empty(), *passed)),
            _ => None,
        })
        .expect("the resolution is voted on the next turn")
}

#[test]
fn a_vetoed_resolution_never_applies_sanctions() {
    let scn = mini();
    for seed in 0..20u64 {
        // Blue tables sanctions on red; next turn red (a veto holder) votes no.
        let r2 = propose_then_vote(&scn, ("blue", "red", 4), &[("red", "veto", "red")], seed);
        let (_, _, vetoed, passed) = the_vote(&r2.events);
        assert!(!passed && vetoed);
        assert_eq!(r2.state.council_sanctions[0], 0);
    }
    // Without the veto holder against it, a resolution the members back passes.
    let r2 = propose_then_vote(&scn, ("red", "green", 3), &[], 1);
    assert_eq!(
        r2.state.council_sanctions[2], 3,
        "red proposes, blue is hostile to green: 2 of 2 members vote yes"
    );
}

#[test]
fn an_accepted_deal_applies_both_sides_in_the_same_turn() {
    let scn = mini();
    let (blue, green) = (ActorId(1), ActorId(2));
    let mut s = initial_state(&scn);
    rich(&mut s);
    let r1 = resolve_turn(
        &scn,
        &s,
        &Orders {
            list: vec![order(&scn, "blue", "offer_swap", Some("green"), 1)],
        },
        1,
    );
    assert_eq!(r1.state.offers.len(), 1);
    let (econ, pride, prestige) = (
        r1.state.actor(green).stat(Stat::Economy),
        r1.state.tracks[1][2],
        r1.state.actor(blue).stat(Stat::Prestige),
    );
    let r2 = resolve_turn(
        &scn,
        &r1.state,
        &Orders {
            list: vec![order(&scn, "green", "accept", Some("blue"), 1)],
        },
        1,
    );
    assert!(
        r2.events
            .iter()
            .any(|e| matches!(e, Event::DealAccepted { .. }))
    );
    assert!(
        r2.state.actor(green).stat(Stat::Economy) > econ + 4.0,
        "giver's side applied"
    );
    assert_eq!(r2.state.tracks[1][2], pride - 3.0, "taker's side applied");
    assert!(r2.state.actor(blue).stat(Stat::Prestige) > prestige);
    assert!(r2.state.offers.is_empty() && r2.state.deals.len() == 1);
    // Breaking it: blue sanctions green while the deal binds.
    let r3 = resolve_turn(
        &scn,
        &r2.state,
        &Orders {
            list: vec![order(&scn, "blue", "sanction", Some("green"), 2)],
        },
        1,
    );
    assert!(
        r3.events
            .iter()
            .any(|e| matches!(e, Event::DealBroken { .. }))
    );
    assert!(r3.state.deals.is_empty());
    // An offer not accepted the next turn is rejected.
    let r4 = resolve_turn(&scn, &r1.state, &Orders::default(), 1);
    assert!(
        r4.events
            .iter()
            .any(|e| matches!(e, Event::DealRejected { .. }))
    );
    assert!(r4.state.offers.is_empty());
}

#[test]
fn with_abstention_a_veto_is_cast_only_on_purpose() {
    // Red (veto holder) regards green better than blue: by its relations
    // it votes no on blue's resolution against green.
    let vote = |abstention: bool, answer: &[(&str, &str, &str)]| {
        let mut scn = mini();
        scn.council.abstention = abstention;
        let r2 = propose_then_vote(&scn, ("blue", "green", 2), answer, 5);
        let (yes, no, vetoed, _) = the_vote(&r2.events);
        (yes, no, vetoed, r2.state.council_sanctions[2])
    };
    let veto = [("red", "veto", "green")];
    assert_eq!(
        vote(false, &[]),
        (1, 1, true, 0),
        "no abstention: a silent veto"
    );
    assert_eq!(
        vote(true, &[]),
        (1, 0, false, 2),
        "red abstains: half the members carry it"
    );
    assert_eq!(vote(true, &veto), (1, 1, true, 0), "red orders its veto");
}

/// Recent conduct is public: every actor's view, and the state its AI
/// plans on, carry the engine's record verbatim (the hostile order shows).
#[test]
fn conduct_reaches_every_believed_state() {
    let scn = mini();
    let mut s = initial_state(&scn);
    rich(&mut s);
    let r = resolve_turn(
        &scn,
        &s,
        &Orders {
            list: vec![order(&scn, "red", "sanction", Some("blue"), 1)],
        },
        3,
    );
    let s = r.state;
    assert!(flashpoint::engine::conduct::toward(&s, ActorId(0), ActorId(1)) < 0.0);
    for o in scn.actor_ids() {
        let v = PlayerView::build(&scn, &s, &GameLog::default(), o, 3);
        assert_eq!(v.conduct, s.conduct);
        assert_eq!(v.believed_state(&scn).conduct, s.conduct);
    }
}

#[test]
fn a_target_vetoes_itself_unasked_and_lifting_is_favoured_by_friends() {
    use flashpoint::engine::state::Proposal;
    let (red, blue, green) = (ActorId(0), ActorId(1), ActorId(2));
    // A resolution waiting for its vote this turn, and what it leaves.
    let vote = |abstention: bool, p: Proposal, answer: Vec<_>| {
        let mut scn = mini();
        scn.council.abstention = abstention;
        let mut s = initial_state(&scn);
        rich(&mut s);
        s.council_sanctions[green.index()] = 3;
        s.proposals.push(p);
        let r = resolve_turn(&scn, &s, &Orders { list: answer }, 9);
        let passed = r
            .events
            .iter()
            .any(|e| matches!(e, Event::Vote { passed: true, .. }));
        (passed, r.state.council_sanctions.clone())
    };
    let scn = mini();
    let against_red = Proposal {
        proposer: blue,
        on: red,
        level: 2,
        turn: 0,
    };
    // Red holds a veto and cannot aim an order at itself: with or without
    // abstention it blocks a resolution on itself unasked.
    assert!(!vote(false, against_red.clone(), vec![]).0);
    assert!(!vote(true, against_red, vec![]).0);
    // On green's behalf it must order the veto when abstention is allowed.
    let against_green = Proposal {
        proposer: blue,
        on: green,
        level: 4,
        turn: 0,
    };
    assert_eq!(
        vote(true, against_green.clone(), vec![]),
        (true, vec![0, 0, 4])
    );
    let veto = vec![order(&scn, "red", "veto", Some("green"), 1)];
    assert_eq!(vote(true, against_green, veto), (false, vec![0, 0, 3]));
    // Blue moves to lift green's sanctions: red, which regards green better
    // than blue, is for lifting, so it passes (it did not before).
    let lift = Proposal {
        proposer: blue,
        on: green,
        level: 0,
        turn: 0,
    };
    assert_eq!(vote(false, lift.clone(), vec![]), (true, vec![0, 0, 0]));
    assert_eq!(vote(true, lift, vec![]), (true, vec![0, 0, 0]));
}
